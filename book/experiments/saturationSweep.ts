/**
 * The Hessian spectrum of saturating networks (tanh, sigmoid) as the hidden
 * weights are scaled up at initialization.
 *
 * @module
 */
import { networkSpectrum } from "./networkSpectrum.ts";
import type { SpectrumSummary } from "./spectrumSummary.ts";

/** Options of {@linkcode saturationSweep}; the defaults are {@linkcode SATURATION_SWEEP_DEFAULTS}. */
export interface SaturationSweepOptions {
  /** Classification data (feature rows and integer labels); the loss is cross-entropy. */
  data: { x: number[][]; y: number[] };
  /** Saturating activations to compare. */
  activations?: readonly string[];
  /** Factors applied to every hidden layer's weights after the Xavier initialization. */
  scales?: readonly number[];
  /** Hidden widths, e.g. [5, 5] for two hidden layers of 5. */
  hidden?: readonly number[];
  /** Initialization seeds. */
  seeds?: readonly number[];
}

/**
 * The defaults: tanh and sigmoid, two hidden layers of 5, hidden-weight
 * scales 0.25 to 16 (doubling), seeds 1–3.
 *
 * @example
 * ```ts
 * import { SATURATION_SWEEP_DEFAULTS } from "./saturationSweep.ts";
 * if (SATURATION_SWEEP_DEFAULTS.scales.length !== 7) throw new Error();
 * ```
 */
export const SATURATION_SWEEP_DEFAULTS: Readonly<Required<Omit<SaturationSweepOptions, "data">>> =
  Object.freeze({
    activations: Object.freeze(["tanh", "sigmoid"]) as readonly string[],
    scales: Object.freeze([0.25, 0.5, 1, 2, 4, 8, 16]) as readonly number[],
    hidden: Object.freeze([5, 5]) as readonly number[],
    seeds: Object.freeze([1, 2, 3]) as readonly number[],
  });

/** One network of the sweep. */
export interface SaturationRow {
  /** The activation. */
  activation: string;
  /** The hidden-weight scale factor. */
  scale: number;
  /** The initialization seed. */
  seed: number;
  /** The loss at this initialization. */
  loss: number;
  /**
   * The fraction of hidden-unit activation inputs with |u| > 3, where
   * tanh′ < 0.01 and sigmoid′ < 0.05: how saturated the network is.
   */
  saturated: number;
  /** All eigenvalues, ascending. */
  eigenvalues: number[];
  /** Their summary. */
  summary: SpectrumSummary;
}

/**
 * For each activation, scale and seed: initialize the network (Xavier),
 * multiply the hidden layers' weights by the scale (the output layer and the
 * biases are left alone, so only the hidden units saturate), and take the
 * exact Hessian spectrum of the cross-entropy loss there. Uses
 * `networkSpectrum`, so repeated calls are cached.
 *
 * Throws `Cannot run the saturation sweep: …` for empty axes or bad data.
 *
 * @example Larger weights, flatter bulk
 * ```ts
 * import { saturationSweep } from "./saturationSweep.ts";
 * const data = { x: [[0, 1], [1, 0], [1, 1], [0, 0]], y: [0, 1, 1, 0] };
 * const rows = saturationSweep({ data, activations: ["tanh"], scales: [1, 32], hidden: [3], seeds: [1] });
 * if (!(rows[1].saturated > rows[0].saturated)) throw new Error("more saturation expected");
 * ```
 */
export function saturationSweep(options: SaturationSweepOptions): SaturationRow[] {
  const what = "run the saturation sweep";
  const o = { ...SATURATION_SWEEP_DEFAULTS, ...options };
  const { data } = o;
  if (!data?.x?.length || data.y?.length !== data.x.length) {
    throw new RangeError(`Cannot ${what}: data needs as many labels as feature rows`);
  }
  for (const axis of ["activations", "scales", "hidden", "seeds"] as const) {
    if (!Array.isArray(o[axis]) || o[axis].length === 0) {
      throw new RangeError(`Cannot ${what}: ${axis} must be a non-empty array`);
    }
  }
  const layers = [data.x[0].length, ...o.hidden, Math.max(...data.y) + 1];
  const rows: SaturationRow[] = [];
  for (const activation of o.activations) {
    for (const scale of o.scales) {
      if (!(scale > 0) || !Number.isFinite(scale)) {
        throw new RangeError(`Cannot ${what}: scales must be positive numbers, got ${scale}`);
      }
      for (const seed of o.seeds) {
        const r = networkSpectrum({
          layers,
          activation,
          data,
          seed,
          hiddenWeightScale: scale,
        });
        rows.push({
          activation,
          scale,
          seed,
          loss: r.loss,
          saturated: r.saturated,
          eigenvalues: r.eigenvalues,
          summary: r.summary,
        });
      }
    }
  }
  return rows;
}

/**
 * Hessian spectra of small MLPs over a grid of architectures — activation,
 * plain / residual / BatchNorm, depth, width — and seeds, at initialization
 * and after training.
 *
 * @module
 */
import type { Dataset } from "../../lib/nn/mlp.ts";
import { networkSpectrum } from "./networkSpectrum.ts";

/** The architectural variants a sweep can compare. */
export type ArchitectureVariant = "plain" | "residual" | "batchnorm";

/** Where in training the Hessian is taken. */
export type TrainingState = "init" | "trained";

/** Options of {@linkcode architectureSweep}; the defaults are {@linkcode ARCHITECTURE_SWEEP_DEFAULTS}. */
export interface ArchitectureSweepOptions {
  /** Classification data (feature rows and integer labels); the loss is cross-entropy. */
  data: { x: number[][]; y: number[] };
  /** Hidden activations. */
  activations?: readonly string[];
  /** Architectural variants. */
  variants?: readonly ArchitectureVariant[];
  /** Numbers of hidden layers. */
  depths?: readonly number[];
  /** Hidden widths (every hidden layer has the same width). */
  widths?: readonly number[];
  /** Initialization seeds. */
  seeds?: readonly number[];
  /** Initialization, after training, or both. */
  states?: readonly TrainingState[];
  /** Full-batch Adam steps for the "trained" state. */
  steps?: number;
  /** Adam's learning rate. */
  lr?: number;
}

/**
 * The protocol Chapter 8 uses everywhere, so that every claim and figure
 * shares the same networks: width 5, 1 to 5 hidden layers, seeds 1–3,
 * relu, plain, the Hessian at initialization and after 300 full-batch Adam
 * steps with learning rate 0.01.
 *
 * @example
 * ```ts
 * import { ARCHITECTURE_SWEEP_DEFAULTS } from "./architectureSweep.ts";
 * if (ARCHITECTURE_SWEEP_DEFAULTS.steps !== 300) throw new Error();
 * ```
 */
export const ARCHITECTURE_SWEEP_DEFAULTS: Readonly<
  Required<Omit<ArchitectureSweepOptions, "data">>
> = Object.freeze({
  activations: Object.freeze(["relu"]) as readonly string[],
  variants: Object.freeze(["plain"]) as readonly ArchitectureVariant[],
  depths: Object.freeze([1, 2, 3, 4, 5]) as readonly number[],
  widths: Object.freeze([5]) as readonly number[],
  seeds: Object.freeze([1, 2, 3]) as readonly number[],
  states: Object.freeze(["init", "trained"]) as readonly TrainingState[],
  steps: 300,
  lr: 0.01,
});

/** One network of the sweep: its coordinates and the summary of its Hessian spectrum. */
export interface ArchitectureRow {
  /** Hidden activation. */
  activation: string;
  /** Architectural variant. */
  variant: ArchitectureVariant;
  /** Number of hidden layers. */
  depth: number;
  /** Hidden width. */
  width: number;
  /** Initialization seed. */
  seed: number;
  /** Where the Hessian was taken. */
  state: TrainingState;
  /** Number of parameters. */
  n: number;
  /** Loss where the Hessian was taken. */
  loss: number;
  /** Dead hidden units. */
  deadUnits: number;
  /** Exactly zero Hessian rows. */
  zeroRows: number;
  /** Parameters the loss cannot see, predicted from the activation pattern (null if not applicable). */
  inactive: number | null;
  /** Activation inputs exactly on a relu kink. */
  kinks: number;
  /** Numerically zero eigenvalues. */
  zero: number;
  /** Near-zero eigenvalues (zero ones included). */
  nearZero: number;
  /** nearZero / n. */
  nearZeroFraction: number;
  /** zero / n. */
  zeroFraction: number;
  /** Largest eigenvalue. */
  lambdaMax: number;
  /** Smallest eigenvalue. */
  lambdaMin: number;
  /** max|λ|. */
  scale: number;
  /** max|λ| over the smallest |λ| above the rounding tolerance (for reference; see `kappa`). */
  kappaNonzero: number;
  /** Condition number of the spectrum above 10⁻⁶·max|λ| (`KAPPA_CUTOFF_RELATIVE`). */
  kappa: number;
  /** κ at each cutoff of `KAPPA_CUTOFFS`, in that order. */
  kappaAt: number[];
  /** Median |λ|. */
  medianAbs: number;
  /** Clearly negative eigenvalues. */
  negative: number;
}

/**
 * Compute the exact Hessian spectrum of every network in the grid
 * activations × variants × depths × widths × seeds × states, on `data` with
 * the cross-entropy loss (each network through `networkSpectrum`, so
 * repeated networks are computed once per process). Layers are
 * [d0, width × depth, classes] with d0 and the class count read from the data.
 * A "residual" network of depth 1 has no layer to skip, so it is the plain one.
 *
 * Throws `Cannot run the architecture sweep: …` for empty or invalid axes.
 *
 * @example Two depths of a tiny relu network, at initialization
 * ```ts
 * import { architectureSweep } from "./architectureSweep.ts";
 * const data = { x: [[0, 1], [1, 0], [1, 1], [0, 0]], y: [0, 1, 1, 0] };
 * const rows = architectureSweep({ data, depths: [1, 2], widths: [3], seeds: [1], states: ["init"] });
 * if (rows.length !== 2 || rows[1].n !== 2 * 3 + 3 + 3 * 3 + 3 + 3 * 2 + 2) throw new Error();
 * ```
 */
export function architectureSweep(options: ArchitectureSweepOptions): ArchitectureRow[] {
  const what = "run the architecture sweep";
  const o = { ...ARCHITECTURE_SWEEP_DEFAULTS, ...options };
  const { data } = o;
  if (!data?.x?.length || data.y?.length !== data.x.length) {
    throw new RangeError(`Cannot ${what}: data needs as many labels as feature rows`);
  }
  for (const axis of ["activations", "variants", "depths", "widths", "seeds", "states"] as const) {
    if (!Array.isArray(o[axis]) || o[axis].length === 0) {
      throw new RangeError(`Cannot ${what}: ${axis} must be a non-empty array`);
    }
  }
  for (const d of [...o.depths, ...o.widths]) {
    if (!Number.isInteger(d) || d < 1) {
      throw new RangeError(`Cannot ${what}: depths and widths must be positive integers, got ${d}`);
    }
  }
  const d0 = data.x[0].length;
  const classes = Math.max(...data.y) + 1;
  const rows: ArchitectureRow[] = [];
  for (const activation of o.activations) {
    for (const variant of o.variants) {
      if (variant !== "plain" && variant !== "residual" && variant !== "batchnorm") {
        throw new RangeError(`Cannot ${what}: unknown variant ${JSON.stringify(variant)}`);
      }
      for (const depth of o.depths) {
        for (const width of o.widths) {
          for (const seed of o.seeds) {
            for (const state of o.states) {
              if (state !== "init" && state !== "trained") {
                throw new RangeError(`Cannot ${what}: unknown state ${JSON.stringify(state)}`);
              }
              const r = networkSpectrum({
                layers: [d0, ...Array(depth).fill(width), classes],
                activation,
                batchnorm: variant === "batchnorm",
                residual: variant === "residual" && depth >= 2,
                data: data as Dataset,
                seed,
                steps: state === "trained" ? o.steps : 0,
                lr: o.lr,
              });
              const s = r.summary;
              rows.push({
                activation,
                variant,
                depth,
                width,
                seed,
                state,
                n: r.n,
                loss: r.loss,
                deadUnits: r.deadUnits,
                zeroRows: r.zeroRows.length,
                inactive: r.inactive,
                kinks: r.kinks,
                zero: s.zero,
                nearZero: s.nearZero,
                nearZeroFraction: s.nearZeroFraction,
                zeroFraction: s.zeroFraction,
                lambdaMax: s.lambdaMax,
                lambdaMin: s.lambdaMin,
                scale: s.scale,
                kappaNonzero: s.kappaNonzero,
                kappa: s.kappa,
                kappaAt: s.kappaAt,
                medianAbs: s.medianAbs,
                negative: s.negative,
              });
            }
          }
        }
      }
    }
  }
  return rows;
}

/** The numeric columns of an {@linkcode ArchitectureRow}. */
export type ArchitectureMetric = {
  [K in keyof ArchitectureRow]: ArchitectureRow[K] extends number ? K : never;
}[keyof ArchitectureRow];

/**
 * The mean of `metric` over the rows that match every field of `where`, for
 * example the seeds of one (state, width) cell. Throws when no row matches.
 *
 * @example
 * ```ts
 * import { type ArchitectureRow, cellMean } from "./architectureSweep.ts";
 * const rows = [
 *   { state: "init", width: 2, zero: 1 },
 *   { state: "init", width: 2, zero: 3 },
 *   { state: "trained", width: 2, zero: 9 },
 * ] as unknown as ArchitectureRow[];
 * if (cellMean(rows, { state: "init", width: 2 }, "zero") !== 2) throw new Error();
 * ```
 */
export function cellMean(
  rows: readonly ArchitectureRow[],
  where: Partial<ArchitectureRow>,
  metric: ArchitectureMetric,
): number {
  const keys = Object.keys(where) as (keyof ArchitectureRow)[];
  const picked = rows.filter((r) => keys.every((k) => r[k] === where[k]));
  if (picked.length === 0) {
    throw new RangeError(`Cannot average the sweep: no row has ${JSON.stringify(where)}`);
  }
  return picked.reduce((s, r) => s + r[metric], 0) / picked.length;
}

/**
 * The full Hessian spectrum of a small MLP on real data, at initialization
 * or after a short seeded training run, cached in-process by its inputs.
 *
 * @module
 */
import { eigh } from "../../lib/linalg/eigh.ts";
import type { Dataset, LossName } from "../../lib/nn/mlp.ts";
import { Mlp } from "../../lib/nn/mlp.ts";
import { adam } from "../../lib/optim/adam.ts";
import { mlpObjective } from "../../lib/optim/mlpObjective.ts";
import { activationPattern } from "./activationPattern.ts";
import { inactiveParameters } from "./inactiveParameters.ts";
import { type SpectrumSummary, spectrumSummary } from "./spectrumSummary.ts";

/** Options of {@linkcode networkSpectrum}. */
export interface NetworkSpectrumOptions {
  /** Widths [d0, …, dL]. */
  layers: readonly number[];
  /** Hidden activation (relu, tanh, sigmoid, softplus, gelu, linear). */
  activation: string;
  /** BatchNorm on every hidden layer. Default false. */
  batchnorm?: boolean;
  /** Skip connections where widths allow. Default false. */
  residual?: boolean;
  /** The data: feature rows and labels (cross_entropy) or target rows (mse). */
  data: Dataset;
  /** The loss. Default "cross_entropy". */
  loss?: LossName;
  /** Seed of the initialization (`Mlp.init`, default scheme). Default 0. */
  seed?: number;
  /** Full-batch Adam steps before the Hessian is taken; 0 = at initialization. Default 0. */
  steps?: number;
  /** Adam's learning rate. Default 0.01. */
  lr?: number;
  /**
   * Multiply the weights W of every hidden layer (not the output layer, not
   * the biases) by this factor right after initialization. Default 1.
   */
  hiddenWeightScale?: number;
  /** Reuse (and store) the result of an identical earlier call. Default true. */
  cache?: boolean;
}

/** What {@linkcode networkSpectrum} returns (shared between callers when cached: do not modify). */
export interface NetworkSpectrum {
  /** The number of parameters. */
  n: number;
  /** The parameters where the Hessian was taken. */
  params: Float64Array;
  /** The loss at initialization. */
  initialLoss: number;
  /** The loss where the Hessian was taken. */
  loss: number;
  /** ‖∇L‖ where the Hessian was taken. */
  gradientNorm: number;
  /** Adam steps taken. */
  steps: number;
  /** All n eigenvalues of the exact Hessian, ascending. */
  eigenvalues: number[];
  /** The summary of the eigenvalues (zero, near-zero, κ of the nonzero part, …). */
  summary: SpectrumSummary;
  /** Indices of the Hessian rows that are exactly 0.0 in float64. */
  zeroRows: number[];
  /** The number of dead hidden units (f′ = 0 on every sample). */
  deadUnits: number;
  /** The number of activation inputs that are exactly 0 (relu kinks). */
  kinks: number;
  /** The fraction of hidden activation inputs u with |u| > 3 (saturated for tanh and sigmoid). */
  saturated: number;
  /**
   * The number of parameters the loss cannot see, predicted from the
   * activation pattern by `inactiveParameters`; null for residual or
   * BatchNorm networks and at kinks, where that rule does not apply.
   */
  inactive: number | null;
  /** Milliseconds spent (training, Hessian, eigenvalues), when computed. */
  millis: number;
}

const cache = new Map<string, NetworkSpectrum>();

/** A 32-bit FNV-1a hash of the data's numbers (their float64 bits) and shape. */
function fingerprint(data: Dataset): string {
  let h = 0x811c9dc5;
  const buf = new Float64Array(1), bytes = new Uint8Array(buf.buffer);
  const mix = (v: number) => {
    buf[0] = v;
    for (let k = 0; k < 8; k++) h = Math.imul(h ^ bytes[k], 0x01000193);
  };
  const rows = (m: ArrayLike<ArrayLike<number> | number>) => {
    mix(m.length);
    for (let i = 0; i < m.length; i++) {
      const r = m[i];
      if (typeof r === "number") mix(r);
      else {
        mix(r.length);
        for (let j = 0; j < r.length; j++) mix(r[j]);
      }
    }
  };
  rows(data.x);
  rows(data.y);
  return (h >>> 0).toString(16);
}

function saturatedFraction(inputs: Float64Array[]): number {
  let count = 0, total = 0;
  for (const u of inputs) {
    total += u.length;
    for (const v of u) if (Math.abs(v) > 3) count++;
  }
  return total === 0 ? 0 : count / total;
}

/**
 * Build the network, initialize it with `seed`, optionally scale its hidden
 * weights, train it for `steps` full-batch Adam steps (our float64 autodiff,
 * `minimize` + `adam`), then take the exact Hessian of the loss and its full
 * spectrum. Rows of H that are exactly zero (parameters the loss cannot see)
 * are split off before the dense eigendecomposition: each contributes one
 * exact zero eigenvalue, and the rest of the spectrum is that of the
 * remaining block — the same eigenvalues, found faster.
 *
 * Results are cached in-process, keyed by every option and a hash of the
 * data, so chapters, claims and tests that ask for the same network share
 * one computation. Deterministic for given inputs.
 *
 * Throws `Cannot compute the network spectrum: …` for bad options (the
 * network's own validation names bad layers or activations).
 *
 * @example A tanh network on four points
 * ```ts
 * import { networkSpectrum } from "./networkSpectrum.ts";
 * const data = { x: [[0, 1], [1, 0], [1, 1], [0, 0]], y: [0, 1, 1, 0] };
 * const r = networkSpectrum({ layers: [2, 3, 2], activation: "tanh", data, seed: 1, steps: 20 });
 * // 3 + 1 exact zeros: adding a constant to every logit changes no softmax
 * if (r.n !== 17 || r.eigenvalues.length !== 17 || r.loss >= r.initialLoss) throw new Error();
 * if (r.summary.zero !== 4) throw new Error(String(r.summary.zero));
 * ```
 */
export function networkSpectrum(options: NetworkSpectrumOptions): NetworkSpectrum {
  const what = "compute the network spectrum";
  const {
    layers,
    activation,
    batchnorm = false,
    residual = false,
    data,
    loss = "cross_entropy",
    seed = 0,
    steps = 0,
    lr = 0.01,
    hiddenWeightScale = 1,
  } = options;
  if (!Number.isInteger(steps) || steps < 0) {
    throw new RangeError(`Cannot ${what}: steps must be a non-negative integer, got ${steps}`);
  }
  if (!(lr > 0) || !Number.isFinite(lr)) {
    throw new RangeError(`Cannot ${what}: lr must be a positive number, got ${lr}`);
  }
  if (!Number.isFinite(hiddenWeightScale)) {
    throw new RangeError(
      `Cannot ${what}: hiddenWeightScale must be a finite number, got ${hiddenWeightScale}`,
    );
  }
  if (!data || !data.x || !data.y) {
    throw new RangeError(`Cannot ${what}: data must have x and y`);
  }
  const key = JSON.stringify([
    layers,
    activation,
    batchnorm,
    residual,
    loss,
    seed,
    steps,
    lr,
    hiddenWeightScale,
    fingerprint(data),
  ]);
  const useCache = options.cache ?? true;
  const hit = useCache ? cache.get(key) : undefined;
  if (hit) return hit;

  const t0 = performance.now();
  const net = new Mlp({ layers, activation, batchnorm, residual });
  const objective = mlpObjective(net, data, loss);
  const p0 = net.init({ seed });
  if (hiddenWeightScale !== 1) {
    for (const l of net.layout.layers) {
      if (!l.hidden) continue;
      for (let i = l.W.offset; i < l.W.offset + l.W.length; i++) p0[i] *= hiddenWeightScale;
    }
  }
  const initialLoss = objective.f(p0);
  let params = p0;
  if (steps > 0) {
    // Drive the Adam stepper by hand: one gradient per step, no loss recording.
    const run = adam({ lr }).start(objective, p0);
    for (let t = 0; t < steps; t++) run.step();
    params = Float64Array.from(run.x);
    if (!params.every(Number.isFinite)) {
      throw new RangeError(`Cannot ${what}: training diverged (non-finite parameters)`);
    }
  }
  const H = objective.hessian(params);
  const n = H.length;
  const zeroRows: number[] = [], keep: number[] = [];
  H.forEach((row, i) => (row.every((v) => v === 0) ? zeroRows : keep).push(i));
  const rest = keep.length === 0 ? [] : eigh(keep.map((i) => keep.map((j) => H[i][j]))).values;
  const eigenvalues = [...rest, ...zeroRows.map(() => 0)].sort((a, b) => a - b);
  const pattern = activationPattern(net, params, data.x);
  const inactive = batchnorm || residual || pattern.kinks > 0
    ? null
    : inactiveParameters(net, params, data.x).indices.length;
  const result: NetworkSpectrum = Object.freeze({
    n,
    params,
    initialLoss,
    loss: objective.f(params),
    gradientNorm: Math.hypot(...objective.grad(params)),
    steps,
    eigenvalues,
    summary: spectrumSummary(eigenvalues),
    zeroRows,
    deadUnits: pattern.dead,
    kinks: pattern.kinks,
    saturated: saturatedFraction(pattern.inputs),
    inactive,
    millis: performance.now() - t0,
  });
  if (useCache) cache.set(key, result);
  return result;
}

/**
 * The measured per-step growth factor of gradient descent on a quadratic.
 *
 * @module
 */
import type { MatrixLike } from "../../lib/linalg/matrix.ts";
import { gradientDescent } from "../../lib/optim/gradientDescent.ts";
import type { Stepper } from "../../lib/optim/optimizer.ts";
import { quadraticObjective } from "../../lib/optim/quadraticObjective.ts";
import { Rng } from "../../lib/random.ts";

const STREAM = 0x6d2b79f5;

/** Options of {@linkcode gdGrowthRate}. */
export interface GdGrowthRateOptions {
  /**
   * The run has 2N steps: N to let the slower-dying modes fade, N to
   * measure. Default N = 400.
   */
  steps?: number;
  /**
   * Seed of the random start x₀ (standard normal, from a stream separate from
   * `new Rng(seed)`, so it is not tied to a basis drawn with the same seed). Default 0.
   */
  seed?: number;
}

/** What {@linkcode gdGrowthRate} returns. */
export interface GdGrowthRate {
  /** The measured factor ρ̂ = (‖x_{2N}‖/‖x_N‖)^{1/N}. */
  rate: number;
  /** ln ρ̂ (negative: the iterates shrink; positive: they grow). */
  logRate: number;
  /** N. */
  steps: number;
}

/**
 * Run gradient descent on f(x) = ½xᵀHx from a seeded random start for 2N
 * steps (the library's `gradientDescent`) and measure how fast the iterates
 * shrink or grow: ρ̂ = (‖x_{2N}‖/‖x_N‖)^{1/N}. Gradient descent on this
 * quadratic is the linear map x ↦ (I − αH)x, so ρ̂ estimates its spectral
 * radius ρ = max|1 − αλᵢ| without computing a single eigenvalue: after the
 * first N steps the mode with the largest |1 − αλᵢ| dominates. The run
 * converges when ρ̂ < 1 and diverges when ρ̂ > 1. The estimate is biased
 * low by about (r/ρ)^{2N}/(2N) when the next-largest factor is r, so N
 * must grow with the conditioning: a mode with r close to ρ takes many
 * steps to fade.
 *
 * The map is linear, so the iterate is rescaled by a power of two whenever
 * its norm leaves [2⁻⁵⁰⁰, 2⁵⁰⁰] (exact, and undone in the bookkeeping):
 * strongly divergent or convergent runs neither overflow nor underflow.
 *
 * Errors: `Cannot measure the growth rate of gradient descent: …`.
 *
 * @example Contraction below 2/λmax, growth above
 * ```ts
 * import { gdGrowthRate } from "./gdGrowthRate.ts";
 * const H = [[1, 0], [0, 4]]; // 2/λmax = 0.5
 * const slow = gdGrowthRate(H, 0.1).rate; // max(|1 − 0.1|, |1 − 0.4|) = 0.9
 * if (Math.abs(slow - 0.9) > 1e-12) throw new Error(String(slow));
 * if (!(gdGrowthRate(H, 0.6).rate > 1)) throw new Error("α > 2/λmax must diverge");
 * ```
 */
export function gdGrowthRate(
  H: MatrixLike,
  lr: number,
  options: GdGrowthRateOptions = {},
): GdGrowthRate {
  const what = "measure the growth rate of gradient descent";
  if (typeof lr !== "number" || !Number.isFinite(lr) || lr <= 0) {
    throw new RangeError(`Cannot ${what}: lr must be a finite number > 0, got ${lr}`);
  }
  const N = options.steps ?? 400;
  if (!Number.isInteger(N) || N < 1) {
    throw new RangeError(`Cannot ${what}: option steps must be an integer ≥ 1, got ${N}`);
  }
  const objective = quadraticObjective(H);
  const n = objective.size;
  const optimizer = gradientDescent({ lr });
  // A stream of its own: Rng(seed) also builds matrixWithSpectrum's basis, and a start drawn
  // from that same stream would be an eigenvector of such a matrix (one mode only).
  const rng = new Rng(((options.seed ?? 0) ^ STREAM) >>> 0);
  let stepper: Stepper = optimizer.start(objective, rng.normalVector(n));
  // log₂ of the factor the stored iterate has been divided by so far.
  let shift = 0;
  const log2Norm = () => {
    let s = 0;
    for (const v of stepper.x) s += v * v;
    return 0.5 * Math.log2(s) + shift;
  };
  let atN = 0;
  for (let k = 1; k <= 2 * N; k++) {
    stepper.step();
    let s = 0;
    for (const v of stepper.x) s += v * v;
    if (s === 0) {
      throw new RangeError(`Cannot ${what}: the iterate became exactly 0 after ${k} steps`);
    }
    const e = Math.round(0.5 * Math.log2(s));
    if (e > 500 || e < -500) {
      const x = stepper.x.map((v) => v * 2 ** -e);
      shift += e;
      stepper = optimizer.start(objective, x);
    }
    if (k === N) atN = log2Norm();
  }
  const logRate = ((log2Norm() - atN) / N) * Math.LN2;
  return { rate: Math.exp(logRate), logRate, steps: N };
}

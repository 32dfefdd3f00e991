/**
 * The escape time of perturbed gradient descent from a quadratic saddle,
 * predicted in closed form.
 *
 * @module
 */
import { erf } from "../../lib/activations/erf.ts";

/** Options of {@linkcode predictedEscapeTime}. */
export interface PredictedEscapeTimeOptions {
  /** The learning rate α > 0. Required. */
  lr: number;
  /** The negative eigenvalue λ < 0 of the saddle's Hessian (its most negative one). Required. */
  curvature: number;
  /** The noise scale σ > 0: ξ_k ~ N(0, σ²I) at every step. Required. */
  noise: number;
  /** The radius R of the ball to leave. Default 1. */
  radius?: number;
  /** Which quantile p ∈ (0, 1) of the escape time to predict. Default 0.5 (the median). */
  quantile?: number;
}

/**
 * The p-quantile of the escape time of perturbed gradient descent,
 * x_{k+1} = x_k − α∇f(x_k) + ξ_k with ξ_k ~ N(0, σ²I), from a ball of radius
 * R around the saddle of a quadratic, started on its stable manifold (zero
 * component along the eigenvector of λ < 0).
 *
 * Along that eigenvector the component u obeys u_{k+1} = q·u_k + σz_k with
 * q = 1 − αλ > 1 and z_k standard normal, so
 * u_k = σq^{k−1}S_k with S_k = Σ_{j<k} q^{−j}z_j → S ~ N(0, 1/(1 − q⁻²)).
 * It leaves the ball when σq^{k−1}|S| > R, i.e. after
 * T = 1 + ln(R/(σ|S|))/ln q steps, a decreasing function of |S|; the
 * p-quantile of T is T at the (1 − p)-quantile of |S|. The prediction is a
 * real number (the measured step is an integer just above it) and ignores the
 * stable directions, whose noise stays of order σ ≪ R. It grows only like
 * ln(1/σ): a millionfold smaller noise costs ln(10⁶)/ln q more steps.
 *
 * Errors: `Cannot predict the escape time: …` for λ ≥ 0, α ≤ 0, σ ≤ 0,
 * R ≤ 0 or a quantile outside (0, 1).
 *
 * @example x² − y² (λ = −2) with α = 0.1: q = 1.2
 * ```ts
 * import { predictedEscapeTime } from "./predictedEscapeTime.ts";
 * const median = predictedEscapeTime({ lr: 0.1, curvature: -2, noise: 1e-6 });
 * const smaller = predictedEscapeTime({ lr: 0.1, curvature: -2, noise: 1e-12 });
 * if (Math.abs(smaller - median - Math.log(1e6) / Math.log(1.2)) > 1e-9) throw new Error();
 * ```
 */
export function predictedEscapeTime(options: PredictedEscapeTimeOptions): number {
  const what = "predict the escape time";
  const { lr, curvature, noise } = options ?? ({} as PredictedEscapeTimeOptions);
  const radius = options?.radius ?? 1;
  const p = options?.quantile ?? 0.5;
  const positive = (value: unknown, name: string) => {
    if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
      throw new RangeError(
        `Cannot ${what}: option ${name} must be a finite number > 0, got ${value}`,
      );
    }
  };
  positive(lr, "lr");
  positive(noise, "noise");
  positive(radius, "radius");
  if (typeof curvature !== "number" || !(curvature < 0) || !Number.isFinite(curvature)) {
    throw new RangeError(
      `Cannot ${what}: option curvature must be a finite negative eigenvalue, got ${curvature}`,
    );
  }
  if (typeof p !== "number" || !(p > 0 && p < 1)) {
    throw new RangeError(`Cannot ${what}: option quantile must be in (0, 1), got ${p}`);
  }
  const q = 1 - lr * curvature;
  const sd = 1 / Math.sqrt(1 - 1 / (q * q));
  const s = sd * absNormalQuantile(1 - p);
  return 1 + Math.log(radius / (noise * s)) / Math.log(q);
}

/** The u-quantile of |Z| for a standard normal Z: solves erf(z/√2) = u by bisection. */
function absNormalQuantile(u: number): number {
  let lo = 0, hi = 40;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (erf(mid / Math.SQRT2) < u) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

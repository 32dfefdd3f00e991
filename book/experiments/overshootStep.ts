/**
 * How far a step along a descent direction can go before f is no lower
 * than where it started: predicted by the quadratic model, and measured.
 *
 * @module
 */
import type { LineTaylor } from "./lineTaylor.ts";

/** Options of {@linkcode overshootStep}. */
export interface OvershootStepOptions {
  /**
   * Search for the crossing in (0, tMax]. Default 10 times the model's
   * prediction (required when the model predicts none, g″(0) ≤ 0).
   */
  tMax?: number;
  /** Grid points of the scan before bisection. Default 20000. */
  points?: number;
}

/** What {@linkcode overshootStep} returns. */
export interface OvershootStep {
  /**
   * The model's overshoot step 2|g′(0)|/g″(0): where the quadratic model
   * q(t) climbs back to g(0). ∞ when g″(0) ≤ 0.
   */
  model: number;
  /** The model's best step |g′(0)|/g″(0) (∞ when g″(0) ≤ 0). */
  modelMinimizer: number;
  /** The first t > 0 with g(t) ≥ g(0), to bisection accuracy; ∞ if none up to tMax. */
  actual: number;
  /** The lowest g on the scan grid and where it is: the line search's answer. */
  lineMinimum: { t: number; value: number };
}

/**
 * For a line g(t) = f(x + tv) along a descent direction (g′(0) < 0), find
 * the overshoot step: the smallest t > 0 at which f is back up to f(x).
 * Any step longer than that (for gradient descent, t = α‖∇f‖) makes things
 * worse. The quadratic Taylor model q(t) = g(0) + g′(0)t + ½g″(0)t² puts it
 * at 2|g′(0)|/g″(0); the true one comes from scanning g on a uniform grid in
 * (0, tMax] and bisecting the first sign change of g(t) − g(0). A crossing
 * narrower than the grid spacing can be missed.
 *
 * Errors: `Cannot find the overshoot step: …` when v is not a descent
 * direction or the options are invalid.
 *
 * @example On a pure quadratic the model is exact
 * ```ts
 * import { lineTaylor } from "./lineTaylor.ts";
 * import { overshootStep } from "./overshootStep.ts";
 * const bowl = {
 *   f: ([x]: Float64Array) => 2 * x * x,
 *   grad: ([x]: Float64Array) => new Float64Array([4 * x]),
 *   hessian: () => [[4]],
 * };
 * const r = overshootStep(lineTaylor(bowl, [1], [-1])); // g(t) = 2(1 − t)²: back to 2 at t = 2
 * if (Math.abs(r.actual - 2) > 1e-9 || Math.abs(r.model - 2) > 1e-15) throw new Error();
 * ```
 */
export function overshootStep(
  line: LineTaylor,
  options: OvershootStepOptions = {},
): OvershootStep {
  const what = "find the overshoot step";
  if (line === null || typeof line?.g !== "function") {
    throw new TypeError(`Cannot ${what}: line must be the result of lineTaylor`);
  }
  const { slope, curvature, value } = line;
  if (!(slope < 0)) {
    throw new RangeError(
      `Cannot ${what}: g′(0) = ${slope} is not negative (not a descent direction)`,
    );
  }
  const model = curvature > 0 ? (2 * -slope) / curvature : Infinity;
  const modelMinimizer = model / 2;
  const tMax = options.tMax ?? 10 * model;
  if (typeof tMax !== "number" || !Number.isFinite(tMax) || tMax <= 0) {
    throw new RangeError(
      `Cannot ${what}: option tMax must be a finite number > 0, got ${tMax}` +
        (Number.isFinite(model) ? "" : " (g″(0) ≤ 0, so there is no default)"),
    );
  }
  const points = options.points ?? 20000;
  if (!Number.isInteger(points) || points < 2) {
    throw new RangeError(`Cannot ${what}: option points must be an integer ≥ 2, got ${points}`);
  }
  const dt = tMax / points;
  let lineMinimum = { t: 0, value };
  let actual = Infinity;
  for (let k = 1; k <= points; k++) {
    const t = k * dt, gt = line.g(t);
    if (gt < lineMinimum.value) lineMinimum = { t, value: gt };
    if (gt >= value && actual === Infinity) {
      let lo = (k - 1) * dt, hi = t;
      for (let it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
        const mid = 0.5 * (lo + hi);
        if (line.g(mid) >= value) hi = mid;
        else lo = mid;
      }
      actual = hi;
    }
  }
  return { model, modelMinimizer, actual, lineMinimum };
}

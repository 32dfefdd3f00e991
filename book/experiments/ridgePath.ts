/**
 * Ridge regression over a sweep of λ: coefficients, their norm and the
 * condition number of XᵀX + λI.
 *
 * @module
 */
import type { MatrixLike } from "../../lib/linalg/matrix.ts";
import { ridgeRegression } from "../../lib/regularize/ridgeRegression.ts";

/** One λ of a {@linkcode ridgePath}. */
export interface RidgePathPoint {
  /** The ridge parameter λ. */
  lambda: number;
  /** The coefficients β(λ) solving (XᵀX + λI)β = Xᵀy. */
  beta: number[];
  /** ‖β(λ)‖₂. */
  betaNorm: number;
  /** κ(XᵀX + λI) as reported by `ridgeRegression`. */
  conditionNumber: number;
}

/** What {@linkcode ridgePath} returns. */
export interface RidgePath {
  /** Eigenvalues of XᵀX, ascending (the same for every λ). */
  gramEigenvalues: number[];
  /** Whether XᵀX is numerically singular (see `ridgeConditionNumber`). */
  singular: boolean;
  /** One point per λ, in the order given. */
  points: RidgePathPoint[];
}

/**
 * Fit ridge regression, minimize ‖y − Xβ‖² + λ‖β‖², for every λ in
 * `lambdas` with `ridgeRegression` (normal equations by Cholesky), and
 * collect the coefficient path β(λ), its norm and κ(λ) =
 * (λmax + λ)/(λmin + λ). The norm ‖β(λ)‖ decreases as λ grows (shrinkage),
 * and κ(λ) falls from λmax/λmin (∞ for a singular XᵀX) towards 1.
 *
 * Errors: `Cannot trace the ridge path: …` for an empty or non-numeric
 * `lambdas`; a λ = 0 with a singular XᵀX fails in `ridgeRegression`
 * (`Cannot fit ridge regression: XᵀX + λI is not positive definite …`).
 *
 * @example Shrinkage on a tiny design
 * ```ts
 * import { ridgePath } from "./ridgePath.ts";
 * const X = [[1, 0], [0, 1], [1, 1]], y = [1, 2, 3];
 * const { points } = ridgePath(X, y, [0, 1, 10, 100]);
 * for (let i = 1; i < points.length; i++) {
 *   if (!(points[i].betaNorm < points[i - 1].betaNorm)) throw new Error("no shrinkage");
 * }
 * if (Math.abs(points[0].beta[0] - 1) > 1e-12 || Math.abs(points[0].beta[1] - 2) > 1e-12) {
 *   throw new Error(String(points[0].beta)); // λ = 0: least squares fits exactly
 * }
 * ```
 */
export function ridgePath(
  X: MatrixLike,
  y: ArrayLike<number>,
  lambdas: ArrayLike<number>,
): RidgePath {
  const what = "trace the ridge path";
  if (lambdas === null || typeof lambdas !== "object" || typeof lambdas.length !== "number") {
    throw new TypeError(`Cannot ${what}: lambdas must be an array of numbers`);
  }
  if (lambdas.length === 0) throw new RangeError(`Cannot ${what}: lambdas is empty`);
  let gramEigenvalues: number[] = [];
  let singular = false;
  const points: RidgePathPoint[] = [];
  for (let k = 0; k < lambdas.length; k++) {
    const lambda = lambdas[k];
    if (typeof lambda !== "number" || !Number.isFinite(lambda) || lambda < 0) {
      throw new RangeError(`Cannot ${what}: lambdas[${k}] is ${lambda}, not a finite number ≥ 0`);
    }
    const r = ridgeRegression(X, y, lambda);
    gramEigenvalues = r.gramEigenvalues;
    singular = r.singular;
    points.push({
      lambda,
      beta: r.beta,
      betaNorm: Math.hypot(...r.beta),
      conditionNumber: r.conditionNumber,
    });
  }
  return { gramEigenvalues, singular, points };
}

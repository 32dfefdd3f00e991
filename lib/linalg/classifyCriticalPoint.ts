/**
 * The second-derivative test: classify a critical point by its Hessian.
 *
 * @module
 */
import { eigh } from "./eigh.ts";
import type { MatrixLike } from "./matrix.ts";
import { checkValues, DEGENERATE_TOLERANCE, signs } from "./_spectrumSigns.ts";

export { DEGENERATE_TOLERANCE };

/** The kinds of critical point the second-derivative test distinguishes. */
export type CriticalPoint = "minimum" | "maximum" | "saddle" | "degenerate";

/**
 * The second-derivative test from eigenvalues. A point is **degenerate**
 * when some |λ| ≤ 1e-9·max(1, max|λ|) (the test is inconclusive there, even
 * if other eigenvalues have both signs); otherwise it is a **minimum** when
 * every λ > 0, a **maximum** when every λ < 0, and a **saddle** when there
 * are both signs. The gradient is not consulted: this classifies the
 * curvature, and is a statement about a critical point only where ∇f = 0.
 *
 * @example
 * ```ts
 * import { classifyEigenvalues } from "./classifyCriticalPoint.ts";
 * if (classifyEigenvalues([-2, 2]) !== "saddle") throw new Error();
 * if (classifyEigenvalues([0, 2]) !== "degenerate") throw new Error();
 * if (classifyEigenvalues([1e-12, 1]) !== "degenerate") throw new Error();
 * ```
 */
export function classifyEigenvalues(values: ArrayLike<number>): CriticalPoint {
  checkValues(values, "classify the critical point");
  const { neg, zero, pos } = signs(values);
  if (zero > 0) return "degenerate";
  if (neg === 0) return "minimum";
  if (pos === 0) return "maximum";
  return "saddle";
}

/**
 * The second-derivative test on a Hessian: its eigenvalues (by
 * {@linkcode eigh}) classified by {@linkcode classifyEigenvalues}.
 *
 * @example The paper's examples
 * ```ts
 * import { classifyCriticalPoint } from "./classifyCriticalPoint.ts";
 * if (classifyCriticalPoint([[2, 0], [0, -2]]) !== "saddle") throw new Error("x² − y²");
 * if (classifyCriticalPoint([[2, 0], [0, 0]]) !== "degenerate") throw new Error("x²");
 * if (classifyCriticalPoint([[2, 1], [1, 2]]) !== "minimum") throw new Error("bowl");
 * ```
 */
export function classifyCriticalPoint(h: MatrixLike): CriticalPoint {
  return classifyEigenvalues(eigh(h).values);
}

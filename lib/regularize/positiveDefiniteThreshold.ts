/**
 * How much damping makes a symmetric matrix positive definite.
 *
 * @module
 */
import { eigh } from "../linalg/eigh.ts";
import type { MatrixLike } from "../linalg/matrix.ts";
import { isLinearOperator, type LinearOperator } from "../linalg/operator.ts";
import { lanczos } from "../spectra/lanczos.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options for {@linkcode positiveDefiniteThreshold} on an operator. */
export interface PositiveDefiniteThresholdOptions {
  /** Seed of Lanczos's start vector (operators only). Default 0. */
  seed?: number;
  /** Lanczos residual tolerance relative to ‖H‖ (operators only). Default 1e-12. */
  tol?: number;
}

/**
 * The boundary ε* = −λmin(H) of the damping that makes H + εI positive
 * definite. The eigenvalues of H + εI are λᵢ + ε, so H + εI is positive
 * definite **exactly when ε > −λmin**: the set of good ε is the open
 * interval (−λmin, ∞) and has no smallest element. At ε = ε* the matrix is
 * singular (positive semidefinite); any ε = ε* + δ with δ > 0 works, and
 * κ(H + εI) = (λmax + ε)/(λmin + ε) = (λmax − λmin + δ)/δ tells how
 * ill-conditioned that choice is. A negative ε* means H is already positive
 * definite and could even be shifted down by up to |ε*|.
 *
 * A dense matrix is decomposed with {@linkcode eigh}; for an operator λmin
 * comes from {@linkcode lanczos} (matrix-free, accurate to about tol·‖H‖).
 *
 * @example The saddle x² − y² needs ε > 2
 * ```ts
 * import { positiveDefiniteThreshold } from "./positiveDefiniteThreshold.ts";
 * if (positiveDefiniteThreshold([[2, 0], [0, -2]]) !== 2) throw new Error();
 * ```
 */
export function positiveDefiniteThreshold(
  h: MatrixLike | LinearOperator,
  options: PositiveDefiniteThresholdOptions = {},
): number {
  if (isLinearOperator(h)) {
    const what = "compute the positive-definite threshold";
    const r = lanczos(h, {
      bottom: 1,
      seed: numberOption(options, "seed", { what, default: 0 }),
      tol: numberOption(options, "tol", { what, min: 0, exclusiveMin: true, default: 1e-12 }),
    });
    return -r.bottom.values[0];
  }
  return -eigh(h).values[0];
}

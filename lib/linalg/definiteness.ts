/**
 * The definiteness of a symmetric matrix.
 *
 * @module
 */
import { eigh } from "./eigh.ts";
import type { MatrixLike } from "./matrix.ts";
import { signs } from "./_spectrumSigns.ts";

/** The definiteness of a symmetric matrix (see {@linkcode definiteness}). */
export type Definiteness =
  | "positive definite"
  | "negative definite"
  | "positive semidefinite"
  | "negative semidefinite"
  | "indefinite"
  | "zero";

/**
 * The definiteness of a symmetric matrix, with eigenvalues within the
 * degeneracy tolerance (|λ| ≤ 1e-9·max(1, max|λ|), as in `classifyEigenvalues`) counted as zero:
 * "positive definite" (all λ > 0), "positive semidefinite" (λ ≥ 0, some
 * zero), the negative counterparts, "indefinite" (both signs) or "zero"
 * (every eigenvalue zero, which is both semidefinite kinds). Positive
 * definite is exactly the test's "minimum", negative definite its "maximum".
 *
 * @example
 * ```ts
 * import { definiteness } from "./definiteness.ts";
 * if (definiteness([[2, 0], [0, 0]]) !== "positive semidefinite") throw new Error();
 * if (definiteness([[2, 0], [0, -2]]) !== "indefinite") throw new Error();
 * ```
 */
export function definiteness(h: MatrixLike): Definiteness {
  const { neg, zero, pos } = signs(eigh(h).values);
  if (neg === 0 && pos === 0) return "zero";
  if (neg > 0 && pos > 0) return "indefinite";
  if (neg === 0) return zero === 0 ? "positive definite" : "positive semidefinite";
  return zero === 0 ? "negative definite" : "negative semidefinite";
}

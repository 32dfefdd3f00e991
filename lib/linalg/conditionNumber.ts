/**
 * The spectral condition number of a symmetric matrix.
 *
 * @module
 */
import { eigh } from "./eigh.ts";
import type { MatrixLike } from "./matrix.ts";
import { checkNumber } from "../validate/checkNumber.ts";

/** Options for {@linkcode conditionNumber}. */
export interface ConditionNumberOptions {
  /**
   * Relative tolerance below which the matrix counts as singular: κ = ∞ when
   * min|λ| ≤ tol·max|λ|. Default n·ε (ε = 2⁻⁵², the rule NumPy's
   * `matrix_rank` uses), i.e. κ beyond about 1/(nε) is not resolvable in
   * float64 and is reported as ∞. Pass 0 for the raw ratio, ∞ only for an
   * exactly zero eigenvalue.
   */
  tol?: number;
}

/**
 * The 2-norm condition number κ(H) = max|λ| / min|λ| of a symmetric matrix
 * (it is symmetrized first), and ∞ for a singular one (see
 * {@linkcode ConditionNumberOptions.tol}).
 *
 * For an indefinite matrix the definition uses magnitudes: κ is the ratio of
 * the largest to the smallest |λ| (the singular values of a symmetric matrix
 * are the |λᵢ|), so [[2, 0], [0, -2]] has κ = 1. For a positive definite
 * matrix this is the familiar λmax/λmin.
 *
 * @example
 * ```ts
 * import { conditionNumber } from "./conditionNumber.ts";
 * if (conditionNumber([[4, 0], [0, 1]]) !== 4) throw new Error("4/1");
 * if (conditionNumber([[2, 0], [0, -2]]) !== 1) throw new Error("|λ| ratio");
 * if (conditionNumber([[2, 0], [0, 0]]) !== Infinity) throw new Error("singular");
 * ```
 */
export function conditionNumber(h: MatrixLike, options: ConditionNumberOptions = {}): number {
  const { values } = eigh(h);
  const n = values.length;
  const tol = checkNumber(options.tol ?? n * Number.EPSILON, "option tol", {
    what: "compute the condition number",
    min: 0,
  });
  let lo = Infinity, hi = 0;
  for (const l of values) {
    const a = Math.abs(l);
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  }
  if (hi === 0 || lo <= tol * hi) return Infinity;
  return hi / lo;
}

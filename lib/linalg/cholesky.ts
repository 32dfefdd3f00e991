/**
 * The Cholesky factorization of a symmetric positive definite matrix.
 *
 * @module
 */
import { type MatrixLike, toRows } from "./matrix.ts";
import { checkNumber } from "../validate/checkNumber.ts";
import { toVector } from "../validate/toVector.ts";

/** Options for {@linkcode cholesky} and {@linkcode choleskySolve}. */
export interface CholeskyOptions {
  /**
   * Relative pivot tolerance: the matrix counts as not (numerically)
   * positive definite when a pivot dₖ = aₖₖ − Σⱼ lₖⱼ² satisfies
   * dₖ ≤ tol·max|aᵢᵢ|. Default 16·n·ε (ε = 2⁻⁵²), a few times the rounding
   * error of the pivots, so an exactly singular Gram matrix (collinear
   * columns) is rejected instead of producing a pivot of 1e-16 and a
   * meaningless solution. Pass 0 to reject only pivots ≤ 0.
   */
  tol?: number;
  /** The action named in error messages, as in `Cannot <what>: …`. Default "compute the Cholesky factorization". */
  what?: string;
}

/**
 * The lower-triangular L with A = LLᵀ, for a symmetric positive definite A.
 * Throws `Cannot compute the Cholesky factorization: the matrix is not
 * positive definite (pivot k is d)` when a pivot fails the test of
 * {@linkcode CholeskyOptions.tol}, and rejects a matrix that is not
 * symmetric (to 1e-12 relative).
 *
 * @example
 * ```ts
 * import { cholesky } from "./cholesky.ts";
 * const L = cholesky([[4, 2], [2, 5]]);
 * if (L[0][0] !== 2 || L[1][0] !== 1 || L[1][1] !== 2 || L[0][1] !== 0) throw new Error();
 * let msg = "";
 * try { cholesky([[1, 2], [2, 4]]); } catch (e) { msg = String(e); }
 * if (!msg.includes("not positive definite")) throw new Error(msg);
 * ```
 */
export function cholesky(a: MatrixLike, options: CholeskyOptions = {}): number[][] {
  const what = options.what ?? "compute the Cholesky factorization";
  const m = toRows(a, what, { square: true });
  const n = m.length;
  const tol = checkNumber(options.tol ?? 16 * n * Number.EPSILON, "option tol", { what, min: 0 });
  let scale = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(m[i][j]));
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(m[i][j] - m[j][i]) > 1e-12 * scale) {
        throw new RangeError(
          `Cannot ${what}: the matrix is not symmetric (entry [${i}][${j}] is ${
            m[i][j]
          }, entry [${j}][${i}] is ${m[j][i]})`,
        );
      }
    }
  }
  let diag = 0;
  for (let i = 0; i < n; i++) diag = Math.max(diag, Math.abs(m[i][i]));
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let k = 0; k < n; k++) {
    const lk = L[k];
    let d = m[k][k];
    for (let j = 0; j < k; j++) d -= lk[j] * lk[j];
    if (!(d > tol * diag) || d <= 0) {
      throw new RangeError(
        `Cannot ${what}: the matrix is not positive definite (pivot ${k} is ${d}` +
          (d > 0 ? `, below the tolerance ${tol * diag}` : "") + ")",
      );
    }
    const s = Math.sqrt(d);
    lk[k] = s;
    for (let i = k + 1; i < n; i++) {
      const li = L[i];
      let t = m[i][k];
      for (let j = 0; j < k; j++) t -= li[j] * lk[j];
      li[k] = t / s;
    }
  }
  return L;
}

/**
 * Solve A x = b for a symmetric positive definite A by Cholesky: A = LLᵀ,
 * then forward substitution L y = b and back substitution Lᵀx = y. Errors
 * as in {@linkcode cholesky}.
 *
 * @example
 * ```ts
 * import { choleskySolve } from "./cholesky.ts";
 * const x = choleskySolve([[4, 2], [2, 5]], [6, 7]);
 * if (Math.abs(x[0] - 1) > 1e-15 || Math.abs(x[1] - 1) > 1e-15) throw new Error(String(x));
 * ```
 */
export function choleskySolve(
  a: MatrixLike,
  b: ArrayLike<number>,
  options: CholeskyOptions = {},
): number[] {
  const what = options.what ?? "solve by Cholesky";
  const L = cholesky(a, { ...options, what });
  const n = L.length;
  const rhs = toVector(b, what, "b", { length: n });
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = rhs[i];
    for (let j = 0; j < i; j++) s -= L[i][j] * y[j];
    y[i] = s / L[i][i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let j = i + 1; j < n; j++) s -= L[j][i] * x[j];
    x[i] = s / L[i][i];
  }
  return x;
}

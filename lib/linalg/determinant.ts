/**
 * The determinant by LU factorization.
 *
 * @module
 */
import { type MatrixLike, toRows } from "./matrix.ts";

/**
 * The determinant of a square matrix, computed by LU factorization with
 * partial pivoting (the product of the pivots times the sign of the row
 * permutation). It never looks at eigenvalues, so det H = Πλᵢ is a real
 * check of an eigendecomposition. A zero pivot gives exactly 0.
 *
 * @example
 * ```ts
 * import { determinant } from "./determinant.ts";
 * if (determinant([[2, 0], [0, -2]]) !== -4) throw new Error("saddle");
 * if (determinant([[1, 2], [2, 4]]) !== 0) throw new Error("singular");
 * ```
 */
export function determinant(h: MatrixLike): number {
  const a = toRows(h, "compute the determinant", { square: true });
  const n = a.length;
  let det = 1;
  for (let k = 0; k < n; k++) {
    let p = k, best = Math.abs(a[k][k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i][k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (best === 0) return 0;
    if (p !== k) {
      const t = a[k];
      a[k] = a[p];
      a[p] = t;
      det = -det;
    }
    const rk = a[k], piv = rk[k];
    det *= piv;
    for (let i = k + 1; i < n; i++) {
      const ri = a[i], l = ri[k] / piv;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) ri[j] -= l * rk[j];
    }
  }
  return det;
}

/**
 * Matrix input for the linear-algebra routines: `MatrixLike` and `toRows`
 * (from the validation module, lib/validate), and the symmetric part of a matrix.
 *
 * @module
 */

export type { MatrixLike } from "../validate/toFlatMatrix.ts";
export { toRows } from "../validate/toRows.ts";
import type { MatrixLike } from "../validate/toFlatMatrix.ts";
import { toRows } from "../validate/toRows.ts";

/**
 * The symmetric part (A + Aᵀ)/2 of a square matrix, as rows.
 *
 * @example
 * ```ts
 * import { symmetrize } from "./matrix.ts";
 * const s = symmetrize([[1, 2], [4, 3]]);
 * if (s[0][1] !== 3 || s[1][0] !== 3) throw new Error("not symmetric");
 * ```
 */
export function symmetrize(m: MatrixLike): number[][] {
  const a = toRows(m, "symmetrize", { square: true });
  const n = a.length;
  const s = a.map((r) => r.slice());
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (a[i][j] + a[j][i]);
      s[i][j] = v;
      s[j][i] = v;
    }
  }
  return s;
}

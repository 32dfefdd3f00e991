/**
 * The damped matrix H + εI.
 *
 * @module
 */
import { type MatrixLike, toRows } from "../linalg/matrix.ts";
import { checkNumber } from "../validate/checkNumber.ts";

/**
 * The matrix H + εI, as rows (H is copied, not modified).
 *
 * @example Regularizing the singular Hessian of x²
 * ```ts
 * import { shiftMatrix } from "./shiftMatrix.ts";
 * const H = shiftMatrix([[2, 0], [0, 0]], 0.1);
 * if (H[0][0] !== 2.1 || H[1][1] !== 0.1 || H[0][1] !== 0) throw new Error();
 * ```
 */
export function shiftMatrix(h: MatrixLike, epsilon: number): number[][] {
  checkNumber(epsilon, "epsilon", { what: "shift the matrix" });
  const a = toRows(h, "shift the matrix", { square: true });
  for (let i = 0; i < a.length; i++) a[i][i] += epsilon;
  return a;
}

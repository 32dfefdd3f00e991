/**
 * Check a matrix of numbers and copy it into an array of rows.
 *
 * @module
 */
import { type MatrixLike, type MatrixOptions, toFlatMatrix } from "./toFlatMatrix.ts";

/**
 * Check `matrix` as {@linkcode toFlatMatrix} does (non-empty, rectangular,
 * finite, the shape `options` asks for) and return a copy as `number[]` rows.
 *
 * @param matrix Rows of numbers, or an ml-matrix `Matrix`.
 * @param what The action that fails on bad input, e.g. "compute the trace".
 * @param options The name for messages and the required shape.
 *
 * @example
 * ```ts
 * import { toRows } from "./toRows.ts";
 * const rows = toRows([[1, 2], [3, 4]], "compute the trace", { square: true });
 * if (rows[1][0] !== 3) throw new Error("wrong");
 * let msg = "";
 * try { toRows([[1, 2], [3]], "compute the trace"); } catch (e) { msg = String(e); }
 * if (!msg.includes("the matrix is ragged (row 1 has 1 entry, row 0 has 2)")) throw new Error(msg);
 * ```
 */
export function toRows(
  matrix: MatrixLike,
  what: string,
  options: MatrixOptions = {},
): number[][] {
  const { data, rows, cols } = toFlatMatrix(matrix, what, options);
  const out: number[][] = new Array(rows);
  for (let i = 0; i < rows; i++) out[i] = Array.from(data.subarray(i * cols, (i + 1) * cols));
  return out;
}

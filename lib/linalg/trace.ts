/**
 * The trace of a square matrix.
 *
 * @module
 */
import { type MatrixLike, toRows } from "./matrix.ts";

/**
 * The trace Σᵢ hᵢᵢ of a square matrix, which for a symmetric matrix equals
 * the sum of its eigenvalues.
 *
 * @example
 * ```ts
 * import { trace } from "./trace.ts";
 * if (trace([[2, 7], [7, -2]]) !== 0) throw new Error("trace of the saddle is 0");
 * ```
 */
export function trace(h: MatrixLike): number {
  const a = toRows(h, "compute the trace", { square: true });
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i][i];
  return s;
}

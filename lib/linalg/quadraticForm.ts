/**
 * The quadratic form vᵀHv.
 *
 * @module
 */
import { type MatrixLike, toRows } from "./matrix.ts";
import { toVector } from "../validate/toVector.ts";

/**
 * The quadratic form vᵀHv: the curvature of x ↦ ½xᵀHx along v (times ‖v‖²).
 * For a unit eigenvector it equals the eigenvalue.
 *
 * @example
 * ```ts
 * import { quadraticForm } from "./quadraticForm.ts";
 * if (quadraticForm([[2, 0], [0, -2]], [0, 1]) !== -2) throw new Error("down along y");
 * ```
 */
export function quadraticForm(h: MatrixLike, v: ArrayLike<number>): number {
  const what = "compute the quadratic form";
  const a = toRows(h, what, { square: true });
  const n = a.length;
  const x = toVector(v, what, "v", { length: n });
  let s = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) r += a[i][j] * x[j];
    s += x[i] * r;
  }
  return s;
}

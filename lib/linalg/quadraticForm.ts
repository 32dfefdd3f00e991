/**
 * The quadratic form vᵀHv.
 *
 * @module
 */
import { type MatrixLike, toRows } from "./matrix.ts";

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
  if (v === null || typeof v !== "object" || typeof v.length !== "number") {
    throw new TypeError(`Cannot ${what}: v must be an array of numbers`);
  }
  if (v.length !== n) {
    throw new RangeError(`Cannot ${what}: v has length ${v.length}, the matrix is ${n}×${n}`);
  }
  for (let i = 0; i < n; i++) {
    if (typeof v[i] !== "number" || !Number.isFinite(v[i])) {
      throw new RangeError(`Cannot ${what}: v[${i}] is ${v[i]}, not a finite number`);
    }
  }
  let s = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) r += a[i][j] * v[j];
    s += v[i] * r;
  }
  return s;
}

/**
 * The matrix-free view of a symmetric matrix: something that can multiply a
 * vector. Every spectral routine accepts one, so the same code runs on a dense
 * matrix and on a Hessian-vector-product closure.
 *
 * @module
 */
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import { Matrix } from "npm:ml-matrix@6.15.1";
import { type MatrixLike, toRows } from "./matrix.ts";

/** A square linear map v ↦ Av of a given size. `apply` must not modify `v`. */
export interface LinearOperator {
  /** The dimension n: `apply` takes and returns vectors of length n. */
  readonly size: number;
  /** Compute A·v. */
  apply(v: Float64Array): Float64Array;
}

/** Whether `x` is a {@linkcode LinearOperator}. */
export function isLinearOperator(x: unknown): x is LinearOperator {
  return typeof x === "object" && x !== null &&
    typeof (x as LinearOperator).apply === "function" &&
    typeof (x as LinearOperator).size === "number";
}

/**
 * View a dense square matrix (or pass through an operator) as a
 * {@linkcode LinearOperator}. A dense matrix is copied into one row-major
 * Float64Array, so later changes to the input do not leak in.
 *
 * @example
 * ```ts
 * import { asOperator } from "./operator.ts";
 * const A = asOperator([[2, 1], [1, 3]]);
 * const y = A.apply(new Float64Array([1, 1]));
 * if (y[0] !== 3 || y[1] !== 4) throw new Error(String(y));
 * ```
 */
export function asOperator(m: MatrixLike | LinearOperator): LinearOperator {
  if (isLinearOperator(m)) {
    if (!Number.isInteger(m.size) || m.size <= 0) {
      throw new RangeError(`Cannot use operator: size must be a positive integer, got ${m.size}`);
    }
    return m;
  }
  const rows = toRows(m instanceof Matrix ? m.to2DArray() : m, "build an operator", {
    square: true,
  });
  const n = rows.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a.set(rows[i], i * n);
  return {
    size: n,
    apply(v: Float64Array): Float64Array {
      if (v.length !== n) {
        throw new RangeError(`Cannot apply operator: vector has length ${v.length}, expected ${n}`);
      }
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        const o = i * n;
        for (let j = 0; j < n; j++) s += a[o + j] * v[j];
        out[i] = s;
      }
      return out;
    },
  };
}

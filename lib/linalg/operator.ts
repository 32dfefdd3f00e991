/**
 * The matrix-free view of a symmetric matrix: something that can multiply a
 * vector. Every spectral routine accepts one, so the same code runs on a dense
 * matrix and on a Hessian-vector-product closure.
 *
 * @module
 */
import { type MatrixLike, toFlatMatrix } from "../validate/toFlatMatrix.ts";
import { toVector } from "../validate/toVector.ts";

/**
 * A square linear map v ↦ Av of a given size. `apply` and `applyBatch` must
 * not modify their arguments.
 */
export interface LinearOperator {
  /** The dimension n: `apply` takes and returns vectors of length n. */
  readonly size: number;
  /** Compute A·v. */
  apply(v: Float64Array): Float64Array;
  /**
   * Compute A·vs[j] for every j in one batched pass, when that is cheaper
   * than one `apply` per vector (a Hessian operator shares one forward and
   * one backward pass among all of them). Optional: routines that batch
   * fall back to `apply`.
   */
  applyBatch?(vs: readonly Float64Array[]): Float64Array[];
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
 * Float64Array, so later changes to the input do not leak in. Bad input
 * throws `Cannot <what>: …`.
 *
 * @param m A square matrix (rows, or an ml-matrix `Matrix`) or an operator.
 * @param what The action named in errors. Default "build an operator".
 *
 * @example
 * ```ts
 * import { asOperator } from "./operator.ts";
 * const A = asOperator([[2, 1], [1, 3]]);
 * const y = A.apply(new Float64Array([1, 1]));
 * if (y[0] !== 3 || y[1] !== 4) throw new Error(String(y));
 * ```
 */
export function asOperator(
  m: MatrixLike | LinearOperator,
  what = "build an operator",
): LinearOperator {
  if (isLinearOperator(m)) {
    if (!Number.isInteger(m.size) || m.size <= 0) {
      throw new RangeError(
        `Cannot ${what}: the operator's size must be a positive integer, got ${m.size}`,
      );
    }
    return m;
  }
  const { data: a, rows: n } = toFlatMatrix(m, what, { square: true });
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

/** An operator that counts its products and checks each one (see {@linkcode countedOperator}). */
export interface CountedOperator extends Required<LinearOperator> {
  /** How many products (matrix-vector or Hessian-vector) so far, batched ones included. */
  readonly count: number;
}

/**
 * Wrap a matrix or operator for an algorithm that reports its cost: every
 * product is counted (`count`, the `matvecs` of the spectral routines) and
 * checked, so a faulty operator fails with `Cannot <what>: the operator
 * returned NaN at index 3` (or a wrong length) instead of corrupting the
 * result. Products come back as fresh arrays the caller may modify.
 * `applyBatch` is always present: it uses the operator's own batched product
 * when it has one, and one `apply` per vector otherwise.
 *
 * @param op A square matrix or an operator.
 * @param what The action named in errors, e.g. "run Lanczos".
 *
 * @example
 * ```ts
 * import { countedOperator } from "./operator.ts";
 * const A = countedOperator([[2, 0], [0, 3]], "test");
 * A.apply(new Float64Array([1, 1]));
 * const [y] = A.applyBatch([new Float64Array([0, 1])]);
 * if (A.count !== 2 || y[1] !== 3) throw new Error(String(A.count));
 * let msg = "";
 * const bad = countedOperator({ size: 2, apply: () => new Float64Array([1, NaN]) }, "run Lanczos");
 * try { bad.apply(new Float64Array(2)); } catch (e) { msg = (e as Error).message; }
 * if (msg !== "Cannot run Lanczos: the operator returned NaN at index 1") throw new Error(msg);
 * ```
 */
export function countedOperator(op: MatrixLike | LinearOperator, what: string): CountedOperator {
  const A = asOperator(op, what);
  const n = A.size;
  let count = 0;
  const checked = (y: unknown): Float64Array => {
    const out = toVector(y, what, "the operator's product", { length: n, finite: false });
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(out[i])) {
        throw new RangeError(`Cannot ${what}: the operator returned ${out[i]} at index ${i}`);
      }
    }
    return out;
  };
  const batch = typeof A.applyBatch === "function" ? A.applyBatch.bind(A) : undefined;
  return {
    size: n,
    get count() {
      return count;
    },
    apply(v) {
      count++;
      return checked(A.apply(v));
    },
    applyBatch(vs) {
      if (vs.length === 0) return [];
      count += vs.length;
      if (!batch) return vs.map((v) => checked(A.apply(v)));
      const ys = batch(vs);
      if (!Array.isArray(ys) || ys.length !== vs.length) {
        throw new RangeError(
          `Cannot ${what}: the operator's applyBatch returned ${ys?.length} products for ${vs.length} vectors`,
        );
      }
      return ys.map(checked);
    },
  };
}

/**
 * The Hessian at a point as a matrix-free linear operator.
 *
 * @module
 */
import type { LinearOperator } from "../linalg/operator.ts";
import { differentiate, type ScalarFunction, toVector } from "./differentiate.ts";

/**
 * The Hessian ∇²f(x) as a {@linkcode LinearOperator} whose `applyBatch` is
 * always present (one batched forward-over-reverse pass), with a count of
 * products taken.
 */
export interface HessianOperator extends Required<LinearOperator> {
  /** The point x (a copy). */
  readonly x: Float64Array;
  /** How many Hessian-vector products `apply` and `applyBatch` have computed so far. */
  readonly count: number;
}

/**
 * `hessianOperator(f, x)` views ∇²f(x) as a {@linkcode LinearOperator}: its
 * `apply(v)` is one exact Hessian-vector product (forward-over-reverse), so
 * spectral routines (power iteration, Lanczos, Hutchinson…) run on it without
 * forming the n×n matrix.
 *
 * @example
 * ```ts
 * import { hessianOperator } from "./hessianOperator.ts";
 * import { mul, sum } from "./ops/mod.ts";
 * const H = hessianOperator((x) => sum(mul(mul(x, x), [1, 5])), [0, 0]);
 * const y = H.apply(new Float64Array([1, 1]));
 * if (H.size !== 2 || y.join() !== "2,10" || H.count !== 1) throw new Error();
 * ```
 */
export function hessianOperator(f: ScalarFunction, x: ArrayLike<number>): HessianOperator {
  const what = "apply the Hessian operator";
  const xs = toVector(x, "build the Hessian operator", "x"), n = xs.length;
  if (typeof f !== "function") {
    throw new TypeError(`Cannot build the Hessian operator: f must be a function, got ${typeof f}`);
  }
  let count = 0;
  return {
    size: n,
    x: xs.slice(),
    get count() {
      return count;
    },
    apply(v: Float64Array): Float64Array {
      if (v.length !== n) {
        throw new RangeError(`Cannot ${what}: vector has length ${v.length}, expected ${n}`);
      }
      count++;
      return differentiate(f, xs, 1, Float64Array.from(v), what).hvps;
    },
    applyBatch(vs: readonly Float64Array[]): Float64Array[] {
      const k = vs.length;
      if (k === 0) return [];
      const t = new Float64Array(k * n);
      vs.forEach((v, j) => {
        if (v.length !== n) {
          throw new RangeError(`Cannot ${what}: vector ${j} has length ${v.length}, expected ${n}`);
        }
        t.set(v, j * n);
      });
      count += k;
      const h = differentiate(f, xs, k, t, what).hvps;
      return Array.from({ length: k }, (_, j) => h.slice(j * n, (j + 1) * n));
    },
  };
}

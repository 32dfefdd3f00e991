/**
 * The Hessian at a point as a matrix-free linear operator.
 *
 * @module
 */
import type { LinearOperator } from "../linalg/operator.ts";
import { type Linearization, linearize, type ScalarFunction, toVector } from "./differentiate.ts";

/**
 * The Hessian ∇²f(x) as a {@linkcode LinearOperator} whose `applyBatch` is
 * always present, with a count of products taken.
 */
export interface HessianOperator extends Required<LinearOperator> {
  /** The point x (a copy). */
  readonly x: Float64Array;
  /** How many Hessian-vector products `apply` and `applyBatch` have computed so far. */
  readonly count: number;
  /**
   * H·vs[j] for every j. Several directions share one replay of the tape
   * while their tangents stay cache-sized (k·width ≤ 32768 entries); for
   * large models each product is its own replay, which is faster than
   * carrying k directions through buffers k times too large for the cache.
   */
  applyBatch(vs: readonly Float64Array[]): Float64Array[];
}

/**
 * `hessianOperator(f, x)` views ∇²f(x) as a {@linkcode LinearOperator}: its
 * `apply(v)` is one exact Hessian-vector product (forward-over-reverse), so
 * spectral routines (power iteration, Lanczos, Hutchinson…) run on it without
 * forming the n×n matrix.
 *
 * The point is fixed, so the first product records f at x once (values,
 * adjoints, and what the ops derive from them, such as every activation's f′
 * and f″) and every product replays only the tangent parts of that pass
 * (see `linearize`): about two thirds of the work of an independent `hvp`.
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
  let lin: Linearization | null = null;
  const linearization = () => lin ??= linearize(f, xs, what);
  const products = (t: Float64Array, k: number) => linearization().hvps(t, k);
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
      return products(Float64Array.from(v), 1);
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
      const chunk = Math.max(1, Math.floor(32768 / linearization().width));
      const out: Float64Array[] = [];
      for (let s = 0; s < k; s += chunk) {
        const kk = Math.min(chunk, k - s);
        const h = products(t.subarray(s * n, (s + kk) * n), kk);
        for (let j = 0; j < kk; j++) out.push(kk === 1 ? h : h.slice(j * n, (j + 1) * n));
      }
      return out;
    },
  };
}

/**
 * Exact Hessian-vector products by forward-over-reverse differentiation.
 *
 * @module
 */
import { differentiate, type ScalarFunction, toVector } from "./differentiate.ts";

/**
 * The Hessian-vector-product transform: `hvp(f)(x, v)` is ∇²f(x)·v, exact to
 * rounding, at a cost of a few gradients and without forming the Hessian.
 *
 * It is Pearlmutter's R-operator: the forward pass carries the tangent
 * ẋ = v through every op, and the backward pass carries, next to each
 * adjoint x̄, its derivative x̄˙ along v; the input's x̄˙ is Hv.
 *
 * @example The Hessian of x₀²x₁ at (1, 2) is [[4, 2], [2, 0]]
 * ```ts
 * import { hvp } from "./hvp.ts";
 * import { mul, sum, view } from "./ops/mod.ts";
 * const f = (x: import("./tensor.ts").Tensor) => {
 *   const a = view(x, 0, []), b = view(x, 1, []);
 *   return sum(mul(mul(a, a), b));
 * };
 * const hv = hvp(f)([1, 2], [1, 0]);
 * if (hv.join() !== "4,2") throw new Error(String(hv));
 * ```
 */
export function hvp(
  f: ScalarFunction,
): (x: ArrayLike<number>, v: ArrayLike<number>) => Float64Array {
  return (x, v) => {
    const what = "compute a Hessian-vector product";
    const xs = toVector(x, what, "x"), vs = toVector(v, what, "v");
    if (vs.length !== xs.length) {
      throw new RangeError(`Cannot ${what}: v has length ${vs.length}, x has ${xs.length}`);
    }
    return differentiate(f, xs, 1, vs, what, { gradient: false }).hvps;
  };
}

/**
 * Several Hessian-vector products at once: `hvpBatch(f)(x, vs)` returns
 * ∇²f(x)·vs[j] for each j from ONE forward-over-reverse pass that carries all
 * the directions together, which turns the inner matrix-vector work into
 * matrix-matrix products.
 *
 * @example
 * ```ts
 * import { hvpBatch } from "./hvp.ts";
 * import { mul, sum } from "./ops/mod.ts";
 * const [a, b] = hvpBatch((x) => sum(mul(mul(x, x), 0.5)))([1, 2], [[1, 0], [0, 3]]);
 * if (a.join() !== "1,0" || b.join() !== "0,3") throw new Error();
 * ```
 */
export function hvpBatch(
  f: ScalarFunction,
): (x: ArrayLike<number>, vs: ArrayLike<ArrayLike<number>>) => Float64Array[] {
  return (x, vs) => {
    const what = "compute Hessian-vector products";
    const xs = toVector(x, what, "x"), n = xs.length, k = vs.length;
    if (k === 0) return [];
    const t = new Float64Array(k * n);
    for (let j = 0; j < k; j++) {
      const v = toVector(vs[j], what, `vs[${j}]`);
      if (v.length !== n) {
        throw new RangeError(`Cannot ${what}: vs[${j}] has length ${v.length}, x has ${n}`);
      }
      t.set(v, j * n);
    }
    const h = differentiate(f, xs, k, t, what, { gradient: false }).hvps;
    return Array.from({ length: k }, (_, j) => h.slice(j * n, (j + 1) * n));
  };
}

/**
 * Reverse-mode gradients.
 *
 * @module
 */
import { differentiate, type ScalarFunction, toVector } from "./differentiate.ts";

/**
 * The gradient transform: `grad(f)(x)` is ∇f(x) for a scalar function f of a
 * flat vector, written with the autodiff ops (one forward and one backward
 * pass). x may be any array of finite numbers; f receives it as a 1-D Tensor.
 *
 * @example ∇(x·x) = 2x
 * ```ts
 * import { grad } from "./grad.ts";
 * import { mul, sum } from "./ops/mod.ts";
 * const g = grad((x) => sum(mul(x, x)))([1, -2, 3]);
 * if (g.join() !== "2,-4,6") throw new Error(String(g));
 * ```
 */
export function grad(f: ScalarFunction): (x: ArrayLike<number>) => Float64Array {
  return (x) =>
    differentiate(f, toVector(x, "take the gradient", "x"), 0, null, "take the gradient")
      .gradient;
}

/**
 * Like {@linkcode grad} but returns the value too: `valueAndGrad(f)(x)` is
 * `{ value: f(x), gradient: ∇f(x) }` from the same pass.
 *
 * @example
 * ```ts
 * import { valueAndGrad } from "./grad.ts";
 * import { mul, sum } from "./ops/mod.ts";
 * const { value, gradient } = valueAndGrad((x) => sum(mul(x, x)))([3, 4]);
 * if (value !== 25 || gradient.join() !== "6,8") throw new Error();
 * ```
 */
export function valueAndGrad(
  f: ScalarFunction,
): (x: ArrayLike<number>) => { value: number; gradient: Float64Array } {
  return (x) => {
    const r = differentiate(f, toVector(x, "take the gradient", "x"), 0, null, "take the gradient");
    return { value: r.value, gradient: r.gradient };
  };
}

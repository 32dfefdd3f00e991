/**
 * Broadcasting subtraction.
 *
 * @module
 */
import type { Tensor, TensorLike } from "../tensor.ts";
import { addScaled } from "./add.ts";

/**
 * a − b with NumPy broadcasting. Derivatives as for `add`, with the sign of
 * b's contributions flipped: ċ = ȧ − ḃ, b̄ = −Σ c̄.
 *
 * @example
 * ```ts
 * import { sub } from "./sub.ts";
 * import { tensor } from "../tensor.ts";
 * const c = sub(tensor([5, 7]), 1);
 * if (c.data.join() !== "4,6") throw new Error(String(c.data));
 * ```
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return addScaled(a, b, -1, "subtract");
}

/**
 * The identity op, for the "linear" activation.
 *
 * @module
 */
import { asTensor, type Tensor, type TensorLike } from "../tensor.ts";

/**
 * The "linear" activation: returns x itself (as a tensor). Its derivative is
 * the identity and its second derivative zero, so no node is recorded.
 *
 * @example
 * ```ts
 * import { linear } from "./linear.ts";
 * import { tensor } from "../tensor.ts";
 * const x = tensor([1, -2]);
 * if (linear(x) !== x) throw new Error();
 * ```
 */
export function linear(x: TensorLike): Tensor {
  return asTensor(x, "apply linear");
}

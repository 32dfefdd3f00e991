/**
 * The tanh op.
 *
 * @module
 */
import { tanh as tanhActivation } from "../../activations/tanh.ts";
import type { Tensor, TensorLike } from "../tensor.ts";
import { activate } from "./activate.ts";

/**
 * Elementwise tanh: tanh(x). Its f′ and f″ come from `lib/activations`;
 * the derivative rules are those of {@linkcode activate}.
 *
 * @example
 * ```ts
 * import { tanh } from "./tanh.ts";
 * import { tensor } from "../tensor.ts";
 * if (tanh(tensor([0])).data[0] !== 0) throw new Error();
 * ```
 */
export function tanh(x: TensorLike): Tensor {
  return activate(x, tanhActivation);
}

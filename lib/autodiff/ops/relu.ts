/**
 * The relu op.
 *
 * @module
 */
import { relu as reluActivation } from "../../activations/relu.ts";
import type { Tensor, TensorLike } from "../tensor.ts";
import { activate } from "./activate.ts";

/**
 * Elementwise relu: max(0, x), with relu′(0) = 0 and relu″ = 0 (see `lib/activations/relu.ts`). Its f′ and f″ come from `lib/activations`;
 * the derivative rules are those of {@linkcode activate}.
 *
 * @example
 * ```ts
 * import { relu } from "./relu.ts";
 * import { tensor } from "../tensor.ts";
 * if (relu(tensor([-1, 2])).data.join() !== "0,2") throw new Error();
 * ```
 */
export function relu(x: TensorLike): Tensor {
  return activate(x, reluActivation);
}

/**
 * The sigmoid op.
 *
 * @module
 */
import { sigmoid as sigmoidActivation } from "../../activations/sigmoid.ts";
import type { Tensor, TensorLike } from "../tensor.ts";
import { activate } from "./activate.ts";

/**
 * Elementwise sigmoid: 1/(1 + e^{−x}), computed without overflow. Its f′ and f″ come from `lib/activations`;
 * the derivative rules are those of {@linkcode activate}.
 *
 * @example
 * ```ts
 * import { sigmoid } from "./sigmoid.ts";
 * import { tensor } from "../tensor.ts";
 * if (sigmoid(tensor([0])).data[0] !== 0.5) throw new Error();
 * ```
 */
export function sigmoid(x: TensorLike): Tensor {
  return activate(x, sigmoidActivation);
}

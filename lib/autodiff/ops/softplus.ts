/**
 * The softplus op.
 *
 * @module
 */
import { softplus as softplusActivation } from "../../activations/softplus.ts";
import type { Tensor, TensorLike } from "../tensor.ts";
import { activate } from "./activate.ts";

/**
 * Elementwise softplus: log(1 + eˣ), computed without overflow. Its f′ and f″ come from `lib/activations`;
 * the derivative rules are those of {@linkcode activate}.
 *
 * @example
 * ```ts
 * import { softplus } from "./softplus.ts";
 * import { tensor } from "../tensor.ts";
 * if (softplus(tensor([0])).data[0] !== Math.LN2) throw new Error();
 * ```
 */
export function softplus(x: TensorLike): Tensor {
  return activate(x, softplusActivation);
}

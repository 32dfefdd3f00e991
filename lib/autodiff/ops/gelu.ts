/**
 * The gelu op.
 *
 * @module
 */
import { gelu as geluActivation } from "../../activations/gelu.ts";
import type { Tensor, TensorLike } from "../tensor.ts";
import { activate } from "./activate.ts";

/**
 * Elementwise gelu: x·Φ(x), Φ the standard normal CDF (the exact GELU). Its f′ and f″ come from `lib/activations`;
 * the derivative rules are those of {@linkcode activate}.
 *
 * @example
 * ```ts
 * import { gelu } from "./gelu.ts";
 * import { tensor } from "../tensor.ts";
 * if (gelu(tensor([0])).data[0] !== 0) throw new Error();
 * ```
 */
export function gelu(x: TensorLike): Tensor {
  return activate(x, geluActivation);
}

/**
 * Averaging.
 *
 * @module
 */
import { asTensor, type Tensor, type TensorLike } from "../tensor.ts";
import { scaledSum } from "./_reduce.ts";

/**
 * The mean of all entries (a scalar), or the mean over one `axis`. Linear:
 * ẏ = mean(ẋ) and x̄ = ȳ/count broadcast back; the same rule carries the
 * tangents.
 *
 * @example
 * ```ts
 * import { mean } from "./mean.ts";
 * import { tensor } from "../tensor.ts";
 * const x = tensor([[1, 2, 3], [4, 5, 6]]);
 * if (mean(x).value !== 3.5) throw new Error();
 * if (mean(x, 1).data.join() !== "2,5") throw new Error();
 * ```
 */
export function mean(x: TensorLike, axis?: number): Tensor {
  return scaledSum(asTensor(x, "take the mean"), axis, true, "take the mean");
}

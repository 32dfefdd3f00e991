/**
 * Summation.
 *
 * @module
 */
import { asTensor, type Tensor, type TensorLike } from "../tensor.ts";
import { scaledSum } from "./_reduce.ts";

/**
 * The sum of all entries (a scalar), or the sum over one `axis` (negative
 * counts from the end), which removes that axis. Linear: ẏ = Σẋ and x̄ = ȳ
 * broadcast back over the summed axis; the same rule carries the tangents.
 *
 * @example
 * ```ts
 * import { sum } from "./sum.ts";
 * import { tensor } from "../tensor.ts";
 * const x = tensor([[1, 2, 3], [4, 5, 6]]);
 * if (sum(x).value !== 21) throw new Error();
 * if (sum(x, 0).data.join() !== "5,7,9") throw new Error();
 * ```
 */
export function sum(x: TensorLike, axis?: number): Tensor {
  return scaledSum(asTensor(x, "sum"), axis, false, "sum");
}

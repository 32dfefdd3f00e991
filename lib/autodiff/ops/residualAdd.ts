/**
 * The skip connection of a residual block.
 *
 * @module
 */
import { sameShape, showShape } from "../shape.ts";
import { asTensor, type Tensor, type TensorLike } from "../tensor.ts";
import { add } from "./add.ts";

/**
 * h + a for a residual block, h_l = h_{l−1} + act(z_l). Unlike `add` it does
 * not broadcast: both shapes must be equal. Derivatives are those of `add`:
 * ḣ_l = ḣ + ȧ and both inputs receive the full adjoint.
 *
 * @example
 * ```ts
 * import { residualAdd } from "./residualAdd.ts";
 * import { tensor } from "../tensor.ts";
 * if (residualAdd(tensor([1, 2]), tensor([3, 4])).data.join() !== "4,6") throw new Error();
 * ```
 */
export function residualAdd(h: TensorLike, a: TensorLike): Tensor {
  const H = asTensor(h, "add a residual"), A = asTensor(a, "add a residual");
  if (!sameShape(H.shape, A.shape)) {
    throw new RangeError(
      `Cannot add a residual: shapes ${showShape(H.shape)} and ${showShape(A.shape)} differ`,
    );
  }
  return add(H, A);
}

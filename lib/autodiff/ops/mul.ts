/**
 * Broadcasting elementwise multiplication.
 *
 * @module
 */
import { broadcastPlan, broadcastShapes, planMap, sizeOf } from "../shape.ts";
import {
  asTensor,
  gradOf,
  gradTangentOf,
  isTracked,
  record,
  scratch,
  Tensor,
  type TensorLike,
  wantsGrad,
} from "../tensor.ts";
import { reduceMulAdd } from "./_kernels.ts";

/**
 * a ⊙ b with NumPy broadcasting.
 *
 * Derivatives (Σ sums over broadcast axes):
 * - forward: ċ = ȧ⊙b + a⊙ḃ;
 * - backward: ā = Σ c̄⊙b, b̄ = Σ c̄⊙a;
 * - second order: ā˙ = Σ (c̄˙⊙b + c̄⊙ḃ), b̄˙ = Σ (c̄˙⊙a + c̄⊙ȧ).
 *
 * @example
 * ```ts
 * import { mul } from "./mul.ts";
 * import { tensor } from "../tensor.ts";
 * const c = mul(tensor([[1, 2], [3, 4]]), tensor([10, 100]));
 * if (c.data.join() !== "10,200,30,400") throw new Error(String(c.data));
 * ```
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const A = asTensor(a, "multiply"), B = asTensor(b, "multiply");
  const shape = broadcastShapes(A.shape, B.shape, "multiply");
  const size = sizeOf(shape);
  const ma = planMap(broadcastPlan(A.shape, shape), size);
  const mb = planMap(broadcastPlan(B.shape, shape), size);
  const data = new Float64Array(size);
  const ad = A.data, bd = B.data;
  for (let i = 0; i < size; i++) data[i] = ad[ma ? ma[i] : i] * bd[mb ? mb[i] : i];
  const out = new Tensor(data, shape);
  const ta = isTracked(A), tb = isTracked(B);
  if (!ta && !tb) return out;
  return record(out, {
    tangent(k) {
      const at = A.tangent, bt = B.tangent;
      if (!at && !bt) return;
      const t = out.tangent = scratch(k * size, false);
      for (let j = 0; j < k; j++) {
        for (let i = 0; i < size; i++) {
          const ia = ma ? ma[i] : i, ib = mb ? mb[i] : i;
          let v = 0;
          if (at) v += at[j * A.size + ia] * bd[ib];
          if (bt) v += ad[ia] * bt[j * B.size + ib];
          t[j * size + i] = v;
        }
      }
    },
    backward() {
      const g = out.grad!;
      if (ta && wantsGrad(A)) reduceMulAdd(gradOf(A), 0, ma, g, 0, bd, 0, mb, size);
      if (tb && wantsGrad(B)) reduceMulAdd(gradOf(B), 0, mb, g, 0, ad, 0, ma, size);
    },
    backwardTangent(k) {
      const g = out.grad!, gt = out.gradTangent!, at = A.tangent, bt = B.tangent;
      if (ta) {
        const agt = gradTangentOf(A, k);
        for (let j = 0; j < k; j++) {
          reduceMulAdd(agt, j * A.size, ma, gt, j * size, bd, 0, mb, size);
          if (bt) reduceMulAdd(agt, j * A.size, ma, g, 0, bt, j * B.size, mb, size);
        }
      }
      if (tb) {
        const bgt = gradTangentOf(B, k);
        for (let j = 0; j < k; j++) {
          reduceMulAdd(bgt, j * B.size, mb, gt, j * size, ad, 0, ma, size);
          if (at) reduceMulAdd(bgt, j * B.size, mb, g, 0, at, j * A.size, ma, size);
        }
      }
    },
  });
}

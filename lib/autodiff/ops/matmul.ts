/**
 * Matrix multiplication.
 *
 * @module
 */
import { gemm, operand } from "../gemm.ts";
import { showShape } from "../shape.ts";
import {
  asTensor,
  gradOf,
  gradTangentOf,
  isTracked,
  record,
  tangentCount,
  Tensor,
  type TensorLike,
} from "../tensor.ts";

/**
 * The matrix product a·b of 2-D tensors [m, p]·[p, n] → [m, n]. A 1-D
 * operand is a vector: [p]·[p, n] → [n], [m, p]·[p] → [m], [p]·[p] → [] (dot).
 *
 * Derivatives:
 * - forward: Ċ = Ȧ·B + A·Ḃ;
 * - backward: Ā = C̄·Bᵀ, B̄ = Aᵀ·C̄;
 * - second order: Ā˙ = C̄˙·Bᵀ + C̄·Ḃᵀ, B̄˙ = Ȧᵀ·C̄ + Aᵀ·C̄˙.
 *
 * With k tangent directions every rule above is ONE batched product: the
 * k blocks share the other factor (B, A, C̄ or Bᵀ), so they stack into a
 * matrix with k times as many rows or columns (see `gemm.ts`). When neither
 * input carries a tangent (e.g. the first layer, for directions that only
 * move later layers) the output has none either and the work is skipped.
 *
 * @example
 * ```ts
 * import { matmul } from "./matmul.ts";
 * import { tensor } from "../tensor.ts";
 * const c = matmul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]]));
 * if (c.data.join() !== "17,39") throw new Error(String(c.data));
 * ```
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  const A = asTensor(a, "multiply matrices"), B = asTensor(b, "multiply matrices");
  const ra = A.shape.length, rb = B.shape.length;
  if (ra < 1 || ra > 2 || rb < 1 || rb > 2) {
    throw new RangeError(
      `Cannot multiply matrices: expected 1-D or 2-D tensors, got shapes ${
        showShape(A.shape)
      } and ${showShape(B.shape)}`,
    );
  }
  const m = ra === 2 ? A.shape[0] : 1, p = A.shape[ra - 1];
  const n = rb === 2 ? B.shape[1] : 1;
  if (B.shape[0] !== p) {
    throw new RangeError(
      `Cannot multiply matrices: shapes ${showShape(A.shape)} and ${
        showShape(B.shape)
      } have inner dimensions ${p} and ${B.shape[0]}`,
    );
  }
  const shape = [...(ra === 2 ? [m] : []), ...(rb === 2 ? [n] : [])];
  const data = new Float64Array(m * n);
  gemm(m, p, n, 1, operand(A.data), operand(B.data), data, 0, 0);
  const out = new Tensor(data, shape);
  const ta = isTracked(A), tb = isTracked(B);
  if (!ta && !tb) return out;
  const k = tangentCount();
  const mp = m * p, pn = p * n, mn = m * n;
  const at0 = A.tangent, bt0 = B.tangent;
  if (k > 0 && (at0 || bt0)) {
    const t = out.tangent = new Float64Array(k * mn);
    // Ȧ_j·B (B shared) and A·Ḃ_j (A shared): each one batched product
    if (at0) gemm(m, p, n, k, operand(at0, 0, mp), operand(B.data), t, 0, mn);
    if (bt0) gemm(m, p, n, k, operand(A.data), operand(bt0, 0, pn), t, 0, mn);
  }
  return record(out, () => {
    const g = out.grad!, gt = out.gradTangent;
    const Bt = operand(B.data, 0, 0, true), At = operand(A.data, 0, 0, true);
    if (ta) {
      gemm(m, n, p, 1, operand(g), Bt, gradOf(A), 0, 0); // Ā += C̄·Bᵀ
      if (k > 0 && gt) {
        const agt = gradTangentOf(A, k);
        gemm(m, n, p, k, operand(gt, 0, mn), Bt, agt, 0, mp); // Ā˙ += C̄˙·Bᵀ
        if (bt0) gemm(m, n, p, k, operand(g), operand(bt0, 0, pn, true), agt, 0, mp); // + C̄·Ḃᵀ
      }
    }
    if (tb) {
      gemm(p, m, n, 1, At, operand(g), gradOf(B), 0, 0); // B̄ += Aᵀ·C̄
      if (k > 0 && gt) {
        const bgt = gradTangentOf(B, k);
        gemm(p, m, n, k, At, operand(gt, 0, mn), bgt, 0, pn); // B̄˙ += Aᵀ·C̄˙
        if (at0) gemm(p, m, n, k, operand(at0, 0, mp, true), operand(g), bgt, 0, pn); // + Ȧᵀ·C̄
      }
    }
  });
}

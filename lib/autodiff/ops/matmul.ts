/**
 * Matrix multiplication.
 *
 * @module
 */
import { gemm, type Operand, operand } from "../gemm.ts";
import { showShape } from "../shape.ts";
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
  const mp = m * p, pn = p * n, mn = m * n;
  const At = operand(A.data, 0, 0, true);
  // Bᵀ for C̄·Bᵀ and C̄˙·Bᵀ, transposed once: the gemm kernels want a row-major
  // right factor, and B's values do not change when the tape is replayed
  let Bt: Operand | null = null;
  const bTransposed = () => Bt ??= operand(transpose(B.data, p, n));
  return record(out, {
    tangent(k) {
      const at = A.tangent, bt = B.tangent;
      if (!at && !bt) return;
      const t = out.tangent = scratch(k * mn);
      // Ȧ_j·B (B shared) and A·Ḃ_j (A shared): each one batched product
      if (at) gemm(m, p, n, k, operand(at, 0, mp), operand(B.data), t, 0, mn);
      if (bt) gemm(m, p, n, k, operand(A.data), operand(bt, 0, pn), t, 0, mn);
    },
    backward() {
      const g = operand(out.grad!);
      if (ta && wantsGrad(A)) gemm(m, n, p, 1, g, bTransposed(), gradOf(A), 0, 0); // Ā += C̄·Bᵀ
      if (tb && wantsGrad(B)) gemm(p, m, n, 1, At, g, gradOf(B), 0, 0); // B̄ += Aᵀ·C̄
    },
    backwardTangent(k) {
      const g = operand(out.grad!), gt = operand(out.gradTangent!, 0, mn);
      const at = A.tangent, bt = B.tangent;
      if (ta) {
        const agt = gradTangentOf(A, k);
        gemm(m, n, p, k, gt, bTransposed(), agt, 0, mp); // Ā˙ += C̄˙·Bᵀ
        if (bt) gemm(m, n, p, k, g, operand(bt, 0, pn, true), agt, 0, mp); // + C̄·Ḃᵀ
      }
      if (tb) {
        const bgt = gradTangentOf(B, k);
        gemm(p, m, n, k, At, gt, bgt, 0, pn); // B̄˙ += Aᵀ·C̄˙
        if (at) gemm(p, m, n, k, operand(at, 0, mp, true), g, bgt, 0, pn); // + Ȧᵀ·C̄
      }
    },
  });
}

/** The n×p transpose of the row-major p×n matrix x. */
function transpose(x: Float64Array, p: number, n: number): Float64Array {
  const t = new Float64Array(p * n);
  for (let r = 0; r < p; r++) {
    const o = r * n;
    for (let c = 0; c < n; c++) t[c * p + r] = x[o + c];
  }
  return t;
}

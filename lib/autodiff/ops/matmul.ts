/**
 * Matrix multiplication.
 *
 * @module
 */
import { gemmNN, gemmNT, gemmTN } from "../gemm.ts";
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
 * With k tangent directions the k blocks of Ȧ are stacked into one
 * (k·m)×p matrix, so Ȧ·B and C̄˙·Bᵀ are single large products.
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
  gemmNN(m, p, n, A.data, 0, B.data, 0, data, 0);
  const out = new Tensor(data, shape);
  const ta = isTracked(A), tb = isTracked(B);
  if (!ta && !tb) return out;
  const k = tangentCount();
  const mp = m * p, pn = p * n, mn = m * n;
  if (k > 0) {
    const t = out.tangent = new Float64Array(k * mn);
    if (A.tangent) gemmNN(k * m, p, n, A.tangent, 0, B.data, 0, t, 0);
    if (B.tangent) {
      for (let j = 0; j < k; j++) gemmNN(m, p, n, A.data, 0, B.tangent, j * pn, t, j * mn);
    }
  }
  return record(out, () => {
    const g = out.grad!, gt = out.gradTangent;
    if (ta) {
      gemmNT(m, n, p, g, 0, B.data, 0, gradOf(A), 0);
      if (k > 0 && gt) {
        const at = gradTangentOf(A, k);
        gemmNT(k * m, n, p, gt, 0, B.data, 0, at, 0);
        if (B.tangent) {
          for (let j = 0; j < k; j++) gemmNT(m, n, p, g, 0, B.tangent, j * pn, at, j * mp);
        }
      }
    }
    if (tb) {
      gemmTN(p, m, n, A.data, 0, g, 0, gradOf(B), 0);
      if (k > 0 && gt) {
        const bt = gradTangentOf(B, k);
        for (let j = 0; j < k; j++) {
          gemmTN(p, m, n, A.data, 0, gt, j * mn, bt, j * pn);
          if (A.tangent) gemmTN(p, m, n, A.tangent, j * mp, g, 0, bt, j * pn);
        }
      }
    }
  });
}

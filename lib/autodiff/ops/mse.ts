/**
 * Mean squared error.
 *
 * @module
 */
import { sameShape, showShape } from "../shape.ts";
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
 * L = (1/M)·Σ (out − target)² over all M entries; the shapes must be equal.
 *
 * Derivatives, with r = out − target:
 * - forward: L̇ = (2/M)·Σ r⊙ṙ;
 * - backward: out̄ = (2/M)·L̄·r, target̄ = −out̄;
 * - second order: out̄˙ = (2/M)·(L̄˙·r + L̄·ṙ), target̄˙ = −out̄˙.
 *
 * @example
 * ```ts
 * import { mse } from "./mse.ts";
 * import { tensor } from "../tensor.ts";
 * if (mse(tensor([[1, 2]]), tensor([[0, 0]])).value !== 2.5) throw new Error();
 * ```
 */
export function mse(out: TensorLike, target: TensorLike): Tensor {
  const what = "compute the mean squared error";
  const O = asTensor(out, what), T = asTensor(target, what);
  if (!sameShape(O.shape, T.shape)) {
    throw new RangeError(
      `Cannot ${what}: output shape ${showShape(O.shape)} and target shape ${
        showShape(T.shape)
      } differ`,
    );
  }
  const M = O.size, c = 2 / M;
  const r = new Float64Array(M);
  let L = 0;
  for (let i = 0; i < M; i++) {
    const v = O.data[i] - T.data[i];
    r[i] = v;
    L += v * v;
  }
  const loss = new Tensor(new Float64Array([L / M]), []);
  const to = isTracked(O), tt = isTracked(T);
  if (!to && !tt) return loss;
  // ṙ blocks of the current tangents; null when ṙ = 0
  let rT: Float64Array | null = null;
  const inputs = [[O, 1, to], [T, -1, tt]] as const;
  return record(loss, {
    tangent(k) {
      const ot = O.tangent, tgt = T.tangent;
      rT = null;
      if (!ot && !tgt) return;
      const d = rT = scratch(k * M, false);
      const t = loss.tangent = new Float64Array(k);
      for (let b = 0; b < k; b++) {
        let acc = 0;
        for (let i = 0; i < M; i++) {
          const v = (ot ? ot[b * M + i] : 0) - (tgt ? tgt[b * M + i] : 0);
          d[b * M + i] = v;
          acc += r[i] * v;
        }
        t[b] = c * acc;
      }
    },
    backward() {
      const Lbar = loss.grad![0];
      for (const [X, sign, tracked] of inputs) {
        if (!tracked || !wantsGrad(X)) continue;
        const g = gradOf(X), f = sign * c * Lbar;
        for (let i = 0; i < M; i++) g[i] += f * r[i];
      }
    },
    backwardTangent(k) {
      const Lbar = loss.grad![0], LbarT = loss.gradTangent!, d = rT;
      for (const [X, sign, tracked] of inputs) {
        if (!tracked) continue;
        const gt = gradTangentOf(X, k), f = sign * c * Lbar;
        for (let b = 0; b < k; b++) {
          const a = sign * c * LbarT[b], o = b * M;
          if (d) { for (let i = 0; i < M; i++) gt[o + i] += a * r[i] + f * d[o + i]; }
          else for (let i = 0; i < M; i++) gt[o + i] += a * r[i];
        }
      }
    },
  });
}

/**
 * Batch normalization in training mode (batch statistics).
 *
 * @module
 */
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

/** Options for {@linkcode batchNorm}. */
export interface BatchNormOptions {
  /** Added to the batch variance before the square root. Default 1e-5. */
  eps?: number;
}

/**
 * BatchNorm of z [N, d] over the batch axis, then scale and shift:
 * μ = mean_i z, σ² = mean_i (z − μ)² (biased), s = 1/√(σ² + ε),
 * ẑ = (z − μ)·s, y = γ⊙ẑ + β, with γ and β of shape [d].
 *
 * Derivatives, per column (means over the N rows):
 * - forward: ẑ˙ = s·(ż − mean ż − ẑ·mean(ẑż)), ẏ = γ̇ẑ + γẑ˙ + β̇; and ṡ = −s²·mean(ẑż);
 * - backward: with g = γ⊙ȳ, z̄ = s·(g − mean g − ẑ·mean(gẑ)),
 *   γ̄ = Σ ȳẑ, β̄ = Σ ȳ;
 * - second order: ġ = γ̇ȳ + γȳ˙,
 *   z̄˙ = (ṡ/s)·z̄ + s·(ġ − mean ġ − ẑ˙·mean(gẑ) − ẑ·mean(ġẑ + gẑ˙)),
 *   γ̄˙ = Σ (ȳ˙ẑ + ȳẑ˙), β̄˙ = Σ ȳ˙.
 *
 * @example Normalized columns have mean β and spread γ
 * ```ts
 * import { batchNorm } from "./batchNorm.ts";
 * import { tensor } from "../tensor.ts";
 * const y = batchNorm(tensor([[1], [3]]), tensor([2]), tensor([5]));
 * // ẑ = ±1/√(1 + 1e-5)
 * if (Math.abs(y.data[1] - (5 + 2 / Math.sqrt(1 + 1e-5))) > 1e-15) throw new Error();
 * ```
 */
export function batchNorm(
  z: TensorLike,
  gamma: TensorLike,
  beta: TensorLike,
  options: BatchNormOptions = {},
): Tensor {
  const what = "apply batch normalization";
  const Z = asTensor(z, what), G = asTensor(gamma, what), Bt = asTensor(beta, what);
  const eps = options.eps ?? 1e-5;
  if (Z.shape.length !== 2) {
    throw new RangeError(`Cannot ${what}: z must be 2-D [N, d], got ${showShape(Z.shape)}`);
  }
  const [N, d] = Z.shape;
  if (G.size !== d || Bt.size !== d || G.shape.length !== 1 || Bt.shape.length !== 1) {
    throw new RangeError(
      `Cannot ${what}: gamma ${showShape(G.shape)} and beta ${
        showShape(Bt.shape)
      } must both have shape [${d}]`,
    );
  }
  if (!(eps > 0)) throw new RangeError(`Cannot ${what}: eps must be positive, got ${eps}`);
  const zd = Z.data, gd = G.data, bd = Bt.data, size = N * d;
  const s = new Float64Array(d), mu = new Float64Array(d);
  for (let i = 0; i < N; i++) for (let j = 0; j < d; j++) mu[j] += zd[i * d + j];
  for (let j = 0; j < d; j++) mu[j] /= N;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < d; j++) {
      const c = zd[i * d + j] - mu[j];
      s[j] += c * c;
    }
  }
  for (let j = 0; j < d; j++) s[j] = 1 / Math.sqrt(s[j] / N + eps);
  const zh = new Float64Array(size), y = new Float64Array(size);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < d; j++) {
      const h = (zd[i * d + j] - mu[j]) * s[j];
      zh[i * d + j] = h;
      y[i * d + j] = gd[j] * h + bd[j];
    }
  }
  const out = new Tensor(y, Z.shape);
  const tz = isTracked(Z), tg = isTracked(G), tb = isTracked(Bt);
  if (!tz && !tg && !tb) return out;
  const k = tangentCount();
  const zt = Z.tangent, gt0 = G.tangent, bt0 = Bt.tangent;
  // ẑ˙ blocks and mean(ẑż) per block and column
  const zhT = k > 0 && zt ? new Float64Array(k * size) : null;
  const mzz = k > 0 && zt ? new Float64Array(k * d) : null;
  if (k > 0) {
    const t = out.tangent = new Float64Array(k * size);
    const mz = new Float64Array(d);
    for (let b = 0; b < k; b++) {
      const o = b * size, od = b * d;
      if (zt && zhT && mzz) {
        mz.fill(0);
        for (let i = 0; i < N; i++) {
          for (let j = 0; j < d; j++) {
            const v = zt[o + i * d + j];
            mz[j] += v;
            mzz[od + j] += zh[i * d + j] * v;
          }
        }
        for (let j = 0; j < d; j++) {
          mz[j] /= N;
          mzz[od + j] /= N;
        }
        for (let i = 0; i < N; i++) {
          for (let j = 0; j < d; j++) {
            const q = i * d + j;
            const hd = s[j] * (zt[o + q] - mz[j] - zh[q] * mzz[od + j]);
            zhT[o + q] = hd;
            t[o + q] += gd[j] * hd;
          }
        }
      }
      if (gt0) {
        for (let i = 0; i < N; i++) {
          for (let j = 0; j < d; j++) t[o + i * d + j] += gt0[od + j] * zh[i * d + j];
        }
      }
      if (bt0) {
        for (let i = 0; i < N; i++) for (let j = 0; j < d; j++) t[o + i * d + j] += bt0[od + j];
      }
    }
  }
  return record(out, () => {
    const yg = out.grad!, ygT = out.gradTangent;
    if (tg) {
      const gg = gradOf(G);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < d; j++) gg[j] += yg[i * d + j] * zh[i * d + j];
      }
    }
    if (tb) {
      const gb = gradOf(Bt);
      for (let i = 0; i < N; i++) for (let j = 0; j < d; j++) gb[j] += yg[i * d + j];
    }
    let zbar: Float64Array | null = null;
    const mgz = new Float64Array(d);
    if (tz) {
      // g = γ⊙ȳ;  z̄ = s(g − mean g − ẑ·mean(gẑ))
      const mg = new Float64Array(d);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < d; j++) {
          const g = gd[j] * yg[i * d + j];
          mg[j] += g;
          mgz[j] += g * zh[i * d + j];
        }
      }
      for (let j = 0; j < d; j++) {
        mg[j] /= N;
        mgz[j] /= N;
      }
      zbar = new Float64Array(size);
      const gz = gradOf(Z);
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < d; j++) {
          const q = i * d + j;
          const v = s[j] * (gd[j] * yg[q] - mg[j] - zh[q] * mgz[j]);
          zbar[q] = v;
          gz[q] += v;
        }
      }
    }
    if (k === 0 || !ygT) return;
    const gdot = new Float64Array(size);
    const mgd = new Float64Array(d), mgzd = new Float64Array(d);
    for (let b = 0; b < k; b++) {
      const o = b * size, od = b * d;
      if (tb) {
        const gbT = gradTangentOf(Bt, k);
        for (let i = 0; i < N; i++) for (let j = 0; j < d; j++) gbT[od + j] += ygT[o + i * d + j];
      }
      if (tg) {
        const ggT = gradTangentOf(G, k);
        for (let i = 0; i < N; i++) {
          for (let j = 0; j < d; j++) {
            const q = i * d + j;
            ggT[od + j] += ygT[o + q] * zh[q] + (zhT ? yg[q] * zhT[o + q] : 0);
          }
        }
      }
      if (tz && zbar) {
        // ġ = γ̇ȳ + γȳ˙
        mgd.fill(0);
        mgzd.fill(0);
        for (let i = 0; i < N; i++) {
          for (let j = 0; j < d; j++) {
            const q = i * d + j;
            const v = (gt0 ? gt0[od + j] * yg[q] : 0) + gd[j] * ygT[o + q];
            gdot[q] = v;
            mgd[j] += v;
            mgzd[j] += v * zh[q] + (zhT ? gd[j] * yg[q] * zhT[o + q] : 0);
          }
        }
        for (let j = 0; j < d; j++) {
          mgd[j] /= N;
          mgzd[j] /= N;
        }
        const gzT = gradTangentOf(Z, k);
        for (let i = 0; i < N; i++) {
          for (let j = 0; j < d; j++) {
            const q = i * d + j;
            const sdotOverS = mzz ? -s[j] * mzz[od + j] : 0;
            const zhd = zhT ? zhT[o + q] : 0;
            gzT[o + q] += sdotOverS * zbar[q] +
              s[j] * (gdot[q] - mgd[j] - zhd * mgz[j] - zh[q] * mgzd[j]);
          }
        }
      }
    }
  });
}

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
  scratch,
  Tensor,
  type TensorLike,
  wantsGrad,
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
  const s = new Float64Array(d), zh = new Float64Array(size), y = new Float64Array(size);
  normalize(N, d, zd, gd, bd, eps, s, zh, y);
  const out = new Tensor(y, Z.shape);
  const tz = isTracked(Z), tg = isTracked(G), tb = isTracked(Bt);
  if (!tz && !tg && !tb) return out;
  // ẑ˙ blocks and mean(ẑż) per block and column of the current tangents; null when ż = 0
  let zhT: Float64Array | null = null, mzz: Float64Array | null = null;
  // from the first-order pass: per-column Σȳ and Σȳẑ, and z̄
  const sumY = new Float64Array(d), sumYZ = new Float64Array(d);
  let zbar: Float64Array | null = null;
  return record(out, {
    tangent(k) {
      const zt = Z.tangent, gt = G.tangent, bt = Bt.tangent;
      zhT = zt ? scratch(k * size) : null;
      mzz = zt ? new Float64Array(k * d) : null;
      if (!zt && !gt && !bt) return;
      const t = out.tangent = scratch(k * size);
      const mz = new Float64Array(d);
      for (let b = 0; b < k; b++) {
        tangentBlock(N, d, b, s, zh, gd, zt, gt, bt, t, zhT, mzz, mz);
      }
    },
    backward() {
      // per-column Σȳ and Σȳẑ give β̄, γ̄, mean g and mean(gẑ) for g = γ⊙ȳ
      const yg = out.grad!;
      columnSums(N, d, yg, zh, sumY, sumYZ);
      if (tg && wantsGrad(G)) addInto(gradOf(G), sumYZ, d);
      if (tb && wantsGrad(Bt)) addInto(gradOf(Bt), sumY, d);
      if (tz) {
        zbar = new Float64Array(size);
        inputAdjoint(N, d, s, zh, gd, yg, sumY, sumYZ, zbar);
        if (wantsGrad(Z)) addInto(gradOf(Z), zbar, size);
      }
    },
    backwardTangent(k) {
      const yg = out.grad!, ygT = out.gradTangent!;
      const gbT = tb ? gradTangentOf(Bt, k) : null;
      const ggT = tg ? gradTangentOf(G, k) : null;
      const gzT = zbar ? gradTangentOf(Z, k) : null;
      const scratch = Array.from({ length: 7 }, () => new Float64Array(d));
      for (let b = 0; b < k; b++) {
        adjointTangentBlock(
          N,
          d,
          b,
          s,
          zh,
          gd,
          yg,
          ygT,
          sumY,
          sumYZ,
          zbar,
          zhT,
          mzz,
          G.tangent,
          scratch,
          gbT,
          ggT,
          gzT,
        );
      }
    },
  });
}

/** Forward: s = 1/√(σ² + ε), ẑ = (z − μ)s and y = γẑ + β, column by column. */
function normalize(
  N: number,
  d: number,
  zd: Float64Array,
  gd: Float64Array,
  bd: Float64Array,
  eps: number,
  s: Float64Array,
  zh: Float64Array,
  y: Float64Array,
): void {
  const mu = new Float64Array(d);
  for (let i = 0, q = 0; i < N; i++) for (let j = 0; j < d; j++, q++) mu[j] += zd[q];
  for (let j = 0; j < d; j++) mu[j] /= N;
  for (let i = 0, q = 0; i < N; i++) {
    for (let j = 0; j < d; j++, q++) {
      const c = zd[q] - mu[j];
      s[j] += c * c;
    }
  }
  for (let j = 0; j < d; j++) s[j] = 1 / Math.sqrt(s[j] / N + eps);
  for (let i = 0, q = 0; i < N; i++) {
    for (let j = 0; j < d; j++, q++) {
      const h = (zd[q] - mu[j]) * s[j];
      zh[q] = h;
      y[q] = gd[j] * h + bd[j];
    }
  }
}

/** Tangent block b: ẑ˙ = s(ż − mean ż − ẑ·mean(ẑż)), ẏ = γ̇ẑ + γẑ˙ + β̇. */
function tangentBlock(
  N: number,
  d: number,
  b: number,
  s: Float64Array,
  zh: Float64Array,
  gd: Float64Array,
  zt: Float64Array | null,
  gt: Float64Array | null,
  bt: Float64Array | null,
  t: Float64Array,
  zhT: Float64Array | null,
  mzz: Float64Array | null,
  mz: Float64Array,
): void {
  const size = N * d, o = b * size, od = b * d;
  if (zt && zhT && mzz) {
    mz.fill(0);
    for (let i = 0, q = 0; i < N; i++) {
      for (let j = 0; j < d; j++, q++) {
        const v = zt[o + q];
        mz[j] += v;
        mzz[od + j] += zh[q] * v;
      }
    }
    for (let j = 0; j < d; j++) {
      mz[j] /= N;
      mzz[od + j] /= N;
    }
    for (let i = 0, q = 0; i < N; i++) {
      for (let j = 0; j < d; j++, q++) {
        const hd = s[j] * (zt[o + q] - mz[j] - zh[q] * mzz[od + j]);
        zhT[o + q] = hd;
        t[o + q] = gd[j] * hd;
      }
    }
  }
  if (gt) {
    for (let i = 0, q = 0; i < N; i++) {
      for (let j = 0; j < d; j++, q++) t[o + q] += gt[od + j] * zh[q];
    }
  }
  if (bt) {
    for (let i = 0, q = 0; i < N; i++) for (let j = 0; j < d; j++, q++) t[o + q] += bt[od + j];
  }
}

/** Σ over rows of ȳ and of ȳ⊙ẑ, per column. */
function columnSums(
  N: number,
  d: number,
  yg: Float64Array,
  zh: Float64Array,
  sumY: Float64Array,
  sumYZ: Float64Array,
): void {
  for (let i = 0, q = 0; i < N; i++) {
    for (let j = 0; j < d; j++, q++) {
      sumY[j] += yg[q];
      sumYZ[j] += yg[q] * zh[q];
    }
  }
}

function addInto(dst: Float64Array, src: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) dst[i] += src[i];
}

/** z̄ = s(g − mean g − ẑ·mean(gẑ)) with g = γ⊙ȳ. */
function inputAdjoint(
  N: number,
  d: number,
  s: Float64Array,
  zh: Float64Array,
  gd: Float64Array,
  yg: Float64Array,
  sumY: Float64Array,
  sumYZ: Float64Array,
  zbar: Float64Array,
): void {
  for (let i = 0, q = 0; i < N; i++) {
    for (let j = 0; j < d; j++, q++) {
      const g = gd[j];
      zbar[q] = s[j] * (g * yg[q] - (g * sumY[j]) / N - zh[q] * ((g * sumYZ[j]) / N));
    }
  }
}

/**
 * Adjoint-tangent block b: β̄˙ = Σȳ˙, γ̄˙ = Σ(ȳ˙ẑ + ȳẑ˙), and
 * z̄˙ = (ṡ/s)z̄ + s(ġ − mean ġ − ẑ˙·mean(gẑ) − ẑ·mean(ġẑ + gẑ˙)),
 * with ġ = γ̇ȳ + γȳ˙ and ṡ/s = −s·mean(ẑż).
 */
function adjointTangentBlock(
  N: number,
  d: number,
  b: number,
  s: Float64Array,
  zh: Float64Array,
  gd: Float64Array,
  yg: Float64Array,
  ygT: Float64Array,
  sumY: Float64Array,
  sumYZ: Float64Array,
  zbar: Float64Array | null,
  zhT: Float64Array | null,
  mzz: Float64Array | null,
  gt: Float64Array | null,
  scratch: Float64Array[],
  gbT: Float64Array | null,
  ggT: Float64Array | null,
  gzT: Float64Array | null,
): void {
  const size = N * d, o = b * size, od = b * d;
  const [sYd, sYZd, mgd, mgzd, mgz, sdot, gdot] = scratch;
  sYd.fill(0);
  sYZd.fill(0);
  if (zhT) {
    for (let i = 0, q = 0; i < N; i++) {
      for (let j = 0; j < d; j++, q++) {
        const yd = ygT[o + q];
        sYd[j] += yd;
        sYZd[j] += yd * zh[q] + yg[q] * zhT[o + q];
      }
    }
  } else {
    for (let i = 0, q = 0; i < N; i++) {
      for (let j = 0; j < d; j++, q++) {
        const yd = ygT[o + q];
        sYd[j] += yd;
        sYZd[j] += yd * zh[q];
      }
    }
  }
  if (gbT) { for (let j = 0; j < d; j++) gbT[od + j] += sYd[j]; }
  if (ggT) { for (let j = 0; j < d; j++) ggT[od + j] += sYZd[j]; }
  if (!gzT || !zbar) return;
  // per column: mean ġ, mean(ġẑ + gẑ˙), mean(gẑ), ṡ/s, and γ̇
  for (let j = 0; j < d; j++) {
    const gj = gt ? gt[od + j] : 0;
    gdot[j] = gj;
    mgd[j] = (gj * sumY[j] + gd[j] * sYd[j]) / N;
    mgzd[j] = (gj * sumYZ[j] + gd[j] * sYZd[j]) / N;
    mgz[j] = (gd[j] * sumYZ[j]) / N;
    sdot[j] = mzz ? -s[j] * mzz[od + j] : 0;
  }
  // z̄˙ = (ṡ/s)z̄ + s(ġ − mean ġ − ẑ˙·mean(gẑ) − ẑ·mean(ġẑ + gẑ˙)), one branch-free loop per case
  if (zhT) {
    for (let i = 0, q = 0; i < N; i++) {
      for (let j = 0; j < d; j++, q++) {
        const gq = gdot[j] * yg[q] + gd[j] * ygT[o + q];
        gzT[o + q] += sdot[j] * zbar[q] +
          s[j] * (gq - mgd[j] - zhT[o + q] * mgz[j] - zh[q] * mgzd[j]);
      }
    }
  } else {
    for (let i = 0, q = 0; i < N; i++) {
      for (let j = 0; j < d; j++, q++) {
        const gq = gdot[j] * yg[q] + gd[j] * ygT[o + q];
        gzT[o + q] += s[j] * (gq - mgd[j] - zh[q] * mgzd[j]);
      }
    }
  }
}

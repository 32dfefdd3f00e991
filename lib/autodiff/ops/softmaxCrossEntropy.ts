/**
 * Softmax cross-entropy with integer labels, computed stably.
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
  Tensor,
  type TensorLike,
} from "../tensor.ts";

/**
 * L = (1/N)·Σᵢ −log softmax(zᵢ)[yᵢ] for logits z of shape [N, C] and integer
 * labels yᵢ in [0, C). Each row is shifted by its maximum before
 * exponentiating, so large logits do not overflow:
 * −log softmax(z)[y] = log Σⱼ e^{zⱼ−m} − (z_y − m) with m = maxⱼ zⱼ.
 *
 * Derivatives, with p = softmax(z) row-wise and e_y the one-hot label:
 * - forward: L̇ = (1/N)·Σᵢ (p·żᵢ − żᵢ[yᵢ]);
 * - backward: z̄ = (L̄/N)·(p − e_y);
 * - second order: z̄˙ = (L̄˙/N)·(p − e_y) + (L̄/N)·ṗ, with ṗ = p⊙(ż − p·ż)
 *   row by row (this is where the Hessian diag(p) − ppᵀ comes from).
 *
 * @example
 * ```ts
 * import { softmaxCrossEntropy } from "./softmaxCrossEntropy.ts";
 * import { tensor } from "../tensor.ts";
 * // Equal logits: the loss is log C
 * const L = softmaxCrossEntropy(tensor([[1000, 1000, 1000]]), [2]);
 * if (Math.abs(L.value - Math.log(3)) > 1e-15) throw new Error(String(L.value));
 * ```
 */
export function softmaxCrossEntropy(logits: TensorLike, labels: ArrayLike<number>): Tensor {
  const what = "compute the softmax cross-entropy";
  const Z = asTensor(logits, what);
  if (Z.shape.length !== 2) {
    throw new RangeError(`Cannot ${what}: logits must be 2-D [N, C], got ${showShape(Z.shape)}`);
  }
  const [N, C] = Z.shape;
  if (!labels || labels.length !== N) {
    throw new RangeError(`Cannot ${what}: expected ${N} labels, got ${labels?.length}`);
  }
  const y = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    const l = labels[i];
    if (!Number.isInteger(l) || l < 0 || l >= C) {
      throw new RangeError(
        `Cannot ${what}: label ${i} is ${l}, expected an integer in [0, ${C})`,
      );
    }
    y[i] = l;
  }
  const zd = Z.data;
  const p = new Float64Array(N * C);
  let L = 0;
  for (let i = 0; i < N; i++) {
    const o = i * C;
    let m = -Infinity;
    for (let j = 0; j < C; j++) if (zd[o + j] > m) m = zd[o + j];
    let se = 0;
    for (let j = 0; j < C; j++) {
      const e = Math.exp(zd[o + j] - m);
      p[o + j] = e;
      se += e;
    }
    for (let j = 0; j < C; j++) p[o + j] /= se;
    L += Math.log(se) - (zd[o + y[i]] - m);
  }
  const loss = new Tensor(new Float64Array([L / N]), []);
  if (!isTracked(Z)) return loss;
  const size = N * C;
  // p·ż per block and row for the current tangents, reused by the second-order rule
  let pz: Float64Array | null = null;
  return record(loss, {
    tangent(k) {
      const zt = Z.tangent;
      pz = null;
      if (zt === null) return;
      const q = pz = new Float64Array(k * N);
      const t = loss.tangent = new Float64Array(k);
      for (let b = 0; b < k; b++) {
        let acc = 0;
        for (let i = 0; i < N; i++) {
          const o = b * size + i * C;
          let dot = 0;
          for (let j = 0; j < C; j++) dot += p[i * C + j] * zt[o + j];
          q[b * N + i] = dot;
          acc += dot - zt[o + y[i]];
        }
        t[b] = acc / N;
      }
    },
    backward() {
      const f = loss.grad![0] / N;
      const g = gradOf(Z);
      for (let i = 0; i < N; i++) {
        const o = i * C;
        for (let j = 0; j < C; j++) g[o + j] += f * p[o + j];
        g[o + y[i]] -= f;
      }
    },
    backwardTangent(k) {
      const f = loss.grad![0] / N, LbarT = loss.gradTangent!, zt = Z.tangent, q = pz;
      const gt = gradTangentOf(Z, k);
      for (let b = 0; b < k; b++) {
        const a = LbarT[b] / N;
        for (let i = 0; i < N; i++) {
          const o = i * C, ob = b * size + o;
          if (zt && q) {
            const pzi = q[b * N + i];
            for (let j = 0; j < C; j++) {
              gt[ob + j] += a * p[o + j] + f * (p[o + j] * (zt[ob + j] - pzi));
            }
          } else for (let j = 0; j < C; j++) gt[ob + j] += a * p[o + j];
          gt[ob + y[i]] -= a;
        }
      }
    },
  });
}

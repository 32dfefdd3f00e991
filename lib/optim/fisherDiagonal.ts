/**
 * The diagonal of the (true) Fisher information of a softmax classifier:
 * squared gradients averaged over the model's own predicted labels.
 *
 * @module
 */
import { grad } from "../autodiff/grad.ts";
import { type Dataset, Mlp } from "../nn/mlp.ts";
import { toVector } from "../validate/toVector.ts";

/**
 * diag F(θ) = (1/N) Σᵢ Σ_c p_c(xᵢ; θ) (∇_θ ℓ(xᵢ, c; θ))², coordinate-wise,
 * for an MLP whose outputs are the logits of a softmax classifier
 * (the `cross_entropy` loss): ℓ(x, c) = −log p_c(x) and p(x) = softmax of
 * the network's output. The label is drawn from the model's own predictive
 * distribution p(xᵢ), not taken from the data; that is what separates the
 * Fisher from the *empirical* Fisher (1/N) Σᵢ (∇ℓ(xᵢ, yᵢ))² of
 * {@linkcode empiricalFisherDiagonal}, which uses the observed labels yᵢ.
 *
 * For the softmax cross-entropy the Fisher equals the Gauss–Newton matrix
 * (1/N) Σᵢ Jᵢᵀ(diag pᵢ − pᵢpᵢᵀ)Jᵢ, the part of the Hessian that ignores
 * the network's own curvature. The expectation over c is exact (a sum over
 * the classes, not a sample), so the cost is N·C per-sample gradients.
 * BatchNorm networks are rejected: a one-sample forward pass has no batch
 * statistics.
 *
 * @example A linear softmax model: F = x_a² p_k(1 − p_k) for weight W_ak, p_k(1 − p_k) for b_k
 * ```ts
 * import { fisherDiagonal } from "./fisherDiagonal.ts";
 * import { Mlp } from "../nn/mlp.ts";
 * const net = new Mlp({ layers: [2, 3], activation: "linear" });
 * const theta = net.init({ seed: 1 }), x = [1, 2];
 * const F = fisherDiagonal(net, { x: [x], y: [0] }, theta);
 * const z = Array.from(net.forward(theta, [x]).data);
 * const e = z.map((v) => Math.exp(v)), p = e.map((v) => v / (e[0] + e[1] + e[2]));
 * const expected = [...[0, 1].flatMap((a) => p.map((pk) => x[a] ** 2 * pk * (1 - pk))), ...p.map((pk) => pk * (1 - pk))];
 * if (expected.some((v, j) => Math.abs(v - F[j]) > 1e-14)) throw new Error(String(F));
 * ```
 */
export function fisherDiagonal(
  model: Mlp,
  data: Dataset,
  params: ArrayLike<number>,
): Float64Array {
  const what = "compute the Fisher diagonal";
  if (!(model instanceof Mlp)) {
    throw new TypeError(`Cannot ${what}: model must be an Mlp`);
  }
  if (model.config.batchnorm) {
    throw new RangeError(
      `Cannot ${what}: the network uses BatchNorm, so one sample alone has no batch statistics`,
    );
  }
  const p = toVector(params, what, "params");
  if (p.length !== model.size) {
    throw new RangeError(
      `Cannot ${what}: params has ${p.length} entries, the network ${model.size}`,
    );
  }
  const X = data?.x;
  if (!X || typeof X.length !== "number" || X.length === 0) {
    throw new RangeError(`Cannot ${what}: data.x must be a non-empty array of rows`);
  }
  const N = X.length, C = model.config.layers[model.config.layers.length - 1];
  if (C < 2) {
    throw new RangeError(`Cannot ${what}: a softmax classifier needs ≥ 2 outputs, got ${C}`);
  }
  const logits = model.forward(p, X).data;
  const out = new Float64Array(p.length);
  for (let i = 0; i < N; i++) {
    let max = -Infinity;
    for (let c = 0; c < C; c++) max = Math.max(max, logits[i * C + c]);
    const e = Array.from({ length: C }, (_, c) => Math.exp(logits[i * C + c] - max));
    const sum = e.reduce((a, b) => a + b, 0);
    for (let c = 0; c < C; c++) {
      const pc = e[c] / sum;
      if (pc === 0) continue;
      const g = grad(model.lossFunction({ x: [X[i]], y: [c] }, "cross_entropy"))(p);
      for (let j = 0; j < g.length; j++) out[j] += pc * g[j] * g[j];
    }
  }
  for (let j = 0; j < out.length; j++) out[j] /= N;
  return out;
}

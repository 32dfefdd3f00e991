/**
 * BatchNorm couples the examples of a batch: the output of one example, and
 * its curvature, depend on which other examples share its batch. An exact
 * check against a plain network, for which they do not.
 *
 * @module
 */
import { hessian } from "../../lib/autodiff/hessian.ts";
import { mul } from "../../lib/autodiff/ops/mul.ts";
import { sum } from "../../lib/autodiff/ops/sum.ts";
import { tensor } from "../../lib/autodiff/tensor.ts";
import { loadIris } from "../../lib/data/loadIris.ts";
import { mlp } from "../../lib/nn/mlp.ts";
import { Rng } from "../../lib/random.ts";

/** One variant's measurements. */
export interface BatchDependence {
  /** max over batches of |z₀(B) − z₀(B₁)| / |z₀(B₁)|, z₀ the logits of example 0. */
  outputChange: number;
  /** max over batches of ‖H₀(B) − H₀(B₁)‖_F / ‖H₀(B₁)‖_F, H₀ the Hessian of example 0's first logit in θ. */
  hessianChange: number;
}

/** What {@linkcode batchNormBatchDependence} returns. */
export interface BatchDependenceResult {
  /** The plain relu network. */
  plain: BatchDependence;
  /** The same network with BatchNorm (train mode: batch statistics) before each hidden relu. */
  batchnorm: BatchDependence;
  /** Batches compared (each holds example 0 and batch − 1 others). */
  batches: number;
  /** The batch size. */
  batch: number;
}

/**
 * Put Iris example 0 into `batches` random batches of `batch` examples
 * (seeded) and compute, in each, the logits of example 0 and the exact
 * Hessian of its first logit with respect to the parameters (relu
 * [4, 5, 5, 3], seed 1, at initialization). For the plain network both are
 * the same in every batch (up to rounding); with BatchNorm in train mode
 * they are not.
 *
 * @example
 * ```ts
 * import { batchNormBatchDependence } from "./batchNormBatchDependence.ts";
 * const r = batchNormBatchDependence({ batches: 2 });
 * if (!(r.plain.outputChange === 0 && r.batchnorm.outputChange > 1e-3)) throw new Error();
 * ```
 */
export function batchNormBatchDependence(
  options: { batches?: number; batch?: number } = {},
): BatchDependenceResult {
  const { batches = 5, batch = 16 } = options;
  const x = loadIris({ seed: 0 }).train.x;
  const rng = new Rng(3);
  const groups = Array.from({ length: batches }, () => {
    const others = rng.permutation(x.length - 1).slice(0, batch - 1).map((i) => i + 1);
    return [0, ...others].map((i) => x[i]);
  });
  const measure = (batchnorm: boolean): BatchDependence => {
    const net = mlp({ layers: [4, 5, 5, 3], activation: "relu", batchnorm });
    const p = net.init({ seed: 1 });
    const mask = tensor(
      Array.from({ length: batch }, (_, i) => [i === 0 ? 1 : 0, 0, 0]),
    );
    const logits = groups.map((g) => net.forward(p, g).data.slice(0, 3));
    const hess = groups.map((g) => hessian((q) => sum(mul(net.forward(q, g), mask)))(p));
    const rel = (a: ArrayLike<number>[], b: ArrayLike<number>[]) => {
      let num = 0, den = 0;
      a.forEach((row, i) => {
        for (let j = 0; j < row.length; j++) num += (row[j] - b[i][j]) ** 2, den += b[i][j] ** 2;
      });
      return Math.sqrt(num / den);
    };
    return {
      outputChange: Math.max(...logits.map((z) => rel([z], [logits[0]]))),
      hessianChange: Math.max(...hess.map((H) => rel(H, hess[0]))),
    };
  };
  return { plain: measure(false), batchnorm: measure(true), batches, batch };
}

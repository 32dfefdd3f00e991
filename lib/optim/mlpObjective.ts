/**
 * The loss of a network (lib/nn) as an {@linkcode Objective} of its flat
 * parameters, with exact float64 gradients, HVPs and Hessians, and
 * mini-batch access.
 *
 * @module
 */
import { grad, valueAndGrad } from "../autodiff/grad.ts";
import { hessian } from "../autodiff/hessian.ts";
import { hvp } from "../autodiff/hvp.ts";
import type { ScalarFunction } from "../autodiff/differentiate.ts";
import { tensor } from "../autodiff/tensor.ts";
import type { MlpConfig } from "../nn/layout.ts";
import { type Dataset, type LossName, Mlp } from "../nn/mlp.ts";
import type { Objective } from "./objective.ts";
import { checkIndices } from "../validate/checkIndices.ts";

/** An MLP loss as an objective, with its network. */
export interface MlpObjective extends Objective {
  /** The number of parameters n. */
  readonly size: number;
  /** The number of samples N. */
  readonly samples: number;
  /** The network. */
  readonly mlp: Mlp;
  /** The exact Hessian, n rows. */
  hessian(x: Float64Array): Float64Array[];
  /** The exact Hessian-vector product. */
  hvp(x: Float64Array, v: Float64Array): Float64Array;
  /** The gradient of the loss on the samples at `indices`. */
  gradBatch(x: Float64Array, indices: readonly number[]): Float64Array;
  /** The loss on the samples at `indices`. */
  fBatch(x: Float64Array, indices: readonly number[]): number;
}

/**
 * The loss of the network `model` (an {@linkcode Mlp} or its config) on
 * `data` with `loss`, as a function of the flat parameter vector (the model
 * spec layout). `f`, `grad`, `hvp` and `hessian` are exact float64 values
 * from the library's autodiff; `gradBatch(θ, I)` and `fBatch(θ, I)` are the
 * loss of the same network on the samples in I, for SGD and mini-batch Adam.
 *
 * Without BatchNorm the loss is a mean over samples, so batch gradients
 * average to the full gradient. With BatchNorm a mini-batch loss uses that
 * mini-batch's statistics (as in training), so it is not a sub-average of
 * the full loss; `gradBatch` over all samples still equals `grad`.
 *
 * @example Adam on a tiny network, then the exact Hessian where it stopped
 * ```ts
 * import { mlpObjective } from "./mlpObjective.ts";
 * import { adam } from "./adam.ts";
 * import { minimize } from "./minimize.ts";
 * import { Mlp } from "../nn/mlp.ts";
 * const net = new Mlp({ layers: [2, 3, 1], activation: "tanh" });
 * const obj = mlpObjective(net, { x: [[0, 1], [1, 0], [1, 1]], y: [[1], [0], [2]] }, "mse");
 * const run = minimize(obj, net.init({ seed: 1 }), adam({ lr: 0.05 }), { maxSteps: 50 });
 * const H = obj.hessian(run.x);
 * if (run.f >= run.fs[0] || H.length !== 13) throw new Error(run.message);
 * ```
 */
export function mlpObjective(
  model: Mlp | MlpConfig,
  data: Dataset,
  loss: LossName,
): MlpObjective {
  const mlp = model instanceof Mlp ? model : new Mlp(model);
  const full = mlp.lossFunction(data, loss);
  const N = data.x.length;
  const g = valueAndGrad(full);
  const hv = hvp(full);
  const h = hessian(full);
  const subset = (idx: readonly number[]): ScalarFunction => {
    checkIndices(idx, N, "evaluate a batch");
    const x = idx.map((i) => data.x[i]);
    const y = idx.map((i) => (data.y as ArrayLike<unknown>)[i]) as Dataset["y"];
    return mlp.lossFunction({ x, y }, loss);
  };
  return {
    size: mlp.size,
    samples: N,
    mlp,
    f: (p) => full(tensor(p)).value,
    grad: (p) => g(p).gradient,
    hvp: (p, v) => hv(p, v),
    hessian: (p) => h(p),
    gradBatch: (p, idx) => grad(subset(idx))(p),
    fBatch: (p, idx) => subset(idx)(tensor(p)).value,
  };
}

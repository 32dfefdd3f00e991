/**
 * The book's real-data network: a small MLP classifying Fisher's Iris, as
 * an objective with exact curvature and per-batch objectives.
 *
 * @module
 */
import { loadIris } from "../../lib/data/loadIris.ts";
import type { ClassificationData } from "../../lib/data/types.ts";
import { Mlp } from "../../lib/nn/mlp.ts";
import { type MlpObjective, mlpObjective } from "../../lib/optim/mlpObjective.ts";

/** Options of {@linkcode irisMlp}. */
export interface IrisMlpOptions {
  /** Hidden layer widths. Default [8] (so layers [4, 8, 3], 67 parameters). */
  hidden?: number[];
  /** The hidden activation. Default "tanh" (smooth, so the Hessian is defined everywhere). */
  activation?: "tanh" | "relu" | "sigmoid" | "softplus";
  /** Seed of the train/test split. Default 0. */
  dataSeed?: number;
}

/** The network, its training data and its loss. */
export interface IrisMlp {
  /** The network (layers [4, …hidden, 3]). */
  net: Mlp;
  /** The standardized training set (120 flowers). */
  data: ClassificationData;
  /** The mean cross-entropy on the training set, with exact gradient, HVP and Hessian. */
  objective: MlpObjective;
  /** The same loss on the training samples at `indices` only (a mini-batch objective). */
  batch(indices: readonly number[]): MlpObjective;
  /** He/Xavier initial parameters from `seed` (the library's default scheme for the activation). */
  init(seed: number): Float64Array;
}

/**
 * The mean softmax cross-entropy of an MLP [4, …hidden, 3] on the Iris
 * training split, as an {@linkcode MlpObjective}. `batch(I)` is the loss on
 * the samples in I alone, a full objective of its own (with its Hessian),
 * for stochastic second-order methods.
 *
 * @example The mean of the per-sample losses is the loss
 * ```ts
 * import { irisMlp } from "./irisMlp.ts";
 * const p = irisMlp();
 * const x = p.init(1);
 * const N = p.data.x.length;
 * let mean = 0;
 * for (let i = 0; i < N; i++) mean += p.batch([i]).f(x) / N;
 * if (p.objective.size !== 67 || Math.abs(mean - p.objective.f(x)) > 1e-12) throw new Error();
 * ```
 */
export function irisMlp(options: IrisMlpOptions = {}): IrisMlp {
  const hidden = options.hidden ?? [8];
  const net = new Mlp({ layers: [4, ...hidden, 3], activation: options.activation ?? "tanh" });
  const data = loadIris({ seed: options.dataSeed ?? 0 }).train;
  return {
    net,
    data,
    objective: mlpObjective(net, data, "cross_entropy"),
    batch(indices) {
      if (!Array.isArray(indices) || indices.length === 0) {
        throw new RangeError("Cannot build a batch objective: indices must be a non-empty array");
      }
      for (const i of indices) {
        if (!Number.isInteger(i) || i < 0 || i >= data.x.length) {
          throw new RangeError(
            `Cannot build a batch objective: index ${i} is not in [0, ${data.x.length})`,
          );
        }
      }
      const sub = { x: indices.map((i) => data.x[i]), y: indices.map((i) => data.y[i]) };
      return mlpObjective(net, sub, "cross_entropy");
    },
    init: (seed) => net.init({ seed }),
  };
}

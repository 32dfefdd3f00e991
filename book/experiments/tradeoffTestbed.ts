/**
 * The network whose Hessian the chapter on computational trade-offs
 * approximates: a tanh MLP on Iris, part-trained, with its exact Hessian.
 *
 * @module
 */
import type { ScalarFunction } from "../../lib/autodiff/differentiate.ts";
import { type HessianOperator, hessianOperator } from "../../lib/autodiff/hessianOperator.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import { adam } from "../../lib/optim/adam.ts";
import { minimize } from "../../lib/optim/minimize.ts";
import { memoizeExperiment } from "./_memoizeExperiment.ts";
import { type IrisMlp, irisMlp } from "./irisMlp.ts";

/** Options of {@linkcode tradeoffTestbed}. */
export interface TradeoffTestbedOptions {
  /** Hidden widths of the tanh MLP [4, …hidden, 3]. Default [12, 12] (255 parameters). */
  hidden?: number[];
  /** Full-batch Adam steps from the initialization (0 keeps the initialization). Default 30. */
  adamSteps?: number;
  /** Adam's learning rate. Default 0.01. */
  lr?: number;
  /** Seed of the initialization. Default 1. */
  seed?: number;
}

/** The testbed: a network, a point, and the exact curvature there. */
export interface TradeoffTestbed {
  /** The Iris MLP problem (network, 120 training samples, objective, batches). */
  problem: IrisMlp;
  /** The number of parameters n. */
  n: number;
  /** The number of training samples N. */
  samples: number;
  /** The parameters after `adamSteps` Adam steps. */
  params: Float64Array;
  /** The training loss at `params`. */
  lossValue: number;
  /** The full-batch loss as a function of the parameters (for `hessianOperator`, `grad`). */
  loss: ScalarFunction;
  /** The loss on the training samples at `indices` alone, as a function of the parameters. */
  batchLoss(indices: readonly number[]): ScalarFunction;
  /** A fresh matrix-free Hessian operator at `params` (its `count` starts at 0). */
  operator(): HessianOperator;
  /** The gradient at `params`. */
  gradient: Float64Array;
  /** The exact dense Hessian at `params` (n HVPs). */
  hessian: Float64Array[];
  /** Its eigenvalues, ascending (dense EVD). */
  eigenvalues: number[];
  /** The matching unit eigenvectors. */
  eigenvectors: Float64Array[];
}

/**
 * A part-trained tanh MLP on the Iris training split (mean softmax
 * cross-entropy) with its exact Hessian and spectrum: the matrix every
 * approximation in the chapter is compared with. Parameters are
 * He/Xavier-initialized from `seed` (the library's scheme for tanh) and moved
 * by `adamSteps` full-batch Adam steps; with the defaults the loss has
 * fallen from about 1 to below 0.2, a few outlying eigenvalues have
 * separated from a bulk near zero, and the Hessian is still indefinite.
 *
 * Memoized in-process by options, so a chapter and its claims share one
 * training run and one EVD.
 *
 * @example
 * ```ts
 * import { tradeoffTestbed } from "./tradeoffTestbed.ts";
 * const t = tradeoffTestbed({ hidden: [4], adamSteps: 5 });
 * // [4, 4, 3]: 4·4 + 4 + 4·3 + 3 = 35 parameters
 * if (t.n !== 35 || t.eigenvalues.length !== 35) throw new Error(String(t.n));
 * const trace = t.hessian.reduce((s, row, i) => s + row[i], 0);
 * const sum = t.eigenvalues.reduce((a, b) => a + b, 0);
 * if (Math.abs(trace - sum) > 1e-10) throw new Error("trace ≠ Σλ");
 * ```
 */
export function tradeoffTestbed(options: TradeoffTestbedOptions = {}): TradeoffTestbed {
  const hidden = options.hidden ?? [12, 12];
  const adamSteps = options.adamSteps ?? 30;
  const lr = options.lr ?? 0.01;
  const seed = options.seed ?? 1;
  const what = "build the trade-off testbed";
  if (!Array.isArray(hidden) || !hidden.every((w) => Number.isInteger(w) && w > 0)) {
    throw new RangeError(`Cannot ${what}: option hidden must be positive integer widths`);
  }
  if (!Number.isInteger(adamSteps) || adamSteps < 0) {
    throw new RangeError(
      `Cannot ${what}: option adamSteps must be an integer ≥ 0, got ${adamSteps}`,
    );
  }
  if (!(lr > 0) || !Number.isFinite(lr)) {
    throw new RangeError(`Cannot ${what}: option lr must be a positive number, got ${lr}`);
  }
  return memoizeExperiment("tradeoffTestbed", { hidden, adamSteps, lr, seed }, () => {
    const problem = irisMlp({ hidden, activation: "tanh" });
    const { net, data, objective } = problem;
    const x0 = problem.init(seed);
    const params = adamSteps === 0
      ? x0
      : minimize(objective, x0, adam({ lr }), { maxSteps: adamSteps, gradTol: 0 }).x;
    const loss = net.lossFunction(data, "cross_entropy");
    const hessian = objective.hessian(params);
    const { values, vectors } = eigh(hessian);
    const N = data.x.length;
    const batchLoss = (indices: readonly number[]): ScalarFunction => {
      if (!Array.isArray(indices) || indices.length === 0) {
        throw new RangeError("Cannot build a batch loss: indices must be a non-empty array");
      }
      for (const i of indices) {
        if (!Number.isInteger(i) || i < 0 || i >= N) {
          throw new RangeError(`Cannot build a batch loss: index ${i} is not in [0, ${N})`);
        }
      }
      return net.lossFunction(
        { x: indices.map((i) => data.x[i]), y: indices.map((i) => data.y[i]) },
        "cross_entropy",
      );
    };
    return {
      problem,
      n: net.size,
      samples: N,
      params,
      lossValue: objective.f(params),
      loss,
      batchLoss,
      operator: () => hessianOperator(loss, params),
      gradient: objective.grad(params),
      hessian,
      eigenvalues: Array.from(values),
      eigenvectors: vectors.map((v) => Float64Array.from(v)),
    };
  });
}

/**
 * Mini-batch stochastic gradient descent.
 *
 * @module
 */
import type { Optimizer } from "./optimizer.ts";
import { firstOrderStepper, gradientStep } from "./_stepper.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode sgd}. */
export interface SgdOptions {
  /** The learning rate α > 0. Required. */
  lr: number;
  /** The mini-batch size B ≥ 1. Required. */
  batchSize: number;
  /** Seed of the batch order. Default 0. */
  seed?: number;
}

/**
 * Mini-batch SGD: x_{t+1} = x_t − α·(1/B) Σ_{i∈batch} ∇fᵢ(x_t).
 *
 * Batches are drawn without replacement: each epoch visits all N samples in a
 * fresh random order (from `seed`), B at a time; the last batch of an epoch
 * is smaller when B does not divide N. The objective must expose `samples`
 * and `gradBatch` (see {@linkcode Objective}). It is
 * {@linkcode gradientDescent} with a required `batchSize` (the same stepper
 * and update), so with B ≥ N every step uses the full gradient and the run is
 * gradient descent up to summation order. The step info is `{batchSize, epoch}`.
 *
 * @example SGD on a least-squares fit is reproducible from its seed
 * ```ts
 * import { sgd } from "./sgd.ts";
 * import { leastSquaresObjective } from "./leastSquaresObjective.ts";
 * const obj = leastSquaresObjective([[1], [2], [3], [4]], [2, 4, 6, 8]);
 * const a = sgd({ lr: 0.05, batchSize: 2, seed: 7 }).start(obj, [0]);
 * const b = sgd({ lr: 0.05, batchSize: 2, seed: 7 }).start(obj, [0]);
 * for (let k = 0; k < 5; k++) { a.step(); b.step(); }
 * if (a.x[0] !== b.x[0]) throw new Error("not reproducible");
 * ```
 */
export function sgd(options: SgdOptions): Optimizer {
  const what = "run sgd";
  const lr = numberOption(options, "lr", { what, min: 0, exclusiveMin: true });
  const batchSize = numberOption(options, "batchSize", { what, integer: true, min: 1 });
  const seed = numberOption(options, "seed", { what, default: 0 });
  return {
    name: `sgd(lr=${lr}, batchSize=${batchSize}, seed=${seed})`,
    start: (objective, x0) =>
      firstOrderStepper(objective, x0, what, { batchSize, seed }, gradientStep(lr)),
  };
}

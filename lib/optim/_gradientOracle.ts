// Private: the gradient a first-order step uses, full or mini-batch.
import { batchSampler } from "./_batchSampler.ts";
import type { Objective } from "./objective.ts";
import { checkVector, intOption } from "./_util.ts";
import type { BatchOptions } from "./batchOptions.ts";

export type { BatchOptions };

export interface GradientOracle {
  /** The gradient for the next step at x, with the batch it used. */
  next(x: Float64Array): { g: Float64Array; batch: number[] | undefined; epoch: number };
}

export function gradientOracle(
  objective: Objective,
  n: number,
  options: BatchOptions,
  what: string,
): GradientOracle {
  const check = (g: Float64Array) => checkVector(g, n, what, "the gradient");
  if (options.batchSize === undefined) {
    return { next: (x) => ({ g: check(objective.grad(x)), batch: undefined, epoch: 0 }) };
  }
  const B = intOption(options.batchSize, "batchSize", what);
  const N = objective.samples;
  if (typeof objective.gradBatch !== "function" || N === undefined) {
    throw new TypeError(
      `Cannot ${what}: option batchSize needs an objective with mini-batch access ` +
        `(samples and gradBatch)`,
    );
  }
  intOption(N, "objective.samples", what);
  const sampler = batchSampler(N, B, options.seed ?? 0);
  const gradBatch = objective.gradBatch.bind(objective);
  return {
    next(x) {
      const { batch, epoch } = sampler.next();
      return { g: check(gradBatch(x, batch)), batch, epoch };
    },
  };
}

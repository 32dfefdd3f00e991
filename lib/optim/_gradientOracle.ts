// Private: the gradient a first-order step uses, full or mini-batch.
import { batchSampler } from "./_batchSampler.ts";
import type { Objective } from "./objective.ts";
import type { StepInfo } from "./optimizer.ts";
import { checkVector } from "./_util.ts";
import type { BatchOptions } from "./batchOptions.ts";
import { numberOption } from "../validate/numberOption.ts";

export type { BatchOptions };

export interface GradientOracle {
  /** The gradient for the next step at x, and the step info of its batch ({} for the full gradient). */
  next(x: Float64Array): { g: Float64Array; info: StepInfo };
}

export function gradientOracle(
  objective: Objective,
  n: number,
  options: BatchOptions,
  what: string,
): GradientOracle {
  const check = (g: Float64Array) => checkVector(g, n, what, "the gradient");
  const B = numberOption(options, "batchSize", { what, integer: true, min: 1, optional: true });
  if (B === undefined) return { next: (x) => ({ g: check(objective.grad(x)), info: {} }) };
  const N = objective.samples;
  if (typeof objective.gradBatch !== "function" || N === undefined) {
    throw new TypeError(
      `Cannot ${what}: option batchSize needs an objective with mini-batch access ` +
        `(samples and gradBatch)`,
    );
  }
  const sampler = batchSampler(N, B, numberOption(options, "seed", { what, default: 0 }), what);
  const gradBatch = objective.gradBatch.bind(objective);
  return {
    next(x) {
      const { batch, epoch } = sampler.next();
      return { g: check(gradBatch(x, batch)), info: { batchSize: batch.length, epoch } };
    },
  };
}

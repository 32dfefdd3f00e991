/**
 * Stochastic (sub-sampled) Newton: each step solves with the Hessian and the
 * gradient of one mini-batch.
 *
 * @module
 */
import type { Objective } from "./objective.ts";
import type { Optimizer, Stepper } from "./optimizer.ts";
import { batchSampler } from "./_batchSampler.ts";
import { needCurvature, newtonDirection, secondOrderStepper } from "./_secondOrder.ts";
import { checkFunction } from "../validate/checkFunction.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode subsampledNewton}. */
export interface SubsampledNewtonOptions {
  /** The loss on the samples at `indices` alone, with its Hessian (or HVP). Required. */
  batch: (indices: readonly number[]) => Objective;
  /** The mini-batch size B ≥ 1. Required. */
  batchSize: number;
  /** The damping ε ≥ 0 added to the batch Hessian. Default 0 (a pure Newton step). */
  damping?: number;
  /** The step size η > 0. Default 1. */
  stepSize?: number;
  /** Seed of the batch order. Default 0. */
  seed?: number;
}

/**
 * Sub-sampled Newton: at step t draw a batch I_t of B samples and set
 * x_{t+1} = x_t − η (H_I(x_t) + εI)⁻¹ ∇f_I(x_t), where f_I is the loss on
 * I_t (`options.batch(I_t)`), so both the curvature and the gradient are
 * mini-batch estimates. Batches are drawn as in {@linkcode sgd}: each epoch
 * visits the N samples (`objective.samples`) in a fresh seeded order.
 *
 * Each step is the {@linkcode dampedNewton} step on f_I, taken by the same
 * second-order stepper and solve; a singular H_I + εI throws
 * `Cannot run sub-sampled Newton: the batch Hessian H_I + εI is singular …`.
 * With B = N and ε = 0 this is {@linkcode newton}. The step info is
 * `{batchSize, epoch, solver, stepNorm}`.
 *
 * @example Least squares: with the whole data set as the batch, one step solves it
 * ```ts
 * import { subsampledNewton } from "./subsampledNewton.ts";
 * import { leastSquaresObjective } from "./leastSquaresObjective.ts";
 * const X = [[1, 0], [0, 1], [1, 1]], y = [1, 2, 3];
 * const full = leastSquaresObjective(X, y);
 * const opt = subsampledNewton({
 *   batchSize: 3,
 *   batch: (I) => leastSquaresObjective(I.map((i) => X[i]), I.map((i) => y[i])),
 * });
 * const run = opt.start(full, [0, 0]);
 * run.step();
 * if (Math.abs(run.x[0] - 1) > 1e-12 || Math.abs(run.x[1] - 2) > 1e-12) throw new Error(String(run.x));
 * ```
 */
export function subsampledNewton(options: SubsampledNewtonOptions): Optimizer {
  const what = "run sub-sampled Newton";
  const batch = checkFunction(options?.batch, what, "option batch");
  const B = numberOption(options, "batchSize", { what, integer: true, min: 1 });
  const damping = numberOption(options, "damping", { what, min: 0, default: 0 });
  const eta = numberOption(options, "stepSize", { what, min: 0, exclusiveMin: true, default: 1 });
  const seed = numberOption(options, "seed", { what, default: 0 });
  const direction = newtonDirection(damping, 1e-10, {
    what,
    matrix: "the batch Hessian H_I + εI",
    hint: "; increase the damping or the batch size",
  });
  return {
    name: `subsampledNewton(batchSize=${B}, damping=${damping}${
      eta === 1 ? "" : `, stepSize=${eta}`
    }, seed=${seed})`,
    start(objective, x0): Stepper {
      const N = objective?.samples;
      if (!Number.isInteger(N) || (N as number) < 1) {
        throw new TypeError(`Cannot ${what}: the objective must say how many samples it has`);
      }
      const sampler = batchSampler(N as number, B, seed, what);
      return secondOrderStepper(objective, x0, what, eta, {
        local() {
          const { batch: indices, epoch } = sampler.next();
          const local = batch(indices);
          needCurvature(local, what);
          return { objective: local, info: { batchSize: indices.length, epoch } };
        },
        direction,
      });
    },
  };
}

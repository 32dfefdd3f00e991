/**
 * Stochastic (sub-sampled) Newton: each step solves with the Hessian and the
 * gradient of one mini-batch.
 *
 * @module
 */
import { dampedNewton } from "./dampedNewton.ts";
import type { Objective } from "./objective.ts";
import type { Optimizer, Stepper } from "./optimizer.ts";
import { batchSampler } from "./_batchSampler.ts";

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
 * The solve is the library's {@linkcode dampedNewton} step on f_I, so a
 * singular H_I + εI throws its `Cannot take a damped Newton step: H + εI is
 * singular …` error. With B = N and ε = 0 this is {@linkcode newton}. The
 * step info is `{batchSize, epoch, stepNorm}`.
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
  if (typeof options?.batch !== "function") {
    throw new TypeError(`Cannot ${what}: option batch must be a function of the batch indices`);
  }
  const B = options.batchSize;
  if (!Number.isInteger(B) || B < 1) {
    throw new RangeError(`Cannot ${what}: option batchSize must be a positive integer, got ${B}`);
  }
  const damping = options.damping ?? 0;
  const eta = options.stepSize ?? 1;
  const newtonStep = dampedNewton({ damping, stepSize: eta });
  const seed = options.seed ?? 0;
  return {
    name: `subsampledNewton(batchSize=${B}, damping=${damping}${
      eta === 1 ? "" : `, stepSize=${eta}`
    }, seed=${seed})`,
    start(objective, x0): Stepper {
      const N = objective?.samples;
      if (!Number.isInteger(N) || (N as number) < 1) {
        throw new TypeError(`Cannot ${what}: the objective must say how many samples it has`);
      }
      let x: Float64Array = Float64Array.from(x0);
      if (objective.size !== undefined && objective.size !== x.length) {
        throw new RangeError(
          `Cannot ${what}: x0 has ${x.length} entries, the objective expects ${objective.size}`,
        );
      }
      const sampler = batchSampler(N as number, B, seed);
      let t = 0;
      return {
        get x() {
          return x;
        },
        get t() {
          return t;
        },
        step() {
          const { batch: indices, epoch } = sampler.next();
          const r = newtonStep.start(options.batch(indices), x).step();
          x = r.x;
          t++;
          return {
            x,
            gradient: r.gradient,
            info: { batchSize: indices.length, epoch, stepNorm: r.info.stepNorm as number },
          };
        },
      };
    },
  };
}

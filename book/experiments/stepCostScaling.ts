/**
 * The paper's Table 1 "computational cost" column, measured: seconds per
 * step of SGD, Adam and Newton against the dimension n, with fitted
 * exponents.
 *
 * @module
 */
import { adam } from "../../lib/optim/adam.ts";
import { leastSquaresObjective } from "../../lib/optim/leastSquaresObjective.ts";
import type { StepCost } from "../../lib/optim/measureStepCost.ts";
import { newton } from "../../lib/optim/newton.ts";
import type { Objective } from "../../lib/optim/objective.ts";
import type { Optimizer } from "../../lib/optim/optimizer.ts";
import { sgd } from "../../lib/optim/sgd.ts";
import { Rng } from "../../lib/random.ts";
import { memoizeExperiment } from "./_memoizeExperiment.ts";
import { minTime } from "./_minTime.ts";
import { fitPowerLaw } from "../../lib/stats/fitPowerLaw.ts";

/** Options of {@linkcode stepCostScaling}. */
export interface StepCostScalingOptions {
  /** Dimensions for SGD and Adam. Default [2048, 4096, 8192, 16384, 32768]. */
  firstOrderSizes?: number[];
  /** Samples N of the first-order problems (batch N/2). Default 16. */
  firstOrderSamples?: number;
  /** Dimensions for Newton. Default [96, 128, 192, 256, 384]. */
  newtonSizes?: number[];
  /** Samples N of the Newton problems. Default 32. */
  newtonSamples?: number;
  /** Timed repeats per size and round (the fastest is kept). Default 3. */
  repeats?: number;
  /** Each repeat runs enough steps to last at least this long, ms. Default 4. */
  minTime?: number;
  /**
   * Sweeps over the sizes per method; the fastest time per size is kept,
   * since a busy machine only ever slows a step down. Default 3.
   */
  rounds?: number;
}

/** The three measured costs. */
export interface StepCostScaling {
  /** SGD, batch N/2. */
  sgd: StepCost;
  /** Adam, batch N/2. */
  adam: StepCost;
  /** Newton (dense Hessian, LU solve). */
  newton: StepCost;
}

/** Ridge least squares with N random samples in n dimensions (seeded by n). */
function problem(N: number, n: number) {
  const r = new Rng(1000 + n);
  const X = Array.from({ length: N }, () => Array.from(r.normalVector(n)));
  return leastSquaresObjective(X, Array.from(r.normalVector(N)), { ridge: 0.1 });
}

/**
 * Time one step of SGD, Adam and Newton on ridge least squares
 * f(β) = (1/N)‖Xβ − y‖² + 0.1‖β‖² in n dimensions, and fit t ≈ c·nᵖ by
 * least squares on a log–log scale. Each size is timed in several rounds
 * (sweeps over all sizes), each a few repeats of a batch of steps; a repeat
 * counts the smaller of its wall-clock and CPU time, and the fastest repeat
 * of all rounds is kept, since a busy machine only ever slows a step down.
 *
 * A first-order step on a batch of B samples costs O(Bn): O(n) at fixed B.
 * A Newton step costs O(Nn) for the gradient, O(n²) to copy the (constant,
 * cached) Hessian and O(n³) for the LU solve, so its fitted exponent
 * approaches 3 from below as n grows. Timings depend on the machine and its
 * load: compare exponents, not seconds. The book does not call this: it
 * shows the measurement recorded by `deno task bench:record`.
 *
 * @example Small sizes, one round (timings are noisy; exponents are only meaningful at the defaults)
 * ```ts
 * import { stepCostScaling } from "./stepCostScaling.ts";
 * const c = stepCostScaling({
 *   firstOrderSizes: [1024, 4096], newtonSizes: [64, 256], repeats: 1, minTime: 2, rounds: 1,
 * });
 * for (const k of ["sgd", "adam", "newton"] as const) {
 *   if (!Number.isFinite(c[k].exponent)) throw new Error(`${k}: no exponent`);
 * }
 * ```
 */
export function stepCostScaling(options: StepCostScalingOptions = {}): StepCostScaling {
  const o = {
    firstOrderSizes: options.firstOrderSizes ?? [2048, 4096, 8192, 16384, 32768],
    firstOrderSamples: options.firstOrderSamples ?? 16,
    newtonSizes: options.newtonSizes ?? [96, 128, 192, 256, 384],
    newtonSamples: options.newtonSamples ?? 32,
    repeats: options.repeats ?? 3,
    minTime: options.minTime ?? 4,
    rounds: options.rounds ?? 3,
  };
  const N1 = o.firstOrderSamples;
  if (!Number.isInteger(N1) || N1 < 2) {
    throw new RangeError(
      `Cannot measure step costs: option firstOrderSamples must be an integer ≥ 2, got ${N1}`,
    );
  }
  if (!Number.isInteger(o.rounds) || o.rounds < 1) {
    throw new RangeError(
      `Cannot measure step costs: option rounds must be a positive integer, got ${o.rounds}`,
    );
  }
  return memoizeExperiment("stepCostScaling", o, () => {
    const B = Math.floor(N1 / 2);
    // Problems are built once per size (SGD and Adam share them).
    const cached = (make: (n: number) => Objective) => {
      const memo = new Map<number, Objective>();
      return (n: number) => {
        if (!memo.has(n)) memo.set(n, make(n));
        return memo.get(n)!;
      };
    };
    const first = cached((n) => problem(N1, n));
    const second = cached((n) => problem(o.newtonSamples, n));
    const best = (
      make: () => Optimizer,
      objective: (n: number) => Objective,
      sizes: number[],
    ): StepCost => {
      const runs = sizes.map((n) => {
        const run = make().start(objective(n), new Float64Array(n));
        run.step(); // warm-up steps, not timed
        run.step();
        return run;
      });
      const seconds = sizes.map(() => Infinity);
      for (let r = 0; r < o.rounds; r++) {
        runs.forEach((run, i) => {
          const ms = minTime(() => run.step(), {
            budgetMs: 0,
            minRepeats: o.repeats,
            batchMs: o.minTime,
          });
          seconds[i] = Math.min(seconds[i], ms / 1000);
        });
      }
      return {
        optimizer: make().name,
        sizes: sizes.slice(),
        seconds,
        ...fitPowerLaw(sizes, seconds),
      };
    };
    return {
      sgd: best(() => sgd({ lr: 1e-4, batchSize: B, seed: 1 }), first, o.firstOrderSizes),
      adam: best(() => adam({ lr: 1e-4, batchSize: B, seed: 1 }), first, o.firstOrderSizes),
      newton: best(() => newton(), second, o.newtonSizes),
    };
  });
}

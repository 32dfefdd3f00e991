/**
 * The paper's Table 1 "computational cost" column, measured: seconds per
 * step of SGD, Adam and Newton against the dimension n, with fitted
 * exponents.
 *
 * @module
 */
import { adam } from "../optim/adam.ts";
import { leastSquaresObjective } from "../optim/leastSquaresObjective.ts";
import { measureStepCost, type StepCost } from "../optim/measureStepCost.ts";
import { newton } from "../optim/newton.ts";
import { sgd } from "../optim/sgd.ts";
import { Rng } from "../random.ts";
import { memoizeExperiment } from "./_memoizeExperiment.ts";

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
  /** Timed repeats per size (median kept). Default 3. */
  repeats?: number;
  /** Minimum time per repeat, ms. Default 5. */
  minTime?: number;
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
 * f(β) = (1/N)‖Xβ − y‖² + 0.1‖β‖² in n dimensions, with
 * {@linkcode measureStepCost} (median of repeats), and fit t ≈ c·nᵖ.
 *
 * A first-order step on a batch of B samples costs O(Bn): O(n) at fixed B.
 * A Newton step costs O(Nn) for the gradient, O(n²) to copy the (constant,
 * cached) Hessian and O(n³) for the LU solve, so its fitted exponent
 * approaches 3 from below as n grows. Timings depend on the machine and its
 * load: compare exponents, not seconds. Cached in-process by options, so a
 * figure and a claim built on it share one measurement.
 *
 * @example Small sizes: Newton's exponent is well above SGD's
 * ```ts
 * import { stepCostScaling } from "./stepCostScaling.ts";
 * const c = stepCostScaling({
 *   firstOrderSizes: [1024, 4096], newtonSizes: [64, 256], repeats: 1, minTime: 2,
 * });
 * if (!(c.newton.exponent > c.sgd.exponent)) throw new Error(`${c.newton.exponent} vs ${c.sgd.exponent}`);
 * ```
 */
export function stepCostScaling(options: StepCostScalingOptions = {}): StepCostScaling {
  const o = {
    firstOrderSizes: options.firstOrderSizes ?? [2048, 4096, 8192, 16384, 32768],
    firstOrderSamples: options.firstOrderSamples ?? 16,
    newtonSizes: options.newtonSizes ?? [96, 128, 192, 256, 384],
    newtonSamples: options.newtonSamples ?? 32,
    repeats: options.repeats ?? 3,
    minTime: options.minTime ?? 5,
  };
  const N1 = o.firstOrderSamples;
  if (!Number.isInteger(N1) || N1 < 2) {
    throw new RangeError(
      `Cannot measure step costs: option firstOrderSamples must be an integer ≥ 2, got ${N1}`,
    );
  }
  return memoizeExperiment("stepCostScaling", o, () => {
    const B = Math.floor(N1 / 2);
    const timing = { repeats: o.repeats, minTime: o.minTime };
    const first = (n: number) => problem(N1, n);
    return {
      sgd: measureStepCost(first, sgd({ lr: 1e-4, batchSize: B, seed: 1 }), {
        sizes: o.firstOrderSizes,
        ...timing,
      }),
      adam: measureStepCost(first, adam({ lr: 1e-4, batchSize: B, seed: 1 }), {
        sizes: o.firstOrderSizes,
        ...timing,
      }),
      newton: measureStepCost((n) => problem(o.newtonSamples, n), newton(), {
        sizes: o.newtonSizes,
        ...timing,
      }),
    };
  });
}

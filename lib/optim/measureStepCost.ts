/**
 * Measure an optimizer's cost per step against the dimension n and fit the
 * exponent of n: the measured version of the paper's Table 1.
 *
 * @module
 */
import type { Objective } from "./objective.ts";
import type { Optimizer } from "./optimizer.ts";
import { fitPowerLaw } from "../stats/fitPowerLaw.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode measureStepCost}. */
export interface MeasureStepCostOptions {
  /** The dimensions n to time, at least 2 distinct values. Required. */
  sizes: number[];
  /** The start for dimension n. Default: zeros. */
  x0?: (n: number) => ArrayLike<number>;
  /** Timed repeats per size; the median is kept. Default 5. */
  repeats?: number;
  /** Each repeat runs enough steps to last at least this long (ms). Default 20. */
  minTime?: number;
}

/** Measured seconds per step and the fitted power law t ≈ c·nᵖ. */
export interface StepCost {
  /** The optimizer's name. */
  optimizer: string;
  /** The dimensions n. */
  sizes: number[];
  /** Median seconds per step at each n. */
  seconds: number[];
  /** The fitted exponent p (least squares on log t against log n). */
  exponent: number;
  /** The fitted prefactor c, in seconds. */
  prefactor: number;
  /** R² of the log–log fit. */
  r2: number;
}

/**
 * Time `optimizer`'s steps on `problem(n)` for each n in `sizes`, and fit
 * t(n) ≈ c·nᵖ by least squares on a log–log scale.
 *
 * Building the objective and the first two (warm-up) steps are not timed.
 * Each repeat runs k steps, with k doubled until a repeat lasts `minTime`
 * ms, and the median over `repeats` of (elapsed/k) is kept. Wall-clock
 * timings vary by machine and load: compare exponents and ratios, not
 * absolute times, and keep sizes large enough that the leading term
 * dominates (for a Newton step, the O(n³) solve takes over from the O(Nn)
 * gradient only when n is a good fraction of N).
 *
 * @example Seconds per gradient-descent step on least squares, at fixed N
 * ```ts
 * import { measureStepCost } from "./measureStepCost.ts";
 * import { gradientDescent } from "./gradientDescent.ts";
 * import { leastSquaresObjective } from "./leastSquaresObjective.ts";
 * import { Rng } from "../random.ts";
 * const problem = (n: number) => {
 *   const r = new Rng(n);
 *   const X = Array.from({ length: 64 }, () => Array.from(r.normalVector(n)));
 *   return leastSquaresObjective(X, Array.from(r.normalVector(64)));
 * };
 * const cost = measureStepCost(problem, gradientDescent({ lr: 1e-3 }), {
 *   sizes: [64, 128, 256], repeats: 3, minTime: 5,
 * });
 * // Timings are for benchmarks and figures, not for assertions: check the shape only.
 * if (cost.seconds.length !== 3 || !cost.seconds.every((t) => t > 0)) throw new Error("no timings");
 * if (!Number.isFinite(cost.exponent)) throw new Error("no fit");
 * ```
 */
export function measureStepCost(
  problem: (n: number) => Objective,
  optimizer: Optimizer,
  options: MeasureStepCostOptions,
): StepCost {
  const what = "measure the step cost";
  const sizes = options?.sizes;
  if (
    !Array.isArray(sizes) || new Set(sizes).size < 2 ||
    !sizes.every((n) => Number.isInteger(n) && n > 0)
  ) {
    throw new RangeError(
      `Cannot ${what}: option sizes must be at least 2 distinct positive integers`,
    );
  }
  const repeats = numberOption(options, "repeats", { what, integer: true, min: 1, default: 5 });
  const minTime = numberOption(options, "minTime", { what, min: 0, default: 20 });
  const seconds = sizes.map((n) => {
    const objective = problem(n);
    const start = options.x0 ? options.x0(n) : new Float64Array(n);
    const run = optimizer.start(objective, start);
    run.step();
    run.step();
    let k = 1;
    for (;;) {
      const t0 = performance.now();
      for (let i = 0; i < k; i++) run.step();
      if (performance.now() - t0 >= minTime || k >= 1 << 20) break;
      k *= 2;
    }
    const per: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      for (let i = 0; i < k; i++) run.step();
      per.push((performance.now() - t0) / 1000 / k);
    }
    per.sort((a, b) => a - b);
    return per[Math.floor(per.length / 2)];
  });
  const fit = fitPowerLaw(sizes, seconds);
  return { optimizer: optimizer.name, sizes: sizes.slice(), seconds, ...fit };
}

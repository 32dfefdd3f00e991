/**
 * Gradient descent, x ← x − α∇f(x).
 *
 * @module
 */
import type { Optimizer } from "./optimizer.ts";
import type { BatchOptions } from "./batchOptions.ts";
import { firstOrderStepper, gradientStep } from "./_stepper.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode gradientDescent}. */
export interface GradientDescentOptions extends BatchOptions {
  /** The learning rate α > 0. Required. */
  lr: number;
}

/**
 * Gradient descent: x_{t+1} = x_t − α∇f(x_t). On the quadratic ½xᵀHx this
 * gives x_t = (I − αH)ᵗ x₀, which is stable iff 0 < α < 2/λmax.
 *
 * With `batchSize` the gradient is a mini-batch gradient (see {@linkcode sgd}).
 * The step info is empty (or `{batchSize, epoch}` with mini-batches).
 *
 * @example One step on f(x) = x²
 * ```ts
 * import { gradientDescent } from "./gradientDescent.ts";
 * const run = gradientDescent({ lr: 0.1 }).start(
 *   { f: ([x]) => x * x, grad: ([x]) => new Float64Array([2 * x]) },
 *   [1],
 * );
 * run.step();
 * if (Math.abs(run.x[0] - 0.8) > 1e-15) throw new Error(String(run.x));
 * ```
 */
export function gradientDescent(options: GradientDescentOptions): Optimizer {
  const what = "run gradient descent";
  const lr = numberOption(options, "lr", { what, min: 0, exclusiveMin: true });
  const batch = options.batchSize === undefined ? "" : `, batchSize=${options.batchSize}`;
  return {
    name: `gradientDescent(lr=${lr}${batch})`,
    start: (objective, x0) => firstOrderStepper(objective, x0, what, options, gradientStep(lr)),
  };
}

/**
 * Gradient descent, x ← x − α∇f(x).
 *
 * @module
 */
import type { Optimizer, Stepper } from "./optimizer.ts";
import { type BatchOptions, gradientOracle } from "./_gradientOracle.ts";
import { batchInfo } from "./_batchInfo.ts";
import { numberOption, startCheck } from "./_util.ts";

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
  const lr = numberOption(options?.lr, "lr", what, { min: 0, minExclusive: true });
  const batch = options.batchSize === undefined ? "" : `, batchSize=${options.batchSize}`;
  return {
    name: `gradientDescent(lr=${lr}${batch})`,
    start(objective, x0): Stepper {
      let x = startCheck(objective, x0, what);
      const n = x.length;
      const oracle = gradientOracle(objective, n, options, what);
      let t = 0;
      return {
        get x() {
          return x;
        },
        get t() {
          return t;
        },
        step() {
          const { g, batch, epoch } = oracle.next(x);
          const next = new Float64Array(n);
          for (let i = 0; i < n; i++) next[i] = x[i] - lr * g[i];
          x = next;
          t++;
          return { x, gradient: g, info: batchInfo(batch, epoch) };
        },
      };
    },
  };
}

/**
 * Heavy-ball momentum (and its Nesterov variant), in the convention of
 * TensorFlow.js and PyTorch.
 *
 * @module
 */
import type { Optimizer, Stepper } from "./optimizer.ts";
import type { BatchOptions } from "./batchOptions.ts";
import { firstOrderStepper } from "./_stepper.ts";
import { norm2 } from "./_util.ts";
import { booleanOption } from "../validate/booleanOption.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode momentum}. */
export interface MomentumOptions extends BatchOptions {
  /** The learning rate α > 0. Required. */
  lr: number;
  /** The momentum coefficient β in [0, 1). Default 0.9. */
  momentum?: number;
  /** Use Nesterov's accelerated gradient instead of the heavy ball. Default false. */
  nesterov?: boolean;
}

/** A momentum run: its velocity (accumulator) is visible. */
export interface MomentumStepper extends Stepper {
  /** The accumulator a_t (see {@linkcode momentum}). Do not modify it. */
  readonly velocity: Float64Array;
}

/**
 * Momentum, with the accumulator a₀ = 0 and g_t = ∇f(x_t):
 *
 * - heavy ball (Polyak): a_{t+1} = β a_t + g_t, x_{t+1} = x_t − α a_{t+1};
 * - Nesterov (`nesterov: true`): a_{t+1} = β a_t + g_t,
 *   x_{t+1} = x_t − α (g_t + β a_{t+1}).
 *
 * This is exactly `tf.train.momentum(α, β, useNesterov)` and PyTorch's
 * `SGD(momentum=β, nesterov=…)` (with dampening 0). With a constant α it is the
 * textbook form v_{t+1} = β v_t − α g_t, x_{t+1} = x_t + v_{t+1} under
 * v = −α a. The Nesterov update is the look-ahead method
 * v_{t+1} = β v_t − α∇f(x_t + β v_t) of Sutskever et al. (2013), written in the
 * shifted variable x_t + β v_t, so it needs one gradient per step.
 *
 * The step info is `{velocityNorm}` (‖a_{t+1}‖), plus `{batchSize, epoch}`
 * with mini-batches.
 *
 * @example The first step is a gradient step; the second carries momentum
 * ```ts
 * import { momentum } from "./momentum.ts";
 * const obj = { f: ([x]: Float64Array) => 0.5 * x * x, grad: ([x]: Float64Array) => new Float64Array([x]) };
 * const run = momentum({ lr: 0.1, momentum: 0.5 }).start(obj, [1]);
 * run.step(); // a = 1, x = 0.9
 * run.step(); // a = 0.5·1 + 0.9 = 1.4, x = 0.9 − 0.14
 * if (Math.abs(run.x[0] - 0.76) > 1e-15) throw new Error(String(run.x));
 * ```
 */
export function momentum(options: MomentumOptions): Optimizer<MomentumStepper> {
  const what = options?.nesterov ? "run nesterov" : "run momentum";
  const lr = numberOption(options, "lr", { what, min: 0, exclusiveMin: true });
  const beta = numberOption(options, "momentum", {
    what,
    min: 0,
    max: 1,
    exclusiveMax: true,
    default: 0.9,
  });
  const nesterov = booleanOption(options, "nesterov", { what, default: false });
  const batch = options.batchSize === undefined ? "" : `, batchSize=${options.batchSize}`;
  return {
    name: `${nesterov ? "nesterov" : "momentum"}(lr=${lr}, momentum=${beta}${batch})`,
    start: (objective, x0) =>
      firstOrderStepper(objective, x0, what, options, (n) => {
        const a = new Float64Array(n);
        return {
          update(x, g, next) {
            for (let i = 0; i < n; i++) {
              a[i] = beta * a[i] + g[i];
              next[i] = x[i] - lr * (nesterov ? g[i] + beta * a[i] : a[i]);
            }
            return { velocityNorm: norm2(a) };
          },
          state: {
            get velocity() {
              return a;
            },
          },
        };
      }),
  };
}

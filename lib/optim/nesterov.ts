/**
 * Nesterov's accelerated gradient.
 *
 * @module
 */
import type { Optimizer } from "./optimizer.ts";
import { momentum, type MomentumOptions, type MomentumStepper } from "./momentum.ts";

/**
 * Nesterov momentum: {@linkcode momentum} with `nesterov: true`, i.e.
 * a_{t+1} = β a_t + ∇f(x_t), x_{t+1} = x_t − α (∇f(x_t) + β a_{t+1}), the
 * convention of `tf.train.momentum(α, β, true)` and PyTorch. It equals the
 * look-ahead form v_{t+1} = β v_t − α∇f(y_t), y_{t+1} = y_t + v_{t+1} read at
 * x_t = y_t + β v_t.
 *
 * @example
 * ```ts
 * import { nesterov } from "./nesterov.ts";
 * const obj = { f: ([x]: Float64Array) => 0.5 * x * x, grad: ([x]: Float64Array) => new Float64Array([x]) };
 * const run = nesterov({ lr: 0.1, momentum: 0.5 }).start(obj, [1]);
 * run.step(); // a = 1, x = 1 − 0.1·(1 + 0.5·1) = 0.85
 * if (Math.abs(run.x[0] - 0.85) > 1e-15) throw new Error(String(run.x));
 * ```
 */
export function nesterov(options: Omit<MomentumOptions, "nesterov">): Optimizer<MomentumStepper> {
  return momentum({ ...options, nesterov: true });
}

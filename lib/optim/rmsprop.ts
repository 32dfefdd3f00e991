/**
 * RMSProp: gradient steps scaled by a running root-mean-square.
 *
 * @module
 */
import type { Optimizer, Stepper } from "./optimizer.ts";
import type { BatchOptions } from "./batchOptions.ts";
import { firstOrderStepper } from "./_stepper.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode rmsprop}. */
export interface RmspropOptions extends BatchOptions {
  /** The learning rate α > 0. Default 0.001. */
  lr?: number;
  /** The decay ρ of the mean square, in [0, 1). Default 0.9. */
  decay?: number;
  /** ε ≥ 0 added to the root mean square. Default 1e-8. */
  epsilon?: number;
}

/** An RMSProp run: its mean square and effective step are visible. */
export interface RmspropStepper extends Stepper {
  /** The running mean square s_t. Do not modify it. */
  readonly meanSquare: Float64Array;
  /** The per-coordinate effective step α/(√s_t + ε) (a fresh array). */
  effectiveStep(): Float64Array;
}

/**
 * RMSProp (Hinton 2012), with s₀ = 0 and g_t = ∇f(x_t):
 * s_{t+1} = ρ s_t + (1 − ρ) g_t², x_{t+1} = x_t − α g_t/(√s_{t+1} + ε).
 *
 * ε sits outside the square root, as in PyTorch; `tf.train.rmsprop` puts it
 * inside, √(s + ε). There is no bias correction, so the first step is
 * α g/(√(1−ρ)|g| + ε) ≈ 3.16 α sign(g) for ρ = 0.9.
 *
 * The step info is `{meanSquare, effectiveStep}` (copies), plus
 * `{batchSize, epoch}` with mini-batches.
 *
 * @example The first step
 * ```ts
 * import { rmsprop } from "./rmsprop.ts";
 * const obj = { f: ([x]: Float64Array) => x * x, grad: ([x]: Float64Array) => new Float64Array([2 * x]) };
 * const run = rmsprop({ lr: 0.01, decay: 0.9, epsilon: 0 }).start(obj, [1]);
 * run.step();
 * if (Math.abs(run.x[0] - (1 - 0.01 / Math.sqrt(0.1))) > 1e-15) throw new Error(String(run.x));
 * ```
 */
export function rmsprop(options: RmspropOptions = {}): Optimizer<RmspropStepper> {
  const what = "run rmsprop";
  const lr = numberOption(options, "lr", { what, min: 0, exclusiveMin: true, default: 0.001 });
  const rho = numberOption(options, "decay", {
    what,
    min: 0,
    max: 1,
    exclusiveMax: true,
    default: 0.9,
  });
  const eps = numberOption(options, "epsilon", { what, min: 0, default: 1e-8 });
  const batch = options.batchSize === undefined ? "" : `, batchSize=${options.batchSize}`;
  return {
    name: `rmsprop(lr=${lr}, decay=${rho}, epsilon=${eps}${batch})`,
    start: (objective, x0) =>
      firstOrderStepper(objective, x0, what, options, (n) => {
        const s = new Float64Array(n);
        const effectiveStep = () => {
          const e = new Float64Array(n);
          for (let i = 0; i < n; i++) e[i] = lr / (Math.sqrt(s[i]) + eps);
          return e;
        };
        return {
          update(x, g, next) {
            for (let i = 0; i < n; i++) {
              s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
              next[i] = x[i] - lr * g[i] / (Math.sqrt(s[i]) + eps);
            }
            return { meanSquare: s.slice(), effectiveStep: effectiveStep() };
          },
          state: {
            get meanSquare() {
              return s;
            },
            effectiveStep,
          },
        };
      }),
  };
}

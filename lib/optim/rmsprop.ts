/**
 * RMSProp: gradient steps scaled by a running root-mean-square.
 *
 * @module
 */
import type { Optimizer, Stepper } from "./optimizer.ts";
import { type BatchOptions, gradientOracle } from "./_gradientOracle.ts";
import { batchInfo } from "./_batchInfo.ts";
import { numberOption, startCheck } from "./_util.ts";

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
  const lr = numberOption(options.lr ?? 0.001, "lr", what, { min: 0, minExclusive: true });
  const rho = numberOption(options.decay ?? 0.9, "decay", what, { min: 0 });
  if (rho >= 1) throw new RangeError(`Cannot ${what}: option decay must be < 1, got ${rho}`);
  const eps = numberOption(options.epsilon ?? 1e-8, "epsilon", what, { min: 0 });
  const batch = options.batchSize === undefined ? "" : `, batchSize=${options.batchSize}`;
  return {
    name: `rmsprop(lr=${lr}, decay=${rho}, epsilon=${eps}${batch})`,
    start(objective, x0): RmspropStepper {
      let x = startCheck(objective, x0, what);
      const n = x.length;
      const oracle = gradientOracle(objective, n, options, what);
      const s = new Float64Array(n);
      let t = 0;
      const effectiveStep = () => {
        const e = new Float64Array(n);
        for (let i = 0; i < n; i++) e[i] = lr / (Math.sqrt(s[i]) + eps);
        return e;
      };
      return {
        get x() {
          return x;
        },
        get t() {
          return t;
        },
        get meanSquare() {
          return s;
        },
        effectiveStep,
        step() {
          const { g, batch, epoch } = oracle.next(x);
          const next = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
            next[i] = x[i] - lr * g[i] / (Math.sqrt(s[i]) + eps);
          }
          x = next;
          t++;
          return {
            x,
            gradient: g,
            info: {
              ...batchInfo(batch, epoch),
              meanSquare: s.slice(),
              effectiveStep: effectiveStep(),
            },
          };
        },
      };
    },
  };
}

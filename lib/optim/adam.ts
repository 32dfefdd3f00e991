/**
 * Adam, with bias correction and its moments exposed.
 *
 * @module
 */
import type { Optimizer, Stepper } from "./optimizer.ts";
import type { BatchOptions } from "./batchOptions.ts";
import { firstOrderStepper } from "./_stepper.ts";
import { booleanOption } from "../validate/booleanOption.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode adam}. */
export interface AdamOptions extends BatchOptions {
  /** The learning rate α > 0. Default 0.001. */
  lr?: number;
  /** The first-moment decay β₁ in [0, 1). Default 0.9. */
  beta1?: number;
  /** The second-moment decay β₂ in [0, 1). Default 0.999. */
  beta2?: number;
  /**
   * ε ≥ 0 added to √v̂. Default 1e-8 (as in Kingma and Ba, and PyTorch).
   * `tf.train.adam` defaults to 1e-7; pass that to reproduce it.
   */
  epsilon?: number;
  /** Divide the moments by 1 − βᵗ. Default true. */
  biasCorrection?: boolean;
}

/** An Adam run: its moments and effective per-coordinate step are visible. */
export interface AdamStepper extends Stepper {
  /** The first moment m_t. Do not modify it. */
  readonly m: Float64Array;
  /** The second moment v_t. Do not modify it. */
  readonly v: Float64Array;
  /** The bias-corrected first moment m̂_t = m_t/(1 − β₁ᵗ) (a fresh array). */
  mHat(): Float64Array;
  /** The bias-corrected second moment v̂_t = v_t/(1 − β₂ᵗ) (a fresh array). */
  vHat(): Float64Array;
  /**
   * The per-coordinate effective step α/(√v̂_t + ε), the factor that
   * multiplies m̂_t in the update (a fresh array). Before the first step
   * (t = 0, v̂ undefined) it is α/ε.
   */
  effectiveStep(): Float64Array;
}

/**
 * Adam (Kingma and Ba 2015), with m₀ = v₀ = 0 and g_t = ∇f(x_{t−1}) at step t:
 *
 * m_t = β₁ m_{t−1} + (1 − β₁) g_t,  v_t = β₂ v_{t−1} + (1 − β₂) g_t²,
 * m̂_t = m_t/(1 − β₁ᵗ),  v̂_t = v_t/(1 − β₂ᵗ),
 * x_t = x_{t−1} − α m̂_t/(√v̂_t + ε).
 *
 * This is `tf.train.adam` exactly (same ε placement, outside the root). With
 * `biasCorrection: false` it is the paper's x − α m_t/(√v_t + ε).
 *
 * Two consequences the book checks: the first bias-corrected step is
 * α g/(|g| + ε) ≈ α sign(g) per coordinate, whatever the gradient's size; and
 * scaling the loss by c > 0 scales m̂ by c and √v̂ by c, so the update is
 * unchanged up to ε.
 *
 * The step info is `{m, v, effectiveStep}` (copies, after the step), plus
 * `{batchSize, epoch}` with mini-batches.
 *
 * @example The first step is α·sign(g) per coordinate
 * ```ts
 * import { adam } from "./adam.ts";
 * const obj = {
 *   f: ([x, y]: Float64Array) => 100 * x * x + 0.01 * y * y,
 *   grad: ([x, y]: Float64Array) => new Float64Array([200 * x, 0.02 * y]),
 * };
 * const run = adam({ lr: 0.1, epsilon: 0 }).start(obj, [1, -1]);
 * run.step();
 * if (Math.abs(run.x[0] - 0.9) > 1e-15 || Math.abs(run.x[1] + 0.9) > 1e-15) {
 *   throw new Error(String(run.x));
 * }
 * ```
 */
export function adam(options: AdamOptions = {}): Optimizer<AdamStepper> {
  const what = "run adam";
  const decay = (fallback: number) => ({
    what,
    min: 0,
    max: 1,
    exclusiveMax: true,
    default: fallback,
  });
  const lr = numberOption(options, "lr", { what, min: 0, exclusiveMin: true, default: 0.001 });
  const b1 = numberOption(options, "beta1", decay(0.9));
  const b2 = numberOption(options, "beta2", decay(0.999));
  const eps = numberOption(options, "epsilon", { what, min: 0, default: 1e-8 });
  const correct = booleanOption(options, "biasCorrection", { what, default: true });
  const batch = options.batchSize === undefined ? "" : `, batchSize=${options.batchSize}`;
  // The bias corrections 1 − βᵗ after t steps (1 before the first step, or without correction).
  const c1 = (t: number) => (correct && t > 0 ? 1 - Math.pow(b1, t) : 1);
  const c2 = (t: number) => (correct && t > 0 ? 1 - Math.pow(b2, t) : 1);
  return {
    name: `adam(lr=${lr}, beta1=${b1}, beta2=${b2}, epsilon=${eps}` +
      `${correct ? "" : ", biasCorrection=false"}${batch})`,
    start: (objective, x0) =>
      firstOrderStepper(objective, x0, what, options, (n, run) => {
        const m = new Float64Array(n);
        const v = new Float64Array(n);
        // α/(√v̂ + ε) after t steps.
        const stepAfter = (t: number) => {
          const d = c2(t);
          return v.map((vi) => lr / (Math.sqrt(vi / d) + eps));
        };
        return {
          update(x, g, next, t) {
            const d1 = c1(t + 1), d2 = c2(t + 1);
            for (let i = 0; i < n; i++) {
              m[i] = b1 * m[i] + (1 - b1) * g[i];
              v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
              next[i] = x[i] - lr * (m[i] / d1) / (Math.sqrt(v[i] / d2) + eps);
            }
            return { m: m.slice(), v: v.slice(), effectiveStep: stepAfter(t + 1) };
          },
          state: {
            get m() {
              return m;
            },
            get v() {
              return v;
            },
            mHat: () => m.map((mi) => mi / c1(run.t)),
            vHat: () => v.map((vi) => vi / c2(run.t)),
            effectiveStep: () => stepAfter(run.t),
          },
        };
      }),
  };
}

/**
 * Run full-batch gradient descent (or heavy ball) and record the loss at
 * every step and the sharpness every k steps.
 *
 * @module
 */
import type { Objective } from "./objective.ts";
import {
  type SharpnessTracker,
  sharpnessTracker,
  type SharpnessTrackerOptions,
} from "./sharpnessTracker.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode trackSharpness}. */
export interface TrackSharpnessOptions extends SharpnessTrackerOptions {
  /** The number of steps T. Required. */
  steps: number;
  /** Measure the sharpness at t = 0, k, 2k, … (and at T). Default 10. */
  every?: number;
  /**
   * Called after each sharpness measurement with the step t, the value and
   * the run (e.g. to keep a copy of `run.x` where the sharpness crosses
   * the threshold). It must not step the run.
   */
  onMeasure?: (t: number, sharpness: number, run: SharpnessTracker) => void;
}

/** What {@linkcode trackSharpness} recorded. */
export interface SharpnessTrace {
  /** The learning rate η. */
  lr: number;
  /** The heavy-ball coefficient β (0 for gradient descent). */
  momentum: number;
  /** The quadratic theory's stability threshold (2 + 2β)/η. */
  threshold: number;
  /** Steps taken (T, or fewer if the run diverged). */
  steps: number;
  /** f(x_t) for t = 0 … steps (the last entry is not finite if the run diverged). */
  loss: Float64Array;
  /** The steps t at which the sharpness was measured. */
  sharpnessSteps: number[];
  /** λmax(∇²f(x_t)) at those steps. */
  sharpness: number[];
  /** Whether the run diverged (a non-finite iterate or loss). */
  diverged: boolean;
  /** The last iterate. */
  x: Float64Array;
  /** Hessian-vector products spent on the sharpness. */
  matvecs: number;
}

/**
 * Run {@linkcode sharpnessTracker} for `steps` steps, recording the loss at
 * every step and the sharpness at t = 0, k, 2k, … and at the last step.
 * Exactly this loop, driven by hand (`step()`, and `sharpness()` whenever
 * t is a multiple of k), gives the same numbers. A run that diverges stops
 * there, with `diverged: true`.
 *
 * @example Gradient descent on a quadratic: the sharpness is constant
 * ```ts
 * import { trackSharpness } from "./trackSharpness.ts";
 * import { quadraticObjective } from "./quadraticObjective.ts";
 * const tr = trackSharpness(quadraticObjective([[1, 0], [0, 4]]), [1, 1], { lr: 0.1, steps: 20, every: 5 });
 * if (tr.sharpnessSteps.join() !== "0,5,10,15,20") throw new Error(tr.sharpnessSteps.join());
 * if (!tr.sharpness.every((s) => Math.abs(s - 4) < 1e-12) || tr.loss.length !== 21) throw new Error();
 * ```
 */
export function trackSharpness(
  objective: Objective,
  x0: ArrayLike<number>,
  options: TrackSharpnessOptions,
): SharpnessTrace {
  const what = "track the sharpness";
  const steps = numberOption(options, "steps", { what, integer: true, min: 1 });
  const every = numberOption(options, "every", { what, integer: true, min: 1, default: 10 });
  const run = sharpnessTracker(objective, x0, options);
  const loss: number[] = [run.loss()];
  const sharpnessSteps: number[] = [];
  const values: number[] = [];
  const measure = () => {
    const t = run.t, value = run.sharpness().value;
    sharpnessSteps.push(t);
    values.push(value);
    options.onMeasure?.(t, value, run);
    if (run.t !== t) {
      throw new Error(`Cannot ${what}: onMeasure must not step the run (it moved from step ${t})`);
    }
  };
  if (!run.diverged) measure();
  while (run.t < steps && !run.diverged) {
    run.step();
    loss.push(run.diverged ? NaN : run.loss());
    if (!run.diverged && (run.t % every === 0 || run.t === steps)) measure();
  }
  return {
    lr: run.lr,
    momentum: run.momentum,
    threshold: run.threshold,
    steps: run.t,
    loss: Float64Array.from(loss),
    sharpnessSteps,
    sharpness: values,
    diverged: run.diverged,
    x: run.x.slice(),
    matvecs: run.matvecs,
  };
}

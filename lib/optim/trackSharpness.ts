/**
 * Run full-batch gradient descent (or heavy ball) and record the loss at
 * every step and the sharpness every k steps, all at once
 * ({@linkcode trackSharpness}) or a slice at a time ({@linkcode sharpnessRecorder}).
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

/** A run being recorded: {@linkcode trackSharpness}'s loop, advanced by hand. */
export interface SharpnessRecorder {
  /** The stepper (its iterate, step count and last sharpness measurement). */
  readonly run: SharpnessTracker;
  /** The number of steps T planned. */
  readonly steps: number;
  /** Whether the run has taken all T steps or diverged (`advance` then does nothing). */
  readonly done: boolean;
  /**
   * Take up to `count` more steps (default: all that remain), recording the
   * loss at each and the sharpness when t is a multiple of k or T; stops at
   * T or where the run diverges. Returns the number of steps taken.
   */
  advance(count?: number): number;
  /** The trace so far (copies, so later steps do not change it). */
  trace(): SharpnessTrace;
}

/**
 * Start {@linkcode trackSharpness}'s loop without running it: the sharpness
 * is measured at t = 0 now, and each `advance(n)` takes n more steps,
 * recording the loss at every step and the sharpness at t = k, 2k, … and at
 * T. However the steps are sliced (a browser can advance a few per frame),
 * `trace()` after T steps is exactly what {@linkcode trackSharpness} returns.
 *
 * @example Ten steps in two slices, the same as one call of trackSharpness
 * ```ts
 * import { sharpnessRecorder, trackSharpness } from "./trackSharpness.ts";
 * import { quadraticObjective } from "./quadraticObjective.ts";
 * const f = quadraticObjective([[1, 0], [0, 4]]);
 * const rec = sharpnessRecorder(f, [1, 1], { lr: 0.1, steps: 10, every: 4 });
 * rec.advance(3);
 * if (rec.trace().sharpnessSteps.join() !== "0") throw new Error();
 * rec.advance();
 * const got = rec.trace(), want = trackSharpness(f, [1, 1], { lr: 0.1, steps: 10, every: 4 });
 * if (!rec.done || got.sharpnessSteps.join() !== "0,4,8,10") throw new Error(got.sharpnessSteps.join());
 * if (got.loss.join() !== want.loss.join()) throw new Error();
 * ```
 */
export function sharpnessRecorder(
  objective: Objective,
  x0: ArrayLike<number>,
  options: TrackSharpnessOptions,
): SharpnessRecorder {
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
  const done = () => run.t >= steps || run.diverged;
  return {
    run,
    steps,
    get done() {
      return done();
    },
    advance(count = Infinity) {
      if (!(count >= 0)) {
        throw new Error(`Cannot ${what}: the step count must be ≥ 0 (got ${count})`);
      }
      let taken = 0;
      while (taken < count && !done()) {
        run.step();
        taken++;
        loss.push(run.diverged ? NaN : run.loss());
        if (!run.diverged && (run.t % every === 0 || run.t === steps)) measure();
      }
      return taken;
    },
    trace: () => ({
      lr: run.lr,
      momentum: run.momentum,
      threshold: run.threshold,
      steps: run.t,
      loss: Float64Array.from(loss),
      sharpnessSteps: sharpnessSteps.slice(),
      sharpness: values.slice(),
      diverged: run.diverged,
      x: run.x.slice(),
      matvecs: run.matvecs,
    }),
  };
}

/**
 * Run {@linkcode sharpnessTracker} for `steps` steps, recording the loss at
 * every step and the sharpness at t = 0, k, 2k, … and at the last step.
 * Exactly this loop, driven by hand (`step()`, and `sharpness()` whenever
 * t is a multiple of k), gives the same numbers; {@linkcode sharpnessRecorder}
 * is this loop in slices. A run that diverges stops there, with
 * `diverged: true`.
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
  const recorder = sharpnessRecorder(objective, x0, options);
  recorder.advance();
  return recorder.trace();
}

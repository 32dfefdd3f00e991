/**
 * The shared optimizer interface: an {@linkcode Optimizer} is a reusable
 * configuration; `start` gives a {@linkcode Stepper} that owns one run.
 *
 * @module
 */
import type { Objective } from "./objective.ts";

/**
 * Diagnostics an optimizer reports for one step, for plotting and checks:
 * for example Adam's `m`, `v` and `effectiveStep`, or Newton's `eigenvalues`.
 * Arrays are copies; later steps do not change them.
 */
export type StepInfo = Record<string, number | boolean | string | Float64Array>;

/** The outcome of one step: the new iterate and what the optimizer saw. */
export interface StepResult {
  /** The new iterate x_{t+1} (a fresh array). */
  x: Float64Array;
  /** The (possibly mini-batch) gradient the step used, evaluated at the old iterate. */
  gradient: Float64Array;
  /** Optimizer-specific diagnostics for this step. */
  info: StepInfo;
}

/**
 * One run of an optimizer: it holds the current iterate and any state
 * (moments, velocity, random stream) and advances one step at a time.
 */
export interface Stepper {
  /** The current iterate x_t. Do not modify it. */
  readonly x: Float64Array;
  /** The number of steps taken so far, t. */
  readonly t: number;
  /** Take one step from x_t to x_{t+1}; `x` and `t` advance. */
  step(): StepResult;
}

/**
 * An optimizer: a name and a factory of runs. The same optimizer can start
 * many runs; each starts from fresh state (and, when random, from its seed).
 *
 * @example Driving a run by hand
 * ```ts
 * import { gradientDescent } from "./gradientDescent.ts";
 * import type { Optimizer } from "./optimizer.ts";
 * const opt: Optimizer = gradientDescent({ lr: 0.25 });
 * const run = opt.start({ f: ([x]) => x * x, grad: ([x]) => new Float64Array([2 * x]) }, [1]);
 * run.step();
 * if (run.x[0] !== 0.5 || run.t !== 1) throw new Error(String(run.x));
 * ```
 */
export interface Optimizer<S extends Stepper = Stepper> {
  /** A human-readable name with the key settings, e.g. "adam(lr=0.001)". */
  readonly name: string;
  /** Begin a run on `objective` from `x0` (copied, not modified). */
  start(objective: Objective, x0: ArrayLike<number>): S;
}

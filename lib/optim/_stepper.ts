// Private: the one stepper every optimizer runs on. It owns the iterate x_t,
// the step count t and the array copies; an optimizer only says how x_{t+1}
// follows from x_t.
import type { Objective } from "./objective.ts";
import type { StepInfo, Stepper } from "./optimizer.ts";
import { type BatchOptions, gradientOracle } from "./_gradientOracle.ts";
import { startCheck } from "./_util.ts";

/** What one step computed: the next iterate (a fresh array), the gradient used and the info. */
export interface Advance {
  next: Float64Array;
  gradient: Float64Array;
  info: StepInfo;
}

/**
 * A {@linkcode Stepper} from x0 (already checked, owned from now on): `step()`
 * calls `advance(x_t, t)` and moves to its `next`. The getters of `state`
 * (velocity, moments…) become part of the stepper.
 */
export function runStepper<S extends object>(
  x0: Float64Array,
  advance: (x: Float64Array, t: number) => Advance,
  state: S,
): Stepper & S {
  let x = x0, t = 0;
  return Object.defineProperties(state, {
    x: { get: () => x, enumerable: true },
    t: { get: () => t, enumerable: true },
    step: {
      value: () => {
        const r = advance(x, t);
        x = r.next;
        t++;
        return { x, gradient: r.gradient, info: r.info };
      },
    },
  }) as Stepper & S;
}

/** How a first-order method turns x_t and a gradient into x_{t+1}. */
export interface FirstOrderRule<S extends object> {
  /**
   * Write x_{t+1} into `next` (fresh, zero-filled) from x_t, the step's
   * (possibly mini-batch) gradient g and t (the steps taken before this
   * one); return what the step info adds to the batch info.
   */
  update(x: Float64Array, g: Float64Array, next: Float64Array, t: number): StepInfo | void;
  /** Getters for the method's state, e.g. `velocity` (default: none). */
  state?: S;
}

/**
 * The stepper of a first-order method on `objective` from `x0`: it checks
 * the start, draws each step's gradient (full, or a mini-batch with
 * `batches.batchSize`), and records `{batchSize, epoch}` with mini-batches.
 * `rule(n, run)` sets the method up for dimension n; `run` is the stepper
 * itself, for state getters that need `run.t`.
 */
export function firstOrderStepper<S extends object = Record<never, never>>(
  objective: Objective,
  x0: ArrayLike<number>,
  what: string,
  batches: BatchOptions,
  rule: (n: number, run: Stepper) => FirstOrderRule<S>,
): Stepper & S {
  const start = startCheck(objective, x0, what);
  const n = start.length;
  const oracle = gradientOracle(objective, n, batches, what);
  const state = {} as S;
  const run = runStepper(start, (x, t) => {
    const { g, info } = oracle.next(x);
    const next = new Float64Array(n);
    const extra = update(x, g, next, t);
    return { next, gradient: g, info: extra ? { ...info, ...extra } : info };
  }, state);
  const { update, state: getters } = rule(n, run);
  if (getters) Object.defineProperties(run, Object.getOwnPropertyDescriptors(getters));
  return run;
}

/** The gradient step x_{t+1} = x_t − α g, the rule of GD and SGD. */
export function gradientStep(lr: number): () => FirstOrderRule<Record<never, never>> {
  return () => ({
    update(x, g, next) {
      for (let i = 0; i < x.length; i++) next[i] = x[i] - lr * g[i];
    },
  });
}

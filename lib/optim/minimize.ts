/**
 * Run an optimizer to a stop and record its trajectory.
 *
 * @module
 */
import type { Objective } from "./objective.ts";
import type { Optimizer, StepInfo, Stepper } from "./optimizer.ts";
import { checkVector, norm2, startCheck } from "./_util.ts";
import { booleanOption } from "../validate/booleanOption.ts";
import { formatNumber as fmt } from "../validate/formatNumber.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Why {@linkcode minimize} stopped. */
export type StopReason = "converged" | "diverged" | "max_steps";

/** Options of {@linkcode minimize}. */
export interface MinimizeOptions {
  /** The most steps to take. Default 1000. */
  maxSteps?: number;
  /** Converged when ‖∇f(x_t)‖ ≤ gradTol (the full gradient). Default 1e-8. */
  gradTol?: number;
  /**
   * Diverged when ‖x_t‖ exceeds this. Default 1e6·max(1, ‖x₀‖).
   * Set `Infinity` to disable.
   */
  maxNorm?: number;
  /**
   * Diverged when f(x_t) exceeds this. Default f(x₀) + 1e12·max(1, |f(x₀)|).
   * Set `Infinity` to disable.
   */
  maxValue?: number;
  /** Keep every iterate in `xs` (otherwise only x₀ and the last). Default true. */
  recordX?: boolean;
  /** Keep each step's info (Adam's moments, Newton's solver…). Default true. */
  recordInfo?: boolean;
}

/** How often each part of the objective was evaluated during a run. */
export interface EvaluationCounts {
  /** Calls of `f`. */
  f: number;
  /** Calls of `grad`. */
  grad: number;
  /** Calls of `hessian`. */
  hessian: number;
  /** Calls of `hvp`. */
  hvp: number;
  /** Calls of `gradBatch`. */
  gradBatch: number;
  /** Calls of `fBatch`. */
  fBatch: number;
}

/** The recorded run of {@linkcode minimize}, ready for plotting. */
export interface Trajectory<S extends Stepper = Stepper> {
  /** The optimizer's name. */
  optimizer: string;
  /** The iterates x₀, x₁, …, x_K (only x₀ and x_K when `recordX` is false). */
  xs: Float64Array[];
  /** f(x_k) for k = 0..K. */
  fs: number[];
  /** ‖∇f(x_k)‖ (full gradient) for k = 0..K. */
  gradNorms: number[];
  /** info[k] describes the step from x_k to x_{k+1} (empty when `recordInfo` is false). */
  info: StepInfo[];
  /** The number of steps taken, K. */
  steps: number;
  /** Why the run stopped. */
  stopReason: StopReason;
  /** A sentence saying why, with the numbers. */
  message: string;
  /** The last iterate x_K. */
  x: Float64Array;
  /** f(x_K). */
  f: number;
  /** ‖∇f(x_K)‖. */
  gradNorm: number;
  /** Evaluations of the objective by the optimizer and the recording together. */
  evaluations: EvaluationCounts;
  /** The optimizer's run, with its final state (e.g. Adam's m and v). */
  stepper: S;
}

/**
 * Minimize `objective` from `x0` with `optimizer`, recording x, f(x) and
 * ‖∇f(x)‖ at every iterate, and stop with a reason:
 *
 * - `"converged"`: ‖∇f(x_t)‖ ≤ gradTol (checked at x₀ too, so a run that
 *   starts on a critical point, saddles included, takes no step);
 * - `"diverged"`: x_t or f(x_t) is not finite, ‖x_t‖ > maxNorm, or
 *   f(x_t) > maxValue;
 * - `"max_steps"`: maxSteps steps without either.
 *
 * An error thrown by the optimizer (such as Newton's singular Hessian) is not
 * caught. The gradient is evaluated once per iterate: when the optimizer asks
 * for ∇f at the iterate the recording just saw, it gets the cached value, so
 * gradient descent costs one gradient per step. `evaluations` counts the
 * calls that actually reached the objective.
 *
 * @example Gradient descent on a bowl, and on a saddle it cannot leave
 * ```ts
 * import { minimize } from "./minimize.ts";
 * import { gradientDescent } from "./gradientDescent.ts";
 * import { quadraticObjective } from "./quadraticObjective.ts";
 * const bowl = quadraticObjective([[1, 0], [0, 10]]);
 * const run = minimize(bowl, [1, 1], gradientDescent({ lr: 0.1 }));
 * if (run.stopReason !== "converged") throw new Error(run.message);
 * const saddle = quadraticObjective([[2, 0], [0, -2]]);
 * const stuck = minimize(saddle, [0, 0], gradientDescent({ lr: 0.1 }));
 * if (stuck.steps !== 0 || stuck.stopReason !== "converged") throw new Error(stuck.message);
 * const away = minimize(saddle, [0, 1e-3], gradientDescent({ lr: 0.1 }));
 * if (away.stopReason !== "diverged") throw new Error(away.message);
 * ```
 */
export function minimize<S extends Stepper>(
  objective: Objective,
  x0: ArrayLike<number>,
  optimizer: Optimizer<S>,
  options: MinimizeOptions = {},
): Trajectory<S> {
  const what = "minimize";
  const start = startCheck(objective, x0, what);
  if (optimizer === null || typeof optimizer?.start !== "function") {
    throw new TypeError(`Cannot ${what}: optimizer must be an Optimizer (with start)`);
  }
  const maxSteps = numberOption(options, "maxSteps", {
    what,
    integer: true,
    min: 0,
    default: 1000,
  });
  const gradTol = numberOption(options, "gradTol", { what, min: 0, default: 1e-8 });
  const recordX = booleanOption(options, "recordX", { what, default: true });
  const recordInfo = booleanOption(options, "recordInfo", { what, default: true });
  const n = start.length;

  const evaluations: EvaluationCounts = {
    f: 0,
    grad: 0,
    hessian: 0,
    hvp: 0,
    gradBatch: 0,
    fBatch: 0,
  };
  // The gradient at the latest recorded iterate, to serve the optimizer from cache.
  let cacheX: Float64Array | undefined;
  let cacheG: Float64Array | undefined;
  const sameAsCache = (x: Float64Array) => {
    if (cacheX === undefined || x.length !== cacheX.length) return false;
    if (x === cacheX) return true;
    for (let i = 0; i < x.length; i++) if (x[i] !== cacheX[i]) return false;
    return true;
  };
  const counted: Objective = {
    size: objective.size,
    samples: objective.samples,
    f(x) {
      evaluations.f++;
      return objective.f(x);
    },
    grad(x) {
      if (sameAsCache(x)) return cacheG!.slice();
      evaluations.grad++;
      return objective.grad(x);
    },
  };
  if (typeof objective.hessian === "function") {
    const h = objective.hessian.bind(objective);
    counted.hessian = (x) => {
      evaluations.hessian++;
      return h(x);
    };
  }
  if (typeof objective.hvp === "function") {
    const hv = objective.hvp.bind(objective);
    counted.hvp = (x, v) => {
      evaluations.hvp++;
      return hv(x, v);
    };
  }
  if (typeof objective.gradBatch === "function") {
    const gb = objective.gradBatch.bind(objective);
    counted.gradBatch = (x, idx) => {
      evaluations.gradBatch++;
      return gb(x, idx);
    };
  }
  if (typeof objective.fBatch === "function") {
    const fb = objective.fBatch.bind(objective);
    counted.fBatch = (x, idx) => {
      evaluations.fBatch++;
      return fb(x, idx);
    };
  }

  const observe = (x: Float64Array): { f: number; gn: number } => {
    const f = counted.f(x);
    evaluations.grad++;
    const g = checkVector(objective.grad(x), n, what, "the gradient");
    cacheX = x.slice();
    cacheG = g.slice();
    return { f, gn: norm2(g) };
  };

  const stepper = optimizer.start(counted, start);
  const xs: Float64Array[] = [start.slice()];
  const first = observe(start);
  const fs = [first.f];
  const gradNorms = [first.gn];
  const info: StepInfo[] = [];
  const maxNorm = numberOption(options, "maxNorm", {
    what,
    min: 0,
    infinite: true,
    default: 1e6 * Math.max(1, norm2(start)),
  });
  const maxValue = numberOption(options, "maxValue", {
    what,
    infinite: true,
    default: Number.isFinite(first.f) ? first.f + 1e12 * Math.max(1, Math.abs(first.f)) : Infinity,
  });

  const diverged = (x: Float64Array, f: number, gn: number): string | undefined => {
    if (!x.every(Number.isFinite)) return "the iterate is not finite";
    if (!Number.isFinite(f)) return `f is ${f}`;
    if (!Number.isFinite(gn)) return `the gradient norm is ${gn}`;
    const xn = norm2(x);
    if (xn > maxNorm) return `‖x‖ = ${fmt(xn)} exceeds maxNorm ${fmt(maxNorm)}`;
    if (f > maxValue) return `f = ${fmt(f)} exceeds maxValue ${fmt(maxValue)}`;
    return undefined;
  };

  let stopReason: StopReason = "max_steps";
  let message = "";
  let x = start;
  let steps = 0;
  const why0 = diverged(start, first.f, first.gn);
  if (why0 !== undefined) {
    stopReason = "diverged";
    message = `Diverged at x₀: ${why0}`;
  } else if (first.gn <= gradTol) {
    stopReason = "converged";
    message = `Converged at x₀: ‖∇f‖ = ${fmt(first.gn)} ≤ gradTol ${fmt(gradTol)}`;
  } else {
    for (; steps < maxSteps;) {
      const r = stepper.step();
      steps++;
      x = r.x;
      if (recordInfo) info.push(r.info);
      const finite = x.length === n && x.every(Number.isFinite);
      const { f, gn } = finite ? observe(x) : { f: NaN, gn: NaN };
      if (recordX) xs.push(x.slice());
      fs.push(f);
      gradNorms.push(gn);
      const why = diverged(x, f, gn);
      if (why !== undefined) {
        stopReason = "diverged";
        message = `Diverged at step ${steps}: ${why}`;
        break;
      }
      if (gn <= gradTol) {
        stopReason = "converged";
        message = `Converged at step ${steps}: ‖∇f‖ = ${fmt(gn)} ≤ gradTol ${fmt(gradTol)}`;
        break;
      }
    }
    if (stopReason === "max_steps") {
      message = `Stopped after maxSteps = ${maxSteps} steps: ‖∇f‖ = ` +
        `${fmt(gradNorms[gradNorms.length - 1])} > gradTol ${fmt(gradTol)}`;
    }
  }
  if (!recordX && steps > 0) xs.push(x.slice());
  return {
    optimizer: optimizer.name,
    xs,
    fs,
    gradNorms,
    info,
    steps,
    stopReason,
    message,
    x: x.slice(),
    f: fs[fs.length - 1],
    gradNorm: gradNorms[gradNorms.length - 1],
    evaluations,
    stepper,
  };
}

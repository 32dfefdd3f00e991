// Private: the stepper of the Newton family, x_{t+1} = x_t − η d_t, on the
// shared stepper of _stepper.ts, and the (damped) Newton direction.
import type { Objective } from "./objective.ts";
import type { StepInfo, Stepper } from "./optimizer.ts";
import { runStepper } from "./_stepper.ts";
import { newtonSolve } from "./_newtonSolve.ts";
import { checkVector, denseHessian, norm2, startCheck } from "./_util.ts";

/** Check the objective can give curvature (hessian or hvp). */
export function needCurvature(objective: Objective, what: string): void {
  if (typeof objective?.hessian !== "function" && typeof objective?.hvp !== "function") {
    throw new TypeError(`Cannot ${what}: the objective has neither hessian nor hvp`);
  }
}

/** How a second-order method chooses its direction. */
export interface SecondOrderRule {
  /**
   * The objective this step reads its gradient and curvature from, with
   * info about that choice: a mini-batch's loss for sub-sampled Newton.
   * Default: the objective being minimized (which must then have curvature).
   */
  local?(): { objective: Objective; info: StepInfo };
  /** The direction d_t (the step is −η d_t) at x with gradient g, and the step's info. */
  direction(objective: Objective, x: Float64Array, g: Float64Array): {
    d: Float64Array;
    info: StepInfo;
  };
}

/**
 * A stepper x_{t+1} = x_t − η d_t with d_t from `rule`; the step info is the
 * rule's, plus `stepNorm` = ‖η d_t‖.
 */
export function secondOrderStepper(
  objective: Objective,
  x0: ArrayLike<number>,
  what: string,
  stepSize: number,
  rule: SecondOrderRule,
): Stepper {
  const start = startCheck(objective, x0, what);
  if (!rule.local) needCurvature(objective, what);
  const n = start.length;
  return runStepper(start, (x) => {
    const local = rule.local?.() ?? { objective, info: {} };
    const g = checkVector(local.objective.grad(x), n, what, "the gradient");
    const { d, info } = rule.direction(local.objective, x, g);
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) next[i] = x[i] - stepSize * d[i];
    return { next, gradient: g, info: { ...local.info, ...info, stepNorm: stepSize * norm2(d) } };
  }, {});
}

/** Labels of a Newton-type solve for its "singular" error. */
export interface NewtonSolveLabels {
  /** The action, as in `Cannot <what>: …`. */
  what: string;
  /** The matrix named in the error, e.g. "the Hessian" or "H + εI". */
  matrix: string;
  /** What to do about it, appended to the error, e.g. "; increase the damping". */
  hint: string;
}

/**
 * The direction of (damped) Newton: d solves (H + εI) d = g with H the
 * objective's dense Hessian at x. A singular system throws the error of
 * `newtonSolve` with `labels`. The info is `{solver: "lu" | "eigh"}`.
 */
export function newtonDirection(
  damping: number,
  tol: number,
  labels: NewtonSolveLabels,
): SecondOrderRule["direction"] {
  return (objective, x, g) => {
    const n = x.length;
    const h = denseHessian(objective, x, labels.what);
    if (damping !== 0) { for (let i = 0; i < n; i++) h[i * n + i] += damping; }
    const { d, solver } = newtonSolve(h, g, n, tol, labels.what, labels.matrix, labels.hint);
    return { d, info: { solver } };
  };
}

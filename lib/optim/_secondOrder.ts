// Private: the stepper skeleton shared by the Newton family.
import type { Objective } from "./objective.ts";
import type { StepInfo, Stepper } from "./optimizer.ts";
import { checkVector, startCheck } from "./_util.ts";

/** Check the objective can give curvature (hessian or hvp). */
export function needCurvature(objective: Objective, what: string): void {
  if (typeof objective?.hessian !== "function" && typeof objective?.hvp !== "function") {
    throw new TypeError(`Cannot ${what}: the objective has neither hessian nor hvp`);
  }
}

/**
 * A stepper x_{t+1} = x_t − η d_t where `direction(x, g)` returns d_t and
 * info for the step.
 */
export function secondOrderStepper(
  objective: Objective,
  x0: ArrayLike<number>,
  what: string,
  stepSize: number,
  direction: (x: Float64Array, g: Float64Array) => { d: Float64Array; info: StepInfo },
): Stepper {
  let x = startCheck(objective, x0, what);
  needCurvature(objective, what);
  const n = x.length;
  let t = 0;
  return {
    get x() {
      return x;
    },
    get t() {
      return t;
    },
    step() {
      const g = checkVector(objective.grad(x), n, what, "the gradient");
      const { d, info } = direction(x, g);
      const next = new Float64Array(n);
      for (let i = 0; i < n; i++) next[i] = x[i] - stepSize * d[i];
      x = next;
      t++;
      return { x, gradient: g, info };
    },
  };
}

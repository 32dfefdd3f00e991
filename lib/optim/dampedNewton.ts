/**
 * Damped (regularized) Newton, x ← x − (H + εI)⁻¹∇f.
 *
 * @module
 */
import type { Optimizer } from "./optimizer.ts";
import { newtonDirection, secondOrderStepper } from "./_secondOrder.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode dampedNewton}. */
export interface DampedNewtonOptions {
  /** The damping ε ≥ 0 added to the diagonal of H. Required. */
  damping: number;
  /** The step size η. Default 1. */
  stepSize?: number;
  /** As in {@linkcode NewtonOptions}: singular when min|λ| ≤ tol·max|λ|. Default 1e-10. */
  singularTolerance?: number;
}

/**
 * Damped Newton: x_{t+1} = x_t − η (H(x_t) + εI)⁻¹∇f(x_t).
 *
 * Adding εI shifts every eigenvalue by ε (λᵢ + ε), so for ε > −λmin the system
 * is positive definite and the step is a descent direction; as ε → ∞ the step
 * tends to the gradient step ∇f/ε, and ε = 0 is {@linkcode newton}. This is the
 * paper's regularization H' = H + εI (Levenberg–Marquardt style, fixed ε).
 * If H + εI is still singular it throws
 * `Cannot take a damped Newton step: H + εI is singular (…)`.
 * The step info is `{solver, stepNorm}`.
 *
 * @example Damping makes the singular x² valley solvable
 * ```ts
 * import { dampedNewton } from "./dampedNewton.ts";
 * const valley = {
 *   f: ([x]: Float64Array) => x * x,
 *   grad: ([x]: Float64Array) => new Float64Array([2 * x, 0]),
 *   hessian: () => [[2, 0], [0, 0]],
 * };
 * const run = dampedNewton({ damping: 0.5 }).start(valley, [1, 1]);
 * run.step(); // x ← 1 − 2/(2 + 0.5)
 * if (Math.abs(run.x[0] - 0.2) > 1e-15 || run.x[1] !== 1) throw new Error(String(run.x));
 * ```
 */
export function dampedNewton(options: DampedNewtonOptions): Optimizer {
  const what = "take a damped Newton step";
  const eps = numberOption(options, "damping", { what, min: 0 });
  const eta = numberOption(options, "stepSize", { what, min: 0, exclusiveMin: true, default: 1 });
  const tol = numberOption(options, "singularTolerance", { what, min: 0, default: 1e-10 });
  const direction = newtonDirection(eps, tol, {
    what,
    matrix: "H + εI",
    hint: "; increase the damping",
  });
  return {
    name: `dampedNewton(damping=${eps}${eta === 1 ? "" : `, stepSize=${eta}`})`,
    start: (objective, x0) => secondOrderStepper(objective, x0, what, eta, { direction }),
  };
}

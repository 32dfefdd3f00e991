/**
 * Newton's method, x ← x − H⁻¹∇f.
 *
 * @module
 */
import type { Optimizer } from "./optimizer.ts";
import { newtonDirection, secondOrderStepper } from "./_secondOrder.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode newton}. */
export interface NewtonOptions {
  /** The step size η in x − η H⁻¹∇f. Default 1 (the pure Newton step). */
  stepSize?: number;
  /**
   * H counts as singular when its smallest |eigenvalue| is at most
   * `singularTolerance` times its largest. Default 1e-10.
   */
  singularTolerance?: number;
}

/**
 * Newton's method: x_{t+1} = x_t − η H(x_t)⁻¹∇f(x_t), with η = 1 by default.
 *
 * Note the minus sign, which the paper's Section 4 drops. On a quadratic
 * ½xᵀHx − bᵀx with H invertible, one step lands on the critical point H⁻¹b,
 * whether it is a minimum, a maximum or a saddle: Newton is attracted to
 * saddles (compare {@linkcode saddleFreeNewton}).
 *
 * The Hessian comes from `objective.hessian`, or from n HVPs when only `hvp`
 * is given. The system is solved by LU with partial pivoting (O(n³)); when a
 * pivot is small the symmetric eigendecomposition decides. A singular
 * Hessian throws
 * `Cannot take a Newton step: the Hessian is singular (smallest |eigenvalue| …)`;
 * {@linkcode dampedNewton} (H + εI) is the remedy. The step info is
 * `{solver: "lu" | "eigh", stepNorm}` with stepNorm = ‖η H⁻¹∇f‖.
 *
 * @example One step solves a quadratic; a singular Hessian throws
 * ```ts
 * import { newton } from "./newton.ts";
 * const bowl = {
 *   f: ([x, y]: Float64Array) => x * x + 3 * y * y,
 *   grad: ([x, y]: Float64Array) => new Float64Array([2 * x, 6 * y]),
 *   hessian: () => [[2, 0], [0, 6]],
 * };
 * const run = newton().start(bowl, [1, 1]);
 * run.step();
 * if (run.x[0] !== 0 || run.x[1] !== 0) throw new Error(String(run.x));
 *
 * const valley = {
 *   f: ([x]: Float64Array) => x * x,
 *   grad: ([x]: Float64Array) => new Float64Array([2 * x, 0]),
 *   hessian: () => [[2, 0], [0, 0]],
 * };
 * let msg = "";
 * try { newton().start(valley, [1, 1]).step(); } catch (e) { msg = (e as Error).message; }
 * if (!msg.startsWith("Cannot take a Newton step: the Hessian is singular")) throw new Error(msg);
 * ```
 */
export function newton(options: NewtonOptions = {}): Optimizer {
  const what = "take a Newton step";
  const eta = numberOption(options, "stepSize", { what, min: 0, exclusiveMin: true, default: 1 });
  const tol = numberOption(options, "singularTolerance", { what, min: 0, default: 1e-10 });
  const direction = newtonDirection(0, tol, {
    what,
    matrix: "the Hessian",
    hint: "; use dampedNewton (H + εI) or saddleFreeNewton",
  });
  return {
    name: eta === 1 ? "newton()" : `newton(stepSize=${eta})`,
    start: (objective, x0) => secondOrderStepper(objective, x0, what, eta, { direction }),
  };
}

/**
 * Hessian-free (truncated) Newton: the Newton system solved by conjugate
 * gradient from Hessian-vector products only.
 *
 * @module
 */
import { conjugateGradient } from "../spectra/conjugateGradient.ts";
import { asOperator, type LinearOperator } from "../linalg/operator.ts";
import type { Optimizer } from "./optimizer.ts";
import { secondOrderStepper } from "./_secondOrder.ts";
import { denseHessian, toRowsFlat } from "./_util.ts";
import { choiceOption } from "../validate/choiceOption.ts";
import { formatNumber as fmt } from "../validate/formatNumber.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode hessianFreeNewton}. */
export interface HessianFreeNewtonOptions {
  /** The damping ε ≥ 0: CG solves (H + εI)d = ∇f. Default 0. */
  damping?: number;
  /** The step size η in x − η d. Default 1. */
  stepSize?: number;
  /** CG stops when ‖∇f − (H + εI)d‖ ≤ tol·‖∇f‖. Default 1e-10. */
  tol?: number;
  /** The most CG iterations (HVPs) per step. Default 2n. */
  maxIter?: number;
  /**
   * What to do when CG meets a direction of non-positive curvature of
   * H + εI. `"truncate"` (default): use the CG iterate reached so far, or the
   * gradient (a steepest-descent step of length η‖∇f‖) if that is still 0, as
   * in Nocedal and Wright's line-search Newton–CG. `"throw"`: throw
   * `Cannot take a Hessian-free Newton step: H + εI has non-positive curvature …`.
   */
  onNegativeCurvature?: "truncate" | "throw";
}

/**
 * Hessian-free Newton: d_t solves (H(x_t) + εI) d = ∇f(x_t) approximately by
 * {@linkcode conjugateGradient} (lib/spectra), touching H only through
 * Hessian-vector products, and x_{t+1} = x_t − η d_t. Each CG iteration costs
 * one HVP (about the cost of two or three gradients with the library's
 * autodiff), so a step costs O(k·HVP) for k CG iterations instead of the
 * O(n³) of a dense solve: the paper's "Hessian-free methods use conjugate
 * gradient to solve H⁻¹∇f without explicit Hessian computation".
 *
 * CG requires H + εI positive definite; it checks every search direction and,
 * on negative curvature, this optimizer truncates (see the options). On a
 * positive definite quadratic with the default tolerance it reproduces the
 * Newton step. HVPs come from `objective.hvp`, or from the dense Hessian when
 * only `hessian` is given. The step info is
 * `{cgIterations, hvps, residualNorm, converged, negativeCurvature, direction, stepNorm}`
 * where `direction` is "newton-cg", "truncated" or "gradient".
 *
 * @example The Newton step of a quadratic in at most n HVPs
 * ```ts
 * import { hessianFreeNewton } from "./hessianFreeNewton.ts";
 * import { quadraticObjective } from "./quadraticObjective.ts";
 * const q = quadraticObjective([[4, 1], [1, 3]], { b: [1, 2] });
 * const run = hessianFreeNewton().start(q, [0, 0]);
 * const { info } = run.step();
 * // minimizer of ½xᵀHx − bᵀx: H⁻¹b = [1/11, 7/11]
 * if (Math.abs(run.x[0] - 1 / 11) > 1e-12 || Math.abs(run.x[1] - 7 / 11) > 1e-12) throw new Error();
 * if (info.cgIterations !== 2) throw new Error(String(info.cgIterations));
 * ```
 */
export function hessianFreeNewton(options: HessianFreeNewtonOptions = {}): Optimizer {
  const what = "take a Hessian-free Newton step";
  const eps = numberOption(options, "damping", { what, min: 0, default: 0 });
  const eta = numberOption(options, "stepSize", { what, min: 0, exclusiveMin: true, default: 1 });
  const tol = numberOption(options, "tol", { what, min: 0, exclusiveMin: true, default: 1e-10 });
  const maxIter = numberOption(options, "maxIter", { what, integer: true, min: 0, optional: true });
  const mode = choiceOption(options, "onNegativeCurvature", {
    what,
    values: ["truncate", "throw"],
    default: "truncate",
  });
  const parts = [eps ? `damping=${eps}` : "", eta !== 1 ? `stepSize=${eta}` : ""];
  return {
    name: `hessianFreeNewton(${parts.filter(Boolean).join(", ")})`,
    start: (objective, x0) =>
      secondOrderStepper(objective, x0, what, eta, {
        direction(objective, x, g) {
          const n = x.length;
          let op: LinearOperator;
          if (typeof objective.hvp === "function") {
            const hvp = objective.hvp.bind(objective);
            op = { size: n, apply: (v) => hvp(x, v) };
          } else {
            op = asOperator(toRowsFlat(denseHessian(objective, x, what), n), what);
          }
          const cg = conjugateGradient(op, g, { damping: eps, tol, maxIter: maxIter ?? 2 * n });
          let d = cg.x;
          let direction = "newton-cg";
          if (cg.negativeCurvature) {
            if (mode === "throw") {
              throw new RangeError(
                `Cannot ${what}: H + εI has non-positive curvature ` +
                  `(pᵀ(H + εI)p/pᵀp = ${fmt(cg.curvature ?? NaN)} after ${cg.iterations} CG ` +
                  `iterations); increase the damping or use onNegativeCurvature: "truncate"`,
              );
            }
            if (cg.iterations > 0) direction = "truncated";
            else {
              d = g.slice();
              direction = "gradient";
            }
          }
          return {
            d,
            info: {
              cgIterations: cg.iterations,
              hvps: cg.matvecs,
              residualNorm: cg.residualNorm,
              converged: cg.converged,
              negativeCurvature: cg.negativeCurvature,
              direction,
            },
          };
        },
      }),
  };
}

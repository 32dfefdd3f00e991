/**
 * Newton's method with the Hessian replaced by its diagonal.
 *
 * @module
 */
import type { Optimizer } from "./optimizer.ts";
import { hessianDiagonal } from "../spectra/hessianDiagonal.ts";
import { secondOrderStepper } from "./_secondOrder.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode diagonalNewton}. */
export interface DiagonalNewtonOptions {
  /** The step size η > 0. Default 1. */
  stepSize?: number;
  /** The damping ε ≥ 0 added to every diagonal entry. Default 0. */
  damping?: number;
}

/**
 * Diagonal Newton: x_{t+1} = x_t − η (diag(H(x_t)) + εI)⁻¹ ∇f(x_t), the
 * Newton step with the Hessian replaced by its diagonal D. Storing D and
 * applying D⁻¹ cost O(n); obtaining D exactly costs n Hessian-vector
 * products (from `objective.hessian` when it exists, else from
 * `objective.hvp` with {@linkcode hessianDiagonal}).
 *
 * On a quadratic with Hessian H the iteration is x ← (I − ηD⁻¹H)x (the
 * Jacobi iteration when η = 1), so it converges exactly when every
 * eigenvalue of ηD⁻¹H lies in (0, 2). D⁻¹H is similar to D^{-1/2}HD^{-1/2},
 * the Hessian with its scales divided out: the diagonal undoes bad scaling
 * but not correlation between coordinates.
 *
 * Throws `Cannot take a diagonal Newton step: …` when an entry of D + εI is
 * not positive (the step would not be a descent direction) or the objective
 * provides neither `hessian` nor `hvp`. The step info is
 * `{diagonalMin, stepNorm, matvecs}` (matvecs: Hessian-vector products used
 * for the diagonal, 0 when a dense Hessian was given).
 *
 * @example On diag(2, 8) one step lands on the minimum; with correlation it does not
 * ```ts
 * import { diagonalNewton } from "./diagonalNewton.ts";
 * import { quadraticObjective } from "./quadraticObjective.ts";
 * const run = diagonalNewton().start(quadraticObjective([[2, 0], [0, 8]]), [1, 1]);
 * run.step();
 * if (run.x[0] !== 0 || run.x[1] !== 0) throw new Error(String(run.x));
 * // H = [[1, 0.5], [0.5, 1]]: x ← (I − H)x = [[0, −0.5], [−0.5, 0]]x
 * const c = diagonalNewton().start(quadraticObjective([[1, 0.5], [0.5, 1]]), [1, 1]);
 * c.step();
 * if (c.x[0] !== -0.5 || c.x[1] !== -0.5) throw new Error(String(c.x));
 * ```
 */
export function diagonalNewton(options: DiagonalNewtonOptions = {}): Optimizer {
  const what = "take a diagonal Newton step";
  const eta = numberOption(options, "stepSize", { what, min: 0, exclusiveMin: true, default: 1 });
  const eps = numberOption(options, "damping", { what, min: 0, default: 0 });
  const settings = [eta === 1 ? "" : `stepSize=${eta}`, eps === 0 ? "" : `damping=${eps}`]
    .filter((s) => s !== "").join(", ");
  return {
    name: `diagonalNewton(${settings})`,
    start: (objective, x0) =>
      // η is folded into d (d = ηD⁻¹g, unit step) to keep the rounding of x − ηg/D.
      secondOrderStepper(objective, x0, what, 1, {
        direction(objective, x, g) {
          const n = x.length;
          let diag: Float64Array, matvecs = 0;
          if (typeof objective.hessian === "function") {
            const H = objective.hessian(x);
            diag = Float64Array.from({ length: n }, (_, i) => H[i][i]);
          } else {
            const hvp = objective.hvp!.bind(objective);
            const r = hessianDiagonal({ size: n, apply: (v) => hvp(x, v) });
            diag = r.diagonal;
            matvecs = r.matvecs;
          }
          let diagonalMin = Infinity;
          const d = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            const di = diag[i] + eps;
            if (!(di > 0)) {
              throw new RangeError(
                `Cannot ${what}: diag(H) + εI has the non-positive entry ${di} at index ${i}; ` +
                  "increase the damping",
              );
            }
            diagonalMin = Math.min(diagonalMin, di);
            d[i] = (eta * g[i]) / di;
          }
          return { d, info: { diagonalMin, matvecs } };
        },
      }),
  };
}

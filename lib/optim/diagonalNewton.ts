/**
 * Newton's method with the Hessian replaced by its diagonal.
 *
 * @module
 */
import type { LinearOperator } from "../linalg/operator.ts";
import type { Objective } from "./objective.ts";
import type { Optimizer, Stepper, StepResult } from "./optimizer.ts";
import { hessianDiagonal } from "../spectra/hessianDiagonal.ts";

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
  const eta = options.stepSize ?? 1;
  const eps = options.damping ?? 0;
  if (typeof eta !== "number" || !(eta > 0) || !Number.isFinite(eta)) {
    throw new RangeError(`Cannot ${what}: option stepSize must be a positive number, got ${eta}`);
  }
  if (typeof eps !== "number" || !(eps >= 0) || !Number.isFinite(eps)) {
    throw new RangeError(`Cannot ${what}: option damping must be a number ≥ 0, got ${eps}`);
  }
  const settings = [eta === 1 ? "" : `stepSize=${eta}`, eps === 0 ? "" : `damping=${eps}`]
    .filter((s) => s !== "").join(", ");
  return {
    name: `diagonalNewton(${settings})`,
    start(objective: Objective, x0: ArrayLike<number>): Stepper {
      const n = x0.length;
      if (n === 0) throw new RangeError(`Cannot ${what}: x0 is empty`);
      if (objective.size !== undefined && objective.size !== n) {
        throw new RangeError(
          `Cannot ${what}: x0 has length ${n}, objective has size ${objective.size}`,
        );
      }
      let x = Float64Array.from(x0);
      if (!x.every(Number.isFinite)) throw new RangeError(`Cannot ${what}: x0 is not finite`);
      let t = 0;
      const diagonal = (at: Float64Array): { d: Float64Array; matvecs: number } => {
        if (objective.hessian) {
          const H = objective.hessian(at);
          return { d: Float64Array.from({ length: n }, (_, i) => H[i][i]), matvecs: 0 };
        }
        if (objective.hvp) {
          const hvp = objective.hvp.bind(objective);
          const op: LinearOperator = { size: n, apply: (v) => hvp(at, v) };
          const r = hessianDiagonal(op);
          return { d: r.diagonal, matvecs: r.matvecs };
        }
        throw new TypeError(`Cannot ${what}: the objective has neither hessian nor hvp`);
      };
      return {
        get x() {
          return x;
        },
        get t() {
          return t;
        },
        step(): StepResult {
          const g = objective.grad(x);
          const { d, matvecs } = diagonal(x);
          let diagonalMin = Infinity, s = 0;
          const next = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            const di = d[i] + eps;
            if (!(di > 0)) {
              throw new RangeError(
                `Cannot ${what}: diag(H) + εI has the non-positive entry ${di} at index ${i}; ` +
                  "increase the damping",
              );
            }
            diagonalMin = Math.min(diagonalMin, di);
            const step = (eta * g[i]) / di;
            s += step * step;
            next[i] = x[i] - step;
          }
          x = next;
          t++;
          return {
            x: Float64Array.from(x),
            gradient: g,
            info: { diagonalMin, stepNorm: Math.sqrt(s), matvecs },
          };
        },
      };
    },
  };
}

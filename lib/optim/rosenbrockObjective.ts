/**
 * The Rosenbrock function as an {@linkcode Objective}, with exact gradient
 * and Hessian.
 *
 * @module
 */
import type { Objective } from "./objective.ts";
import { checkVector } from "./_util.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode rosenbrockObjective}. */
export interface RosenbrockObjectiveOptions {
  /** The dimension n ≥ 2. Default 2. */
  size?: number;
  /** The parameter a (the minimizer is (a, a², …) for n = 2, all ones for a = 1). Default 1. */
  a?: number;
  /** The valley steepness b > 0. Default 100. */
  b?: number;
}

/**
 * The (chained) Rosenbrock function
 * f(x) = Σ_{i=0}^{n−2} [b (x_{i+1} − x_i²)² + (a − x_i)²],
 * a curved, ill-conditioned valley; for a = 1 the minimum is f(1, …, 1) = 0,
 * where the 2D Hessian is [[802, −400], [−400, 200]] (b = 100). Gradient,
 * Hessian (tridiagonal) and HVP are exact closed forms.
 *
 * @example The minimum and its Hessian
 * ```ts
 * import { rosenbrockObjective } from "./rosenbrockObjective.ts";
 * const r = rosenbrockObjective();
 * const one = new Float64Array([1, 1]);
 * if (r.f(one) !== 0 || r.grad(one).some((g) => g !== 0)) throw new Error("not a minimum");
 * if (r.hessian!(one)[0][0] !== 802) throw new Error("wrong curvature");
 * ```
 */
export function rosenbrockObjective(
  options: RosenbrockObjectiveOptions = {},
): Objective & { readonly size: number } {
  const what = "build a Rosenbrock objective";
  const n = numberOption(options, "size", { what, integer: true, min: 2, default: 2 });
  const a = numberOption(options, "a", { what, default: 1 });
  const b = numberOption(options, "b", { what, min: 0, exclusiveMin: true, default: 100 });
  const chk = (x: Float64Array) => checkVector(x, n, "evaluate Rosenbrock", "x");
  const hessian = (x: Float64Array): number[][] => {
    chk(x);
    const h = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 0; i < n - 1; i++) {
      h[i][i] += 12 * b * x[i] * x[i] - 4 * b * x[i + 1] + 2;
      h[i + 1][i + 1] += 2 * b;
      h[i][i + 1] = -4 * b * x[i];
      h[i + 1][i] = -4 * b * x[i];
    }
    return h;
  };
  return {
    size: n,
    f: (x) => {
      chk(x);
      let s = 0;
      for (let i = 0; i < n - 1; i++) {
        const u = x[i + 1] - x[i] * x[i], w = a - x[i];
        s += b * u * u + w * w;
      }
      return s;
    },
    grad: (x) => {
      chk(x);
      const g = new Float64Array(n);
      for (let i = 0; i < n - 1; i++) {
        const u = x[i + 1] - x[i] * x[i];
        g[i] += -4 * b * x[i] * u - 2 * (a - x[i]);
        g[i + 1] += 2 * b * u;
      }
      return g;
    },
    hessian,
    hvp: (x, v) => {
      chk(x);
      checkVector(v, n, "evaluate Rosenbrock", "v");
      const out = new Float64Array(n);
      for (let i = 0; i < n - 1; i++) {
        const off = -4 * b * x[i];
        out[i] += (12 * b * x[i] * x[i] - 4 * b * x[i + 1] + 2) * v[i] + off * v[i + 1];
        out[i + 1] += off * v[i] + 2 * b * v[i + 1];
      }
      return out;
    },
  };
}

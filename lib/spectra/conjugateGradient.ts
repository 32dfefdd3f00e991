/**
 * Conjugate gradient for damped linear systems, with negative-curvature
 * detection (the inner solver of Hessian-free Newton).
 *
 * @module
 */
import type { MatrixLike } from "../linalg/matrix.ts";
import { countedOperator, type LinearOperator } from "../linalg/operator.ts";
import { numberOption } from "../validate/numberOption.ts";
import { toVector } from "../validate/toVector.ts";
import { axpy, dot, norm } from "./_vector.ts";

/** Options for {@linkcode conjugateGradient}. */
export interface ConjugateGradientOptions {
  /** The damping ε ≥ 0: solve (A + εI)x = b. Default 0. */
  damping?: number;
  /** Stop when ‖b − (A + εI)x‖ ≤ tol·‖b‖. Default 1e-10. */
  tol?: number;
  /** Iteration cap (one operator application each). Default 2n. */
  maxIter?: number;
  /** Starting point. Default the zero vector (which costs no product). */
  x0?: ArrayLike<number>;
}

/** Result of {@linkcode conjugateGradient}. */
export interface ConjugateGradientResult {
  /** The last iterate: the solution when `converged`, the iterate before the bad direction when `negativeCurvature`. */
  x: Float64Array;
  /** CG iterations taken (search directions whose step was applied). */
  iterations: number;
  /** ‖b − (A + εI)x‖ by the CG recurrence (equal to the true residual up to rounding). */
  residualNorm: number;
  /** Whether the residual met the tolerance. */
  converged: boolean;
  /** Whether a direction p with pᵀ(A + εI)p ≤ 0 stopped the iteration. */
  negativeCurvature: boolean;
  /** That direction, when `negativeCurvature`: a direction of non-positive curvature of A + εI. */
  direction?: Float64Array;
  /** Its curvature pᵀ(A + εI)p / pᵀp, when `negativeCurvature`. */
  curvature?: number;
  /** Operator applications. */
  matvecs: number;
}

const WHAT = "run conjugate gradient";

/**
 * Solve (A + εI)x = b by the conjugate gradient method, matrix-free. CG
 * needs A + εI positive definite; on a Hessian that need not hold, so every
 * search direction's curvature pᵀ(A + εI)p is checked, and the first p with
 * curvature ≤ 0 stops the solve with `negativeCurvature: true` and that
 * `direction` (along which a Newton-type method can escape a saddle). On a
 * positive definite system CG converges in at most n steps in exact
 * arithmetic, faster when the eigenvalues cluster.
 *
 * @example A damped solve, and a saddle caught
 * ```ts
 * import { conjugateGradient } from "./conjugateGradient.ts";
 * const r = conjugateGradient([[3, 1], [1, 2]], [1, 1], { damping: 1 });
 * // (A + I)x = b → [[4, 1], [1, 3]]x = [1, 1] → x = [2/11, 3/11]
 * if (Math.abs(r.x[0] - 2 / 11) > 1e-14 || !r.converged) throw new Error(String(r.x));
 * const s = conjugateGradient([[2, 0], [0, -2]], [1, 1]);
 * if (!s.negativeCurvature || s.converged) throw new Error("missed the saddle");
 * ```
 */
export function conjugateGradient(
  op: MatrixLike | LinearOperator,
  b: ArrayLike<number>,
  options: ConjugateGradientOptions = {},
): ConjugateGradientResult {
  const A = countedOperator(op, WHAT);
  const n = A.size;
  const rhs = toVector(b, WHAT, "b", { length: n });
  const eps = numberOption(options, "damping", { what: WHAT, min: 0, default: 0 });
  const tol = numberOption(options, "tol", {
    what: WHAT,
    min: 0,
    exclusiveMin: true,
    default: 1e-10,
  });
  const maxIter = numberOption(options, "maxIter", {
    what: WHAT,
    integer: true,
    min: 0,
    default: 2 * n,
  });
  const apply = (v: Float64Array): Float64Array => {
    const y = A.apply(v);
    if (eps !== 0) axpy(eps, v, y);
    return y;
  };

  const x = options.x0 === undefined
    ? new Float64Array(n)
    : toVector(options.x0, WHAT, "option x0", { length: n });
  const r = rhs.slice();
  if (options.x0 !== undefined && norm(x) > 0) axpy(-1, apply(x), r);
  const bnorm = norm(rhs);
  const target = tol * bnorm;
  let rr = dot(r, r);
  const p = r.slice();
  let iterations = 0;
  if (Math.sqrt(rr) <= target) {
    return {
      x,
      iterations,
      residualNorm: Math.sqrt(rr),
      converged: true,
      negativeCurvature: false,
      matvecs: A.count,
    };
  }
  while (iterations < maxIter) {
    const Ap = apply(p);
    const pAp = dot(p, Ap);
    if (!(pAp > 0)) {
      return {
        x,
        iterations,
        residualNorm: Math.sqrt(rr),
        converged: false,
        negativeCurvature: true,
        direction: p.slice(),
        curvature: pAp / dot(p, p),
        matvecs: A.count,
      };
    }
    const step = rr / pAp;
    axpy(step, p, x);
    axpy(-step, Ap, r);
    iterations++;
    const rrNew = dot(r, r);
    if (Math.sqrt(rrNew) <= target) {
      return {
        x,
        iterations,
        residualNorm: Math.sqrt(rrNew),
        converged: true,
        negativeCurvature: false,
        matvecs: A.count,
      };
    }
    const beta = rrNew / rr;
    rr = rrNew;
    for (let i = 0; i < n; i++) p[i] = r[i] + beta * p[i];
  }
  return {
    x,
    iterations,
    residualNorm: Math.sqrt(rr),
    converged: false,
    negativeCurvature: false,
    matvecs: A.count,
  };
}

/**
 * Hessian-free Newton's inner solve: conjugate gradient on (H + εI)x = b
 * against the exact solve, with the number of Hessian-vector products.
 *
 * @module
 */
import { choleskySolve } from "../../lib/linalg/cholesky.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import { type MatrixLike, toRows } from "../../lib/linalg/matrix.ts";
import type { LinearOperator } from "../../lib/linalg/operator.ts";
import { conjugateGradient } from "../../lib/spectra/conjugateGradient.ts";

/** Options of {@linkcode cgSolveStudy}. */
export interface CgSolveStudyOptions {
  /** Dampings ε ≥ 0. Default [0, 0.1, 0.3, 1]. */
  dampings?: number[];
  /** Relative residual tolerances. Default [1e-1, 1e-2, …, 1e-10]. */
  tolerances?: number[];
  /**
   * What CG multiplies by (e.g. the HVP operator of the same H). Default: H
   * itself (the same products, far cheaper for a sweep).
   */
  operator?: LinearOperator;
  /** H's eigenvalues, ascending, if already known (else a dense EVD is run). */
  eigenvalues?: ArrayLike<number>;
}

/** One CG solve. */
export interface CgSolveRow {
  /** ε. */
  damping: number;
  /** The tolerance: stop at ‖b − (H + εI)x‖ ≤ tol·‖b‖. */
  tol: number;
  /** Hessian-vector products used. */
  matvecs: number;
  /** Whether the tolerance was met. */
  converged: boolean;
  /** Whether CG stopped on a direction of non-positive curvature. */
  negativeCurvature: boolean;
  /** ‖x − x*‖/‖x*‖ against the Cholesky solution x* (NaN when H + εI is not positive definite). */
  relativeError: number;
  /**
   * The classical bound on the products needed, min(n, ⌈ln(2√κ/tol) / ln((√κ+1)/(√κ−1))⌉),
   * from ‖r_k‖/‖r_0‖ ≤ 2√κ((√κ−1)/(√κ+1))ᵏ (NaN when not positive definite).
   */
  bound: number;
}

/** One damped system. */
export interface CgSystem {
  /** ε. */
  damping: number;
  /** λmin(H) + ε. */
  lambdaMin: number;
  /** λmax(H) + ε. */
  lambdaMax: number;
  /** κ(H + εI) (Infinity when not positive definite). */
  conditionNumber: number;
  /** Whether H + εI is positive definite. */
  positiveDefinite: boolean;
}

/** The result of {@linkcode cgSolveStudy}. */
export interface CgSolveStudy {
  /** n. */
  n: number;
  /** One row per (damping, tolerance). */
  rows: CgSolveRow[];
  /** One entry per damping. */
  systems: CgSystem[];
}

/**
 * Solve (H + εI)x = b by {@linkcode conjugateGradient} for each damping ε and
 * tolerance, and compare with the exact solution by Cholesky. For a positive
 * definite system CG needs at most n products in exact arithmetic, and
 * usually far fewer: its residual shrinks at least like
 * 2√κ((√κ−1)/(√κ+1))ᵏ (`bound` inverts this). When H + εI is indefinite
 * (a network Hessian away from a minimum, ε = 0), CG meets a direction of
 * non-positive curvature and stops: the Newton system has no minimizing
 * solution to converge to.
 *
 * @example A diagonal system with κ = 100
 * ```ts
 * import { cgSolveStudy } from "./cgSolveStudy.ts";
 * const d = Array.from({ length: 40 }, (_, i) => 1 + (99 * i) / 39);
 * const H = d.map((x, i) => d.map((_, j) => (i === j ? x : 0)));
 * const s = cgSolveStudy(H, d.map(() => 1), { dampings: [0], tolerances: [1e-8] });
 * const r = s.rows[0];
 * if (!r.converged || r.relativeError > 1e-7 || r.matvecs > r.bound) throw new Error(JSON.stringify(r));
 * ```
 */
export function cgSolveStudy(
  H: MatrixLike,
  b: ArrayLike<number>,
  options: CgSolveStudyOptions = {},
): CgSolveStudy {
  const what = "run the CG study";
  const rows = toRows(H, what, { square: true });
  const n = rows.length;
  if (b.length !== n) {
    throw new RangeError(`Cannot ${what}: b has length ${b.length}, expected ${n}`);
  }
  const dampings = options.dampings ?? [0, 0.1, 0.3, 1];
  const tolerances = options.tolerances ??
    Array.from({ length: 10 }, (_, i) => 10 ** -(i + 1));
  if (!dampings.every((e) => e >= 0 && Number.isFinite(e))) {
    throw new RangeError(`Cannot ${what}: option dampings must be finite numbers ≥ 0`);
  }
  if (!tolerances.every((t) => t > 0 && t < 1)) {
    throw new RangeError(`Cannot ${what}: option tolerances must lie in (0, 1)`);
  }
  const op = options.operator ?? rows;
  const lambda = options.eigenvalues ? Array.from(options.eigenvalues) : eigh(rows).values;
  const lo = lambda[0], hi = lambda[lambda.length - 1];
  const systems: CgSystem[] = [];
  const out: CgSolveRow[] = [];
  for (const eps of dampings) {
    const lambdaMin = lo + eps, lambdaMax = hi + eps;
    const positiveDefinite = lambdaMin > 0;
    const kappa = positiveDefinite ? lambdaMax / lambdaMin : Infinity;
    systems.push({ damping: eps, lambdaMin, lambdaMax, conditionNumber: kappa, positiveDefinite });
    const exact = positiveDefinite
      ? choleskySolve(rows.map((r, i) => r.map((x, j) => (i === j ? x + eps : x))), b)
      : null;
    const exactNorm = exact ? Math.hypot(...exact) : NaN;
    const s = Math.sqrt(kappa);
    for (const tol of tolerances) {
      const r = conjugateGradient(op, b, { damping: eps, tol, maxIter: 4 * n });
      let relativeError = NaN;
      if (exact) {
        let e = 0;
        for (let i = 0; i < n; i++) e += (r.x[i] - exact[i]) ** 2;
        relativeError = Math.sqrt(e) / exactNorm;
      }
      const bound = !positiveDefinite
        ? NaN
        : kappa === 1
        ? 1
        : Math.min(n, Math.ceil(Math.log((2 * s) / tol) / Math.log((s + 1) / (s - 1))));
      out.push({
        damping: eps,
        tol,
        matvecs: r.matvecs,
        converged: r.converged,
        negativeCurvature: r.negativeCurvature,
        relativeError,
        bound,
      });
    }
  }
  return { n, rows: out, systems };
}

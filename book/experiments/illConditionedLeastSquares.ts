/**
 * A least-squares problem whose Hessian has a prescribed spectrum: the
 * ill-conditioned quadratic of Chapter 6, with mini-batches.
 *
 * @module
 */
import { randomOrthogonal } from "../../lib/linalg/randomOrthogonal.ts";
import { leastSquaresObjective } from "../../lib/optim/leastSquaresObjective.ts";
import type { Objective } from "../../lib/optim/objective.ts";
import { Rng } from "../../lib/random.ts";

/** Options of {@linkcode illConditionedLeastSquares}. */
export interface IllConditionedLeastSquaresOptions {
  /** The number of unknowns n ≥ 2. Default 20. */
  dimension?: number;
  /** The number of samples N ≥ n. Default 200. */
  samples?: number;
  /** The condition number κ = λmax/λmin ≥ 1 of the Hessian. Default 1000. */
  condition?: number;
  /** The largest Hessian eigenvalue λmax > 0. Default 1. */
  lambdaMax?: number;
  /** The standard deviation of the noise added to the targets. Default 0.1. */
  noise?: number;
  /**
   * Rotate the eigenbasis by a random orthogonal matrix (true), or keep the
   * Hessian diagonal (false, the eigenvectors are the coordinate axes).
   * Default true.
   */
  rotate?: boolean;
  /** Seed of the data. Default 0. */
  seed?: number;
}

/** The problem, its exact curvature and its exact solution. */
export interface IllConditionedLeastSquares {
  /** f(β) = (1/N)‖Xβ − y‖², with mini-batch access (`samples`, `gradBatch`). */
  objective: Objective & { readonly size: number; readonly samples: number };
  /** The design matrix X, N rows of n numbers. */
  x: number[][];
  /** The targets y. */
  y: number[];
  /** The Hessian's eigenvalues, descending from λmax to λmax/κ (log-spaced). */
  eigenvalues: number[];
  /** The Hessian's eigenvectors: `eigenvectors[k]` belongs to `eigenvalues[k]`. */
  eigenvectors: number[][];
  /** The exact minimizer β̂ = (XᵀX)⁻¹Xᵀy, from the known eigendecomposition. */
  minimizer: Float64Array;
  /** The minimum value f(β̂). */
  minimum: number;
}

/**
 * Build f(β) = (1/N)‖Xβ − y‖² with Hessian (2/N)XᵀX = V diag(λ) Vᵀ exactly,
 * λ log-spaced from λmax down to λmax/κ.
 *
 * X = √(N/2)·U diag(√λ) Vᵀ with U (N×n) orthonormal columns and V
 * orthogonal (the identity when `rotate` is false); y = Xβ* + noise·ξ with
 * β* and ξ standard normal. Since XᵀX = (N/2) V diag(λ) Vᵀ, the minimizer is
 * β̂ = V diag(1/λ) Vᵀ (2/N) Xᵀy, computed without a linear solve.
 *
 * @example κ = 1000 and a zero gradient at the computed minimizer
 * ```ts
 * import { illConditionedLeastSquares } from "./illConditionedLeastSquares.ts";
 * import { eigh } from "../../lib/linalg/eigh.ts";
 * const p = illConditionedLeastSquares({ dimension: 5, samples: 20, seed: 1 });
 * const { values } = eigh(p.objective.hessian!(p.minimizer));
 * const kappa = values[4] / values[0];
 * if (Math.abs(kappa - 1000) > 1e-6) throw new Error(String(kappa));
 * const g = p.objective.grad(p.minimizer);
 * if (!g.every((v) => Math.abs(v) < 1e-10)) throw new Error(String(g));
 * ```
 */
export function illConditionedLeastSquares(
  options: IllConditionedLeastSquaresOptions = {},
): IllConditionedLeastSquares {
  const what = "build the ill-conditioned least-squares problem";
  const n = options.dimension ?? 20;
  const N = options.samples ?? 200;
  const kappa = options.condition ?? 1000;
  const lmax = options.lambdaMax ?? 1;
  const noise = options.noise ?? 0.1;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(n) || n < 2) {
    throw new RangeError(`Cannot ${what}: option dimension must be an integer ≥ 2, got ${n}`);
  }
  if (!Number.isInteger(N) || N < n) {
    throw new RangeError(
      `Cannot ${what}: option samples must be an integer ≥ dimension (${n}), got ${N}`,
    );
  }
  if (!(kappa >= 1 && Number.isFinite(kappa))) {
    throw new RangeError(
      `Cannot ${what}: option condition must be a finite number ≥ 1, got ${kappa}`,
    );
  }
  if (!(lmax > 0 && Number.isFinite(lmax))) {
    throw new RangeError(`Cannot ${what}: option lambdaMax must be positive, got ${lmax}`);
  }
  if (!(noise >= 0 && Number.isFinite(noise))) {
    throw new RangeError(`Cannot ${what}: option noise must be ≥ 0, got ${noise}`);
  }
  const eigenvalues = Array.from({ length: n }, (_, k) => lmax * Math.pow(kappa, -k / (n - 1)));
  // U: the first n columns of a random N×N orthogonal matrix; V: n×n (columns are eigenvectors).
  const Q = randomOrthogonal(N, { seed });
  const V = options.rotate ?? true
    ? randomOrthogonal(n, { seed: seed + 1 })
    : Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const eigenvectors = eigenvalues.map((_, k) => V.map((row) => row[k]));
  const s = eigenvalues.map((l) => Math.sqrt((N / 2) * l));
  // X = U diag(s) Vᵀ
  const x = Q.map((q) =>
    Array.from({ length: n }, (_, j) => {
      let v = 0;
      for (let k = 0; k < n; k++) v += q[k] * s[k] * V[j][k];
      return v;
    })
  );
  const rng = new Rng(seed + 2);
  const betaStar = rng.normalVector(n);
  const y = x.map((row) => {
    let v = 0;
    for (let j = 0; j < n; j++) v += row[j] * betaStar[j];
    return v + noise * rng.normal();
  });
  // β̂ = V diag(1/λ) Vᵀ (2/N) Xᵀy
  const xty = new Float64Array(n);
  for (let i = 0; i < N; i++) for (let j = 0; j < n; j++) xty[j] += (2 / N) * x[i][j] * y[i];
  const minimizer = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let c = 0;
    for (let j = 0; j < n; j++) c += V[j][k] * xty[j];
    c /= eigenvalues[k];
    for (let j = 0; j < n; j++) minimizer[j] += c * V[j][k];
  }
  const objective = leastSquaresObjective(x, y);
  return {
    objective,
    x,
    y,
    eigenvalues,
    eigenvectors,
    minimizer,
    minimum: objective.f(minimizer),
  };
}

/**
 * The sharpness of an objective at a point: the largest eigenvalue of its
 * Hessian, by Lanczos on exact Hessian-vector products.
 *
 * @module
 */
import { lanczos } from "../spectra/lanczos.ts";
import type { LinearOperator } from "../linalg/operator.ts";
import type { Objective } from "./objective.ts";
import { checkVector } from "./_util.ts";
import { toVector } from "../validate/toVector.ts";

/** Options of {@linkcode sharpness}. */
export interface SharpnessOptions {
  /**
   * Lanczos stops when the Ritz residual ‖Hy − θy‖ is at most tol·‖H‖.
   * Default 1e-10 (the eigenvalue error is then far below that).
   */
  tol?: number;
  /** The largest Krylov dimension (Hessian-vector products). Default min(n, 300). */
  maxSteps?: number;
  /** Seed of the random start vector. Default 0. */
  seed?: number;
  /**
   * A start vector instead of a random one, e.g. the top eigenvector at a
   * nearby point (a warm start needs fewer products).
   */
  start?: ArrayLike<number>;
}

/** The result of {@linkcode sharpness}. */
export interface SharpnessResult {
  /** λmax(∇²f(x)), the algebraically largest eigenvalue. */
  value: number;
  /** Its unit eigenvector (Ritz vector). */
  vector: Float64Array;
  /** The Ritz residual ‖Hy − θy‖, an upper bound on the distance from `value` to the spectrum. */
  residual: number;
  /** Hessian-vector products used. */
  matvecs: number;
  /** Whether Lanczos met `tol`. */
  converged: boolean;
}

/**
 * The sharpness λmax(∇²f(x)): the largest eigenvalue of the Hessian at `x`
 * (the algebraically largest, so large negative eigenvalues do not count).
 * It is the curvature that sets gradient descent's stability threshold
 * 2/λmax on a quadratic.
 *
 * Matrix-free: Lanczos with full reorthogonalization on `objective.hvp`
 * (exact HVPs for {@linkcode mlpObjective}); an objective that only has a
 * dense `hessian` is used through it. Deterministic for a given seed or
 * start vector.
 *
 * @example The sharpness of ½xᵀAx is λmax(A)
 * ```ts
 * import { sharpness } from "./sharpness.ts";
 * import { quadraticObjective } from "./quadraticObjective.ts";
 * const bowl = quadraticObjective([[2, 1, 0], [1, 2, 1], [0, 1, 2]]);
 * const s = sharpness(bowl, [0, 0, 0]);
 * if (Math.abs(s.value - (2 + Math.SQRT2)) > 1e-12 || !s.converged) throw new Error(String(s.value));
 * ```
 */
export function sharpness(
  objective: Objective,
  x: ArrayLike<number>,
  options: SharpnessOptions = {},
): SharpnessResult {
  const what = "compute the sharpness";
  const p = toVector(x, what, "x");
  const n = p.length;
  if (objective?.size !== undefined && objective.size !== n) {
    throw new RangeError(
      `Cannot ${what}: x has length ${n} but objective.size is ${objective.size}`,
    );
  }
  let op: LinearOperator | ArrayLike<ArrayLike<number>>;
  if (typeof objective?.hvp === "function") {
    op = { size: n, apply: (v) => checkVector(objective.hvp!(p, v), n, what, "an HVP") };
  } else if (typeof objective?.hessian === "function") {
    op = objective.hessian(p);
  } else {
    throw new TypeError(`Cannot ${what}: the objective has neither hvp nor hessian`);
  }
  const r = lanczos(op, {
    top: 1,
    tol: options.tol ?? 1e-10,
    ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }),
    seed: options.seed ?? 0,
    ...(options.start === undefined ? {} : { start: options.start }),
  });
  return {
    value: r.top.values[0],
    vector: r.top.vectors[0],
    residual: r.top.residuals[0],
    matvecs: r.matvecs,
    converged: r.converged,
  };
}

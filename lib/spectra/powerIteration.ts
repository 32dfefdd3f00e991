/**
 * Power iteration with deflation and shifts.
 *
 * @module
 */
import type { MatrixLike } from "../linalg/matrix.ts";
import { Rng } from "../random.ts";
import { type CountedOperator, countedOperator, type LinearOperator } from "../linalg/operator.ts";
import { choiceOption } from "../validate/choiceOption.ts";
import { numberOption } from "../validate/numberOption.ts";
import { axpy, dot, norm, orthogonalize, scale } from "./_vector.ts";

/** Options for {@linkcode powerIteration}. */
export interface PowerIterationOptions {
  /** How many eigenpairs, found one after another by deflation. Default 1. */
  k?: number;
  /**
   * Which end of the spectrum. Default "largest".
   * - "largest": the algebraically largest λ (λmax, the sharpness);
   * - "smallest": the algebraically smallest λ (λmin), by a shift;
   * - "magnitude": the largest |λ| (plain power iteration).
   */
  which?: "largest" | "smallest" | "magnitude";
  /**
   * Stop an eigenpair when its residual ‖Av − λv‖ ≤ tol·|λ| (or ≤ tol when
   * λ = 0); after deflation the test uses the residual projected off the
   * pairs already found, since their own residuals leak into the true one. Default 1e-8; the eigenvalue itself is then typically accurate
   * to about tol² relative, since the Rayleigh quotient's error is
   * quadratic in the vector's.
   */
  tol?: number;
  /** Iteration cap per eigenpair. Default 1000. */
  maxIter?: number;
  /** Seed of the random starting vectors. Default 0. */
  seed?: number;
}

/** Result of {@linkcode powerIteration}. */
export interface PowerIterationResult {
  /**
   * The eigenvalues found: descending for "largest", ascending for
   * "smallest", by decreasing |λ| for "magnitude".
   */
  values: number[];
  /** Unit eigenvectors, one per value. */
  vectors: Float64Array[];
  /** Iterations (operator applications) spent on each eigenpair. */
  iterations: number[];
  /** Final (true, unprojected) residual ‖Av − λv‖ of each eigenpair. */
  residuals: number[];
  /** Whether each eigenpair met the tolerance within `maxIter`. */
  converged: boolean[];
  /**
   * The shift σ used: the iteration ran on A + σI ("largest") or on
   * −(A + σI) ("smallest"), restricted to the complement of the pairs
   * already found. 0 when no shift was needed.
   */
  shift: number;
  /** Total operator applications, including any spent estimating the shift. */
  matvecs: number;
}

const WHAT = "run power iteration";

interface Pair {
  value: number;
  vector: Float64Array;
  iterations: number;
  residual: number;
  converged: boolean;
}

/**
 * One power iteration on (sign·A + σI) projected onto the complement of the
 * found vectors. Reports λ of A (not of the shifted operator).
 */
function iterate(
  A: CountedOperator,
  sign: number,
  shift: number,
  found: readonly Float64Array[],
  rng: Rng,
  tol: number,
  maxIter: number,
): Pair {
  const n = A.size;
  let x = rng.normalVector(n);
  orthogonalize(x, found);
  let nx = norm(x);
  if (nx === 0) {
    x = new Float64Array(n);
    x[0] = 1;
    orthogonalize(x, found);
    nx = norm(x);
  }
  scale(1 / nx, x);
  let value = 0, residual = Infinity, it = 0, converged = false;
  while (it < maxIter) {
    const w = A.apply(x); // A x
    it++;
    if (sign < 0) scale(-1, w);
    // Rayleigh quotient and residual of sign·A (same residual norm as A's)
    const rq = dot(x, w);
    const r = w.slice();
    axpy(-rq, x, r);
    residual = norm(r);
    value = sign * rq;
    // Test the residual of the deflated operator (r projected off the pairs
    // found so far): the true residual also carries their own residuals,
    // which would otherwise set a floor that later pairs cannot pass.
    let test = residual;
    if (found.length > 0) {
      orthogonalize(r, found);
      test = norm(r);
    }
    if (test <= tol * (rq === 0 ? 1 : Math.abs(rq))) {
      converged = true;
      break;
    }
    // next iterate: (sign·A + σI)x, projected and normalized
    axpy(shift, x, w);
    orthogonalize(w, found);
    const nw = norm(w);
    if (nw === 0) break; // x is in the null space of the shifted, deflated operator
    scale(1 / nw, w);
    x = w;
  }
  return { value, vector: x, iterations: it, residual, converged };
}

/**
 * Power iteration, matrix-free: the dominant eigenpair of a symmetric
 * operator from repeated products x ← Ax/‖Ax‖, with **deflation** for the
 * top k (each new run is kept orthogonal to the eigenvectors already found,
 * which is Hotelling deflation A − Σλᵢvᵢvᵢᵀ done stably) and a **shift**
 * for the other end of the spectrum.
 *
 * Plain power iteration converges to the largest |λ|. For "largest" (the
 * default) it runs on A; if the dominant eigenvalue μ it finds is negative
 * (or a later deflated one is), it switches to A + |μ|I, whose spectrum is
 * ≥ 0 so its dominant eigenvalue is λmax + |μ|. "smallest" does the same on
 * −A. The shift is reported; it slows convergence (the ratio of the two
 * leading shifted eigenvalues is closer to 1), which is why Lanczos is the
 * better tool for λmin.
 *
 * Each eigenpair reports its iterations and residual ‖Av − λv‖; `matvecs`
 * counts every operator application.
 *
 * @example λmax and λmin of x² − y² + 3z²
 * ```ts
 * import { powerIteration } from "./powerIteration.ts";
 * const H = [[2, 0, 0], [0, -2, 0], [0, 0, 6]];
 * const top = powerIteration(H, { k: 2 });
 * if (top.values.map(Math.round).join() !== "6,2") throw new Error(String(top.values));
 * const low = powerIteration(H, { which: "smallest" });
 * if (Math.abs(low.values[0] + 2) > 1e-10) throw new Error(String(low.values));
 * ```
 */
export function powerIteration(
  op: MatrixLike | LinearOperator,
  options: PowerIterationOptions = {},
): PowerIterationResult {
  const A = countedOperator(op, WHAT);
  const n = A.size;
  const k = numberOption(options, "k", { what: WHAT, integer: true, min: 1, max: n, default: 1 });
  const which = choiceOption(options, "which", {
    what: WHAT,
    values: ["largest", "smallest", "magnitude"],
    default: "largest",
  });
  const tol = numberOption(options, "tol", {
    what: WHAT,
    min: 0,
    exclusiveMin: true,
    default: 1e-8,
  });
  const maxIter = numberOption(options, "maxIter", {
    what: WHAT,
    integer: true,
    min: 1,
    default: 1000,
  });
  const rng = new Rng(numberOption(options, "seed", { what: WHAT, default: 0 }));
  const sign = which === "smallest" ? -1 : 1;

  const pairs: Pair[] = [];
  const found: Float64Array[] = [];
  let shift = 0;
  while (pairs.length < k) {
    const p = iterate(A, sign, shift, found, rng, tol, maxIter);
    if (which !== "magnitude" && shift === 0 && sign * p.value < 0) {
      // The dominant remaining eigenvalue has the wrong sign: every remaining
      // |λ| ≤ |p.value|, so on sign·A + |p.value|·I all remaining eigenvalues
      // are ≥ 0 and the dominant one is the one we want. Redo this pair.
      shift = Math.abs(p.value);
      continue;
    }
    pairs.push(p);
    found.push(p.vector);
  }
  return {
    values: pairs.map((p) => p.value),
    vectors: pairs.map((p) => p.vector),
    iterations: pairs.map((p) => p.iterations),
    residuals: pairs.map((p) => p.residual),
    converged: pairs.map((p) => p.converged),
    shift: shift === 0 ? 0 : sign * shift,
    matvecs: A.count,
  };
}

/**
 * The Lanczos method for extreme eigenpairs of a symmetric operator.
 *
 * @module
 */
import type { MatrixLike } from "../linalg/matrix.ts";
import { Rng } from "../random.ts";
import { countedOperator, type LinearOperator } from "../linalg/operator.ts";
import { booleanOption } from "../validate/booleanOption.ts";
import { choiceOption } from "../validate/choiceOption.ts";
import { numberOption } from "../validate/numberOption.ts";
import { toVector } from "../validate/toVector.ts";
import { tridiagonalEigen } from "./_tridiagonal.ts";
import { axpy, dot, norm, orthogonalize, scale } from "./_vector.ts";

/** Options for {@linkcode lanczos}. */
export interface LanczosOptions {
  /** How many of the largest eigenpairs to return. Default 1 (or 0 when `bottom` is given). */
  top?: number;
  /** How many of the smallest eigenpairs to return. Default 0. */
  bottom?: number;
  /**
   * Stop when every requested Ritz pair has residual ‖Ay − θy‖ ≤ tol·‖A‖,
   * with ‖A‖ estimated by the largest |Ritz value|. Default 1e-10. For a
   * symmetric A some eigenvalue lies within ‖Ay − θy‖ of θ, so this bounds
   * the eigenvalue error relative to ‖A‖ (the actual error is usually about
   * tol²·‖A‖/gap). As with every Krylov method, an eigenvector the start
   * vector is (nearly) orthogonal to can be missed.
   */
  tol?: number;
  /**
   * The error bound that `tol` applies to. Default "residual".
   * - "residual": ‖Ay − θy‖ ≤ tol·‖A‖, a rigorous bound on the distance
   *   from θ to the spectrum;
   * - "gap": the sharper ‖Ay − θy‖²/gap ≤ tol·‖A‖, where gap is the distance
   *   from θ to the nearest other Ritz value less that value's residual. The
   *   Ritz gap only estimates the true gap (it can overestimate it while the
   *   neighbour is still converging), so this bound is an estimate, not a
   *   guarantee; it stops several steps earlier.
   */
  convergence?: "residual" | "gap";
  /** The largest Krylov dimension (= operator applications). Default min(n, 300). */
  maxSteps?: number;
  /**
   * Reorthogonalize every new Lanczos vector against all previous ones
   * (Gram–Schmidt, twice). Default true. Without it the basis loses
   * orthogonality as Ritz values converge and converged eigenvalues
   * reappear as spurious copies ("ghost" eigenvalues); the result then
   * carries a warning.
   */
  reorthogonalize?: boolean;
  /** Seed of the random (Gaussian) starting vector. Default 0. */
  seed?: number;
  /** A starting vector instead of a random one (need not be normalized). */
  start?: ArrayLike<number>;
}

/** Ritz approximations to eigenpairs at one end of the spectrum. */
export interface RitzPairs {
  /** Ritz values: descending for `top`, ascending for `bottom`. */
  values: number[];
  /** Unit Ritz vectors y = V·s, one per value. */
  vectors: Float64Array[];
  /**
   * Ritz residual norms ‖Ay − θy‖, from the Lanczos relation
   * AV = VT + β·v·eₘᵀ: ‖Ay − θy‖ = β·|sₘ| (no extra products). Exact up to
   * rounding while the basis is orthogonal (with reorthogonalization).
   */
  residuals: number[];
}

/** Result of {@linkcode lanczos}. */
export interface LanczosResult {
  /** The largest eigenpairs, descending. */
  top: RitzPairs;
  /** The smallest eigenpairs, ascending. */
  bottom: RitzPairs;
  /** Every Ritz value of the final tridiagonal matrix, ascending. */
  ritzValues: number[];
  /** Diagonal of the Lanczos tridiagonal matrix T. */
  alpha: number[];
  /** Off-diagonal of T (β₁…β_{m−1}); a 0 marks a restart after an invariant subspace. */
  beta: number[];
  /** The Krylov dimension m reached. */
  steps: number;
  /** Operator applications (matrix-vector or Hessian-vector products). */
  matvecs: number;
  /** Whether every requested pair met the tolerance. */
  converged: boolean;
  /** Whether full reorthogonalization was on. */
  reorthogonalized: boolean;
  /** Warnings, e.g. about ghost eigenvalues without reorthogonalization. */
  warnings: string[];
}

const WHAT = "run Lanczos";

/**
 * Extreme eigenpairs of a symmetric operator by the Lanczos method, matrix-free:
 * only products A·v are used, so `op` may be a Hessian-vector-product
 * operator ({@linkcode LinearOperator}) or a dense matrix.
 *
 * From a seeded random start, step j builds the next orthonormal Krylov
 * vector with the three-term recurrence Av_j = β_{j−1}v_{j−1} + α_j v_j +
 * β_j v_{j+1} and (by default) full reorthogonalization. After every step
 * the tridiagonal T_j is diagonalized (implicit QL, O(j²) with one
 * eigenvector row) and each requested Ritz pair's residual β_j|s_{j,i}| is
 * checked against `tol`. Ritz vectors are formed at the end. When the Krylov
 * space becomes invariant (β ≈ 0) the run continues from a new random vector
 * orthogonal to the basis, so multiple eigenvalues are eventually found; a
 * single-vector method still finds the second copy of an exactly repeated
 * eigenvalue only after such a restart.
 *
 * Each step costs one operator application; the result reports them in
 * `matvecs`.
 *
 * @example Top and bottom eigenvalues of a small matrix
 * ```ts
 * import { lanczos } from "./lanczos.ts";
 * const A = [[2, 1, 0], [1, 2, 1], [0, 1, 2]]; // eigenvalues 2 − √2, 2, 2 + √2
 * const r = lanczos(A, { top: 1, bottom: 1 });
 * if (Math.abs(r.top.values[0] - (2 + Math.SQRT2)) > 1e-12) throw new Error();
 * if (Math.abs(r.bottom.values[0] - (2 - Math.SQRT2)) > 1e-12) throw new Error();
 * if (r.matvecs !== 3 || !r.converged) throw new Error(String(r.matvecs));
 * ```
 */
export function lanczos(
  op: MatrixLike | LinearOperator,
  options: LanczosOptions = {},
): LanczosResult {
  const A = countedOperator(op, WHAT);
  const n = A.size;
  const count = (key: string, fallback: number) =>
    numberOption(options, key, { what: WHAT, integer: true, min: 0, max: n, default: fallback });
  const bottom = count("bottom", 0);
  const top = count("top", options.bottom === undefined ? 1 : 0);
  if (top + bottom === 0) {
    throw new RangeError(`Cannot ${WHAT}: ask for at least one eigenpair (top or bottom)`);
  }
  const tol = numberOption(options, "tol", {
    what: WHAT,
    min: 0,
    exclusiveMin: true,
    default: 1e-10,
  });
  const maxSteps = numberOption(options, "maxSteps", {
    what: WHAT,
    integer: true,
    min: 1,
    max: n,
    default: Math.min(n, 300),
  });
  const reorth = booleanOption(options, "reorthogonalize", { what: WHAT, default: true });
  const mode = choiceOption(options, "convergence", {
    what: WHAT,
    values: ["residual", "gap"],
    default: "residual",
  });
  const rng = new Rng(numberOption(options, "seed", { what: WHAT, default: 0 }));
  const need = Math.min(n, Math.max(top, bottom, 1));

  let v: Float64Array;
  if (options.start !== undefined) {
    v = toVector(options.start, WHAT, "option start", { length: n });
  } else {
    v = rng.normalVector(n);
  }
  let nv = norm(v);
  if (nv === 0) throw new RangeError(`Cannot ${WHAT}: start is the zero vector`);
  scale(1 / nv, v);

  const V: Float64Array[] = [v];
  const alpha: number[] = [], beta: number[] = [];
  let anorm = 0, lastBeta = 0, converged = false;
  const residualsOf = (values: Float64Array, lastRow: Float64Array, b: number) =>
    Array.from(values, (_, i) => Math.abs(b * lastRow[i]));

  for (let j = 0; j < maxSteps; j++) {
    const w = A.apply(V[j]);
    if (j > 0) axpy(-beta[j - 1], V[j - 1], w);
    const a = dot(V[j], w);
    axpy(-a, V[j], w);
    if (reorth) orthogonalize(w, V);
    alpha.push(a);
    const b = norm(w);
    lastBeta = b;
    const m = j + 1;
    const { values, rows } = tridiagonalEigen(alpha, beta, [m - 1]);
    anorm = Math.max(anorm, Math.abs(values[0]), Math.abs(values[m - 1]));
    const res = residualsOf(values, rows[0], b);
    if (m >= need && m >= Math.min(n, top + bottom)) {
      const bound = (i: number): number => {
        if (mode === "residual") return res[i];
        let gap = Infinity;
        if (i > 0) gap = Math.min(gap, values[i] - values[i - 1] - res[i - 1]);
        if (i < m - 1) gap = Math.min(gap, values[i + 1] - values[i] - res[i + 1]);
        return gap > 0 && gap < Infinity ? Math.min(res[i], (res[i] * res[i]) / gap) : res[i];
      };
      let ok = true;
      for (let i = 0; i < top && ok; i++) ok = bound(m - 1 - i) <= tol * anorm;
      for (let i = 0; i < bottom && ok; i++) ok = bound(i) <= tol * anorm;
      if (ok) {
        converged = true;
        break;
      }
    }
    if (m === maxSteps) break;
    if (b <= 1e-13 * Math.max(anorm, Number.MIN_VALUE)) {
      // Invariant subspace: restart from a random vector orthogonal to V.
      if (!reorth) break;
      const u = rng.normalVector(n);
      orthogonalize(u, V);
      nv = norm(u);
      if (nv <= 1e-8) break;
      scale(1 / nv, u);
      beta.push(0);
      V.push(u);
      continue;
    }
    scale(1 / b, w);
    beta.push(b);
    V.push(w);
  }

  const m = alpha.length;
  const basis = V.slice(0, m);
  const all = tridiagonalEigen(alpha, beta, Array.from({ length: m }, (_, i) => i));
  const S = all.rows; // S[r][i]: component r of the eigenvector i of T
  const ritzVector = (i: number): Float64Array => {
    const y = new Float64Array(n);
    for (let r = 0; r < m; r++) axpy(S[r][i], basis[r], y);
    const ny = norm(y);
    if (ny > 0) scale(1 / ny, y);
    return y;
  };
  const pick = (indices: number[]): RitzPairs => ({
    values: indices.map((i) => all.values[i]),
    vectors: indices.map(ritzVector),
    residuals: indices.map((i) => Math.abs(lastBeta * S[m - 1][i])),
  });
  const tTop = Math.min(top, m), tBottom = Math.min(bottom, m);
  const result: LanczosResult = {
    top: pick(Array.from({ length: tTop }, (_, i) => m - 1 - i)),
    bottom: pick(Array.from({ length: tBottom }, (_, i) => i)),
    ritzValues: Array.from(all.values),
    alpha,
    beta: beta.slice(0, m - 1),
    steps: m,
    matvecs: A.count,
    converged,
    reorthogonalized: reorth,
    warnings: [],
  };
  if (tTop < top || tBottom < bottom) {
    result.warnings.push(
      `only ${m} Ritz values were available for ${top} top and ${bottom} bottom pairs`,
    );
  }
  if (!reorth) {
    let ghosts = 0;
    const vals = all.values, lastRow = S[m - 1];
    for (let i = 1; i < m; i++) {
      const close = Math.abs(vals[i] - vals[i - 1]) <= 1e-8 * anorm;
      const conv = Math.abs(lastBeta * lastRow[i]) <= 1e-6 * anorm &&
        Math.abs(lastBeta * lastRow[i - 1]) <= 1e-6 * anorm;
      if (close && conv) ghosts++;
    }
    result.warnings.push(
      "reorthogonalization is off: the Lanczos vectors lose orthogonality as Ritz values " +
        "converge, so converged eigenvalues can reappear as spurious copies (ghost " +
        `eigenvalues); ${ghosts} near-duplicate converged Ritz value(s) found`,
    );
  }
  return result;
}

/**
 * The top-k eigenpairs by Lanczos, matrix-free, against a dense
 * eigendecomposition: accuracy and cost against k.
 *
 * @module
 */
import type { MatrixLike } from "../../lib/linalg/matrix.ts";
import type { LinearOperator } from "../../lib/linalg/operator.ts";
import { lanczos } from "../../lib/spectra/lanczos.ts";

/** Options of {@linkcode lanczosTopK}. */
export interface LanczosTopKOptions {
  /** The numbers of eigenpairs k. Default [1, 2, 4, 8, 16]. */
  ks?: number[];
  /** Lanczos residual tolerance (relative to ‖H‖). Default 1e-8. */
  tol?: number;
  /** Seed of the starting vector. Default 0. */
  seed?: number;
}

/** One Lanczos run. */
export interface LanczosTopKRow {
  /** Eigenpairs asked for. */
  k: number;
  /** Operator applications (Hessian-vector products) used. */
  matvecs: number;
  /** max over the k Ritz values of |θᵢ − λᵢ| / max|λ|, against the exact top k. */
  maxRelativeError: number;
  /** The largest Ritz residual ‖Hy − θy‖. */
  maxResidual: number;
  /** Whether Lanczos met its tolerance. */
  converged: boolean;
  /** Wall-clock time of the run, ms (depends on the machine; for figures, not assertions). */
  ms: number;
  /** The Ritz values, descending. */
  values: number[];
  /** The unit Ritz vectors. */
  vectors: Float64Array[];
}

/**
 * Run {@linkcode lanczos} for the k largest eigenpairs, for each k, and
 * compare the Ritz values with the exact top k of `exactEigenvalues`
 * (ascending, e.g. from a dense `eigh`). A dense EVD costs n products to
 * form H plus O(n³) work; Lanczos costs a number of products that grows
 * with k and with how well the top eigenvalues are separated, plus O(n·m²)
 * for m steps of reorthogonalization.
 *
 * @example diag(1, …, 50): the top 3 to 1e-10
 * ```ts
 * import { lanczosTopK } from "./lanczosTopK.ts";
 * const n = 50;
 * const op = { size: n, apply: (v: Float64Array) => v.map((x, i) => (i + 1) * x) };
 * const exact = Array.from({ length: n }, (_, i) => i + 1);
 * const [row] = lanczosTopK(op, exact, { ks: [3] });
 * if (row.maxRelativeError > 1e-10 || row.matvecs > n) throw new Error(JSON.stringify(row));
 * ```
 */
export function lanczosTopK(
  op: MatrixLike | LinearOperator,
  exactEigenvalues: ArrayLike<number>,
  options: LanczosTopKOptions = {},
): LanczosTopKRow[] {
  const what = "run the top-k Lanczos study";
  const ks = options.ks ?? [1, 2, 4, 8, 16];
  const exact = Array.from(exactEigenvalues);
  const n = exact.length;
  if (
    !Array.isArray(ks) || ks.length === 0 ||
    !ks.every((k) => Number.isInteger(k) && k >= 1 && k <= n)
  ) {
    throw new RangeError(`Cannot ${what}: option ks must be integers in [1, ${n}]`);
  }
  const scale = Math.max(...exact.map(Math.abs));
  const top = [...exact].sort((a, b) => b - a);
  return ks.map((k) => {
    const t = performance.now();
    const r = lanczos(op, { top: k, tol: options.tol ?? 1e-8, seed: options.seed ?? 0 });
    const ms = performance.now() - t;
    const values = r.top.values;
    const maxRelativeError = Math.max(
      ...values.map((v, i) => Math.abs(v - top[i]) / (scale === 0 ? 1 : scale)),
    );
    return {
      k,
      matvecs: r.matvecs,
      maxRelativeError,
      maxResidual: Math.max(...r.top.residuals),
      converged: r.converged,
      ms,
      values,
      vectors: r.top.vectors,
    };
  });
}

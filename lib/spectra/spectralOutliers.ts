/**
 * Outliers at the top of a spectrum, counted by the largest relative gap.
 *
 * @module
 */

/** Options of {@linkcode spectralOutliers}. */
export interface SpectralOutliersOptions {
  /**
   * How many of the largest eigenvalues to search for the gap (the window
   * K): the count is at most K − 1. Default min(20, the number of positive
   * eigenvalues).
   */
  window?: number;
  /**
   * The smallest relative gap λ_k/λ_{k+1} that separates outliers from the
   * bulk; below it there are no outliers. Default 1.5.
   */
  minGap?: number;
}

/** The result of {@linkcode spectralOutliers}. */
export interface SpectralOutliers {
  /** The number of outliers k (0 when no gap reaches `minGap`). */
  count: number;
  /** The outliers λ₁ ≥ … ≥ λ_k. */
  outliers: number[];
  /** The bulk edge: the largest eigenvalue below the gap, λ_{k+1} (λ₁ when k = 0). */
  bulkEdge: number;
  /** The separating gap λ_k/λ_{k+1} (the largest relative gap in the window). */
  gap: number;
  /** λ₁ divided by the bulk edge (1 when k = 0). */
  ratio: number;
  /** The window K used. */
  window: number;
}

/**
 * Count the outliers at the top of a spectrum by the largest relative gap:
 * sort the eigenvalues descending, λ₁ ≥ λ₂ ≥ …, and among the top K
 * (`window`) find the k that maximizes λ_k/λ_{k+1}. If that gap is at least
 * `minGap`, the k eigenvalues above it are the outliers and λ_{k+1} is the
 * bulk edge; otherwise there are none. Only positive eigenvalues take part
 * (a ratio with a non-positive denominator means nothing), so the rule
 * reads the top of a Hessian spectrum whose bulk sits near zero.
 *
 * A relative gap is scale-free (it does not change when the loss is
 * multiplied by a constant), and the window keeps the rule from reading a
 * gap inside the bulk far below the top.
 *
 * @example Three outliers over a bulk near zero
 * ```ts
 * import { spectralOutliers } from "./spectralOutliers.ts";
 * const r = spectralOutliers([0.01, 5, 0.05, 3, 0.3, 4, 0.2, -0.1, 0.25], { window: 8 });
 * if (r.count !== 3 || r.bulkEdge !== 0.3 || r.ratio !== 5 / 0.3) throw new Error(JSON.stringify(r));
 * ```
 */
export function spectralOutliers(
  values: ArrayLike<number>,
  options: SpectralOutliersOptions = {},
): SpectralOutliers {
  const what = "count the spectral outliers";
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    throw new TypeError(`Cannot ${what}: values must be an array of numbers`);
  }
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== "number" || !Number.isFinite(values[i])) {
      throw new RangeError(`Cannot ${what}: values[${i}] is ${values[i]}, not a finite number`);
    }
  }
  const positive = Array.from(values).filter((v) => v > 0).sort((a, b) => b - a);
  if (positive.length < 2) {
    throw new RangeError(
      `Cannot ${what}: need at least 2 positive eigenvalues, got ${positive.length}`,
    );
  }
  const window = options.window ?? Math.min(20, positive.length);
  if (!Number.isInteger(window) || window < 2) {
    throw new RangeError(`Cannot ${what}: option window must be an integer ≥ 2, got ${window}`);
  }
  const minGap = options.minGap ?? 1.5;
  if (typeof minGap !== "number" || !(minGap >= 1)) {
    throw new RangeError(`Cannot ${what}: option minGap must be a number ≥ 1, got ${minGap}`);
  }
  const K = Math.min(window, positive.length);
  let best = 1, gap = positive[0] / positive[1];
  for (let k = 2; k < K; k++) {
    const g = positive[k - 1] / positive[k];
    if (g > gap) [best, gap] = [k, g];
  }
  const count = gap >= minGap ? best : 0;
  const bulkEdge = positive[count];
  return {
    count,
    outliers: positive.slice(0, count),
    bulkEdge,
    gap,
    ratio: positive[0] / bulkEdge,
    window: K,
  };
}

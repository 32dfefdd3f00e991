/**
 * The largest stable learning rate of gradient descent on a quadratic,
 * found by bisection on simulated runs.
 *
 * @module
 */
import type { MatrixLike } from "../../lib/linalg/matrix.ts";
import { gdGrowthRate } from "./gdGrowthRate.ts";

// A measured factor must be below 1 − MARGIN to count as shrinking: rounding can put the
// factor of a mode that never shrinks (λ = 0, factor exactly 1) a few ulps below 1.
const MARGIN = 1e-12;

/** Options of {@linkcode stabilityThreshold}. */
export interface StabilityThresholdOptions {
  /** Stop when the bracket [lo, hi] has hi − lo ≤ tol·hi. Default 1e-12. */
  tol?: number;
  /** Steps N of each growth-rate measurement (see `gdGrowthRate`). Default 400. */
  steps?: number;
  /** Seed of the random start of every run. Default 0. */
  seed?: number;
  /** The first learning rate tried. Default 1. */
  start?: number;
}

/** What {@linkcode stabilityThreshold} returns. */
export interface StabilityThreshold {
  /** The midpoint of the final bracket: the estimated threshold α_c. */
  threshold: number;
  /** The largest learning rate seen to converge. */
  lo: number;
  /** The smallest learning rate seen to diverge (or not to shrink). */
  hi: number;
  /** Bisection steps taken (after bracketing). */
  iterations: number;
  /** Gradient-descent runs made in all. */
  runs: number;
}

/**
 * Find the threshold learning rate α_c of gradient descent on
 * f(x) = ½xᵀHx by experiment alone: a learning rate counts as stable when a
 * run's measured growth factor (`gdGrowthRate`) is below 1 − 10⁻¹², so the
 * iterates shrink (the margin keeps rounding from passing off a factor of
 * exactly 1 as shrinking). The routine brackets α_c by doubling or halving from `start`, then
 * bisects until the bracket is `tol` wide relative to its top. It never
 * looks at an eigenvalue; for a positive definite H the answer should be
 * 2/λmax, and the book checks that it is.
 *
 * H must be positive definite, and N (`steps`) long enough for the slowest
 * mode to dominate the measurement at the learning rates tried. With a
 * negative eigenvalue no learning rate makes the iterates shrink, and the
 * routine throws after halving `start` 64 times without finding a stable
 * one. A zero eigenvalue (factor exactly 1 at every α) cannot be told apart
 * from a slowly shrinking mode in a finite run: the decay of the other
 * modes makes small learning rates look stable, and the answer is then
 * meaningless.
 *
 * Errors: `Cannot find the stability threshold: …`.
 *
 * @example 2/λmax without an eigenvalue
 * ```ts
 * import { stabilityThreshold } from "./stabilityThreshold.ts";
 * const r = stabilityThreshold([[1, 0], [0, 4]], { tol: 1e-10 });
 * if (Math.abs(r.threshold - 0.5) > 1e-9) throw new Error(String(r.threshold));
 * ```
 */
export function stabilityThreshold(
  H: MatrixLike,
  options: StabilityThresholdOptions = {},
): StabilityThreshold {
  const what = "find the stability threshold";
  const tol = options.tol ?? 1e-12;
  if (typeof tol !== "number" || !(tol > 0) || tol >= 1) {
    throw new RangeError(`Cannot ${what}: option tol must be in (0, 1), got ${tol}`);
  }
  const start = options.start ?? 1;
  if (typeof start !== "number" || !Number.isFinite(start) || start <= 0) {
    throw new RangeError(`Cannot ${what}: option start must be a finite number > 0, got ${start}`);
  }
  const measure = { steps: options.steps ?? 400, seed: options.seed ?? 0 };
  let runs = 0;
  const stable = (lr: number) => {
    runs++;
    return gdGrowthRate(H, lr, measure).rate < 1 - MARGIN;
  };
  let lo: number, hi: number;
  if (stable(start)) {
    lo = start;
    hi = 2 * start;
    while (stable(hi)) {
      lo = hi;
      hi *= 2;
      if (hi > 1e300) {
        throw new RangeError(`Cannot ${what}: every learning rate up to 1e300 converges`);
      }
    }
  } else {
    hi = start;
    lo = start / 2;
    for (let halvings = 1; !stable(lo); halvings++) {
      if (halvings >= 64) {
        throw new RangeError(
          `Cannot ${what}: no learning rate down to ${lo} (start·2⁻⁶⁴) makes the iterates ` +
            `shrink (is H positive definite? a zero eigenvalue has factor 1 at every α)`,
        );
      }
      hi = lo;
      lo /= 2;
    }
  }
  let iterations = 0;
  while (hi - lo > tol * hi) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (stable(mid)) lo = mid;
    else hi = mid;
    iterations++;
  }
  return { threshold: 0.5 * (lo + hi), lo, hi, iterations, runs };
}

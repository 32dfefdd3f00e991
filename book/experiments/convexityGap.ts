/**
 * Test the convexity inequality f(λx + (1−λ)y) ≤ λf(x) + (1−λ)f(y) on
 * random samples.
 *
 * @module
 */
import { Rng } from "../../lib/random.ts";

/** Options of {@linkcode convexityGap}. */
export interface ConvexityGapOptions {
  /** The dimension n of the points x, y. Required. */
  dimension: number;
  /** How many triples (x, y, λ) to draw. Default 1000. */
  samples?: number;
  /** Every coordinate of x and y is uniform in [−radius, radius]. Default 1. */
  radius?: number;
  /**
   * A sample is a violation when its gap exceeds
   * `tolerance`·max(1, |f(x)|, |f(y)|, |f(z)|) (round-off allowance).
   * Default 1e-12.
   */
  tolerance?: number;
  /** Seed of the samples. Default 0. */
  seed?: number;
}

/** One sampled triple and its gap. */
export interface ConvexityGapSample {
  /** The first point. */
  x: Float64Array;
  /** The second point. */
  y: Float64Array;
  /** The mixing weight λ ∈ [0, 1]. */
  lambda: number;
  /** f(λx + (1−λ)y) − λf(x) − (1−λ)f(y): ≤ 0 for a convex f. */
  gap: number;
}

/** What {@linkcode convexityGap} returns. */
export interface ConvexityGapResult {
  /** The number of triples drawn. */
  samples: number;
  /** Every gap, in drawing order. */
  gaps: Float64Array;
  /** The largest gap (positive means the inequality failed somewhere). */
  maxGap: number;
  /** The number of gaps above the round-off allowance. */
  violations: number;
  /** The triple with the largest gap. */
  worst: ConvexityGapSample;
}

/**
 * Draw `samples` triples x, y ∈ [−radius, radius]ⁿ and λ ∈ [0, 1] (seeded)
 * and evaluate the convexity gap
 * f(λx + (1−λ)y) − (λf(x) + (1−λ)f(y)).
 * A convex f has every gap ≤ 0; one positive gap (beyond round-off) proves
 * that f is not convex on the box. No number of non-positive gaps proves
 * convexity: sampling can only find counterexamples.
 *
 * Errors: `Cannot sample the convexity gap: …` for a non-function `f`, a
 * bad option, or an f value that is not finite.
 *
 * @example A convex bowl and the non-convex saddle x² − y²
 * ```ts
 * import { convexityGap } from "./convexityGap.ts";
 * const bowl = convexityGap(([x, y]) => x * x + y * y, { dimension: 2, seed: 1 });
 * if (bowl.violations !== 0) throw new Error(String(bowl.maxGap));
 * const saddle = convexityGap(([x, y]) => x * x - y * y, { dimension: 2, seed: 1 });
 * if (saddle.violations === 0) throw new Error("the saddle should fail");
 * ```
 */
export function convexityGap(
  f: (x: Float64Array) => number,
  options: ConvexityGapOptions,
): ConvexityGapResult {
  const what = "sample the convexity gap";
  if (typeof f !== "function") throw new TypeError(`Cannot ${what}: f must be a function`);
  const n = options?.dimension;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
    throw new RangeError(`Cannot ${what}: option dimension must be an integer ≥ 1, got ${n}`);
  }
  const samples = options.samples ?? 1000;
  if (!Number.isInteger(samples) || samples < 1) {
    throw new RangeError(`Cannot ${what}: option samples must be an integer ≥ 1, got ${samples}`);
  }
  const radius = options.radius ?? 1;
  if (!(radius > 0) || !Number.isFinite(radius)) {
    throw new RangeError(
      `Cannot ${what}: option radius must be a finite number > 0, got ${radius}`,
    );
  }
  const tolerance = options.tolerance ?? 1e-12;
  if (!(tolerance >= 0)) {
    throw new RangeError(`Cannot ${what}: option tolerance must be ≥ 0, got ${tolerance}`);
  }
  const rng = new Rng(options.seed ?? 0);
  const value = (p: Float64Array, label: string) => {
    const v = f(p);
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`Cannot ${what}: f(${label}) is ${v} at [${Array.from(p)}]`);
    }
    return v;
  };
  const gaps = new Float64Array(samples);
  let violations = 0;
  let worst: ConvexityGapSample | undefined;
  for (let s = 0; s < samples; s++) {
    const x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = radius * (2 * rng.uniform() - 1);
    for (let i = 0; i < n; i++) y[i] = radius * (2 * rng.uniform() - 1);
    const lambda = rng.uniform();
    for (let i = 0; i < n; i++) z[i] = lambda * x[i] + (1 - lambda) * y[i];
    const fx = value(x, "x"), fy = value(y, "y"), fz = value(z, "λx + (1−λ)y");
    const gap = fz - (lambda * fx + (1 - lambda) * fy);
    gaps[s] = gap;
    if (gap > tolerance * Math.max(1, Math.abs(fx), Math.abs(fy), Math.abs(fz))) violations++;
    if (worst === undefined || gap > worst.gap) worst = { x, y, lambda, gap };
  }
  return { samples, gaps, maxGap: worst!.gap, violations, worst: worst! };
}

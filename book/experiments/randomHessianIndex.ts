/**
 * How often a random symmetric matrix is a minimum, a saddle or a maximum.
 *
 * @module
 */
import { eigh } from "../../lib/linalg/eigh.ts";
import { Rng } from "../../lib/random.ts";

/** Options of {@linkcode randomHessianIndex}. */
export interface RandomHessianIndexOptions {
  /** How many random matrices to draw. Default 10000. */
  samples?: number;
  /** Seed of the draws. Default 0. */
  seed?: number;
}

/** What {@linkcode randomHessianIndex} returns. */
export interface RandomHessianIndexResult {
  /** The matrix size n. */
  n: number;
  /** The number of matrices drawn. */
  samples: number;
  /** counts[k] = how many had exactly k negative eigenvalues (the index), k = 0..n. */
  counts: number[];
  /** counts[0]/samples: the share that are positive definite (a minimum). */
  minimumFraction: number;
  /** counts[n]/samples: the share that are negative definite (a maximum). */
  maximumFraction: number;
  /** The rest: both signs (a saddle). */
  saddleFraction: number;
}

/**
 * Draw `samples` matrices H = (A + Aᵀ)/2 with A an n×n matrix of independent
 * standard normals (the Gaussian orthogonal ensemble: diagonal N(0, 1),
 * off-diagonal N(0, ½)) and count their negative eigenvalues with
 * {@linkcode eigh}. Read as Hessians at random critical points, it is the
 * simplest model of why saddles outnumber minima in high dimension: every
 * eigenvalue must be positive for a minimum, and that gets rare fast as n
 * grows. Exact values to test against: the minimum share is ½ for n = 1 and
 * (2 − √2)/4 ≈ 0.146 for n = 2.
 *
 * A model, not a landscape: the Hessians of real losses are not GOE
 * matrices.
 *
 * Errors: `Cannot sample random Hessians: …` for a bad n or option.
 *
 * @example Half of the 1×1 "Hessians" are minima
 * ```ts
 * import { randomHessianIndex } from "./randomHessianIndex.ts";
 * const one = randomHessianIndex(1, { samples: 4000, seed: 3 });
 * if (Math.abs(one.minimumFraction - 0.5) > 0.05) throw new Error(String(one.minimumFraction));
 * const five = randomHessianIndex(5, { samples: 2000, seed: 3 });
 * if (!(five.saddleFraction > 0.95)) throw new Error(String(five.saddleFraction));
 * ```
 */
export function randomHessianIndex(
  n: number,
  options: RandomHessianIndexOptions = {},
): RandomHessianIndexResult {
  const what = "sample random Hessians";
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
    throw new RangeError(`Cannot ${what}: n must be an integer ≥ 1, got ${n}`);
  }
  const samples = options.samples ?? 10000;
  if (!Number.isInteger(samples) || samples < 1) {
    throw new RangeError(`Cannot ${what}: option samples must be an integer ≥ 1, got ${samples}`);
  }
  const rng = new Rng(options.seed ?? 0);
  const counts = new Array<number>(n + 1).fill(0);
  const h = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < n; i++) {
      h[i][i] = rng.normal();
      for (let j = 0; j < i; j++) {
        const v = (rng.normal() + rng.normal()) / 2;
        h[i][j] = v;
        h[j][i] = v;
      }
    }
    let negative = 0;
    for (const l of eigh(h).values) if (l < 0) negative++;
    counts[negative]++;
  }
  return {
    n,
    samples,
    counts,
    minimumFraction: counts[0] / samples,
    maximumFraction: counts[n] / samples,
    saddleFraction: 1 - (counts[0] + counts[n]) / samples,
  };
}

/**
 * Synthetic linear-regression data with chosen collinearity.
 *
 * @module
 */
import { Rng } from "../random.ts";
import type { RegressionData } from "./types.ts";
import { numberOption } from "../validate/numberOption.ts";
import { toVector } from "../validate/toVector.ts";

/** Options of {@linkcode linearRegressionData}. */
export interface LinearRegressionDataOptions {
  /** The number of samples N. Default 100. */
  samples?: number;
  /** The number of features d. Default 3. */
  features?: number;
  /**
   * ρ in [0, 1]: every pair of the independent features has correlation ρ
   * (x_j = √(1−ρ) z_j + √ρ z, with z_j, z standard normal). ρ = 1 makes them
   * identical, i.e. exactly collinear. Default 0.
   */
  collinearity?: number;
  /**
   * k: the last k of the d features are exact linear combinations of the
   * first m = d − k: feature m + i = feature (i mod m) + feature ((i+1) mod m).
   * Then XᵀX has (at least) k zero eigenvalues. Default 0.
   */
  exactCollinear?: number;
  /** The true weights β (length d). Default: seeded standard normal draws. */
  weights?: number[];
  /** The standard deviation of the Gaussian noise added to Xβ. Default 0.1. */
  noise?: number;
  /** Seed. Default 0. */
  seed?: number;
}

/** Linear-regression data with the truth that generated it. */
export interface LinearRegressionData {
  /** The samples: `{x, y}` exactly, usable as a spec's `data` (mse, d_L = 1). */
  data: RegressionData;
  /** The true weights β. */
  weights: number[];
  /** The population covariance of the features, A C Aᵀ (see the function). */
  covariance: number[][];
}

/**
 * Draw y = Xβ + noise·ε with features of chosen collinearity.
 *
 * The m = d − k independent features are standard normal with pairwise
 * correlation ρ, so their population covariance C = (1−ρ)I + ρ11ᵀ has
 * eigenvalues 1 − ρ (m − 1 times) and 1 + (m − 1)ρ: condition number
 * (1 + (m−1)ρ)/(1 − ρ), infinite at ρ = 1. The k dependent features are exact
 * sums of two independent ones (see the options), making XᵀX exactly
 * singular. `covariance` is the d×d population covariance A C Aᵀ, where A
 * maps the independent features to all d.
 *
 * `data.y` comes as N rows of length 1, the form an `mse` spec wants, and
 * `data` holds x and y only, so it can be a spec's `data` as is. There is no
 * intercept.
 *
 * @example An exactly collinear third feature
 * ```ts
 * import { linearRegressionData } from "./linearRegressionData.ts";
 * const { data } = linearRegressionData({ samples: 20, features: 3, exactCollinear: 1, seed: 2 });
 * const row = data.x[0];
 * if (row[2] !== row[0] + row[1]) throw new Error("not exactly collinear");
 * if (data.y[0].length !== 1) throw new Error("y rows have length 1");
 * ```
 */
export function linearRegressionData(
  options: LinearRegressionDataOptions = {},
): LinearRegressionData {
  const what = "generate linear-regression data";
  const N = numberOption(options, "samples", { what, integer: true, min: 1, default: 100 });
  const d = numberOption(options, "features", { what, integer: true, min: 1, default: 3 });
  const rho = numberOption(options, "collinearity", { what, min: 0, max: 1, default: 0 });
  const k = numberOption(options, "exactCollinear", {
    what,
    integer: true,
    min: 0,
    max: d - 1,
    default: 0,
  });
  const noise = numberOption(options, "noise", { what, min: 0, default: 0.1 });
  const rng = new Rng(numberOption(options, "seed", { what, default: 0 }));
  const m = d - k;
  let weights: number[];
  if (options.weights === undefined) {
    weights = Array.from(rng.normalVector(d));
  } else {
    weights = Array.from(toVector(options.weights, what, "option weights", { length: d }));
  }
  // A: d×m map from the independent features to all features.
  const A: number[][] = Array.from({ length: d }, (_, j) => {
    const row = new Array<number>(m).fill(0);
    if (j < m) row[j] = 1;
    else {
      const i = j - m;
      row[i % m] += 1;
      row[(i + 1) % m] += 1;
    }
    return row;
  });
  const a = Math.sqrt(1 - rho), b = Math.sqrt(rho);
  const x: number[][] = [];
  const y: number[][] = [];
  for (let s = 0; s < N; s++) {
    const shared = rng.normal();
    const ind = Array.from({ length: m }, () => a * rng.normal() + b * shared);
    const row = A.map((r) => r.reduce((acc, c, i) => acc + c * ind[i], 0));
    x.push(row);
    y.push([row.reduce((acc, v, j) => acc + v * weights[j], 0) + noise * rng.normal()]);
  }
  const C = (i: number, j: number) => (i === j ? 1 : rho);
  const covariance = A.map((ri) =>
    A.map((rj) => {
      let s = 0;
      for (let p = 0; p < m; p++) for (let q = 0; q < m; q++) s += ri[p] * C(p, q) * rj[q];
      return s;
    })
  );
  return { data: { x, y }, weights, covariance };
}

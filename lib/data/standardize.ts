/**
 * Feature standardization: zero mean and unit variance per column.
 *
 * @module
 */
import { toRows } from "../validate/toRows.ts";
import { toVector } from "../validate/toVector.ts";

/** Per-feature statistics from {@linkcode standardize}. */
export interface Standardization {
  /** The standardized rows (new arrays). */
  x: number[][];
  /** The per-feature mean used. */
  mean: number[];
  /**
   * The per-feature standard deviation used (population, 1/N). A constant
   * feature has std 0 and is only centered.
   */
  std: number[];
}

/** Options of {@linkcode standardize}. */
export interface StandardizeOptions {
  /** Use these means instead of fitting them (e.g. the training set's). */
  mean?: number[];
  /** Use these standard deviations instead of fitting them. */
  std?: number[];
}

/**
 * Standardize columns: x'ᵢⱼ = (xᵢⱼ − μⱼ)/σⱼ, with μ and σ (population, 1/N)
 * fitted on `x` unless given. Fit on the training set and pass its `mean`
 * and `std` to transform a test set the same way. A constant column
 * (σⱼ = 0) is centered and left unscaled.
 *
 * @example Fit on train, apply to test
 * ```ts
 * import { standardize } from "./standardize.ts";
 * const train = standardize([[1, 10], [3, 10]]);
 * if (train.x[0][0] !== -1 || train.x[1][0] !== 1 || train.x[0][1] !== 0) throw new Error("fit");
 * const test = standardize([[5, 11]], train);
 * if (test.x[0][0] !== 3 || test.x[0][1] !== 1) throw new Error("apply");
 * ```
 */
export function standardize(x: number[][], options: StandardizeOptions = {}): Standardization {
  const what = "standardize";
  const rows = toRows(x, what, { name: "x" });
  const N = rows.length, d = rows[0].length;
  const given = (key: "mean" | "std") =>
    options[key] === undefined
      ? undefined
      : Array.from(toVector(options[key], what, `option ${key}`, { length: d }));
  const mean = given("mean") ?? new Array<number>(d).fill(0).map((_, j) => {
    let s = 0;
    for (const r of rows) s += r[j];
    return s / N;
  });
  const std = given("std") ?? mean.map((m, j) => {
    let s = 0;
    for (const r of rows) s += (r[j] - m) ** 2;
    return Math.sqrt(s / N);
  });
  if (std.some((s) => s < 0)) {
    throw new RangeError(`Cannot ${what}: option std has a negative entry`);
  }
  const out = rows.map((r) => r.map((v, j) => (std[j] > 0 ? (v - mean[j]) / std[j] : v - mean[j])));
  return { x: out, mean, std };
}

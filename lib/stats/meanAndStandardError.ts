/**
 * The sample mean and its standard error.
 *
 * @module
 */

/**
 * Mean and standard error of a sample: the sample standard deviation (with
 * the n − 1 denominator) divided by √n. The standard error is NaN for fewer
 * than two values.
 *
 * @example
 * ```ts
 * import { meanAndStandardError } from "./meanAndStandardError.ts";
 * const { mean, se } = meanAndStandardError([1, 2, 3, 4]);
 * // s² = (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3, se = √(5/3 / 4)
 * if (mean !== 2.5 || Math.abs(se - Math.sqrt(5 / 12)) > 1e-15) throw new Error(`${mean} ${se}`);
 * ```
 */
export function meanAndStandardError(xs: ArrayLike<number>): { mean: number; se: number } {
  const k = xs.length;
  if (k === 0) throw new RangeError("Cannot take the mean: the sample is empty");
  let mean = 0;
  for (let i = 0; i < k; i++) mean += xs[i];
  mean /= k;
  if (k < 2) return { mean, se: NaN };
  let ss = 0;
  for (let i = 0; i < k; i++) ss += (xs[i] - mean) ** 2;
  return { mean, se: Math.sqrt(ss / (k - 1) / k) };
}

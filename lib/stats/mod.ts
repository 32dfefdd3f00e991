/**
 * Small statistics used across the library: median, mean with standard
 * error, normal quantiles for confidence intervals, Spearman rank
 * correlation, and power-law fits on log–log axes.
 *
 * @example
 * ```ts
 * import { fitPowerLaw, median } from "./mod.ts";
 * if (median([5, 1, 3]) !== 3) throw new Error();
 * if (Math.abs(fitPowerLaw([1, 2, 4], [1, 4, 16]).exponent - 2) > 1e-12) throw new Error();
 * ```
 *
 * @module
 */
export * from "./median.ts";
export * from "./meanAndStandardError.ts";
export * from "./normalQuantile.ts";
export * from "./rankCorrelation.ts";
export * from "./fitPowerLaw.ts";

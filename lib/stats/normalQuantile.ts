/**
 * The standard normal quantile and two-sided critical values, for confidence
 * intervals of stochastic estimates.
 *
 * @module
 */
import { checkNumber } from "../validate/checkNumber.ts";
import { erfc } from "../activations/erf.ts";

/**
 * The standard normal quantile Φ⁻¹(p), by Acklam's rational approximation
 * refined with one Halley step (relative error below 1e-15). Throws
 * `Cannot take the normal quantile: …` unless 0 < p < 1.
 *
 * @example
 * ```ts
 * import { normalQuantile } from "./normalQuantile.ts";
 * if (normalQuantile(0.5) !== 0) throw new Error();
 * if (Math.abs(normalQuantile(0.975) - 1.959963984540054) > 1e-14) throw new Error();
 * ```
 */
export function normalQuantile(p: number): number {
  checkNumber(p, "p", {
    what: "take the normal quantile",
    min: 0,
    max: 1,
    exclusiveMin: true,
    exclusiveMax: true,
  });
  const a = [
    -39.69683028665376,
    220.9460984245205,
    -275.9285104469687,
    138.357751867269,
    -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406,
    161.5858368580409,
    -155.6989798598866,
    66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293,
    -0.3223964580411365,
    -2.400758277161838,
    -2.549732539343734,
    4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  let x: number;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - lo) {
    const q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // one Halley step on Φ(x) − p, with Φ from erfc
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/**
 * The two-sided normal critical value for a confidence level, e.g. 0.95 → 1.96.
 *
 * @example
 * ```ts
 * import { criticalValue } from "./normalQuantile.ts";
 * if (Math.abs(criticalValue(0.95) - 1.959963984540054) > 1e-14) throw new Error();
 * ```
 */
export function criticalValue(confidence: number): number {
  return normalQuantile(0.5 + confidence / 2);
}

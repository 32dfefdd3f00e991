/**
 * The error function and its complement, accurate to a few ulps in float64.
 * GELU needs them (Φ(x) = erfc(−x/√2)/2) and JavaScript has no Math.erf.
 *
 * erf uses the all-positive series
 * erf(x) = (2/√π)·e^{−x²}·Σₙ 2ⁿx^{2n+1}/(1·3·…·(2n+1)) for |x| < 2; it has
 * no cancellation. erfc(x) for x ≥ 1 (and erf for |x| ≥ 2) comes from the
 * continued fraction
 * erfc(x) = (e^{−x²}/√π)/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated
 * by the modified Lentz method, so tiny tails keep full relative accuracy.
 *
 * @module
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

function erfSeries(x: number): number {
  if (x < 0) return -erfSeries(-x);
  const x2 = x * x;
  let term = x, sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/** erfc(x) for x ≥ 1 by the continued fraction. */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x, c = x, d = 0;
  for (let n = 1; n < 5000; n++) {
    const a = 0.5 * n;
    d = x + a * d;
    if (d === 0) d = tiny;
    d = 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}

/**
 * The error function erf(x) = (2/√π)∫₀ˣ e^{−t²} dt.
 *
 * @example
 * ```ts
 * import { erf } from "./erf.ts";
 * // erf(1) = 0.8427007929497148693… (Abramowitz and Stegun, table 7.1)
 * if (Math.abs(erf(1) - 0.8427007929497149) > 3e-16) throw new Error(String(erf(1)));
 * if (erf(-0.5) !== -erf(0.5)) throw new Error("not odd");
 * ```
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 2) return erfSeries(x);
  const r = 1 - erfcFraction(a);
  return x < 0 ? -r : r;
}

/**
 * The complementary error function erfc(x) = 1 − erf(x), accurate in the
 * right tail where 1 − erf(x) would cancel.
 *
 * @example
 * ```ts
 * import { erfc } from "./erf.ts";
 * // erfc(3) = 2.209049699858544137…e-5
 * if (Math.abs(erfc(3) / 2.209049699858544e-5 - 1) > 1e-14) throw new Error(String(erfc(3)));
 * ```
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= 1) return erfcFraction(x);
  if (x > -1) return 1 - erfSeries(x);
  return 2 - erfcFraction(-x);
}

/**
 * The Gaussian error linear unit (exact form, not the tanh approximation).
 *
 * @module
 */
import { type Activation, defineActivation } from "./activation.ts";
import { erfc } from "./erf.ts";

const INV_SQRT2 = 0.7071067811865476;
const INV_SQRT_2PI = 0.3989422804014327;

/** The standard normal CDF Φ(x) = erfc(−x/√2)/2, accurate in both tails. */
function normalCdf(x: number): number {
  return 0.5 * erfc(-x * INV_SQRT2);
}

/** The standard normal density φ(x). */
function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * gelu(x) = x·Φ(x), with gelu′ = Φ(x) + x·φ(x) and gelu″ = φ(x)·(2 − x²),
 * where Φ and φ are the standard normal CDF and density.
 *
 * @example
 * ```ts
 * import { gelu } from "./gelu.ts";
 * if (gelu.f(0) !== 0 || gelu.df(0) !== 0.5) throw new Error();
 * // gelu″(0) = 2φ(0) = 2/√(2π)
 * if (Math.abs(gelu.d2f(0) - 2 / Math.sqrt(2 * Math.PI)) > 1e-15) throw new Error();
 * ```
 */
export const gelu: Activation = defineActivation({
  name: "gelu",
  f: (x) => x * normalCdf(x),
  df: (x) => normalCdf(x) + x * normalPdf(x),
  d2f: (x) => normalPdf(x) * (2 - x * x),
  evaluate(x, f, df, d2f) {
    const n = x.length;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      const cdf = f || df ? normalCdf(v) : 0;
      const pdf = df || d2f ? normalPdf(v) : 0;
      if (f) f[i] = v * cdf;
      if (df) df[i] = cdf + v * pdf;
      if (d2f) d2f[i] = pdf * (2 - v * v);
    }
  },
});

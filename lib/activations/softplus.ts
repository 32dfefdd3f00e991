/**
 * The softplus function, a smooth relu.
 *
 * @module
 */
import { type Activation, defineActivation } from "./activation.ts";

function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(1 + e^x) = max(x, 0) + log1p(e^{−|x|}), which never overflows. */
function softplusValue(x: number): number {
  return (x > 0 ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * softplus(x) = log(1 + eˣ), with softplus′ = σ(x) and
 * softplus″ = σ(x)σ(−x).
 *
 * @example
 * ```ts
 * import { softplus } from "./softplus.ts";
 * if (Math.abs(softplus.f(0) - Math.LN2) > 1e-16) throw new Error("f");
 * if (softplus.f(1000) !== 1000) throw new Error("overflowed");
 * if (softplus.df(0) !== 0.5 || softplus.d2f(0) !== 0.25) throw new Error();
 * ```
 */
export const softplus: Activation = defineActivation({
  name: "softplus",
  f: softplusValue,
  df: logistic,
  d2f: (x) => logistic(x) * logistic(-x),
  evaluate(x, f, df, d2f) {
    const n = x.length;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (f) f[i] = softplusValue(v);
      if (df || d2f) {
        const s = logistic(v);
        if (df) df[i] = s;
        if (d2f) d2f[i] = s * logistic(-v);
      }
    }
  },
});

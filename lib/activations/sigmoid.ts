/**
 * The logistic sigmoid.
 *
 * @module
 */
import { type Activation, defineActivation } from "./activation.ts";

/** σ(x) without overflow: e^x is only ever taken of a non-positive number. */
function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * sigmoid(x) = σ(x) = 1/(1 + e^{−x}), with σ′ = σ(x)σ(−x) and
 * σ″ = σ′·(σ(−x) − σ(x)) = −σ′·tanh(x/2).
 *
 * Writing 1 − σ(x) as σ(−x) and 1 − 2σ(x) as −tanh(x/2) keeps full relative
 * accuracy in the tails, where the textbook forms σ(1 − σ) and 1 − 2σ cancel.
 *
 * @example
 * ```ts
 * import { sigmoid } from "./sigmoid.ts";
 * if (sigmoid.f(0) !== 0.5 || sigmoid.df(0) !== 0.25 || sigmoid.d2f(0) !== 0) throw new Error();
 * if (!(sigmoid.df(40) > 0)) throw new Error("tail underflowed");
 * ```
 */
export const sigmoid: Activation = defineActivation({
  name: "sigmoid",
  f: logistic,
  df: (x) => logistic(x) * logistic(-x),
  d2f: (x) => -logistic(x) * logistic(-x) * Math.tanh(0.5 * x),
  evaluate(x, f, df, d2f) {
    const n = x.length;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      const s = logistic(v);
      if (f) f[i] = s;
      if (df || d2f) {
        const d = s * logistic(-v);
        if (df) df[i] = d;
        if (d2f) d2f[i] = -d * Math.tanh(0.5 * v);
      }
    }
  },
});

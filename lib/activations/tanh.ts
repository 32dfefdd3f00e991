/**
 * The hyperbolic tangent.
 *
 * @module
 */
import { type Activation, defineActivation } from "./activation.ts";

/**
 * tanh(x), with tanh′ = 1 − tanh² and tanh″ = −2·tanh·(1 − tanh²).
 *
 * @example
 * ```ts
 * import { tanh } from "./tanh.ts";
 * if (tanh.f(0) !== 0 || tanh.df(0) !== 1 || tanh.d2f(0) !== 0) throw new Error();
 * ```
 */
export const tanh: Activation = defineActivation({
  name: "tanh",
  f: Math.tanh,
  df: (x) => {
    const t = Math.tanh(x);
    return 1 - t * t;
  },
  d2f: (x) => {
    const t = Math.tanh(x);
    return -2 * t * (1 - t * t);
  },
  evaluate(x, f, df, d2f) {
    const n = x.length;
    for (let i = 0; i < n; i++) {
      const t = Math.tanh(x[i]);
      if (f) f[i] = t;
      const d = 1 - t * t;
      if (df) df[i] = d;
      if (d2f) d2f[i] = -2 * t * d;
    }
  },
});

/**
 * The identity activation, called "linear" in model specs.
 *
 * @module
 */
import { type Activation, defineActivation } from "./activation.ts";

/**
 * linear(x) = x, so linear′ = 1 and linear″ = 0.
 *
 * @example
 * ```ts
 * import { linear } from "./linear.ts";
 * if (linear.f(-2) !== -2 || linear.df(7) !== 1 || linear.d2f(7) !== 0) throw new Error();
 * ```
 */
export const linear: Activation = defineActivation({
  name: "linear",
  f: (x) => x,
  df: (_x) => 1,
  d2f: (_x) => 0,
  evaluate(x, f, df, d2f) {
    const n = x.length;
    for (let i = 0; i < n; i++) {
      if (f) f[i] = x[i];
      if (df) df[i] = 1;
      if (d2f) d2f[i] = 0;
    }
  },
});

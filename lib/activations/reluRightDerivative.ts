/**
 * relu with the right derivative at the kink.
 *
 * @module
 */
import { type Activation, defineActivation } from "./activation.ts";

/**
 * relu with the other convention at the kink, relu′(0) = 1 (f and f″ as
 * relu). Any value in [0, 1] is a subgradient of relu at 0; libraries pick 0.
 *
 * @example
 * ```ts
 * import { reluRightDerivative } from "./reluRightDerivative.ts";
 * if (reluRightDerivative.df(0) !== 1 || reluRightDerivative.df(-1) !== 0) throw new Error();
 * ```
 */
export const reluRightDerivative: Activation = defineActivation({
  name: "relu (relu′(0) = 1)",
  f: (x) => (x > 0 ? x : 0),
  df: (x) => (x >= 0 ? 1 : 0),
  d2f: (_x) => 0,
  evaluate(x, f, df, d2f) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (f) f[i] = v > 0 ? v : 0;
      if (df) df[i] = v >= 0 ? 1 : 0;
      if (d2f) d2f[i] = 0;
    }
  },
});

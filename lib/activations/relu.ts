/**
 * The rectified linear unit.
 *
 * @module
 */
import { type Activation, defineActivation } from "./activation.ts";

/**
 * relu(x) = max(0, x).
 *
 * Conventions at the kink x = 0: relu′(0) = 0 (the choice PyTorch and JAX
 * make, so a dead unit stays dead), and relu″ = 0 everywhere. The second
 * derivative is really a Dirac delta at 0; dropping it gives the
 * "generalized Hessian" of a piecewise-linear network, which is exact at every
 * point where no pre-activation is exactly 0.
 *
 * @example
 * ```ts
 * import { relu } from "./relu.ts";
 * if (relu.f(-2) !== 0 || relu.f(3) !== 3) throw new Error("f");
 * if (relu.df(0) !== 0 || relu.df(1e-300) !== 1) throw new Error("f'");
 * if (relu.d2f(5) !== 0) throw new Error("f''");
 * ```
 */
export const relu: Activation = defineActivation({
  name: "relu",
  f: (x) => (x > 0 ? x : 0),
  df: (x) => (x > 0 ? 1 : 0),
  d2f: (_x) => 0,
  evaluate(x, f, df, d2f) {
    const n = x.length;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      const pos = v > 0;
      if (f) f[i] = pos ? v : 0;
      if (df) df[i] = pos ? 1 : 0;
      if (d2f) d2f[i] = 0;
    }
  },
});

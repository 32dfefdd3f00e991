/**
 * Elementwise activation with any {@linkcode Activation} from
 * `lib/activations`: the op takes f, f′ and f″ from there, so the formulas
 * have one source.
 *
 * @module
 */
import type { Activation } from "../../activations/activation.ts";
import {
  asTensor,
  gradOf,
  gradTangentOf,
  isTracked,
  record,
  tangentCount,
  Tensor,
  type TensorLike,
} from "../tensor.ts";

/**
 * y = f(x) elementwise for an activation f.
 *
 * Derivatives:
 * - forward: ẏ = f′(x)⊙ẋ;
 * - backward: x̄ = f′(x)⊙ȳ;
 * - second order: x̄˙ = f″(x)⊙ẋ⊙ȳ + f′(x)⊙ȳ˙.
 *
 * @example
 * ```ts
 * import { activate } from "./activate.ts";
 * import { softplus } from "../../activations/softplus.ts";
 * import { tensor } from "../tensor.ts";
 * const y = activate(tensor([0]), softplus);
 * if (y.data[0] !== Math.LN2) throw new Error(String(y.data[0]));
 * ```
 */
export function activate(x: TensorLike, act: Activation): Tensor {
  const X = asTensor(x, `apply ${act.name}`);
  const n = X.size;
  const data = new Float64Array(n);
  if (!isTracked(X)) {
    act.evaluate(X.data, data, null, null);
    return new Tensor(data, X.shape);
  }
  const k = tangentCount();
  const d1 = new Float64Array(n);
  const d2 = k > 0 ? new Float64Array(n) : null;
  act.evaluate(X.data, data, d1, d2);
  const out = new Tensor(data, X.shape);
  const xt = X.tangent;
  if (k > 0 && xt) {
    const t = out.tangent = new Float64Array(k * n);
    for (let j = 0; j < k; j++) {
      const o = j * n;
      for (let i = 0; i < n; i++) t[o + i] = d1[i] * xt[o + i];
    }
  }
  return record(out, () => {
    const g = out.grad!, gx = gradOf(X);
    for (let i = 0; i < n; i++) gx[i] += d1[i] * g[i];
    const gt = out.gradTangent;
    if (k > 0 && gt && d2) {
      const gxt = gradTangentOf(X, k);
      for (let j = 0; j < k; j++) {
        const o = j * n;
        if (xt) {
          for (let i = 0; i < n; i++) gxt[o + i] += d2[i] * xt[o + i] * g[i] + d1[i] * gt[o + i];
        } else for (let i = 0; i < n; i++) gxt[o + i] += d1[i] * gt[o + i];
      }
    }
  });
}

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
  scratch,
  secondOrder,
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
  // f, f′ and (for second order) f″ in one pass over x
  const d1 = new Float64Array(n);
  let d2: Float64Array | null = secondOrder() ? new Float64Array(n) : null;
  act.evaluate(X.data, data, d1, d2);
  const out = new Tensor(data, X.shape);
  // f″⊙ȳ, formed once when ȳ is final and reused by every replay
  let d2g: Float64Array | null = null;
  return record(out, {
    tangent(k) {
      const xt = X.tangent;
      if (xt === null) return;
      const t = out.tangent = scratch(k * n, false);
      for (let j = 0; j < k; j++) {
        const o = j * n;
        for (let i = 0; i < n; i++) t[o + i] = d1[i] * xt[o + i];
      }
    },
    backward() {
      const g = out.grad!, gx = gradOf(X);
      for (let i = 0; i < n; i++) gx[i] += d1[i] * g[i];
    },
    backwardTangent(k) {
      const gt = out.gradTangent!, xt = X.tangent, gxt = gradTangentOf(X, k);
      if (xt !== null) {
        if (d2g === null) {
          const g = out.grad!, h = d2g = d2!;
          for (let i = 0; i < n; i++) h[i] *= g[i];
          d2 = null;
        }
        const h = d2g;
        for (let j = 0; j < k; j++) {
          const o = j * n;
          for (let i = 0; i < n; i++) gxt[o + i] += h[i] * xt[o + i] + d1[i] * gt[o + i];
        }
      } else {
        for (let j = 0; j < k; j++) {
          const o = j * n;
          for (let i = 0; i < n; i++) gxt[o + i] += d1[i] * gt[o + i];
        }
      }
    },
  });
}

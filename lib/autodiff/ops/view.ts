/**
 * A window into a tensor's flat data: how a network reads W_l, b_l, γ_l, β_l
 * out of one flat parameter vector.
 *
 * @module
 */
import { showShape, sizeOf } from "../shape.ts";
import {
  asTensor,
  gradOf,
  gradTangentOf,
  isTracked,
  record,
  scratch,
  Tensor,
  type TensorLike,
  wantsGrad,
} from "../tensor.ts";

/**
 * The `sizeOf(shape)` consecutive entries of x's row-major data starting at
 * `offset`, as a tensor of `shape`. The values are shared, not copied.
 * Linear: the tangent is the same window of ẋ, and ȳ is added back into the
 * window of x̄ (likewise for the adjoint tangents). A window whose tangents
 * are all zero gets no tangent at all, so downstream ops skip that work: when
 * the Hessian is built from unit vectors, most layers' weights do not move.
 *
 * @example
 * ```ts
 * import { view } from "./view.ts";
 * import { tensor } from "../tensor.ts";
 * const W = view(tensor([9, 1, 2, 3, 4, 9]), 1, [2, 2]);
 * if (W.get(1, 0) !== 3) throw new Error();
 * ```
 */
export function view(x: TensorLike, offset: number, shape: readonly number[]): Tensor {
  const X = asTensor(x, "take a view");
  const size = sizeOf(shape);
  if (!Number.isInteger(offset) || offset < 0 || offset + size > X.size) {
    throw new RangeError(
      `Cannot take a view: ${size} entries at offset ${offset} do not fit in a tensor of ${X.size}`,
    );
  }
  const out = new Tensor(X.data.subarray(offset, offset + size), shape);
  if (!isTracked(X)) return out;
  out.leaf = X.leaf;
  const n = X.size;
  return record(out, {
    tangent(k) {
      const xt = X.tangent;
      if (xt === null || allZero(xt, k, n, offset, size)) return;
      if (k === 1) out.tangent = xt.subarray(offset, offset + size);
      else {
        const t = out.tangent = scratch(k * size, false);
        for (let j = 0; j < k; j++) {
          t.set(xt.subarray(j * n + offset, j * n + offset + size), j * size);
        }
      }
    },
    backward() {
      if (!wantsGrad(X)) return;
      const g = out.grad!, gx = gradOf(X);
      for (let i = 0; i < size; i++) gx[offset + i] += g[i];
    },
    backwardTangent(k) {
      const gt = out.gradTangent!, gxt = gradTangentOf(X, k);
      for (let j = 0; j < k; j++) {
        const o = j * n + offset, s = j * size;
        for (let i = 0; i < size; i++) gxt[o + i] += gt[s + i];
      }
    },
  });
}

/**
 * The same values with a new shape of the same size (row-major order kept).
 *
 * @example
 * ```ts
 * import { reshape } from "./view.ts";
 * import { tensor } from "../tensor.ts";
 * if (reshape(tensor([1, 2, 3, 4]), [2, 2]).get(1, 1) !== 4) throw new Error();
 * ```
 */
export function reshape(x: TensorLike, shape: readonly number[]): Tensor {
  const X = asTensor(x, "reshape");
  if (sizeOf(shape) !== X.size) {
    throw new RangeError(
      `Cannot reshape: shape ${showShape(X.shape)} has ${X.size} entries, ${showShape(shape)} has ${
        sizeOf(shape)
      }`,
    );
  }
  return view(X, 0, shape);
}

/** Whether the window [offset, offset+size) of every tangent block is zero. */
function allZero(t: Float64Array, k: number, n: number, offset: number, size: number): boolean {
  for (let j = 0; j < k; j++) {
    const o = j * n + offset;
    for (let i = 0; i < size; i++) if (t[o + i] !== 0) return false;
  }
  return true;
}

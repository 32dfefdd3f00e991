/**
 * Broadcasting addition.
 *
 * @module
 */
import { broadcastPlan, broadcastShapes, sizeOf } from "../shape.ts";
import {
  asTensor,
  gradOf,
  gradTangentOf,
  isTracked,
  passGrad,
  passGradTangent,
  record,
  scratch,
  Tensor,
  type TensorLike,
  wantsGrad,
} from "../tensor.ts";
import { expandAdd, reduceAdd } from "./_kernels.ts";

/**
 * a + b with NumPy broadcasting (e.g. a bias of shape [d] added to every row
 * of [N, d]).
 *
 * Derivatives: ċ = ȧ + ḃ (broadcast); ā = Σ c̄ and b̄ = Σ c̄ over the
 * broadcast axes. The rule is linear, so the adjoint tangents follow the same
 * rule applied to c̄˙.
 *
 * @example
 * ```ts
 * import { add } from "./add.ts";
 * import { tensor } from "../tensor.ts";
 * const c = add(tensor([[1, 2], [3, 4]]), tensor([10, 20]));
 * if (c.data.join() !== "11,22,13,24") throw new Error(String(c.data));
 * ```
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return addScaled(a, b, 1, "add");
}

/** a + s·b with broadcasting; `add` (s = 1) and `sub` (s = −1) share it. */
export function addScaled(a: TensorLike, b: TensorLike, s: 1 | -1, what: string): Tensor {
  const A = asTensor(a, what), B = asTensor(b, what);
  const shape = broadcastShapes(A.shape, B.shape, what);
  const size = sizeOf(shape);
  const ma = broadcastPlan(A.shape, shape), mb = broadcastPlan(B.shape, shape);
  let data: Float64Array;
  if (ma === null && !(mb instanceof Int32Array)) {
    // a + s·b in one pass when a has the output's shape and b is tiled (or equal)
    data = addTiled(new Float64Array(size), A.data, B.data, s, 1, size, mb ?? size);
  } else {
    data = new Float64Array(size);
    expandAdd(data, 0, A.data, 0, ma, size);
    expandAdd(data, 0, B.data, 0, mb, size, s);
  }
  const out = new Tensor(data, shape);
  const ta = isTracked(A), tb = isTracked(B);
  if (!ta && !tb) return out;
  return record(out, {
    tangent(k) {
      const at = A.tangent, bt = B.tangent;
      if (!at && !bt) return;
      if (at && bt && ma === null && !(mb instanceof Int32Array)) {
        // ȧ + s·ḃ in one pass when ȧ has the output's shape and ḃ is tiled (or equal)
        out.tangent = addTiled(scratch(k * size, false), at, bt, s, k, size, mb ?? size);
        return;
      }
      const copyA = at !== null && ma === null;
      const t = out.tangent = copyA ? copyOf(at, k * size) : scratch(k * size);
      for (let j = 0; j < k; j++) {
        if (at && !copyA) expandAdd(t, j * size, at, j * A.size, ma, size);
        if (bt) expandAdd(t, j * size, bt, j * B.size, mb, size, s);
      }
    },
    // An input with the output's shape may take the adjoint buffer itself (see
    // passGrad); only the first such input does, the other accumulates a copy.
    backward() {
      const g = out.grad!;
      let taken = false;
      if (ta && wantsGrad(A)) {
        if (ma === null) taken = passGrad(A, g);
        else reduceAdd(gradOf(A), 0, g, 0, ma, size);
      }
      if (tb && wantsGrad(B)) {
        if (mb === null && s === 1 && !taken) passGrad(B, g);
        else reduceAdd(gradOf(B), 0, g, 0, mb, size, s);
      }
    },
    backwardTangent(k) {
      const gt = out.gradTangent!;
      let taken = false;
      if (ta) {
        if (ma === null) taken = passGradTangent(A, gt);
        else {
          const at = gradTangentOf(A, k);
          for (let j = 0; j < k; j++) reduceAdd(at, j * A.size, gt, j * size, ma, size);
        }
      }
      if (tb) {
        if (mb === null && s === 1 && !taken) passGradTangent(B, gt);
        else {
          const bt = gradTangentOf(B, k);
          for (let j = 0; j < k; j++) reduceAdd(bt, j * B.size, gt, j * size, mb, size, s);
        }
      }
    },
  });
}

/**
 * t ← k blocks of a + s·tile(b): block j of `a` has `size` entries and block
 * j of `b` has `period` entries, repeated across the block (period = size: no
 * tiling). Bitwise the same as a copy of `a` followed by `expandAdd`.
 */
function addTiled(
  t: Float64Array,
  a: Float64Array,
  b: Float64Array,
  s: 1 | -1,
  k: number,
  size: number,
  period: number,
): Float64Array {
  for (let j = 0; j < k; j++) {
    const oa = j * size, ob = j * period;
    for (let i = 0; i < size; i += period) {
      const o = oa + i;
      if (s === 1) { for (let q = 0; q < period; q++) t[o + q] = a[o + q] + b[ob + q]; }
      else for (let q = 0; q < period; q++) t[o + q] = a[o + q] + s * b[ob + q];
    }
  }
  return t;
}

/** The first `length` entries of `a` in a fresh tangent buffer. */
function copyOf(a: Float64Array, length: number): Float64Array {
  const t = scratch(length, false);
  t.set(a.subarray(0, length));
  return t;
}

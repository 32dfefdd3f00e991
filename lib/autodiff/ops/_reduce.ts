/**
 * Scaled summation over one axis or over everything, shared by `sum` and
 * `mean`. The op is linear: y = s·Σx, ẏ = s·Σẋ, x̄ = s·ȳ (broadcast back),
 * x̄˙ = s·ȳ˙.
 *
 * @module
 */
import { showShape, sizeOf } from "../shape.ts";
import { gradOf, gradTangentOf, isTracked, record, scratch, Tensor, wantsGrad } from "../tensor.ts";
import { expandAdd, reduceAdd } from "./_kernels.ts";

/** Output shape, the count of summed entries, and the map from input to output index. */
export function reduction(
  shape: readonly number[],
  axis: number | undefined,
  what: string,
): { shape: number[]; count: number; map: Int32Array } {
  const size = sizeOf(shape);
  if (axis === undefined) return { shape: [], count: size, map: new Int32Array(size) };
  const rank = shape.length;
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new RangeError(
      `Cannot ${what}: axis ${axis} is out of range for shape ${showShape(shape)}`,
    );
  }
  const ax = axis < 0 ? axis + rank : axis;
  const d = shape[ax], inner = sizeOf(shape.slice(ax + 1)), outer = sizeOf(shape.slice(0, ax));
  const map = new Int32Array(size);
  for (let o = 0; o < outer; o++) {
    for (let r = 0; r < d; r++) {
      const base = (o * d + r) * inner;
      for (let q = 0; q < inner; q++) map[base + q] = o * inner + q;
    }
  }
  return { shape: shape.filter((_, i) => i !== ax), count: d, map };
}

/** y = scale·Σ x over `axis` (or all axes), with first- and second-order rules. */
export function scaledSum(
  x: Tensor,
  axis: number | undefined,
  mean: boolean,
  what: string,
): Tensor {
  const { shape, count, map } = reduction(x.shape, axis, what);
  const s = mean ? 1 / count : 1;
  const size = sizeOf(shape);
  const data = new Float64Array(size);
  reduceAdd(data, 0, x.data, 0, map, x.size, s);
  const out = new Tensor(data, shape);
  if (!isTracked(x)) return out;
  return record(out, {
    tangent(k) {
      const xt = x.tangent;
      if (xt === null) return;
      const t = out.tangent = scratch(k * size);
      for (let j = 0; j < k; j++) reduceAdd(t, j * size, xt, j * x.size, map, x.size, s);
    },
    backward() {
      if (wantsGrad(x)) expandAdd(gradOf(x), 0, out.grad!, 0, map, x.size, s);
    },
    backwardTangent(k) {
      const gt = out.gradTangent!, xt = gradTangentOf(x, k);
      for (let j = 0; j < k; j++) expandAdd(xt, j * x.size, gt, j * size, map, x.size, s);
    },
  });
}

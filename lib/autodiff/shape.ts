/**
 * Shape arithmetic for tensors: sizes, NumPy broadcasting, and the index maps
 * that broadcasting and reductions use in both directions.
 *
 * @module
 */

/** The number of entries of a tensor with this shape (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Whether two shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Format a shape like `[128, 96]`. */
export function showShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/**
 * The broadcast shape of `a` and `b` under NumPy rules (align trailing axes;
 * a size-1 axis stretches), or a `Cannot <what>` error.
 *
 * @example
 * ```ts
 * import { broadcastShapes } from "./shape.ts";
 * if (broadcastShapes([4, 3], [3], "add").join() !== "4,3") throw new Error();
 * ```
 */
export function broadcastShapes(
  a: readonly number[],
  b: readonly number[],
  what: string,
): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1, db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new RangeError(
        `Cannot ${what}: shapes ${showShape(a)} and ${showShape(b)} do not broadcast`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * For each entry of a tensor of shape `outShape`, the index of the entry of a
 * tensor of shape `inShape` that broadcasts onto it. Returns null when the
 * shapes are equal (the identity map).
 *
 * @example
 * ```ts
 * import { broadcastMap } from "./shape.ts";
 * const m = broadcastMap([3], [2, 3])!;
 * if (m.join() !== "0,1,2,0,1,2") throw new Error();
 * ```
 */
export function broadcastMap(
  inShape: readonly number[],
  outShape: readonly number[],
): Int32Array | null {
  if (sameShape(inShape, outShape)) return null;
  const n = outShape.length, size = sizeOf(outShape);
  const map = new Int32Array(size);
  // strides of the input, aligned to the output's axes; 0 on broadcast axes
  const stride = new Array<number>(n).fill(0);
  let s = 1;
  for (let i = n - 1; i >= 0; i--) {
    const d = inShape[inShape.length - n + i] ?? 1;
    stride[i] = d === 1 ? 0 : s;
    s *= d;
  }
  const idx = new Array<number>(n).fill(0);
  let at = 0;
  for (let o = 0; o < size; o++) {
    map[o] = at;
    for (let ax = n - 1; ax >= 0; ax--) {
      idx[ax]++;
      at += stride[ax];
      if (idx[ax] < outShape[ax]) break;
      at -= stride[ax] * idx[ax];
      idx[ax] = 0;
    }
  }
  return map;
}

/**
 * How an input reaches a broadcast output: `null` when the shapes are equal;
 * a number P when the input is the output's trailing P entries repeated
 * (a bias row, a scalar: the common, fast case); otherwise the full index
 * map of {@linkcode broadcastMap}.
 */
export type BroadcastPlan = null | number | Int32Array;

/**
 * The {@linkcode BroadcastPlan} from `inShape` to `outShape`.
 *
 * @example
 * ```ts
 * import { broadcastPlan } from "./shape.ts";
 * if (broadcastPlan([3], [2, 3]) !== 3 || broadcastPlan([2, 3], [2, 3]) !== null) throw new Error();
 * if (!(broadcastPlan([2, 1], [2, 3]) instanceof Int32Array)) throw new Error();
 * ```
 */
export function broadcastPlan(
  inShape: readonly number[],
  outShape: readonly number[],
): BroadcastPlan {
  if (sameShape(inShape, outShape)) return null;
  let lead = 0;
  while (lead < inShape.length && inShape[lead] === 1) lead++;
  const core = inShape.slice(lead);
  if (
    core.length <= outShape.length && sameShape(core, outShape.slice(outShape.length - core.length))
  ) {
    return sizeOf(core);
  }
  return broadcastMap(inShape, outShape);
}

/** The index map of a plan, for code that wants one representation. */
export function planMap(plan: BroadcastPlan, size: number): Int32Array | null {
  if (plan === null || plan instanceof Int32Array) return plan;
  const map = new Int32Array(size);
  for (let i = 0; i < size; i++) map[i] = i % plan;
  return map;
}

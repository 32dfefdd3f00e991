/**
 * Small loops shared by the ops: broadcast-expand and reduce-add following a
 * {@linkcode BroadcastPlan} (identity, tiled, or an index map).
 *
 * @module
 */
import type { BroadcastPlan } from "../shape.ts";

/** dst[dOff+i] += scale·src[sOff+plan(i)] for i < size (broadcast src up to dst). */
export function expandAdd(
  dst: Float64Array,
  dOff: number,
  src: Float64Array,
  sOff: number,
  plan: BroadcastPlan,
  size: number,
  scale = 1,
): void {
  if (plan === null) {
    if (scale === 1) { for (let i = 0; i < size; i++) dst[dOff + i] += src[sOff + i]; }
    else for (let i = 0; i < size; i++) dst[dOff + i] += scale * src[sOff + i];
  } else if (typeof plan === "number") {
    for (let i = 0; i < size; i += plan) {
      const o = dOff + i;
      for (let q = 0; q < plan; q++) dst[o + q] += scale * src[sOff + q];
    }
  } else {
    for (let i = 0; i < size; i++) dst[dOff + i] += scale * src[sOff + plan[i]];
  }
}

/** dst[dOff+plan(i)] += scale·src[sOff+i] for i < size (sum src down onto dst). */
export function reduceAdd(
  dst: Float64Array,
  dOff: number,
  src: Float64Array,
  sOff: number,
  plan: BroadcastPlan,
  size: number,
  scale = 1,
): void {
  if (plan === null) {
    if (scale === 1) { for (let i = 0; i < size; i++) dst[dOff + i] += src[sOff + i]; }
    else for (let i = 0; i < size; i++) dst[dOff + i] += scale * src[sOff + i];
  } else if (typeof plan === "number") {
    for (let i = 0; i < size; i += plan) {
      const o = sOff + i;
      for (let q = 0; q < plan; q++) dst[dOff + q] += scale * src[o + q];
    }
  } else {
    for (let i = 0; i < size; i++) dst[dOff + plan[i]] += scale * src[sOff + i];
  }
}

/** dst[dOff+map(i)] += src[sOff+i]·other[oOff+omap(i)] (reduce a product of broadcast factors). */
export function reduceMulAdd(
  dst: Float64Array,
  dOff: number,
  map: Int32Array | null,
  src: Float64Array,
  sOff: number,
  other: Float64Array,
  oOff: number,
  omap: Int32Array | null,
  size: number,
): void {
  for (let i = 0; i < size; i++) {
    const d = map === null ? i : map[i], o = omap === null ? i : omap[i];
    dst[dOff + d] += src[sOff + i] * other[oOff + o];
  }
}

/**
 * Small loops shared by the ops: broadcast-expand and reduce-add over an
 * index map (null meaning the identity).
 *
 * @module
 */

/** dst[dOff+i] += scale·src[sOff+map(i)] for i < size (broadcast src up to dst). */
export function expandAdd(
  dst: Float64Array,
  dOff: number,
  src: Float64Array,
  sOff: number,
  map: Int32Array | null,
  size: number,
  scale = 1,
): void {
  if (map === null) {
    if (scale === 1) { for (let i = 0; i < size; i++) dst[dOff + i] += src[sOff + i]; }
    else for (let i = 0; i < size; i++) dst[dOff + i] += scale * src[sOff + i];
  } else {
    for (let i = 0; i < size; i++) dst[dOff + i] += scale * src[sOff + map[i]];
  }
}

/** dst[dOff+map(i)] += scale·src[sOff+i] for i < size (sum src down onto dst). */
export function reduceAdd(
  dst: Float64Array,
  dOff: number,
  src: Float64Array,
  sOff: number,
  map: Int32Array | null,
  size: number,
  scale = 1,
): void {
  if (map === null) {
    if (scale === 1) { for (let i = 0; i < size; i++) dst[dOff + i] += src[sOff + i]; }
    else for (let i = 0; i < size; i++) dst[dOff + i] += scale * src[sOff + i];
  } else {
    for (let i = 0; i < size; i++) dst[dOff + map[i]] += scale * src[sOff + i];
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

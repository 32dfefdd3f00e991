/**
 * A WebAssembly SIMD kernel for C += A·B, assembled byte by byte at load time
 * (no toolchain, no dependency), and the copying code that feeds it.
 *
 * The kernel multiplies A (row-major, or stored transposed: two entry
 * points) by a row-major B and adds into a row-major C. It keeps a 4×4 block
 * of C in eight f64x2 registers and walks down the shared dimension four
 * steps per iteration: per step, two vector loads of B and four scalar loads
 * of A (splatted) feed sixteen multiply-adds. Where the runtime has relaxed
 * SIMD, the multiply-add is one fused `f64x2.relaxed_madd`; otherwise a
 * multiply and an add. Column edges (N mod 4) use 2- and 1-column blocks and
 * the shared dimension has a tail loop, so operands are copied unpadded, as
 * contiguous blocks. The row count is rounded up to a multiple of 4: the
 * extra rows read whatever follows A in memory and write rows of C past M,
 * which are never copied back.
 *
 * Data live in JavaScript Float64Arrays, so each call copies its operands
 * into the module's memory (transposing B when needed) and copies C in and
 * out: O(mp + pn + mn) copying, mostly memcpy, for O(mpn) arithmetic.
 *
 * @module
 */
import type { Operand } from "./gemm.ts";

// ---------------------------------------------------------------- assembler
const uleb = (x: number): number[] => {
  const out: number[] = [];
  do {
    let b = x & 0x7f;
    x >>>= 7;
    if (x) b |= 0x80;
    out.push(b);
  } while (x);
  return out;
};
const sleb = (x: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = x & 0x7f;
    x >>= 7;
    if ((x === 0 && !(b & 0x40)) || (x === -1 && (b & 0x40))) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};
const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => vector([...s].map((c) => [c.charCodeAt(0)]));

const I32 = 0x7f, V128 = 0x7b;
const op = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v)],
  add: [0x6a],
  mul: [0x6c],
  ltU: [0x49],
  gtU: [0x4b],
  eqz: [0x45],
  shl: [0x74],
  f64Load: (offset: number) => [0x2b, 3, ...uleb(offset)],
  v128Load: (offset: number) => [0xfd, 0x00, 3, ...uleb(offset)],
  v128Load64Zero: (offset: number) => [0xfd, ...uleb(0x5d), 3, ...uleb(offset)],
  v128Store: (offset: number) => [0xfd, 0x0b, 3, ...uleb(offset)],
  v128Store64Lane0: (offset: number) => [0xfd, ...uleb(0x5b), 3, ...uleb(offset), 0],
  f64x2Splat: [0xfd, 0x14],
  f64x2Add: [0xfd, ...uleb(240)],
  f64x2Mul: [0xfd, ...uleb(242)],
  f64x2RelaxedMadd: [0xfd, ...uleb(0x107)], // relaxed SIMD: a·b + c
  f64Zero: [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
};

const ROWS = 4; // rows of C per block
const UNROLL = 4; // steps of the shared dimension per main-loop iteration

/**
 * The body of `C[M×N] += A·B` for the parameters (M, P, N, a, b, c, lda):
 * B row-major P×N, C row-major M×N, and A row-major M×P with row stride
 * `lda` (`aTransposed` false) or stored transposed, P rows of stride `lda`
 * (`aTransposed` true). Pointers are byte offsets; M is a multiple of 4.
 * With `fused`, multiply-adds use relaxed SIMD.
 */
function kernelBody(fused: boolean, aTransposed: boolean): number[] {
  const M = 0, P = 1, N = 2, A = 3, B = 4, C = 5, LDA = 6; // parameters
  const i = 7, j = 8, r = 9, nBytes = 10, ldaBytes = 11, bp = 12, cp = 13;
  const ap = 14; // four A pointers (rows) or one (transposed A)
  const acc = 18, bv = acc + ROWS * 2, av = bv + 2;
  const code: number[] = [];
  const emit = (...parts: number[][]) => parts.forEach((p) => code.push(...p));
  const { get, set, i32 } = op;

  /** One step of the shared dimension for a block of `vecs` vectors (`half`: one column). */
  const step = (vecs: number, half: boolean, u: number) => {
    for (let v = 0; v < vecs; v++) {
      emit(get(bp), half ? op.v128Load64Zero(16 * v) : op.v128Load(16 * v), set(bv + v));
    }
    for (let row = 0; row < ROWS; row++) {
      if (aTransposed) emit(get(ap), op.f64Load(8 * row));
      else emit(get(ap + row), op.f64Load(8 * u));
      emit(op.f64x2Splat, set(av));
      for (let v = 0; v < vecs; v++) {
        const q = acc + row * 2 + v;
        if (fused) emit(get(av), get(bv + v), get(q), op.f64x2RelaxedMadd, set(q));
        else emit(get(q), get(av), get(bv + v), op.f64x2Mul, op.f64x2Add, set(q));
      }
    }
    emit(get(bp), get(nBytes), op.add, set(bp));
    if (aTransposed) emit(get(ap), get(ldaBytes), op.add, set(ap));
  };

  /** A block of C rows i..i+3, columns j.. (4 columns: vecs 2; 2: vecs 1; 1: half). */
  const block = (vecs: number, half: boolean) => {
    for (let q = 0; q < ROWS * 2; q++) emit(op.f64Zero, op.f64x2Splat, set(acc + q));
    if (aTransposed) emit(get(A), get(i), i32(3), op.shl, op.add, set(ap));
    else {
      for (let row = 0; row < ROWS; row++) {
        emit(get(A), get(i), i32(row), op.add, get(ldaBytes), op.mul, op.add, set(ap + row));
      }
    }
    emit(get(B), get(j), i32(3), op.shl, op.add, set(bp));
    // main loop: while r + 4 ≤ P
    emit(i32(0), set(r), op.block, op.loop);
    emit(get(r), i32(UNROLL), op.add, get(P), op.gtU, op.brIf(1));
    for (let u = 0; u < UNROLL; u++) step(vecs, half, u);
    if (!aTransposed) {
      for (let row = 0; row < ROWS; row++) {
        emit(get(ap + row), i32(8 * UNROLL), op.add, set(ap + row));
      }
    }
    emit(get(r), i32(UNROLL), op.add, set(r), op.br(0), op.end, op.end);
    // tail: while r < P
    emit(op.block, op.loop);
    emit(get(r), get(P), op.ltU, op.eqz, op.brIf(1));
    step(vecs, half, 0);
    if (!aTransposed) {
      for (let row = 0; row < ROWS; row++) emit(get(ap + row), i32(8), op.add, set(ap + row));
    }
    emit(get(r), i32(1), op.add, set(r), op.br(0), op.end, op.end);
    // C block += accumulators
    emit(get(C), get(i), get(nBytes), op.mul, op.add, get(j), i32(3), op.shl, op.add, set(cp));
    for (let row = 0; row < ROWS; row++) {
      for (let v = 0; v < vecs; v++) {
        const load = half ? op.v128Load64Zero(16 * v) : op.v128Load(16 * v);
        emit(get(cp), get(cp), load, get(acc + row * 2 + v), op.f64x2Add);
        emit(half ? op.v128Store64Lane0(16 * v) : op.v128Store(16 * v));
      }
      emit(get(cp), get(nBytes), op.add, set(cp));
    }
  };

  emit(get(N), i32(3), op.shl, set(nBytes), get(LDA), i32(3), op.shl, set(ldaBytes));
  emit(i32(0), set(i), op.block, op.loop); // for i in 0..M step 4
  emit(get(i), get(M), op.ltU, op.eqz, op.brIf(1));
  emit(i32(0), set(j), op.block, op.loop); // while j + 4 ≤ N: 4-column blocks
  emit(get(j), i32(4), op.add, get(N), op.gtU, op.brIf(1));
  block(2, false);
  emit(get(j), i32(4), op.add, set(j), op.br(0), op.end, op.end);
  emit(get(j), i32(2), op.add, get(N), op.gtU, op.eqz, op.if); // a 2-column block
  block(1, false);
  emit(get(j), i32(2), op.add, set(j), op.end);
  emit(get(j), get(N), op.ltU, op.if); // a last single column
  block(1, true);
  emit(op.end);
  emit(get(i), i32(ROWS), op.add, set(i), op.br(0), op.end, op.end);
  emit(op.end);
  const locals = vector([[...uleb(11), I32], [...uleb(ROWS * 2 + 2 + 1), V128]]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/** The module: exports `rows` and `cols` (the two A layouts) and `memory`. */
function assemble(fused: boolean): Uint8Array {
  const params = vector(Array.from({ length: 7 }, () => [I32]));
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vector([[0x60, ...params, 0x00]])), // type 0: (i32 ×7) → ()
    ...section(3, vector([[0], [0]])), // functions 0 and 1 have type 0
    ...section(5, vector([[0x00, ...uleb(16)]])), // memory: 16 pages (1 MiB) to start
    ...section(
      7,
      vector([
        [...name("rows"), 0x00, 0],
        [...name("cols"), 0x00, 1],
        [...name("memory"), 0x02, 0],
      ]),
    ),
    ...section(10, vector([kernelBody(fused, false), kernelBody(fused, true)])),
  ]);
}

// ---------------------------------------------------------------- runtime
type Entry = (
  M: number,
  P: number,
  N: number,
  a: number,
  b: number,
  c: number,
  lda: number,
) => void;

interface Kernel {
  rows: Entry;
  cols: Entry;
  memory: WebAssembly.Memory;
  f64: Float64Array;
  fused: boolean;
}

let kernel: Kernel | null | undefined;

function load(): Kernel | null {
  if (kernel !== undefined) return kernel;
  kernel = instantiate(true) ?? instantiate(false);
  return kernel;
}

function instantiate(fused: boolean): Kernel | null {
  try {
    const bytes = assemble(fused) as BufferSource;
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    const memory = inst.exports.memory as WebAssembly.Memory;
    const k: Kernel = {
      rows: inst.exports.rows as Entry,
      cols: inst.exports.cols as Entry,
      memory,
      f64: new Float64Array(memory.buffer),
      fused,
    };
    // self-test: [1 2; 3 4]·[5 6 7; 8 9 10] (every column-block kind), both A layouts
    const F = k.f64;
    const expect = [21, 24, 27, 47, 54, 61];
    const run = (entry: Entry, a: number[]) => {
      F.fill(0, 0, 64);
      F.set(a, 0);
      F.set([5, 6, 7, 8, 9, 10], 16);
      entry(4, 2, 3, 0, 16 * 8, 32 * 8, 2);
      return expect.every((v, q) => F[32 + q] === v);
    };
    return run(k.rows, [1, 2, 3, 4]) && run(k.cols, [1, 3, 2, 4]) ? k : null;
  } catch {
    return null; // no (relaxed) WebAssembly SIMD here
  }
}

/**
 * Which WebAssembly kernel this runtime got: "fused" (relaxed-SIMD
 * multiply-add), "simd" (separate multiply and add), or null (none: the
 * TypeScript kernel is used).
 *
 * @example
 * ```ts
 * import { wasmGemmKind } from "./wasmGemm.ts";
 * const kind = wasmGemmKind();
 * if (kind !== null && kind !== "fused" && kind !== "simd") throw new Error();
 * ```
 */
export function wasmGemmKind(): "fused" | "simd" | null {
  const k = load();
  return k === null ? null : k.fused ? "fused" : "simd";
}

/** Make sure the module memory holds `doubles` values; returns the (possibly new) view. */
function reserve(K: Kernel, doubles: number): Float64Array {
  if (K.f64.length < doubles) {
    K.memory.grow(Math.ceil((doubles * 8 - K.memory.buffer.byteLength) / 65536));
    K.f64 = new Float64Array(K.memory.buffer);
  }
  return K.f64;
}

/**
 * The same contract as `gemm`: C_j += op(A_j)·op(B_j) for j < k. Returns
 * false (and does nothing) when WebAssembly SIMD is unavailable.
 *
 * Batched A blocks stored row-major and contiguous are stacked into one
 * product with k·m rows; otherwise the blocks run one after another, the
 * shared operand copied once.
 *
 * @example
 * ```ts
 * import { wasmGemm } from "./wasmGemm.ts";
 * const C = new Float64Array(1);
 * const a = { data: new Float64Array([1, 2]), offset: 0, stride: 0, transposed: false };
 * const b = { data: new Float64Array([3, 4]), offset: 0, stride: 0, transposed: false };
 * if (wasmGemm(1, 2, 1, 1, a, b, C, 0, 0) && C[0] !== 11) throw new Error();
 * ```
 */
export function wasmGemm(
  m: number,
  p: number,
  n: number,
  k: number,
  A: Operand,
  B: Operand,
  C: Float64Array,
  cOffset: number,
  cStride: number,
): boolean {
  const K = load();
  if (K === null) return false;
  // stack contiguous row-major A blocks into one taller product
  const stack = k > 1 && A.stride === m * p && !A.transposed && B.stride === 0 &&
    cStride === m * n;
  const rows = stack ? k * m : m, calls = stack ? 1 : k;
  const Mp = Math.ceil(rows / ROWS) * ROWS;
  // layout: A (rows·p, then 4 rows of slack), B (p·n), C (Mp·n)
  const aSize = rows * p + ROWS * Math.max(p, m), bBase = aSize, cBase = bBase + p * n;
  const F = reserve(K, cBase + Mp * n);
  const entry = A.transposed ? K.cols : K.rows, lda = A.transposed ? m : p;
  let aDone = false, bDone = false;
  for (let j = 0; j < calls; j++) {
    if (!aDone) {
      const off = A.offset + j * A.stride, len = rows * p;
      F.set(A.data.subarray(off, off + len), 0);
      aDone = A.stride === 0;
    }
    if (!bDone) {
      const off = B.offset + j * B.stride;
      if (B.transposed) {
        // stored n×p: transpose into p×n
        const bd = B.data;
        for (let c = 0; c < n; c++) {
          const s = off + c * p;
          for (let t = 0; t < p; t++) F[bBase + t * n + c] = bd[s + t];
        }
      } else F.set(B.data.subarray(off, off + p * n), bBase);
      bDone = B.stride === 0;
    }
    const co = cOffset + j * cStride, len = rows * n;
    F.set(C.subarray(co, co + len), cBase);
    entry(Mp, p, n, 0, bBase * 8, cBase * 8, lda);
    C.set(F.subarray(cBase, cBase + len), co);
  }
  return true;
}

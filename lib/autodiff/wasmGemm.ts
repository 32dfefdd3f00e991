/**
 * A WebAssembly SIMD kernel for C += A·B, assembled byte by byte at load time
 * (no toolchain, no dependency), and the packing code that feeds it.
 *
 * The kernel multiplies A (row-major, or stored transposed: two entry
 * points) by a row-major B and adds into a row-major C. It keeps a 4×4 block of C in eight f64x2 registers
 * and walks down the shared dimension four steps per iteration: per step,
 * two vector loads of B and four scalar loads of A (splatted) feed sixteen
 * multiply-adds. Where the runtime has relaxed SIMD, the multiply-add is one
 * fused `f64x2.relaxed_madd`; otherwise a multiply and an add. Dimensions are
 * padded with zeros to multiples of 4 during packing, so the kernel has no
 * edge cases.
 *
 * Data live in JavaScript Float64Arrays, so each call copies its operands
 * into the module's memory (transposing and batching on the way) and adds
 * the product back: O(mp + pn + mn) copying for O(mpn) arithmetic.
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
  eqz: [0x45],
  shl: [0x74],
  f64Load: (offset: number) => [0x2b, 3, ...uleb(offset)],
  v128Load: (offset: number) => [0xfd, 0x00, 3, ...uleb(offset)],
  v128Store: (offset: number) => [0xfd, 0x0b, 3, ...uleb(offset)],
  f64x2Splat: [0xfd, 0x14],
  f64x2Add: [0xfd, ...uleb(240)],
  f64x2Mul: [0xfd, ...uleb(242)],
  f64x2RelaxedMadd: [0xfd, ...uleb(0x107)], // relaxed SIMD: a·b + c
  f64Zero: [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
};

const ROWS = 4; // rows of C per block
const VECS = 2; // f64x2 vectors per block row: 4 columns
const UNROLL = 4; // steps of the shared dimension per loop iteration

/**
 * The body of `C[M×N] += A·B` with B row-major P×N and C row-major M×N.
 * `aTransposed` false: A row-major M×P; true: A stored transposed, P×M
 * row-major. Pointers are byte offsets; M, N and P are multiples of 4. With
 * `fused`, multiply-adds use relaxed SIMD.
 */
function kernelBody(fused: boolean, aTransposed: boolean): number[] {
  const M = 0, P = 1, N = 2, A = 3, B = 4, C = 5; // parameters
  const i = 6, j = 7, r = 8, pBytes = 9, nBytes = 10, mBytes = 11, bp = 12, cp = 13;
  const aRow = 14; // four A pointers (one per row) or one (transposed A)
  const acc = 18, bv = acc + ROWS * VECS, av = bv + VECS;
  const code: number[] = [];
  const emit = (...parts: number[][]) => parts.forEach((p) => code.push(...p));
  const { get, set, i32 } = op;

  emit(get(P), i32(3), op.shl, set(pBytes), get(N), i32(3), op.shl, set(nBytes));
  emit(get(M), i32(3), op.shl, set(mBytes));
  emit(i32(0), set(i), op.block, op.loop); // for i in 0..M step 4
  emit(get(i), get(M), op.ltU, op.eqz, op.brIf(1));
  emit(i32(0), set(j), op.block, op.loop); // for j in 0..N step 4
  emit(get(j), get(N), op.ltU, op.eqz, op.brIf(1));
  for (let q = 0; q < ROWS * VECS; q++) emit(op.f64Zero, op.f64x2Splat, set(acc + q));
  if (aTransposed) {
    emit(get(A), get(i), i32(3), op.shl, op.add, set(aRow)); // &A[0][i]
  } else {
    for (let row = 0; row < ROWS; row++) {
      emit(get(A), get(i), i32(row), op.add, get(pBytes), op.mul, op.add, set(aRow + row));
    }
  }
  emit(get(B), get(j), i32(3), op.shl, op.add, set(bp));
  emit(i32(0), set(r), op.block, op.loop); // for r in 0..P step 4
  emit(get(r), get(P), op.ltU, op.eqz, op.brIf(1));
  for (let u = 0; u < UNROLL; u++) {
    for (let v = 0; v < VECS; v++) emit(get(bp), op.v128Load(16 * v), set(bv + v));
    for (let row = 0; row < ROWS; row++) {
      if (aTransposed) emit(get(aRow), op.f64Load(8 * row));
      else emit(get(aRow + row), op.f64Load(8 * u));
      emit(op.f64x2Splat, set(av));
      for (let v = 0; v < VECS; v++) {
        const q = acc + row * VECS + v;
        if (fused) emit(get(av), get(bv + v), get(q), op.f64x2RelaxedMadd, set(q));
        else emit(get(q), get(av), get(bv + v), op.f64x2Mul, op.f64x2Add, set(q));
      }
    }
    emit(get(bp), get(nBytes), op.add, set(bp));
    if (aTransposed) emit(get(aRow), get(mBytes), op.add, set(aRow));
  }
  if (!aTransposed) {
    for (let row = 0; row < ROWS; row++) {
      emit(get(aRow + row), i32(8 * UNROLL), op.add, set(aRow + row));
    }
  }
  emit(get(r), i32(UNROLL), op.add, set(r), op.br(0), op.end, op.end);
  // C block += accumulators
  emit(get(C), get(i), get(nBytes), op.mul, op.add, get(j), i32(3), op.shl, op.add, set(cp));
  for (let row = 0; row < ROWS; row++) {
    for (let v = 0; v < VECS; v++) {
      emit(get(cp), get(cp), op.v128Load(16 * v), get(acc + row * VECS + v), op.f64x2Add);
      emit(op.v128Store(16 * v));
    }
    emit(get(cp), get(nBytes), op.add, set(cp));
  }
  emit(get(j), i32(2 * VECS), op.add, set(j), op.br(0), op.end, op.end);
  emit(get(i), i32(ROWS), op.add, set(i), op.br(0), op.end, op.end);
  emit(op.end);
  const locals = vector([[...uleb(12), I32], [...uleb(ROWS * VECS + VECS + 1), V128]]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/** The module: exports `rows` and `cols` (the two A layouts) and `memory`. */
function assemble(fused: boolean): Uint8Array {
  const sixI32 = vector([[I32], [I32], [I32], [I32], [I32], [I32]]);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vector([[0x60, ...sixI32, 0x00]])), // type 0: (i32 ×6) → ()
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
type Entry = (M: number, P: number, N: number, a: number, b: number, c: number) => void;

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
    // self-test on [1 2; 3 4]·[5 6; 7 8], zero-padded to 4×4, both layouts
    const F = k.f64;
    F.fill(0, 0, 48);
    F.set([1, 2, 0, 0, 3, 4], 0); // A rows
    F.set([5, 6, 0, 0, 7, 8], 16); // B rows
    k.rows(4, 4, 4, 0, 16 * 8, 32 * 8);
    const ok1 = F[32] === 19 && F[33] === 22 && F[36] === 43 && F[37] === 50;
    F.set([1, 3, 0, 0, 2, 4], 0); // Aᵀ rows
    F.fill(0, 32, 48);
    k.cols(4, 4, 4, 0, 16 * 8, 32 * 8);
    const ok2 = F[32] === 19 && F[33] === 22 && F[36] === 43 && F[37] === 50;
    return ok1 && ok2 ? k : null;
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

const up = (x: number, q: number) => Math.ceil(x / q) * q;

/**
 * The same contract as `gemm`: C_j += op(A_j)·op(B_j) for j < k. Returns
 * false (and does nothing) when WebAssembly SIMD is unavailable.
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
  if (k > 1 && A.stride !== 0 && B.stride !== 0) {
    for (let j = 0; j < k; j++) {
      const Aj = { ...A, offset: A.offset + j * A.stride };
      const Bj = { ...B, offset: B.offset + j * B.stride };
      wasmGemm(m, p, n, 1, Aj, Bj, C, cOffset + j * cStride, 0);
    }
    return true;
  }
  // Stack the blocks: batched A → k·m rows; otherwise batched (or shared) B → k·n columns.
  const aBlocks = k > 1 && A.stride !== 0 ? k : 1, bBlocks = aBlocks === 1 ? k : 1;
  const M = aBlocks * m, N = bBlocks * n;
  const Mp = up(M, ROWS), Pp = up(p, UNROLL), Np = up(N, 2 * VECS);
  const aBase = 0, bBase = Mp * Pp, cBase = bBase + Pp * Np, total = cBase + Mp * Np;
  if (K.f64.length < total) {
    K.memory.grow(Math.ceil((total * 8 - K.memory.buffer.byteLength) / 65536));
    K.f64 = new Float64Array(K.memory.buffer);
  }
  const F = K.f64;
  const ad = A.data, bd = B.data;
  if (A.transposed) {
    // stored Aᵀ (p×m per block): rows into a Pp×Mp matrix, blocks side by side
    for (let jb = 0; jb < aBlocks; jb++) {
      copyRows(F, aBase + jb * m, Mp, ad, A.offset + jb * A.stride, m, p, m);
    }
    if (M < Mp) { for (let t = 0; t < p; t++) F.fill(0, aBase + t * Mp + M, aBase + (t + 1) * Mp); }
    F.fill(0, aBase + p * Mp, aBase + Pp * Mp);
  } else {
    // A rows (m×p per block) into an Mp×Pp matrix, blocks stacked
    if (A.stride === m * p || aBlocks === 1) {
      copyRows(F, aBase, Pp, ad, A.offset, p, M, p);
    } else {
      for (let jb = 0; jb < aBlocks; jb++) {
        copyRows(F, aBase + jb * m * Pp, Pp, ad, A.offset + jb * A.stride, p, m, p);
      }
    }
    if (p < Pp) { for (let I = 0; I < M; I++) F.fill(0, aBase + I * Pp + p, aBase + (I + 1) * Pp); }
    F.fill(0, aBase + M * Pp, aBase + Mp * Pp);
  }
  // B: Pp×Np row-major, the k blocks side by side when B is batched
  for (let jb = 0; jb < bBlocks; jb++) {
    const src = B.offset + jb * B.stride, dst = bBase + jb * n;
    if (B.transposed) {
      for (let t = 0; t < p; t++) {
        const row = dst + t * Np;
        for (let c = 0, s = src + t; c < n; c++, s += p) F[row + c] = bd[s];
      }
    } else copyRows(F, dst, Np, bd, src, n, p, n);
  }
  if (N < Np) { for (let t = 0; t < p; t++) F.fill(0, bBase + t * Np + N, bBase + (t + 1) * Np); }
  F.fill(0, bBase + p * Np, bBase + Pp * Np);
  // C in (the kernel accumulates), product, C out
  F.fill(0, cBase + M * Np, cBase + Mp * Np);
  if (aBlocks > 1) {
    if (cStride === m * n) copyRows(F, cBase, Np, C, cOffset, n, M, n);
    else {
      for (let jb = 0; jb < aBlocks; jb++) {
        copyRows(F, cBase + jb * m * Np, Np, C, cOffset + jb * cStride, n, m, n);
      }
    }
  } else {
    for (let jb = 0; jb < bBlocks; jb++) {
      copyRows(F, cBase + jb * n, Np, C, cOffset + jb * cStride, n, m, n);
    }
  }
  if (N < Np) { for (let I = 0; I < M; I++) F.fill(0, cBase + I * Np + N, cBase + (I + 1) * Np); }
  (A.transposed ? K.cols : K.rows)(Mp, Pp, Np, aBase * 8, bBase * 8, cBase * 8);
  if (aBlocks > 1) {
    if (cStride === m * n) copyRows(C, cOffset, n, F, cBase, Np, M, n);
    else {
      for (let jb = 0; jb < aBlocks; jb++) {
        copyRows(C, cOffset + jb * cStride, n, F, cBase + jb * m * Np, Np, m, n);
      }
    }
  } else {
    for (let jb = 0; jb < bBlocks; jb++) {
      copyRows(C, cOffset + jb * cStride, n, F, cBase + jb * n, Np, m, n);
    }
  }
  return true;
}

/** Copy `rows` rows of `cols` values between row-major layouts with the given row strides. */
function copyRows(
  dst: Float64Array,
  dOff: number,
  dStride: number,
  src: Float64Array,
  sOff: number,
  sStride: number,
  rows: number,
  cols: number,
): void {
  if (dStride === cols && sStride === cols) {
    dst.set(src.subarray(sOff, sOff + rows * cols), dOff);
  } else if (cols >= 48) {
    for (let r = 0; r < rows; r++) {
      dst.set(src.subarray(sOff + r * sStride, sOff + r * sStride + cols), dOff + r * dStride);
    }
  } else {
    for (let r = 0; r < rows; r++) {
      const d = dOff + r * dStride, s = sOff + r * sStride;
      for (let c = 0; c < cols; c++) dst[d + c] = src[s + c];
    }
  }
}

/**
 * Batched dense matrix products on row-major Float64Array storage — the hot
 * loops of every network gradient, HVP and Hessian:
 *
 *   C_j += op(A_j) · op(B_j)   for j = 0 … k−1,
 *
 * where op(X) is X or Xᵀ and either operand may be shared by all j
 * (stride 0). Sharing is what makes batching pay: k tangent directions that
 * multiply the same weight matrix become ONE product with k times as many
 * rows or columns.
 *
 * Two engines compute the same thing. The reference is a plain TypeScript
 * kernel blocked 4×4 in registers (i-k-j order, contiguous inner loop).
 * Products big enough to amortize a copy go to a WebAssembly SIMD kernel
 * (see `wasmGemm.ts`), which packs the operands, multiplies with f64x2
 * vectors and adds the result back. Tests check the two against each other
 * and against a naive triple loop.
 *
 * @module
 */
import { wasmGemm } from "./wasmGemm.ts";

/** One operand of {@linkcode gemm}: where block j starts and how it is stored. */
export interface Operand {
  /** The storage. */
  data: Float64Array;
  /** Offset of block 0. */
  offset: number;
  /** Distance between consecutive blocks; 0 when one matrix is shared by all blocks. */
  stride: number;
  /** True when the block is stored transposed (op(X) = Xᵀ of the stored matrix). */
  transposed: boolean;
}

/** Shorthand for an {@linkcode Operand}. */
export function operand(
  data: Float64Array,
  offset = 0,
  stride = 0,
  transposed = false,
): Operand {
  return { data, offset, stride, transposed };
}

/** Products with fewer multiply-adds than this stay in TypeScript. */
const WASM_MIN_MACS = 16384;

let useWasm = true;

/**
 * Choose the engine: `"auto"` (default: WebAssembly SIMD for large products
 * when available) or `"js"` (always the TypeScript kernel). Returns the
 * previous setting. Used by tests and benchmarks to compare the two.
 *
 * @example
 * ```ts
 * import { setGemmEngine } from "./gemm.ts";
 * const before = setGemmEngine("js");
 * setGemmEngine(before);
 * ```
 */
export function setGemmEngine(engine: "auto" | "js"): "auto" | "js" {
  const prev = useWasm ? "auto" : "js";
  useWasm = engine === "auto";
  return prev;
}

/**
 * C_j[m×n] += op(A_j)[m×p] · op(B_j)[p×n] for j < k, where C_j starts at
 * `cOffset + j·cStride`.
 *
 * @example A 2×2 times a shared 2×1, for two blocks
 * ```ts
 * import { gemm, operand } from "./gemm.ts";
 * const A = new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]), B = new Float64Array([1, 1]);
 * const C = new Float64Array(4);
 * gemm(2, 2, 1, 2, operand(A, 0, 4), operand(B), C, 0, 2);
 * if (C.join() !== "3,7,11,15") throw new Error(String(C));
 * ```
 */
export function gemm(
  m: number,
  p: number,
  n: number,
  k: number,
  A: Operand,
  B: Operand,
  C: Float64Array,
  cOffset: number,
  cStride: number,
): void {
  if (m === 0 || n === 0 || p === 0 || k === 0) return;
  if (
    useWasm && m * p * n * k >= WASM_MIN_MACS && wasmGemm(m, p, n, k, A, B, C, cOffset, cStride)
  ) {
    return;
  }
  for (let j = 0; j < k; j++) {
    let a = A.data, ao = A.offset + j * A.stride;
    let b = B.data, bo = B.offset + j * B.stride;
    if (A.transposed) {
      a = transpose(a, ao, p, m, 0);
      ao = 0;
    }
    if (B.transposed) {
      b = transpose(b, bo, n, p, 1);
      bo = 0;
    }
    gemmNN(m, p, n, a, ao, b, bo, C, cOffset + j * cStride);
  }
}

const scratch: Float64Array[] = [new Float64Array(0), new Float64Array(0)];

/** The transpose of the rows×cols matrix at `off`, in scratch buffer `slot`. */
function transpose(
  x: Float64Array,
  off: number,
  rows: number,
  cols: number,
  slot: number,
): Float64Array {
  if (scratch[slot].length < rows * cols) scratch[slot] = new Float64Array(rows * cols * 2);
  const t = scratch[slot];
  for (let i = 0; i < rows; i++) {
    const o = off + i * cols;
    for (let j = 0; j < cols; j++) t[j * rows + i] = x[o + j];
  }
  return t;
}

/**
 * The TypeScript kernel: C[m×n] += A[m×p] · B[p×n], all row-major at the
 * given offsets. Blocks of 4 rows × 4 columns of C are accumulated in 16
 * local variables while the inner loop walks down p, so each step does 16
 * multiply-adds for 8 loads; edges fall back to simpler loops.
 *
 * @example
 * ```ts
 * import { gemmNN } from "./gemm.ts";
 * const C = new Float64Array(1);
 * gemmNN(1, 2, 1, new Float64Array([1, 2]), 0, new Float64Array([3, 4]), 0, C, 0);
 * if (C[0] !== 11) throw new Error();
 * ```
 */
export function gemmNN(
  m: number,
  p: number,
  n: number,
  A: Float64Array,
  ao: number,
  B: Float64Array,
  bo: number,
  C: Float64Array,
  co: number,
): void {
  const m4 = m - (m & 3), n4 = n - (n & 3);
  for (let i = 0; i < m4; i += 4) {
    const a0 = ao + i * p, a1 = a0 + p, a2 = a1 + p, a3 = a2 + p;
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let r = 0, bj = bo + j; r < p; r++, bj += n) {
        const b0 = B[bj], b1 = B[bj + 1], b2 = B[bj + 2], b3 = B[bj + 3];
        let a = A[a0 + r];
        c00 += a * b0, c01 += a * b1, c02 += a * b2, c03 += a * b3;
        a = A[a1 + r];
        c10 += a * b0, c11 += a * b1, c12 += a * b2, c13 += a * b3;
        a = A[a2 + r];
        c20 += a * b0, c21 += a * b1, c22 += a * b2, c23 += a * b3;
        a = A[a3 + r];
        c30 += a * b0, c31 += a * b1, c32 += a * b2, c33 += a * b3;
      }
      let c = co + i * n + j;
      C[c] += c00, C[c + 1] += c01, C[c + 2] += c02, C[c + 3] += c03;
      c += n;
      C[c] += c10, C[c + 1] += c11, C[c + 2] += c12, C[c + 3] += c13;
      c += n;
      C[c] += c20, C[c + 1] += c21, C[c + 2] += c22, C[c + 3] += c23;
      c += n;
      C[c] += c30, C[c + 1] += c31, C[c + 2] += c32, C[c + 3] += c33;
    }
    for (let j = n4; j < n; j++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let r = 0, bj = bo + j; r < p; r++, bj += n) {
        const b = B[bj];
        s0 += A[a0 + r] * b, s1 += A[a1 + r] * b, s2 += A[a2 + r] * b, s3 += A[a3 + r] * b;
      }
      const c = co + i * n + j;
      C[c] += s0, C[c + n] += s1, C[c + 2 * n] += s2, C[c + 3 * n] += s3;
    }
  }
  for (let i = m4; i < m; i++) {
    const ai = ao + i * p, ci = co + i * n;
    for (let r = 0; r < p; r++) {
      const a = A[ai + r], b0 = bo + r * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * B[b0 + j];
    }
  }
}

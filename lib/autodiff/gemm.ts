/**
 * Dense matrix-multiply kernels on row-major Float64Array storage, the hot
 * loops of every network gradient and Hessian-vector product. Each kernel
 * ACCUMULATES into C (C += …) at the given offsets.
 *
 * Loop order is chosen so the innermost loop runs over contiguous memory:
 * i-k-j for A·B and Aᵀ·B (a row of B streams into a row of C), dot products of
 * rows for A·Bᵀ. The middle loop is unrolled by four so each pass over a row
 * of C does four multiply-adds per load and store of C.
 *
 * @module
 */

/**
 * C[m×n] += A[m×p] · B[p×n].
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
  const p4 = p - (p % 4);
  for (let i = 0; i < m; i++) {
    const ci = co + i * n, ai = ao + i * p;
    let r = 0;
    for (; r < p4; r += 4) {
      const a0 = A[ai + r], a1 = A[ai + r + 1], a2 = A[ai + r + 2], a3 = A[ai + r + 3];
      const b0 = bo + r * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        C[ci + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
      }
    }
    for (; r < p; r++) {
      const a = A[ai + r], b0 = bo + r * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * B[b0 + j];
    }
  }
}

/**
 * C[m×n] += A[m×p] · B[n×p]ᵀ.
 *
 * @example
 * ```ts
 * import { gemmNT } from "./gemm.ts";
 * const C = new Float64Array(1);
 * gemmNT(1, 2, 1, new Float64Array([1, 2]), 0, new Float64Array([3, 4]), 0, C, 0);
 * if (C[0] !== 11) throw new Error();
 * ```
 */
export function gemmNT(
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
  const n4 = n - (n % 4);
  for (let i = 0; i < m; i++) {
    const ci = co + i * n, ai = ao + i * p;
    let j = 0;
    for (; j < n4; j += 4) {
      const b0 = bo + j * p, b1 = b0 + p, b2 = b1 + p, b3 = b2 + p;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let r = 0; r < p; r++) {
        const a = A[ai + r];
        s0 += a * B[b0 + r];
        s1 += a * B[b1 + r];
        s2 += a * B[b2 + r];
        s3 += a * B[b3 + r];
      }
      C[ci + j] += s0;
      C[ci + j + 1] += s1;
      C[ci + j + 2] += s2;
      C[ci + j + 3] += s3;
    }
    for (; j < n; j++) {
      const b0 = bo + j * p;
      let s = 0;
      for (let r = 0; r < p; r++) s += A[ai + r] * B[b0 + r];
      C[ci + j] += s;
    }
  }
}

/**
 * C[m×n] += A[p×m]ᵀ · B[p×n].
 *
 * @example
 * ```ts
 * import { gemmTN } from "./gemm.ts";
 * const C = new Float64Array(1);
 * gemmTN(1, 2, 1, new Float64Array([1, 2]), 0, new Float64Array([3, 4]), 0, C, 0);
 * if (C[0] !== 11) throw new Error();
 * ```
 */
export function gemmTN(
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
  const p4 = p - (p % 4);
  for (let i = 0; i < m; i++) {
    const ci = co + i * n;
    let r = 0;
    for (; r < p4; r += 4) {
      const a0 = A[ao + r * m + i], a1 = A[ao + (r + 1) * m + i];
      const a2 = A[ao + (r + 2) * m + i], a3 = A[ao + (r + 3) * m + i];
      const b0 = bo + r * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        C[ci + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
      }
    }
    for (; r < p; r++) {
      const a = A[ao + r * m + i], b0 = bo + r * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * B[b0 + j];
    }
  }
}

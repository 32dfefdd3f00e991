/**
 * Full Hessian matrices from batched Hessian-vector products.
 *
 * @module
 */
import { differentiate, type ScalarFunction, toVector } from "./differentiate.ts";

/** Options for {@linkcode hessian}. */
export interface HessianOptions {
  /**
   * How many unit vectors ride along in one forward-over-reverse pass.
   * Larger batches turn more matrix-vector work into matrix-matrix work.
   * Default 32.
   */
  batch?: number;
}

/**
 * The Hessian transform: `hessian(f)(x)` is the n×n matrix ∇²f(x), one row
 * per unit vector eⱼ (row j is H·eⱼ), computed `batch` directions per pass,
 * so n HVPs in ⌈n/batch⌉ passes. The result is symmetrized, (H + Hᵀ)/2,
 * which removes the rounding-level asymmetry and nothing else.
 *
 * Returns a Float64Array per row (a `MatrixLike` for `eigh`).
 *
 * @example The Hessian of xᵀAx is A + Aᵀ
 * ```ts
 * import { hessian } from "./hessian.ts";
 * import { matmul } from "./ops/mod.ts";
 * const A = [[1, 2], [0, 3]];
 * const H = hessian((x) => matmul(x, matmul(A, x)))([0.5, -1]);
 * if (H.map((r) => r.join()).join(";") !== "2,2;2,6") throw new Error();
 * ```
 */
export function hessian(
  f: ScalarFunction,
  options: HessianOptions = {},
): (x: ArrayLike<number>) => Float64Array[] {
  const batch = options.batch ?? 32;
  if (!Number.isInteger(batch) || batch < 1) {
    throw new RangeError(
      `Cannot compute the Hessian: batch must be a positive integer, got ${batch}`,
    );
  }
  return (x) => {
    const what = "compute the Hessian";
    const xs = toVector(x, what, "x"), n = xs.length;
    const H = Array.from({ length: n }, () => new Float64Array(n));
    for (let start = 0; start < n; start += batch) {
      const k = Math.min(batch, n - start);
      const t = new Float64Array(k * n);
      for (let j = 0; j < k; j++) t[j * n + start + j] = 1;
      const h = differentiate(f, xs, k, t, what, { gradient: false }).hvps;
      for (let j = 0; j < k; j++) H[start + j].set(h.subarray(j * n, (j + 1) * n));
    }
    symmetrizeRows(H);
    return H;
  };
}

/** H ← (H + Hᵀ)/2 in place, in 64×64 tiles so the transposed reads stay in cache. */
function symmetrizeRows(H: Float64Array[]): void {
  const n = H.length, T = 64;
  for (let i0 = 0; i0 < n; i0 += T) {
    for (let j0 = i0; j0 < n; j0 += T) {
      const iEnd = Math.min(i0 + T, n), jEnd = Math.min(j0 + T, n);
      for (let i = i0; i < iEnd; i++) {
        const Hi = H[i];
        for (let j = Math.max(j0, i + 1); j < jEnd; j++) {
          const Hj = H[j];
          const v = 0.5 * (Hi[j] + Hj[i]);
          Hi[j] = v;
          Hj[i] = v;
        }
      }
    }
  }
}

/**
 * How much of a symmetric matrix a rank-k truncation of its
 * eigendecomposition keeps, measured in the Frobenius norm.
 *
 * @module
 */

/** Options of {@linkcode frobeniusCapture}. */
export interface FrobeniusCaptureOptions {
  /**
   * Which k eigenpairs are kept: "magnitude", the k largest |λ| (the best
   * rank-k approximation, by Eckart–Young), or "top", the k algebraically
   * largest λ (what a top-k Lanczos run returns). Default "magnitude".
   */
  order?: "magnitude" | "top";
}

/**
 * The captured fraction of ‖H‖_F by k eigenpairs, for k = 0 … n:
 * fraction[k] = ‖H_k‖_F/‖H‖_F = √(Σ_{i∈K} λᵢ² / Σᵢ λᵢ²), where H_k = Σ_{i∈K}
 * λᵢqᵢqᵢᵀ keeps the eigenpairs K. The error of the truncation is
 * ‖H − H_k‖_F = ‖H‖_F·√(1 − fraction[k]²).
 *
 * @example
 * ```ts
 * import { frobeniusCapture } from "./frobeniusCapture.ts";
 * const f = frobeniusCapture([-4, 1, 2]); // |λ|: 4, 2, 1; ‖H‖_F² = 21
 * if (Math.abs(f[1] - Math.sqrt(16 / 21)) > 1e-15 || f[3] !== 1 || f[0] !== 0) throw new Error();
 * const t = frobeniusCapture([-4, 1, 2], { order: "top" }); // keeps 2 first
 * if (Math.abs(t[1] - Math.sqrt(4 / 21)) > 1e-15) throw new Error();
 * ```
 */
export function frobeniusCapture(
  eigenvalues: ArrayLike<number>,
  options: FrobeniusCaptureOptions = {},
): number[] {
  const order = options.order ?? "magnitude";
  if (order !== "magnitude" && order !== "top") {
    throw new RangeError(
      `Cannot compute the captured fraction: option order must be "magnitude" or "top", got ${order}`,
    );
  }
  const values = Array.from(eigenvalues);
  if (values.length === 0 || !values.every(Number.isFinite)) {
    throw new RangeError(
      "Cannot compute the captured fraction: eigenvalues must be finite, non-empty",
    );
  }
  const sorted = order === "magnitude"
    ? values.sort((a, b) => Math.abs(b) - Math.abs(a))
    : values.sort((a, b) => b - a);
  const total = sorted.reduce((s, x) => s + x * x, 0);
  const out = [0];
  let acc = 0;
  for (const x of sorted) {
    acc += x * x;
    out.push(total === 0 ? 1 : Math.min(1, Math.sqrt(acc / total)));
  }
  out[out.length - 1] = 1;
  return out;
}

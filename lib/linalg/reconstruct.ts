/**
 * Rebuilding a symmetric matrix from its eigendecomposition.
 *
 * @module
 */
import type { Eigh } from "./eigh.ts";
import { toFlatMatrix } from "../validate/toFlatMatrix.ts";
import { toVector } from "../validate/toVector.ts";

/**
 * The matrix QΛQᵀ = Σₖ λₖ vₖvₖᵀ from eigenvalues and eigenvectors (for
 * example the output of {@linkcode eigh}), as rows.
 *
 * @example H = QΛQᵀ
 * ```ts
 * import { eigh } from "./eigh.ts";
 * import { reconstruct } from "./reconstruct.ts";
 * const H = [[2, 1], [1, 3]];
 * const R = reconstruct(eigh(H));
 * if (Math.abs(R[0][1] - 1) > 1e-14) throw new Error(String(R));
 * ```
 */
export function reconstruct(e: Pick<Eigh, "values" | "vectors">): number[][] {
  const what = "reconstruct the matrix";
  const { values, vectors } = e ?? {};
  const lambda = toVector(values, what, "values"), k = lambda.length;
  const V = toFlatMatrix(vectors, what, { name: "vectors", rows: k });
  const n = V.cols;
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let t = 0; t < k; t++) {
    const v = V.data.subarray(t * n, (t + 1) * n), lam = lambda[t];
    for (let i = 0; i < n; i++) {
      const li = lam * v[i], row = out[i];
      for (let j = 0; j < n; j++) row[j] += li * v[j];
    }
  }
  return out;
}

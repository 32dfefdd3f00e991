/**
 * Rebuilding a symmetric matrix from its eigendecomposition.
 *
 * @module
 */
import type { Eigh } from "./eigh.ts";

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
  if (!Array.isArray(values) || !Array.isArray(vectors)) {
    throw new TypeError(`Cannot ${what}: expected { values, vectors } arrays`);
  }
  const k = values.length;
  if (k === 0) throw new RangeError(`Cannot ${what}: values is empty`);
  if (vectors.length !== k) {
    throw new RangeError(`Cannot ${what}: ${k} values but ${vectors.length} vectors`);
  }
  const n = vectors[0].length;
  for (let t = 0; t < k; t++) {
    if (!Number.isFinite(values[t])) {
      throw new RangeError(`Cannot ${what}: values[${t}] is ${values[t]}, not a finite number`);
    }
    if (vectors[t].length !== n) {
      throw new RangeError(
        `Cannot ${what}: vectors[${t}] has length ${vectors[t].length}, vectors[0] has ${n}`,
      );
    }
  }
  const out = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let t = 0; t < k; t++) {
    const v = vectors[t], lam = values[t];
    for (let i = 0; i < n; i++) {
      const li = lam * v[i], row = out[i];
      for (let j = 0; j < n; j++) row[j] += li * v[j];
    }
  }
  return out;
}

/**
 * Eigendecomposition of a symmetric matrix.
 *
 * @module
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { type MatrixLike, symmetrize } from "./matrix.ts";

/** Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix. */
export interface Eigh {
  /** Eigenvalues in ascending order. */
  values: number[];
  /** `vectors[i]` is the unit eigenvector for `values[i]`. */
  vectors: number[][];
  /** Q as rows of an n×n matrix whose column i is `vectors[i]`. */
  Q: number[][];
}

/**
 * Symmetric eigendecomposition H = QΛQᵀ. The input is symmetrized first,
 * (H + Hᵀ)/2, so round-off asymmetry in a numerical Hessian does not push
 * ml-matrix onto its general (non-symmetric) path. Eigenvalues come out in
 * ascending order; each eigenvector has unit length and its largest-magnitude
 * entry positive, so the result is deterministic.
 *
 * @example The saddle x² − y²
 * ```ts
 * import { eigh } from "./eigh.ts";
 * const { values, vectors } = eigh([[2, 0], [0, -2]]);
 * if (values[0] !== -2 || values[1] !== 2) throw new Error(String(values));
 * if (Math.abs(vectors[0][1]) !== 1) throw new Error("expected the y axis");
 * ```
 */
export function eigh(h: MatrixLike): Eigh {
  const s = symmetrize(h);
  const n = s.length;
  const evd = new EigenvalueDecomposition(new Matrix(s), { assumeSymmetric: true });
  const vals = evd.realEigenvalues;
  const V = evd.eigenvectorMatrix;
  const order = vals.map((_, i) => i).sort((a, b) => vals[a] - vals[b]);
  const values = order.map((i) => vals[i]);
  const vectors = order.map((k) => {
    const v = new Array<number>(n);
    let norm = 0, big = 0;
    for (let i = 0; i < n; i++) {
      v[i] = V.get(i, k);
      norm += v[i] * v[i];
      if (Math.abs(v[i]) > Math.abs(big) + 1e-12) big = v[i];
    }
    const scale = (big < 0 ? -1 : 1) / Math.sqrt(norm);
    for (let i = 0; i < n; i++) v[i] = v[i] * scale + 0; // + 0 turns -0 into 0
    return v;
  });
  const Q = Array.from({ length: n }, (_, i) => vectors.map((v) => v[i]));
  return { values, vectors, Q };
}

/**
 * Eigendecomposition of a symmetric matrix.
 *
 * @module
 */
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import { EigenvalueDecomposition, Matrix } from "npm:ml-matrix@6.15.1";
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
 * ml-matrix onto its general (non-symmetric) path, and scaled by a power of
 * two (exactly) so that tiny or huge entries neither underflow nor overflow
 * inside the iteration. Eigenvalues come out in
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
  // Scale by a power of two (exact) so the largest entry is about 1, and flush
  // entries below 2⁻⁶⁰⁰ of it to zero (a backward error far below ε‖H‖):
  // ml-matrix's tql2 overflows when squaring entries near 1e300, and its
  // convergence test ε·tst1 underflows to 0 on tiny leading entries, which
  // makes it run off the end of the matrix.
  let big = 0;
  for (const row of s) for (const x of row) big = Math.max(big, Math.abs(x));
  const scale = big === 0 ? 1 : 2 ** Math.round(Math.log2(big));
  const scaled = s.map((row) => row.map((x) => (Math.abs(x / scale) < 2 ** -600 ? 0 : x / scale)));
  const evd = new EigenvalueDecomposition(new Matrix(scaled), { assumeSymmetric: true });
  const vals = evd.realEigenvalues.map((x) => x * scale);
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

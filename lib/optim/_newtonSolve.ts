// Private: the dense linear solves of the Newton family.
import { eigh } from "../linalg/eigh.ts";
import { toRowsFlat } from "./_util.ts";
import { formatNumber as fmt } from "../validate/formatNumber.ts";

/**
 * Solve A x = b for a dense row-major n×n A by LU with partial pivoting.
 * A is not modified. Returns the solution and the smallest and largest
 * |pivot| (a zero pivot gives a non-finite x).
 */
export function luSolve(
  a: Float64Array,
  b: Float64Array,
  n: number,
): { x: Float64Array; minPivot: number; maxPivot: number } {
  const m = a.slice();
  const x = b.slice();
  let minPivot = Infinity, maxPivot = 0;
  for (let k = 0; k < n; k++) {
    let p = k, best = Math.abs(m[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(m[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (p !== k) {
      const rk = k * n, rp = p * n;
      for (let j = 0; j < n; j++) {
        const t = m[rk + j];
        m[rk + j] = m[rp + j];
        m[rp + j] = t;
      }
      const t = x[k];
      x[k] = x[p];
      x[p] = t;
    }
    minPivot = Math.min(minPivot, best);
    maxPivot = Math.max(maxPivot, best);
    const piv = m[k * n + k];
    if (piv === 0) continue;
    const rk = k * n;
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const l = m[ri + k] / piv;
      if (l === 0) continue;
      m[ri + k] = l;
      for (let j = k + 1; j < n; j++) m[ri + j] -= l * m[rk + j];
      x[i] -= l * x[k];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    let s = x[i];
    for (let j = i + 1; j < n; j++) s -= m[ri + j] * x[j];
    x[i] = s / m[ri + i];
  }
  return { x, minPivot, maxPivot };
}

/**
 * Solve H d = g for the Newton direction, or throw the book's error when H
 * is singular: smallest |eigenvalue| ≤ tol · largest |eigenvalue|.
 *
 * LU with partial pivoting does the work; when its smallest pivot is below
 * 1e-4 of its largest (a cheap screen for near-singularity), the symmetric
 * eigendecomposition decides and, if H is not singular, gives the solve.
 */
export function newtonSolve(
  h: Float64Array,
  g: Float64Array,
  n: number,
  tol: number,
  verb: string,
  matrix: string,
  hint: string,
): { d: Float64Array; solver: "lu" | "eigh" } {
  const lu = luSolve(h, g, n);
  const finite = lu.x.every(Number.isFinite);
  if (finite && lu.minPivot > 1e-4 * lu.maxPivot) return { d: lu.x, solver: "lu" };
  const { values, vectors } = eigh(toRowsFlat(h, n));
  let minAbs = Infinity, maxAbs = 0;
  for (const l of values) {
    minAbs = Math.min(minAbs, Math.abs(l));
    maxAbs = Math.max(maxAbs, Math.abs(l));
  }
  if (minAbs <= tol * maxAbs) {
    throw new RangeError(
      `Cannot ${verb}: ${matrix} is singular (smallest |eigenvalue| ${fmt(minAbs)} ≤ ` +
        `${tol}·largest |eigenvalue| ${fmt(maxAbs)})${hint}`,
    );
  }
  return { d: spectralSolve(vectors, values, g), solver: "eigh" };
}

/**
 * d = Q diag(1/μ) Qᵀ g for orthonormal eigenvectors (`vectors[k]` is
 * column k of Q) and divisors μ: the eigenvalues for a Newton solve, |λ| + δ for
 * saddle-free Newton.
 */
export function spectralSolve(
  vectors: readonly ArrayLike<number>[],
  divisors: readonly number[],
  g: Float64Array,
): Float64Array {
  const n = g.length;
  const d = new Float64Array(n);
  for (let k = 0; k < vectors.length; k++) {
    const q = vectors[k];
    let c = 0;
    for (let i = 0; i < n; i++) c += q[i] * g[i];
    c /= divisors[k];
    for (let i = 0; i < n; i++) d[i] += c * q[i];
  }
  return d;
}

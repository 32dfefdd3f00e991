// Private: the few dense vector kernels the spectral routines need.

/** xᵀy. */
export function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** ‖x‖₂. */
export function norm(x: Float64Array): number {
  return Math.sqrt(dot(x, x));
}

/** y ← y + a·x, in place. */
export function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] += a * x[i];
}

/** x ← a·x, in place. */
export function scale(a: number, x: Float64Array): void {
  for (let i = 0; i < x.length; i++) x[i] *= a;
}

/**
 * One classical Gram–Schmidt sweep: w ← w − Σₖ (qₖᵀw) qₖ. Four basis vectors
 * share each pass over w (four independent sums, one read of w), which is
 * several times faster than one dot product at a time; every sum and every
 * update runs in the same order as separate `dot` and `axpy` calls, so the
 * result is bit for bit the same.
 */
function sweep(w: Float64Array, basis: readonly Float64Array[]): void {
  const m = basis.length, n = w.length;
  const c = new Float64Array(m);
  let k = 0;
  for (; k + 4 <= m; k += 4) {
    const q0 = basis[k], q1 = basis[k + 1], q2 = basis[k + 2], q3 = basis[k + 3];
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      s0 += q0[i] * wi;
      s1 += q1[i] * wi;
      s2 += q2[i] * wi;
      s3 += q3[i] * wi;
    }
    c[k] = s0, c[k + 1] = s1, c[k + 2] = s2, c[k + 3] = s3;
  }
  for (; k < m; k++) c[k] = dot(basis[k], w);
  k = 0;
  for (; k + 4 <= m; k += 4) {
    const q0 = basis[k], q1 = basis[k + 1], q2 = basis[k + 2], q3 = basis[k + 3];
    const a0 = -c[k], a1 = -c[k + 1], a2 = -c[k + 2], a3 = -c[k + 3];
    for (let i = 0; i < n; i++) w[i] = w[i] + a0 * q0[i] + a1 * q1[i] + a2 * q2[i] + a3 * q3[i];
  }
  for (; k < m; k++) axpy(-c[k], basis[k], w);
}

/**
 * Remove from w its components along the orthonormal vectors `basis`, in
 * place, by classical Gram–Schmidt with the DGKS test (Daniel, Gragg,
 * Kaufman and Stewart 1976): a second sweep runs only when the first one
 * cancelled a large part of w (‖w‖ fell below 1/√2 of its value), which is
 * when rounding could leave w visibly non-orthogonal ("twice is enough").
 */
export function orthogonalize(w: Float64Array, basis: readonly Float64Array[]): void {
  if (basis.length === 0) return;
  const before = norm(w);
  sweep(w, basis);
  if (norm(w) < Math.SQRT1_2 * before) sweep(w, basis);
}

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

/** One classical Gram–Schmidt sweep: w ← w − Σₖ (qₖᵀw) qₖ. */
function sweep(w: Float64Array, basis: readonly Float64Array[]): void {
  const c = new Float64Array(basis.length);
  for (let k = 0; k < basis.length; k++) c[k] = dot(basis[k], w);
  for (let k = 0; k < basis.length; k++) axpy(-c[k], basis[k], w);
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

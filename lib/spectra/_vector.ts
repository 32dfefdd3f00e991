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
 * Remove from w its components along the orthonormal vectors `basis`,
 * by classical Gram–Schmidt applied twice ("twice is enough"), in place.
 */
export function orthogonalize(w: Float64Array, basis: readonly Float64Array[]): void {
  for (let pass = 0; pass < 2; pass++) {
    const c = basis.map((q) => dot(q, w));
    for (let k = 0; k < basis.length; k++) axpy(-c[k], basis[k], w);
  }
}

// Private: eigenvalues and selected eigenvector rows of a symmetric
// tridiagonal matrix by the implicit QL method (EISPACK tql2), the small
// eigenproblem inside Lanczos and stochastic Lanczos quadrature.

/** Result of {@linkcode tridiagonalEigen}. */
export interface TridiagonalEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** `rows[r][i]` is component `rowIndex[r]` of the unit eigenvector of `values[i]`. */
  rows: Float64Array[];
}

/**
 * Eigen-decomposition of the m×m symmetric tridiagonal matrix with diagonal
 * `alpha` (length m) and off-diagonal `beta` (length ≥ m − 1; extra entries
 * are ignored). Only the eigenvector components listed in `rowIndex` are
 * accumulated, so asking for one row costs O(m²) instead of O(m³).
 */
export function tridiagonalEigen(
  alpha: ArrayLike<number>,
  beta: ArrayLike<number>,
  rowIndex: readonly number[],
): TridiagonalEigen {
  const m = alpha.length;
  const d = new Float64Array(m), e = new Float64Array(m);
  // Scale by a power of two (exact) so the largest entry is about 1; flush
  // negligible off-diagonals so the convergence test cannot underflow.
  let big = 0;
  for (let i = 0; i < m; i++) big = Math.max(big, Math.abs(alpha[i]));
  for (let i = 0; i < m - 1; i++) big = Math.max(big, Math.abs(beta[i]));
  const scale = big === 0 ? 1 : 2 ** Math.round(Math.log2(big));
  for (let i = 0; i < m; i++) d[i] = alpha[i] / scale;
  for (let i = 0; i < m - 1; i++) {
    const b = beta[i] / scale;
    e[i] = Math.abs(b) < 2 ** -600 ? 0 : b;
  }
  // z[r][k]: component rowIndex[r] of eigenvector k; starts as the identity rows.
  const z = rowIndex.map((r) => {
    const row = new Float64Array(m);
    row[r] = 1;
    return row;
  });
  const eps = Number.EPSILON;
  let f = 0, tst1 = 0;
  for (let l = 0; l < m; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let mm = l;
    while (mm < m - 1 && Math.abs(e[mm]) > eps * tst1) mm++;
    if (mm > l) {
      let iter = 0;
      do {
        if (++iter > 60) {
          throw new Error("Cannot diagonalize the tridiagonal matrix: QL did not converge");
        }
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < m; i++) d[i] -= h;
        f += h;
        p = d[mm];
        let c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
        const el1 = e[l + 1];
        for (let i = mm - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          // √(p² + e²) directly (Math.hypot is several times slower): the entries
          // are scaled to about 1 above, so the squares cannot overflow; where
          // they could lose precision to underflow, Math.hypot after all
          r = Math.sqrt(p * p + e[i] * e[i]);
          if (r < 1e-140) r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          for (const row of z) {
            const zh = row[i + 1];
            row[i + 1] = s * row[i] + c * zh;
            row[i] = c * row[i] - s * zh;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => d[a] - d[b]);
  const values = Float64Array.from(order, (i) => d[i] * scale);
  const rows = z.map((row) => Float64Array.from(order, (i) => row[i]));
  return { values, rows };
}

/**
 * Seeded random orthogonal matrices.
 *
 * @module
 */
import { Rng } from "../random.ts";
import { checkNumber } from "../validate/checkNumber.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options for {@linkcode randomOrthogonal}. */
export interface RandomOrthogonalOptions {
  /** Seed of the {@linkcode Rng}. Default 0. */
  seed?: number;
}

/**
 * A random n×n orthogonal matrix, uniformly (Haar) distributed: the Q of a
 * Householder QR factorization of a Gaussian matrix, with the signs fixed so
 * that R has a positive diagonal (Mezzadri 2007). Rows of the result are
 * rows of Q.
 *
 * @example QᵀQ = I
 * ```ts
 * import { randomOrthogonal } from "./randomOrthogonal.ts";
 * const Q = randomOrthogonal(3, { seed: 1 });
 * let off = 0;
 * for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
 *   let s = 0;
 *   for (let k = 0; k < 3; k++) s += Q[k][i] * Q[k][j];
 *   off = Math.max(off, Math.abs(s - (i === j ? 1 : 0)));
 * }
 * if (off > 1e-14) throw new Error(String(off));
 * ```
 */
export function randomOrthogonal(n: number, options: RandomOrthogonalOptions = {}): number[][] {
  const what = "draw a random orthogonal matrix";
  checkNumber(n, "n", { what, integer: true, min: 1 });
  const rng = new Rng(numberOption(options, "seed", { what, default: 0 }));
  // A is column-major: a[j] is column j.
  const a = Array.from({ length: n }, () => rng.normalVector(n));
  const vs: Float64Array[] = [];
  const signs = new Array<number>(n).fill(1);
  for (let k = 0; k < n; k++) {
    const col = a[k];
    let norm = 0;
    for (let i = k; i < n; i++) norm += col[i] * col[i];
    norm = Math.sqrt(norm);
    const alpha = col[k] > 0 ? -norm : norm; // R[k][k] = alpha
    signs[k] = alpha < 0 ? -1 : 1;
    const v = new Float64Array(n);
    for (let i = k; i < n; i++) v[i] = col[i];
    v[k] -= alpha;
    let vn = 0;
    for (let i = k; i < n; i++) vn += v[i] * v[i];
    vs.push(v);
    if (vn === 0) continue;
    for (let j = k; j < n; j++) {
      const c = a[j];
      let s = 0;
      for (let i = k; i < n; i++) s += v[i] * c[i];
      const f = (2 * s) / vn;
      for (let i = k; i < n; i++) c[i] -= f * v[i];
    }
    vs[k] = v.map((x) => x / Math.sqrt(vn));
  }
  // Q = H₀H₁…H_{n−1}; apply to the identity column by column, then fix signs.
  const Q = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const e = new Float64Array(n);
    e[j] = 1;
    for (let k = n - 1; k >= 0; k--) {
      const v = vs[k];
      let s = 0;
      for (let i = k; i < n; i++) s += v[i] * e[i];
      for (let i = k; i < n; i++) e[i] -= 2 * s * v[i];
    }
    for (let i = 0; i < n; i++) Q[i][j] = e[i] * signs[j];
  }
  return Q;
}

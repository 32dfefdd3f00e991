/**
 * Symmetric test matrices with a prescribed spectrum.
 *
 * @module
 */
import { randomOrthogonal } from "./randomOrthogonal.ts";
import { numberOption } from "../validate/numberOption.ts";
import { toVector } from "../validate/toVector.ts";

/** Options for {@linkcode matrixWithSpectrum}. */
export interface MatrixWithSpectrumOptions {
  /** Seed of the random eigenbasis. Default 0. */
  seed?: number;
}

/**
 * The symmetric matrix QΛQᵀ with the given eigenvalues and a random
 * (Haar-distributed, seeded) eigenbasis Q from {@linkcode randomOrthogonal}.
 * Useful to build a Hessian whose spectrum is known exactly: a saddle with
 * one negative direction, an ill-conditioned bowl, a singular matrix.
 * The result is exactly symmetric.
 *
 * @example A saddle with a known spectrum
 * ```ts
 * import { matrixWithSpectrum } from "./matrixWithSpectrum.ts";
 * import { eigh } from "./eigh.ts";
 * const H = matrixWithSpectrum([-1, 2, 5], { seed: 3 });
 * const { values } = eigh(H);
 * if (Math.abs(values[0] + 1) > 1e-13 || Math.abs(values[2] - 5) > 1e-13) throw new Error();
 * ```
 */
export function matrixWithSpectrum(
  values: ArrayLike<number>,
  options: MatrixWithSpectrumOptions = {},
): number[][] {
  const what = "build a matrix with a given spectrum";
  const lambda = toVector(values, what, "values"), n = lambda.length;
  const Q = randomOrthogonal(n, { seed: numberOption(options, "seed", { what, default: 0 }) });
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q[i][k] * lambda[k] * Q[j][k];
      H[i][j] = s;
      H[j][i] = s;
    }
  }
  return H;
}

/**
 * Fitting cost ≈ c·nᵖ on log–log axes, for the scaling measurements of the
 * benchmarks and chapters.
 *
 * @module
 */
import { checkNumber } from "../validate/checkNumber.ts";

/** A fitted power law y ≈ prefactor · n^exponent. */
export interface PowerLaw {
  /** The fitted exponent p (slope on log–log axes). */
  exponent: number;
  /** The fitted prefactor c. */
  prefactor: number;
  /** R² of the fit on log–log axes (1 when all values are equal). */
  r2: number;
}

/**
 * Least-squares fit of log y = log c + p·log n.
 *
 * @example Exact cubes give p = 3
 * ```ts
 * import { fitPowerLaw } from "./fitPowerLaw.ts";
 * const { exponent, prefactor } = fitPowerLaw([10, 20, 40], [2e3, 16e3, 128e3]);
 * if (Math.abs(exponent - 3) > 1e-12 || Math.abs(prefactor - 2) > 1e-9) throw new Error();
 * ```
 */
export function fitPowerLaw(sizes: readonly number[], values: readonly number[]): PowerLaw {
  if (sizes.length !== values.length || sizes.length < 2) {
    throw new RangeError(
      `Cannot fit a power law: need at least 2 (size, value) pairs of equal length, got ${sizes.length} and ${values.length}`,
    );
  }
  const positive = { what: "fit a power law", min: 0, exclusiveMin: true };
  for (const [name, xs] of [["sizes", sizes], ["values", values]] as const) {
    xs.forEach((v, i) => checkNumber(v, `${name}[${i}]`, positive));
  }
  const x = sizes.map(Math.log), y = values.map(Math.log), k = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / k, my = y.reduce((a, b) => a + b, 0) / k;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < k; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0) throw new RangeError("Cannot fit a power law: all sizes are equal");
  const exponent = sxy / sxx;
  return {
    exponent,
    prefactor: Math.exp(my - exponent * mx),
    r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy),
  };
}

/**
 * Spectral density from known eigenvalues.
 *
 * @module
 */
import type { DensityReport } from "./CurvatureReport.ts";

/**
 * The Gaussian-broadened spectral density (1/n)·Σᵢ N(t; λᵢ, σ²) of known
 * eigenvalues on `points` equally spaced values over [λmin − 5σ, λmax + 5σ]
 * (the default grid of `slqDensity`), with
 * σ = (λmax − λmin)/100 (or 1e-3·max(1, |λ|) when all are equal).
 *
 * @example
 * ```ts
 * import { exactDensity } from "./exactDensity.ts";
 * const d = exactDensity([-2, 2]);
 * const h = d.grid[1] - d.grid[0];
 * const mass = d.values.reduce((s, v) => s + v * h, 0);
 * if (Math.abs(mass - 1) > 0.01) throw new Error(String(mass));
 * ```
 */
export function exactDensity(values: readonly number[], points = 401): DensityReport {
  if (!Number.isInteger(points) || points < 2) {
    throw new RangeError(
      `Cannot compute the density: points must be an integer ≥ 2, got ${points}`,
    );
  }
  const lo = values[0], hi = values[values.length - 1];
  const sigma = hi > lo ? (hi - lo) / 100 : 1e-3 * Math.max(1, Math.abs(lo));
  const a = lo - 5 * sigma, b = hi + 5 * sigma;
  const grid = Array.from({ length: points }, (_, i) => a + ((b - a) * i) / (points - 1));
  const c = 1 / (values.length * sigma * Math.sqrt(2 * Math.PI));
  const density = grid.map((t) => {
    let s = 0;
    for (const v of values) s += Math.exp(-0.5 * ((t - v) / sigma) ** 2);
    return c * s;
  });
  return { grid, values: density, sigma, method: "exact eigenvalues" };
}

/**
 * Spectra and approximations of symmetric operators, all matrix-free: each
 * routine takes a {@linkcode LinearOperator} (for example the Hessian
 * operator of a network, whose `apply` is one Hessian-vector product) or a
 * dense matrix, takes its options last, is seeded when random, and reports
 * its cost as `matvecs`, the number of operator applications.
 *
 * - {@linkcode powerIteration}: λmax (deflation for the top k, a shift for λmin);
 * - {@linkcode lanczos}: top-k and bottom-k eigenpairs with Ritz residuals;
 * - {@linkcode hutchinson}, {@linkcode hutchPlusPlus}: trace estimates with standard errors;
 * - {@linkcode hessianDiagonal} (exact, n products), {@linkcode hutchinsonDiagonal} (stochastic);
 * - {@linkcode slqDensity}: the spectral density by stochastic Lanczos quadrature;
 * - {@linkcode conjugateGradient}: (H + εI)x = b with negative-curvature detection;
 * - {@linkcode spectralOutliers}: the outliers above the bulk, by the largest relative gap.
 *
 * @example λmax of a Hessian without forming it
 * ```ts
 * import { lanczos } from "./mod.ts";
 * const H = { size: 3, apply: (v: Float64Array) => v.map((x, i) => (i + 1) * x) };
 * const r = lanczos(H, { top: 1 });
 * if (Math.abs(r.top.values[0] - 3) > 1e-12) throw new Error(String(r.top.values));
 * ```
 *
 * @module
 */
export * from "./powerIteration.ts";
export * from "./lanczos.ts";
export * from "./hutchinson.ts";
export * from "./hutchPlusPlus.ts";
export * from "./hessianDiagonal.ts";
export * from "./hutchinsonDiagonal.ts";
export * from "./slqDensity.ts";
export * from "./conjugateGradient.ts";
export * from "./spectralOutliers.ts";

/**
 * Curvature reports for models: the loss, gradient norm, Hessian trace and
 * extreme eigenvalues behind `deno task curvature`, exact wherever the
 * estimated cost allows ({@linkcode planCurvature}, {@linkcode estimateCost}),
 * with the method behind every number in the report.
 *
 * @example
 * ```ts
 * import { analyzeModel } from "./mod.ts";
 * const r = analyzeModel({
 *   model: { layers: [2, 1], activation: "linear", batchnorm: false, residual: false },
 *   loss: "mse", params: [0, 0, 0], data: { x: [[1, 0], [0, 1]], y: [[1], [1]] },
 *   report: { eigenvalues: true },
 * });
 * if (r.eigenvalues?.length !== 3 || r.lambda_min > r.lambda_max) throw new Error();
 * if (r.method !== "dense" || r.trace_method !== "exact") throw new Error();
 * ```
 *
 * @module
 */
export * from "./CurvatureReport.ts";
export * from "./CurvatureOptionError.ts";
export * from "./analyzeModel.ts";
export * from "./estimateCost.ts";
export * from "./exactDensity.ts";
export * from "./planCurvature.ts";

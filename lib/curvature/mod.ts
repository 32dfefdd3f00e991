/**
 * Curvature reports for models: the loss, gradient norm, Hessian trace and
 * extreme eigenvalues behind `deno task curvature`.
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
 * ```
 *
 * @module
 */
export * from "./CurvatureReport.ts";
export * from "./analyzeModel.ts";
export * from "./exactDensity.ts";

/**
 * The model curvature report (`analyzeModel`, the model counterpart of
 * `analyzeExpression`): loss, gradient norm, and the Hessian's trace
 * and extreme eigenvalues (optionally all of them) for a model spec.
 *
 * @module
 */
import { hessian } from "../autodiff/hessian.ts";
import { valueAndGrad } from "../autodiff/grad.ts";
import { eigh } from "../linalg/eigh.ts";
import { modelFromSpec, parseModelSpec } from "../nn/spec.ts";
import { CurvatureReport } from "./CurvatureReport.ts";
import { exactDensity } from "./exactDensity.ts";

/** Options for {@linkcode analyzeModel}. */
export interface CurvatureOptions {
  /**
   * "dense" forms H (n HVPs) and takes its full eigendecomposition;
   * "matrix-free" never forms H. "auto" (default) is dense when
   * n ≤ `denseLimit`.
   */
  mode?: "auto" | "dense" | "matrix-free";
  /** Largest n for which "auto" goes dense. Default 1500. */
  denseLimit?: number;
  /** Also report the K largest eigenvalues (descending). */
  top?: number;
  /** Also report the K smallest eigenvalues (ascending). */
  bottom?: number;
  /** Also report a spectral density on a grid. Default false. */
  density?: boolean;
  /** Points of the density grid. Default 101. */
  densityPoints?: number;
}

/**
 * Compute the curvature report of a model spec (raw JSON value, JSON text,
 * or a parsed `ModelSpec`, always re-validated): `{n, loss, gradient_norm, trace,
 * lambda_max, lambda_min}` plus `eigenvalues` (ascending) when
 * `report.eigenvalues` is true, plus the fields the options ask for.
 *
 * In dense mode the Hessian is exact (forward-over-reverse, batched unit
 * vectors) and symmetrized; trace is Σ Hᵢᵢ and the eigenvalues come from
 * `eigh`. Bad input throws `Cannot read spec: <field>: …`.
 *
 * @example The least-squares line through (1, 1) and (2, 3)
 * ```ts
 * import { analyzeModel } from "./analyzeModel.ts";
 * const r = analyzeModel({
 *   model: { layers: [1, 1], activation: "linear", batchnorm: false, residual: false },
 *   loss: "mse", params: [2, -1], data: { x: [[1], [2]], y: [[1], [3]] },
 * });
 * // H = (2/N)·[[Σx², Σx], [Σx, N]] = [[5, 3], [3, 2]]: trace 7
 * if (r.n !== 2 || r.loss !== 0 || Math.abs(r.trace - 7) > 1e-12) throw new Error(JSON.stringify(r));
 * ```
 */
export function analyzeModel(
  spec: unknown,
  options: CurvatureOptions = {},
): CurvatureReport {
  const parsed = parseModelSpec(spec);
  const { mlp, params, loss } = modelFromSpec(parsed);
  const n = mlp.size;
  const mode = chooseMode(n, options);
  checkCount(options.top, "top", n);
  checkCount(options.bottom, "bottom", n);
  const { value, gradient } = valueAndGrad(loss)(params);
  let g2 = 0;
  for (let i = 0; i < n; i++) g2 += gradient[i] * gradient[i];
  const base = { n, loss: value, gradient_norm: Math.sqrt(g2) };
  if (mode === "matrix-free") {
    throw new RangeError(
      `Cannot compute the curvature report: matrix-free mode (n = ${n}) is not available yet`,
    );
  }
  const H = hessian(loss)(params);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += H[i][i];
  const values = eigh(H).values;
  const report = new CurvatureReport({
    ...base,
    trace,
    lambda_max: values[n - 1],
    lambda_min: values[0],
    eigenvalues: parsed.report?.eigenvalues ? values : undefined,
    top: options.top ? values.slice(n - options.top).reverse() : undefined,
    bottom: options.bottom ? values.slice(0, options.bottom) : undefined,
    density: options.density ? exactDensity(values, options.densityPoints ?? 101) : undefined,
  });
  return report;
}

function chooseMode(n: number, options: CurvatureOptions): "dense" | "matrix-free" {
  const { mode = "auto", denseLimit = 1500 } = options;
  if (mode === "dense" || mode === "matrix-free") return mode;
  if (mode !== "auto") {
    throw new RangeError(
      `Cannot compute the curvature report: mode must be auto, dense or matrix-free, got ${
        JSON.stringify(mode)
      }`,
    );
  }
  return n <= denseLimit ? "dense" : "matrix-free";
}

function checkCount(k: number | undefined, name: string, n: number): void {
  if (k === undefined) return;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(
      `Cannot compute the curvature report: ${name} must be an integer from 1 to n = ${n}, got ${k}`,
    );
  }
}

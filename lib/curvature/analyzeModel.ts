/**
 * The model curvature report (`analyzeModel`, the model counterpart of
 * `analyzeExpression`): loss, gradient norm, and the Hessian's trace and
 * extreme eigenvalues (optionally all of them) for a model spec, dense or
 * matrix-free.
 *
 * @module
 */
import { valueAndGrad } from "../autodiff/grad.ts";
import { hessian } from "../autodiff/hessian.ts";
import { hessianOperator } from "../autodiff/hessianOperator.ts";
import { eigh } from "../linalg/eigh.ts";
import { modelFromSpec, parseModelSpec } from "../nn/spec.ts";
import { hutchinson } from "../spectra/hutchinson.ts";
import { lanczos } from "../spectra/lanczos.ts";
import { slqDensity } from "../spectra/slqDensity.ts";
import { CurvatureReport, type CurvatureReportFields } from "./CurvatureReport.ts";
import { exactDensity } from "./exactDensity.ts";

/** Options for {@linkcode analyzeModel}. */
export interface CurvatureOptions {
  /**
   * "dense" forms H (n HVPs, batched) and takes its full eigendecomposition;
   * "matrix-free" never forms H and uses Lanczos and Hutchinson on
   * Hessian-vector products. "auto" (default) is dense when n ≤ `denseLimit`.
   */
  mode?: "auto" | "dense" | "matrix-free";
  /** Largest n for which "auto" goes dense. Default 1500. */
  denseLimit?: number;
  /** Also report the K largest eigenvalues (descending). */
  top?: number;
  /** Also report the K smallest eigenvalues (ascending). */
  bottom?: number;
  /**
   * Also report a Hutchinson trace estimate (`trace_estimate`, `trace_stderr`,
   * `trace_samples`) next to the exact dense trace. In matrix-free mode the
   * trace is always this estimate. Default false.
   */
  trace?: boolean;
  /** Hessian-vector products (Rademacher probes) for the Hutchinson trace estimate. Default 100. */
  samples?: number;
  /**
   * Also report the spectral density on a grid: from the exact eigenvalues
   * (dense) or by stochastic Lanczos quadrature (matrix-free). Default false.
   */
  density?: boolean;
  /** Seed of every stochastic part (Lanczos start, probes). Default 0. */
  seed?: number;
  /** Lanczos tolerance on the Ritz residuals relative to ‖H‖ (matrix-free). Default 1e-10. */
  tol?: number;
}

const WHAT = "compute the curvature report";

/**
 * Compute the curvature report of a model spec (raw JSON value or JSON text,
 * validated by `parseModelSpec`): `{n, loss, gradient_norm, trace,
 * lambda_max, lambda_min}` plus `eigenvalues` (ascending) when
 * `report.eigenvalues` is true, plus the fields the options ask for.
 *
 * **Dense** (n ≤ 1500 by default): the exact Hessian (forward-over-reverse,
 * batched unit vectors, symmetrized); trace = Σ Hᵢᵢ; eigenvalues from `eigh`.
 *
 * **Matrix-free** (larger n, or `mode: "matrix-free"`): `method:
 * "matrix-free"`; λmax and λmin by Lanczos with full reorthogonalization on
 * the Hessian operator (converged to `tol`·‖H‖); the trace is a Hutchinson
 * estimate with its standard error (`trace_stderr`, `trace_samples`).
 * Hutchinson rather than Hutch++, because its standard error is
 * unconditional: Hutch++'s is conditional on its sketch and can badly
 * undercover when the spectrum does not decay (on examples/specs/large.json,
 * exact trace 69.8, one Hutch++ run with 99 products gave 48.9 ± 5.4);
 * `hvps` counts every Hessian-vector product. All eigenvalues need the dense
 * path, so `report.eigenvalues` is an error there. Lanczos warnings (e.g. no
 * convergence within its step limit) are passed on in `warnings`.
 *
 * Bad input throws `Cannot read spec: <field>: …` or `Cannot compute the
 * curvature report: …`.
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
export function analyzeModel(spec: unknown, options: CurvatureOptions = {}): CurvatureReport {
  const parsed = parseModelSpec(spec);
  const { mlp, params, loss } = modelFromSpec(parsed);
  const n = mlp.size;
  const mode = chooseMode(n, options);
  const top = count(options.top, "top", n), bottom = count(options.bottom, "bottom", n);
  const samples = options.samples ?? 100;
  if (!Number.isInteger(samples) || samples < 3) {
    throw new RangeError(`Cannot ${WHAT}: samples must be an integer ≥ 3, got ${samples}`);
  }
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) {
    throw new RangeError(`Cannot ${WHAT}: seed must be an integer, got ${seed}`);
  }
  const stochastic = options.trace || mode === "matrix-free" || options.density;
  const { value, gradient } = valueAndGrad(loss)(params);
  let g2 = 0;
  for (let i = 0; i < n; i++) g2 += gradient[i] * gradient[i];
  const fields: CurvatureReportFields = {
    n,
    loss: value,
    gradient_norm: Math.sqrt(g2),
    trace: NaN,
    lambda_max: NaN,
    lambda_min: NaN,
  };

  if (mode === "dense") {
    const H = hessian(loss)(params);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += H[i][i];
    const values = eigh(H).values;
    Object.assign(fields, {
      trace,
      lambda_max: values[n - 1],
      lambda_min: values[0],
      eigenvalues: parsed.report?.eigenvalues ? values : undefined,
      top: top ? values.slice(n - top).reverse() : undefined,
      bottom: bottom ? values.slice(0, bottom) : undefined,
    });
    if (options.trace) {
      const est = hutchinson(H, { samples, seed });
      Object.assign(fields, {
        trace_estimate: est.estimate,
        trace_stderr: est.standardError,
        trace_samples: est.matvecs,
      });
    }
    if (options.density) fields.density = exactDensity(values);
  } else {
    if (parsed.report?.eigenvalues) {
      throw new RangeError(
        `Cannot ${WHAT}: report.eigenvalues needs the dense Hessian, but n = ${n} is computed ` +
          "matrix-free (use --dense, or set report.eigenvalues to false)",
      );
    }
    const H = hessianOperator(loss, params);
    const lz = lanczos(H, {
      top: Math.max(1, top),
      bottom: Math.max(1, bottom),
      seed,
      tol: options.tol,
    });
    const est = hutchinson(H, { samples, seed });
    Object.assign(fields, {
      trace: est.estimate,
      lambda_max: lz.top.values[0],
      lambda_min: lz.bottom.values[0],
      method: "matrix-free",
      top: top ? lz.top.values.slice(0, top) : undefined,
      bottom: bottom ? lz.bottom.values.slice(0, bottom) : undefined,
      trace_stderr: est.standardError,
      trace_samples: est.matvecs,
    });
    if (options.density) {
      const d = slqDensity(H, { seed });
      fields.density = {
        grid: d.grid,
        values: d.density,
        sigma: d.sigma,
        method: "stochastic Lanczos quadrature",
      };
    }
    const warnings = [...lz.warnings];
    if (!lz.converged) {
      warnings.push(`Lanczos stopped after ${lz.steps} steps without reaching tol`);
    }
    fields.hvps = H.count;
    if (warnings.length) fields.warnings = warnings;
  }
  if (stochastic) fields.seed = seed;
  return new CurvatureReport(fields);
}

function chooseMode(n: number, options: CurvatureOptions): "dense" | "matrix-free" {
  const { mode = "auto", denseLimit = 1500 } = options;
  if (mode === "dense" || mode === "matrix-free") return mode;
  if (mode !== "auto") {
    throw new RangeError(
      `Cannot ${WHAT}: mode must be auto, dense or matrix-free, got ${JSON.stringify(mode)}`,
    );
  }
  return n <= denseLimit ? "dense" : "matrix-free";
}

function count(k: number | undefined, name: string, n: number): number {
  if (k === undefined) return 0;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`Cannot ${WHAT}: ${name} must be an integer from 1 to n = ${n}, got ${k}`);
  }
  return k;
}

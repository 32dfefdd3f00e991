/**
 * The model curvature report (`analyzeModel`, the model counterpart of
 * `analyzeExpression`): loss, gradient norm, and the Hessian's trace and
 * extreme eigenvalues (optionally all of them) for a model spec, exact
 * wherever that is affordable.
 *
 * @module
 */
import { valueAndGrad } from "../autodiff/grad.ts";
import { hessian } from "../autodiff/hessian.ts";
import { type HessianOperator, hessianOperator } from "../autodiff/hessianOperator.ts";
import { eigh } from "../linalg/eigh.ts";
import { modelFromSpec } from "../nn/spec.ts";
import { hutchinson } from "../spectra/hutchinson.ts";
import { lanczos } from "../spectra/lanczos.ts";
import { slqDensity } from "../spectra/slqDensity.ts";
import { formatBytes, formatSeconds } from "./_format.ts";
import { CurvatureReport, type CurvatureReportFields } from "./CurvatureReport.ts";
import { exactDensity } from "./exactDensity.ts";
import { type CurvatureOptions, type CurvaturePlan, planCurvature } from "./planCurvature.ts";

/** Unit vectors per batched pass of the exact matrix-free trace. */
const TRACE_BATCH = 32;

/** The largest Lanczos basis: steps beyond this are refused rather than run. */
const MAX_LANCZOS_STEPS = 1000;

/**
 * Compute the curvature report of a model spec (raw JSON value or JSON text,
 * validated by `parseModelSpec`): `{n, loss, gradient_norm, method, trace,
 * trace_method, lambda_max, lambda_min, lambda_method, …}` plus
 * `eigenvalues` (ascending) when `report.eigenvalues` is true, plus the
 * fields the options ask for. How each number is computed is decided first
 * by {@linkcode planCurvature}, from the estimated cost (see
 * `estimateCost`), and the report says which method gave it:
 *
 * - **dense** (`method: "dense"`): the exact Hessian (forward-over-reverse,
 *   batched unit vectors, symmetrized); `trace_method: "exact"`, Σ Hᵢᵢ;
 *   eigenvalues from `eigh` (`lambda_method: "eigendecomposition"`).
 * - **matrix-free** (`method: "matrix-free"`): H is never formed. The trace
 *   is exact (`trace_method: "exact"`, Σᵢ eᵢᵀHeᵢ from n batched unit-vector
 *   products) when those are estimated within `budget` seconds, else a
 *   Hutchinson estimate (`trace_method: "hutchinson"`, with `trace_stderr`
 *   and `trace_samples`). Hutchinson rather than Hutch++, because its
 *   standard error is unconditional: Hutch++'s is conditional on its sketch
 *   and can badly undercover when the spectrum does not decay (on
 *   examples/specs/large.json, exact trace 69.8, one Hutch++ run with 99
 *   products gave 48.9 ± 5.4). λmax, λmin, `top` and `bottom` come from
 *   Lanczos with full reorthogonalization (`lambda_method: "lanczos"`), and
 *   every one of them meets the tolerance: its Ritz residual is at most
 *   `lambda_tol`·‖H‖ (‖H‖ estimated by the largest |Ritz value|), so an
 *   eigenvalue of H lies within `lambda_error_bound` (the largest residual)
 *   of each; `converged: true` and `lanczos_steps` say so. The Krylov
 *   dimension grows with the number of values asked for (up to 1000). If
 *   Lanczos still cannot resolve them, the report falls back to the dense
 *   path when that is affordable (in "auto" mode), and otherwise throws,
 *   saying how many it resolved and what to do. `hvps` counts every
 *   Hessian-vector product.
 *
 * Bad input throws `Cannot read spec: <field>: …` (the spec) or
 * `Cannot compute the curvature report: …`, a `CurvatureOptionError` when
 * an option is at fault.
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
 * if (r.method !== "dense" || r.trace_method !== "exact") throw new Error(JSON.stringify(r));
 * ```
 */
export function analyzeModel(spec: unknown, options: CurvatureOptions = {}): CurvatureReport {
  return analyzePlan(planCurvature(spec, options));
}

/** Compute the report that a {@linkcode planCurvature} plan describes. */
function analyzePlan(plan: CurvaturePlan): CurvatureReport {
  const { mlp, params, loss } = modelFromSpec(plan.spec);
  const n = mlp.size;
  const { top, bottom, seed } = plan.options;
  const { value, gradient } = valueAndGrad(loss)(params);
  let g2 = 0;
  for (let i = 0; i < n; i++) g2 += gradient[i] * gradient[i];
  const fields: CurvatureReportFields = {
    n,
    loss: value,
    gradient_norm: Math.sqrt(g2),
    method: plan.mode,
    trace: NaN,
    trace_method: plan.trace,
    lambda_max: NaN,
    lambda_min: NaN,
    lambda_method: "eigendecomposition",
  };
  let stochastic = plan.trace === "hutchinson" || plan.options.density;

  if (plan.mode === "dense") {
    denseFields(fields, plan, hessian(loss)(params));
  } else {
    stochastic = true; // the Lanczos start vector
    const H = hessianOperator(loss, params);
    if (plan.trace === "exact") fields.trace = exactTrace(H);
    else trace(fields, H, plan);
    const lz = extremes(H, plan);
    if (lz === null) {
      // Lanczos could not resolve what was asked; the dense path is affordable.
      fields.method = "dense";
      const hvps = H.count;
      denseFields(fields, plan, hessian(loss)(params));
      fields.hvps = hvps + n;
      fields.warnings = [
        `Lanczos could not resolve ${describeAsk(top, bottom)} within ${
          lanczosSteps(n, Math.max(1, top), Math.max(1, bottom))
        } steps, so the Hessian was formed and diagonalized instead`,
      ];
    } else {
      Object.assign(fields, lz);
      if (plan.options.density) {
        const d = slqDensity(H, { seed });
        fields.density = {
          grid: d.grid,
          values: d.density,
          sigma: d.sigma,
          method: "stochastic Lanczos quadrature",
        };
      }
      fields.hvps = H.count;
    }
  }
  if (stochastic) fields.seed = seed;
  return new CurvatureReport(fields);
}

/** Fill the fields of the dense path from the formed Hessian. */
function denseFields(fields: CurvatureReportFields, plan: CurvaturePlan, H: Float64Array[]): void {
  const n = H.length;
  const { top, bottom } = plan.options;
  const values = eigh(H).values;
  Object.assign(fields, {
    lambda_max: values[n - 1],
    lambda_min: values[0],
    lambda_method: "eigendecomposition",
    eigenvalues: plan.spec.report?.eigenvalues ? values : undefined,
    top: top ? values.slice(n - top).reverse() : undefined,
    bottom: bottom ? values.slice(0, bottom) : undefined,
  });
  if (plan.trace === "exact") {
    let t = 0;
    for (let i = 0; i < n; i++) t += H[i][i];
    fields.trace = t;
  } else trace(fields, H, plan);
  if (plan.options.density) fields.density = exactDensity(values);
}

/** A Hutchinson trace estimate into `fields`. */
function trace(
  fields: CurvatureReportFields,
  H: Float64Array[] | HessianOperator,
  plan: CurvaturePlan,
): void {
  const est = hutchinson(H, { samples: plan.options.samples, seed: plan.options.seed });
  fields.trace = est.estimate;
  fields.trace_stderr = est.standardError;
  fields.trace_samples = est.matvecs;
}

/**
 * The exact trace Σᵢ eᵢᵀHeᵢ from n unit-vector products in batches of
 * {@linkcode TRACE_BATCH}, never holding more than one batch of columns.
 */
function exactTrace(H: HessianOperator): number {
  const n = H.size;
  let t = 0;
  for (let start = 0; start < n; start += TRACE_BATCH) {
    const k = Math.min(TRACE_BATCH, n - start);
    const units = Array.from({ length: k }, (_, j) => {
      const e = new Float64Array(n);
      e[start + j] = 1;
      return e;
    });
    const cols = H.applyBatch(units);
    for (let j = 0; j < k; j++) t += cols[j][start + j];
  }
  return t;
}

/** The Krylov dimension allowed for `top` and `bottom` values. */
function lanczosSteps(n: number, top: number, bottom: number): number {
  return Math.min(n, MAX_LANCZOS_STEPS, Math.max(300, 100 + 4 * (top + bottom)));
}

function describeAsk(top: number, bottom: number): string {
  const parts = [
    top ? `the ${top} largest` : "",
    bottom ? `the ${bottom} smallest` : "",
  ].filter(Boolean);
  return parts.length ? `${parts.join(" and ")} eigenvalues` : "λmax and λmin";
}

/**
 * λmax, λmin, top and bottom by Lanczos, each to the tolerance; `null` when
 * they cannot be resolved but the dense path is affordable (auto mode);
 * throws when neither works.
 */
function extremes(H: HessianOperator, plan: CurvaturePlan): Partial<CurvatureReportFields> | null {
  const n = plan.n;
  const { top, bottom, seed, tol } = plan.options;
  const kTop = Math.max(1, top), kBottom = Math.max(1, bottom);
  const maxSteps = lanczosSteps(n, kTop, kBottom);
  const lz = lanczos(H, { top: kTop, bottom: kBottom, seed, tol, maxSteps });
  const ritz = lz.ritzValues;
  const scale = Math.max(Math.abs(ritz[0]), Math.abs(ritz[ritz.length - 1]));
  const resolved = (res: number[]) => {
    let k = 0;
    while (k < res.length && res[k] <= tol * scale) k++;
    return k;
  };
  const goodTop = resolved(lz.top.residuals), goodBottom = resolved(lz.bottom.residuals);
  if (!lz.converged || goodTop < kTop || goodBottom < kBottom) {
    if (plan.denseAffordable && plan.requestedMode === "auto") return null;
    throw new Error(unresolvedMessage(plan, lz.steps, goodTop, goodBottom, [
      ...lz.top.residuals,
      ...lz.bottom.residuals,
    ], scale));
  }
  const bound = Math.max(...lz.top.residuals, ...lz.bottom.residuals);
  return {
    lambda_max: lz.top.values[0],
    lambda_min: lz.bottom.values[0],
    lambda_method: "lanczos",
    lambda_tol: tol,
    lambda_error_bound: bound,
    lanczos_steps: lz.steps,
    converged: true,
    top: top ? lz.top.values.slice(0, top) : undefined,
    bottom: bottom ? lz.bottom.values.slice(0, bottom) : undefined,
    warnings: lz.warnings.length ? lz.warnings : undefined,
  };
}

const metIt = (k: number) => (k === 0 ? "none met it" : `only the first ${k} met it`);

function unresolvedMessage(
  plan: CurvaturePlan,
  steps: number,
  goodTop: number,
  goodBottom: number,
  residuals: number[],
  scale: number,
): string {
  const { top, bottom, tol } = plan.options;
  const kTop = Math.max(1, top), kBottom = Math.max(1, bottom);
  const missed: string[] = [];
  const fixes: string[] = [];
  if (goodTop < kTop) {
    missed.push(top ? `the ${top} largest eigenvalues (${metIt(goodTop)})` : "λmax");
  }
  if (goodBottom < kBottom) {
    missed.push(
      bottom ? `the ${bottom} smallest eigenvalues (${metIt(goodBottom)})` : "λmin",
    );
  }
  // Fewer values: only when every side keeps at least one value (λmax and λmin are always
  // computed) and the smaller request still gets this run's Krylov dimension, so the same
  // run resolves it.
  const newTop = Math.min(top, goodTop), newBottom = Math.min(bottom, goodBottom);
  if (
    goodTop > 0 && goodBottom > 0 &&
    lanczosSteps(plan.n, Math.max(1, newTop), Math.max(1, newBottom)) >= steps
  ) {
    const asks = [
      newTop < top ? `--top ${newTop}` : "",
      newBottom < bottom ? `--bottom ${newBottom}` : "",
    ].filter(Boolean);
    if (asks.length) fixes.push(`ask for ${asks.join(" and ")}`);
  }
  // The tolerance this run did meet, rounded up to two digits: the same run meets it.
  const met = Math.max(...residuals) / (scale || 1);
  const digits = 10 ** (Math.floor(Math.log10(met)) - 1);
  const loose = Number((Math.ceil(met / digits) * digits).toPrecision(2));
  if (loose > 0 && loose < 1) fixes.push(`loosen the tolerance to --tol ${loose} (option tol)`);
  const c = plan.cost;
  if (plan.denseFits) {
    fixes.push(
      `use --dense (mode "dense": about ${formatSeconds(c.denseSeconds)} and ${
        formatBytes(c.denseBytes)
      })`,
    );
  }
  return `Cannot compute the curvature report: Lanczos could not resolve ${
    missed.join(" and ")
  } to the tolerance (Ritz residual ≤ ${tol}·‖H‖) within ${steps} steps for n = ${plan.n}; ${
    fixes.join(", or ")
  }`;
}

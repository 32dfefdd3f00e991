/**
 * The JSON report of `deno task curvature`, as an object that also displays
 * richly in notebooks.
 *
 * @module
 */

/** A spectral density on a grid (Gaussian-broadened). */
export interface DensityReport {
  /** Grid points t. */
  grid: number[];
  /** Density values at the grid points; they integrate to 1. */
  values: number[];
  /** The Gaussian broadening width. */
  sigma: number;
  /** How it was computed: from exact eigenvalues, or by stochastic Lanczos quadrature. */
  method: string;
}

/** The fields of a {@linkcode CurvatureReport}, in the order of the JSON report. */
export interface CurvatureReportFields {
  /** Number of parameters. */
  n: number;
  /** The loss at the spec's parameters. */
  loss: number;
  /** ‖∇loss‖₂. */
  gradient_norm: number;
  /** "dense" when H was formed and diagonalized, "matrix-free" when it never was. */
  method: "dense" | "matrix-free";
  /** tr H. */
  trace: number;
  /** How `trace` was computed: exactly (Σ Hᵢᵢ) or by Hutchinson's estimator. */
  trace_method: "exact" | "hutchinson";
  /** The standard error of a Hutchinson `trace`. */
  trace_stderr?: number;
  /** The probes (Hessian-vector products) behind a Hutchinson `trace`. */
  trace_samples?: number;
  /** The largest eigenvalue of H. */
  lambda_max: number;
  /** The smallest eigenvalue of H. */
  lambda_min: number;
  /** How the eigenvalues were computed: dense eigendecomposition or Lanczos. */
  lambda_method: "eigendecomposition" | "lanczos";
  /** Lanczos: the relative tolerance every reported eigenvalue met (residual ≤ tol·‖H‖). */
  lambda_tol?: number;
  /** Lanczos: the largest Ritz residual ‖Hy − θy‖; each value is within it of an eigenvalue. */
  lambda_error_bound?: number;
  /** Lanczos: the Krylov dimension used. */
  lanczos_steps?: number;
  /** Lanczos: every requested eigenvalue met the tolerance (always true when present). */
  converged?: boolean;
  /** All eigenvalues, ascending (when `report.eigenvalues` is true). */
  eigenvalues?: number[];
  /** The K largest eigenvalues, descending (`--top K`). */
  top?: number[];
  /** The K smallest eigenvalues, ascending (`--bottom K`). */
  bottom?: number[];
  /** The spectral density (`--density`). */
  density?: DensityReport;
  /** Hessian-vector products used in total (matrix-free). */
  hvps?: number;
  /** The seed of the stochastic parts (Lanczos start, probes). */
  seed?: number;
  /** Warnings (e.g. a fallback to the dense path). */
  warnings?: string[];
}

const ORDER: (keyof CurvatureReportFields)[] = [
  "n",
  "loss",
  "gradient_norm",
  "method",
  "trace",
  "trace_method",
  "trace_stderr",
  "trace_samples",
  "lambda_max",
  "lambda_min",
  "lambda_method",
  "lambda_tol",
  "lambda_error_bound",
  "lanczos_steps",
  "converged",
  "eigenvalues",
  "top",
  "bottom",
  "density",
  "hvps",
  "seed",
  "warnings",
];

/**
 * The fields of the report: exactly {@linkcode CurvatureReportFields} (this
 * interface merges with the class, so the field list and its docs live in
 * one place).
 */
export interface CurvatureReport extends CurvatureReportFields {}

/**
 * The curvature report. Its own enumerable fields are exactly the JSON
 * report (`JSON.stringify(report)`), in contract order; in a notebook it
 * displays as a table with the spectrum summarized.
 *
 * @example
 * ```ts
 * import { CurvatureReport } from "./CurvatureReport.ts";
 * const r = new CurvatureReport({
 *   n: 2, loss: 0, gradient_norm: 0, method: "dense", trace: 0, trace_method: "exact",
 *   lambda_max: 2, lambda_min: -2, lambda_method: "eigendecomposition",
 * });
 * const keys = Object.keys(JSON.parse(JSON.stringify(r)));
 * if (keys.join() !== "n,loss,gradient_norm,method,trace,trace_method,lambda_max,lambda_min,lambda_method") {
 *   throw new Error(keys.join());
 * }
 * ```
 */
export class CurvatureReport {
  /** Copy the fields that are present, in contract order. */
  constructor(fields: CurvatureReportFields) {
    for (const key of ORDER) {
      if (fields[key] !== undefined) {
        (this as Record<string, unknown>)[key] = fields[key];
      } else delete (this as Record<string, unknown>)[key];
    }
  }

  /** Notebook display: a Markdown table of the scalar fields and a spectrum summary. */
  [Symbol.for("Jupyter.display")](): Record<string, string> {
    const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(6));
    const list = (xs: number[], max = 8) =>
      xs.slice(0, max).map(fmt).join(", ") + (xs.length > max ? `, … (${xs.length} in all)` : "");
    const rows: [string, string][] = [
      ["parameters $n$", String(this.n)],
      ["loss", fmt(this.loss)],
      ["$\\lVert\\nabla L\\rVert_2$", fmt(this.gradient_norm)],
      ["$\\operatorname{tr} H$", fmt(this.trace)],
      ["$\\lambda_{\\max}$", fmt(this.lambda_max)],
      ["$\\lambda_{\\min}$", fmt(this.lambda_min)],
    ];
    if (this.lambda_min !== 0) {
      rows.push([
        "$\\lvert\\lambda_{\\max}/\\lambda_{\\min}\\rvert$",
        fmt(Math.abs(this.lambda_max / this.lambda_min)),
      ]);
    }
    rows.push(["method", this.method]);
    rows[3] = [
      rows[3][0],
      this.trace_method === "hutchinson"
        ? `${fmt(this.trace)} ± ${
          fmt(this.trace_stderr ?? NaN)
        } (Hutchinson, ${this.trace_samples} probes)`
        : `${fmt(this.trace)} (exact)`,
    ];
    if (this.lambda_method === "lanczos") {
      rows.push([
        "eigenvalues by",
        `Lanczos, ${this.lanczos_steps} steps, error ≤ ${fmt(this.lambda_error_bound ?? NaN)}`,
      ]);
    }
    if (this.hvps !== undefined) rows.push(["Hessian-vector products", String(this.hvps)]);
    if (this.warnings) rows.push(["warnings", this.warnings.join("; ")]);
    if (this.top) rows.push([`top ${this.top.length}`, list(this.top)]);
    if (this.bottom) rows.push([`bottom ${this.bottom.length}`, list(this.bottom)]);
    if (this.eigenvalues) {
      const neg = this.eigenvalues.filter((v) => v < 0).length;
      rows.push(["eigenvalues", list(this.eigenvalues)]);
      rows.push(["negative eigenvalues", `${neg} of ${this.eigenvalues.length}`]);
    }
    const md = ["| quantity | value |", "|---|---|", ...rows.map(([k, v]) => `| ${k} | ${v} |`)]
      .join("\n");
    return { "text/markdown": md, "text/plain": JSON.stringify(this, null, 2) };
  }
}

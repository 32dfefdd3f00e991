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

/** The fields of a {@linkcode CurvatureReport}. */
export interface CurvatureReportFields {
  /** Number of parameters. */
  n: number;
  /** The loss at the spec's parameters. */
  loss: number;
  /** ‖∇loss‖₂. */
  gradient_norm: number;
  /** tr H (exact when dense; a Hutchinson estimate when matrix-free). */
  trace: number;
  /** The largest eigenvalue of H. */
  lambda_max: number;
  /** The smallest eigenvalue of H. */
  lambda_min: number;
  /** All eigenvalues, ascending (when `report.eigenvalues` is true). */
  eigenvalues?: number[];
  /** "matrix-free" when H was never formed (absent for the dense default). */
  method?: string;
  /** The K largest eigenvalues, descending (`--top K`). */
  top?: number[];
  /** The K smallest eigenvalues, ascending (`--bottom K`). */
  bottom?: number[];
  /** A stochastic (Hutchinson) trace estimate (`--trace`). */
  trace_estimate?: number;
  /** Its standard error. */
  trace_stderr?: number;
  /** Hessian-vector products the estimate used. */
  trace_samples?: number;
  /** The spectral density (`--density`). */
  density?: DensityReport;
  /** Hessian-vector products used in total (matrix-free). */
  hvps?: number;
  /** The seed of the stochastic parts. */
  seed?: number;
  /** Warnings from the iterative methods (matrix-free). */
  warnings?: string[];
}

/**
 * The curvature report. Its own enumerable fields are exactly the JSON
 * report (`JSON.stringify(report)`), in contract order; in a notebook it
 * displays as a table with the spectrum summarized.
 *
 * @example
 * ```ts
 * import { CurvatureReport } from "./CurvatureReport.ts";
 * const r = new CurvatureReport({
 *   n: 2, loss: 0, gradient_norm: 0, trace: 0, lambda_max: 2, lambda_min: -2,
 * });
 * if (JSON.stringify(r) !== '{"n":2,"loss":0,"gradient_norm":0,"trace":0,"lambda_max":2,"lambda_min":-2}') {
 *   throw new Error(JSON.stringify(r));
 * }
 * ```
 */
export class CurvatureReport implements CurvatureReportFields {
  /** Number of parameters. */
  n!: number;
  /** The loss. */
  loss!: number;
  /** ‖∇loss‖₂. */
  gradient_norm!: number;
  /** tr H. */
  trace!: number;
  /** λmax. */
  lambda_max!: number;
  /** λmin. */
  lambda_min!: number;
  /** All eigenvalues, ascending, when requested. */
  eigenvalues?: number[];
  /** "matrix-free" when H was never formed. */
  method?: string;
  /** The K largest eigenvalues, descending. */
  top?: number[];
  /** The K smallest eigenvalues, ascending. */
  bottom?: number[];
  /** A stochastic trace estimate. */
  trace_estimate?: number;
  /** Its standard error. */
  trace_stderr?: number;
  /** HVPs behind the trace estimate. */
  trace_samples?: number;
  /** The spectral density. */
  density?: DensityReport;
  /** HVPs used in total. */
  hvps?: number;
  /** Seed of the stochastic parts. */
  seed?: number;
  /** Warnings from the iterative methods. */
  warnings?: string[];

  /** Copy the fields that are present, in contract order. */
  constructor(fields: CurvatureReportFields) {
    const order: (keyof CurvatureReportFields)[] = [
      "n",
      "loss",
      "gradient_norm",
      "trace",
      "lambda_max",
      "lambda_min",
      "eigenvalues",
      "method",
      "top",
      "bottom",
      "trace_estimate",
      "trace_stderr",
      "trace_samples",
      "density",
      "hvps",
      "seed",
      "warnings",
    ];
    for (const key of order) {
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
    if (this.method) rows.push(["method", this.method]);
    if (this.trace_stderr !== undefined && this.trace_estimate === undefined) {
      rows[3] = [rows[3][0], `${fmt(this.trace)} ± ${fmt(this.trace_stderr)} (Hutchinson)`];
    }
    if (this.hvps !== undefined) rows.push(["Hessian-vector products", String(this.hvps)]);
    if (this.warnings) rows.push(["warnings", this.warnings.join("; ")]);
    if (this.top) rows.push([`top ${this.top.length}`, list(this.top)]);
    if (this.bottom) rows.push([`bottom ${this.bottom.length}`, list(this.bottom)]);
    if (this.trace_estimate !== undefined) {
      rows.push([
        "trace estimate",
        `${fmt(this.trace_estimate)} ± ${
          fmt(this.trace_stderr ?? NaN)
        } (${this.trace_samples} HVPs)`,
      ]);
    }
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

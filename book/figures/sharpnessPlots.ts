/**
 * The Observable Plot options of the sharpness figures: λmax against the
 * step with the stability thresholds, and the loss alongside. Plot only (no
 * DOM and no `figure()`), so the same drawing serves the chapter's static
 * figures (`./sharpnessFigures.ts`) and the edge-of-stability lab in the
 * browser (`../explorables/edgeOfStabilityLab.ts`).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { SharpnessTrace } from "../../lib/optim/trackSharpness.ts";

/** The colours of the runs, in order. */
export const RUN_COLORS = ["#e45756", "#4c78a8", "#54a24b", "#b279a2", "#f58518"];

/** One run to draw, with its legend label. */
export interface LabelledTrace {
  /** The legend label, e.g. "η = 0.1". */
  label: string;
  /** The recorded run (a run in progress may have recorded fewer steps). */
  trace: SharpnessTrace;
  /** The line colour. Default: the next of {@linkcode RUN_COLORS}. */
  color?: string;
}

/** Options of {@linkcode sharpnessPlot}. */
export interface SharpnessPlotOptions {
  /** The end of the step axis. Default: the longest run's steps (a lab passes its total). */
  steps?: number;
  /** A dot at each run's latest measurement (a run in progress). Default false. */
  latest?: boolean;
}

/**
 * `Plot.plot` options of λmax against the step, one line per run, each with
 * a dashed rule at its threshold (2 + 2β)/η labelled at the right edge.
 *
 * @example
 * ```ts
 * import { sharpnessPlot } from "./sharpnessPlots.ts";
 * import { quadraticObjective, trackSharpness } from "../../lib/mod.ts";
 * const trace = trackSharpness(quadraticObjective([[4, 0], [0, 1]]), [1, 1], { lr: 0.1, steps: 10, every: 5 });
 * const spec = sharpnessPlot([{ label: "η = 0.1", trace }]);
 * if ((spec.x as { domain: number[] }).domain[1] !== 10) throw new Error();
 * ```
 */
export function sharpnessPlot(
  runs: LabelledTrace[],
  options: SharpnessPlotOptions = {},
): Record<string, unknown> {
  const rows = runs.flatMap((r) =>
    r.trace.sharpnessSteps.map((t, i) => ({ t, s: r.trace.sharpness[i], run: r.label }))
  );
  const rules = runs.map((r) => ({
    value: r.trace.threshold,
    text: thresholdText(r.trace),
    run: r.label,
  }));
  const steps = options.steps ?? Math.max(...runs.map((r) => r.trace.steps));
  return {
    width: 680,
    height: 360,
    marginRight: 90,
    x: { label: "step t", domain: [0, steps] },
    y: { label: "sharpness λmax(H(x_t))", grid: true, zero: true },
    color: {
      legend: true,
      domain: runs.map((r) => r.label),
      range: runColors(runs),
    },
    marks: [
      Plot.ruleY(rules, { y: "value", stroke: "run", strokeDasharray: "5,4", strokeOpacity: 0.8 }),
      Plot.text(rules, {
        x: steps,
        y: "value",
        text: "text",
        fill: "run",
        dx: 6,
        textAnchor: "start",
      }),
      Plot.line(rows, { x: "t", y: "s", stroke: "run", strokeWidth: 1.5 }),
      ...(options.latest
        ? [Plot.dot(lastOfEach(rows), { x: "t", y: "s", fill: "run", r: 3 })]
        : []),
    ],
  };
}

/** The last row of each run (rows are grouped by run, in step order). */
function lastOfEach<T extends { run: string }>(rows: T[]): T[] {
  return rows.filter((r, i) => rows[i + 1]?.run !== r.run);
}

/** The colours of the runs: their own, else {@linkcode RUN_COLORS} in turn. */
function runColors(runs: LabelledTrace[]): string[] {
  return runs.map((r, i) => r.color ?? RUN_COLORS[i % RUN_COLORS.length]);
}

function thresholdText(t: SharpnessTrace): string {
  return t.momentum === 0 ? `2/η = ${round(t.threshold)}` : `(2+2β)/η = ${round(t.threshold)}`;
}

function round(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

/** Options of {@linkcode lossPlot}. */
export interface LossPlotOptions {
  /** Draw every k-th step. Default 10. */
  every?: number;
  /** The first step drawn. Default 0. */
  from?: number;
  /** The last step drawn. Default: the end of the run. */
  to?: number;
  /** A dot at each drawn step. Default false. */
  markers?: boolean;
  /** The end of the step axis. Default: fitted to the data. */
  steps?: number;
  /** The loss axis's extent [lo, hi] (both > 0). Default: fitted to the data. */
  lossDomain?: [number, number];
  /** A dot at each run's last drawn step (a run in progress). Default false. */
  latest?: boolean;
}

/**
 * `Plot.plot` options of the loss against the step on a log scale, one line
 * per run, drawn every `every` steps (and at the last step) between `from`
 * and `to`. Non-finite losses (a diverged run's last entry) are left out.
 *
 * @example
 * ```ts
 * import { lossPlot } from "./sharpnessPlots.ts";
 * import { quadraticObjective, trackSharpness } from "../../lib/mod.ts";
 * const trace = trackSharpness(quadraticObjective([[4, 0], [0, 1]]), [1, 1], { lr: 0.1, steps: 10 });
 * const spec = lossPlot([{ label: "η = 0.1", trace }], { every: 1 });
 * if ((spec.marks as unknown[]).length !== 1) throw new Error();
 * ```
 */
export function lossPlot(
  runs: LabelledTrace[],
  options: LossPlotOptions = {},
): Record<string, unknown> {
  const { every = 10, from = 0, to = Infinity, markers = false, steps, lossDomain } = options;
  const rows = runs.flatMap((r) =>
    Array.from(r.trace.loss).flatMap((loss, t) =>
      t >= from && t <= to && (t % every === 0 || t === r.trace.steps) &&
        Number.isFinite(loss)
        ? [{ t, loss, run: r.label }]
        : []
    )
  );
  return {
    width: 680,
    height: 300,
    x: { label: "step t", ...(steps === undefined ? {} : { domain: [0, steps] }) },
    y: {
      label: "training loss f(x_t)",
      type: "log",
      grid: true,
      tickFormat: "~g",
      ...(lossDomain ? { domain: lossDomain } : {}),
    },
    color: {
      legend: true,
      domain: runs.map((r) => r.label),
      range: runColors(runs),
    },
    marks: [
      Plot.line(rows, { x: "t", y: "loss", stroke: "run", strokeWidth: 1.2 }),
      ...(markers ? [Plot.dot(rows, { x: "t", y: "loss", fill: "run", r: 1.6 })] : []),
      ...(options.latest
        ? [Plot.dot(lastOfEach(rows), { x: "t", y: "loss", fill: "run", r: 3 })]
        : []),
    ],
  };
}

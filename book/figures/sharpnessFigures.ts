/**
 * Figures of sharpness traces: λmax against the step with the stability
 * thresholds, and the loss alongside. Plotting boilerplate kept out of the
 * chapter so that its cells show the experiment.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Figure, figure } from "../../lib/figure/figure.ts";
import type { SharpnessTrace } from "../../lib/optim/trackSharpness.ts";

/** The colours of the runs, in order. */
export const RUN_COLORS = ["#e45756", "#4c78a8", "#54a24b", "#b279a2", "#f58518"];

/** One run to draw, with its legend label. */
export interface LabelledTrace {
  /** The legend label, e.g. "η = 0.1". */
  label: string;
  /** The recorded run. */
  trace: SharpnessTrace;
  /** The line colour. Default: the next of {@linkcode RUN_COLORS}. */
  color?: string;
}

/** Caption and text alternative of a figure (both required by the book). */
export interface FigureText {
  /** The caption. */
  caption: string;
  /** The text alternative. */
  alt: string;
}

/**
 * λmax against the step, one line per run, each with a dashed rule at its
 * threshold (2 + 2β)/η labelled at the right edge.
 *
 * @example
 * ```ts
 * import { sharpnessFigure } from "./sharpnessFigures.ts";
 * import { quadraticObjective, trackSharpness } from "../../lib/mod.ts";
 * const trace = trackSharpness(quadraticObjective([[4, 0], [0, 1]]), [1, 1], { lr: 0.1, steps: 10, every: 5 });
 * const f = sharpnessFigure([{ label: "η = 0.1", trace }], { caption: "c", alt: "a" });
 * if (!f.svg.includes("<svg")) throw new Error();
 * ```
 */
export function sharpnessFigure(runs: LabelledTrace[], text: FigureText): Figure {
  const rows = runs.flatMap((r) =>
    r.trace.sharpnessSteps.map((t, i) => ({ t, s: r.trace.sharpness[i], run: r.label }))
  );
  const rules = runs.map((r) => ({
    value: r.trace.threshold,
    text: thresholdText(r.trace),
    run: r.label,
  }));
  const steps = Math.max(...runs.map((r) => r.trace.steps));
  return figure({
    width: 680,
    height: 360,
    marginRight: 90,
    x: { label: "step t", domain: [0, steps] },
    y: { label: "sharpness λmax(H(x_t))", grid: true, zero: true },
    color: {
      legend: true,
      domain: runs.map((r) => r.label),
      range: colors(runs),
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
    ],
    ...text,
  });
}

function colors(runs: LabelledTrace[]): string[] {
  return runs.map((r, i) => r.color ?? RUN_COLORS[i % RUN_COLORS.length]);
}

function thresholdText(t: SharpnessTrace): string {
  return t.momentum === 0 ? `2/η = ${round(t.threshold)}` : `(2+2β)/η = ${round(t.threshold)}`;
}

function round(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

/**
 * The loss against the step on a log scale, one line per run, drawn every
 * `every` steps (default 10) between `from` and `to` (default: the whole
 * run). With `every: 1` and a short window the step-to-step zigzag shows.
 *
 * @example
 * ```ts
 * import { lossFigure } from "./sharpnessFigures.ts";
 * import { quadraticObjective, trackSharpness } from "../../lib/mod.ts";
 * const trace = trackSharpness(quadraticObjective([[4, 0], [0, 1]]), [1, 1], { lr: 0.1, steps: 10 });
 * const f = lossFigure([{ label: "η = 0.1", trace }], { caption: "c", alt: "a", every: 1 });
 * if (!f.svg.includes("<svg")) throw new Error();
 * ```
 */
export function lossFigure(
  runs: LabelledTrace[],
  options: FigureText & { every?: number; from?: number; to?: number; markers?: boolean },
): Figure {
  const { every = 10, from = 0, to = Infinity, markers = false, ...text } = options;
  const rows = runs.flatMap((r) =>
    Array.from(r.trace.loss).flatMap((loss, t) =>
      t >= from && t <= to && (t % every === 0 || t === r.trace.steps)
        ? [{ t, loss, run: r.label }]
        : []
    )
  );
  return figure({
    width: 680,
    height: 300,
    x: { label: "step t" },
    y: { label: "training loss f(x_t)", type: "log", grid: true, tickFormat: "~g" },
    color: {
      legend: true,
      domain: runs.map((r) => r.label),
      range: colors(runs),
    },
    marks: [
      Plot.line(rows, { x: "t", y: "loss", stroke: "run", strokeWidth: 1.2 }),
      ...(markers ? [Plot.dot(rows, { x: "t", y: "loss", fill: "run", r: 1.6 })] : []),
    ],
    ...text,
  });
}

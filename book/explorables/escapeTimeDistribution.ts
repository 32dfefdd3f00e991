/**
 * Chapter 3's escape-time lab, the book's demonstration of a long, chunked
 * computation: many seeded runs of perturbed gradient descent on x² − y² from
 * (0.9, 0), done one run per unit so the page can do them in slices with a
 * progress bar, Start, Pause and Reset. It shows the histogram of escape
 * steps and the measured quartiles against `predictedEscapeTime`.
 *
 * Run k uses seed k + 1, so the result after n runs is that of
 * `escapeTimeSweep` with `firstSeed: 1, seeds: n`, however the runs were
 * sliced.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { explorable } from "../../lib/figure/explorable.ts";
import { perturbedGradientDescent } from "../../lib/optim/perturbedGradientDescent.ts";
import { escapeTime } from "../experiments/escapeTime.ts";
import { predictedEscapeTime } from "../experiments/predictedEscapeTime.ts";
import { saddleObjective } from "./saddleEscape.ts";

/** The parameters. */
export interface EscapeTimeDistributionParams {
  [name: string]: number;
  /** The noise scale σ. */
  noise: number;
  /** The learning rate α. */
  lr: number;
  /** How many runs. */
  runs: number;
}

/** The state of a partial run: escape steps so far. */
export interface EscapeTimeDistributionState {
  /** The escape step of each finished run (∞ for a run that never left). */
  steps: number[];
}

/** The result after some runs. */
export interface EscapeTimeDistributionResult {
  /** Runs done. */
  done: number;
  /** Escape steps of the runs done, in run order. */
  steps: number[];
  /** Runs that left the ball. */
  escaped: number;
  /** Measured quartiles (linear interpolation between order statistics; NaN before any run). */
  measured: { q1: number; median: number; q3: number };
  /** `predictedEscapeTime` quartiles. */
  predicted: { q1: number; median: number; q3: number };
}

/** The start on the stable manifold, as in the chapter. */
export const ESCAPE_START: readonly [number, number] = [0.9, 0];
/** Give up on a run after this many steps. */
export const ESCAPE_MAX_STEPS = 5000;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  if (lo === hi || !Number.isFinite(sorted[hi])) return sorted[lo === hi ? lo : hi];
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** The result after the runs in `state` (pure). */
export function escapeTimeDistributionResult(
  state: EscapeTimeDistributionState,
  p: EscapeTimeDistributionParams,
): EscapeTimeDistributionResult {
  const sorted = [...state.steps].sort((a, b) => a - b);
  const pred = (quantileP: number) =>
    predictedEscapeTime({ lr: p.lr, curvature: -2, noise: p.noise, quantile: quantileP });
  return {
    done: state.steps.length,
    steps: state.steps.slice(),
    escaped: state.steps.filter(Number.isFinite).length,
    measured: {
      q1: quantile(sorted, 0.25),
      median: quantile(sorted, 0.5),
      q3: quantile(sorted, 0.75),
    },
    predicted: { q1: pred(0.25), median: pred(0.5), q3: pred(0.75) },
  };
}

/** One run: seed `index + 1`. */
export function escapeTimeRun(index: number, p: EscapeTimeDistributionParams): number {
  const r = escapeTime(
    saddleObjective,
    ESCAPE_START,
    perturbedGradientDescent({ lr: p.lr, noise: p.noise, seed: index + 1 }),
    { maxSteps: ESCAPE_MAX_STEPS },
  );
  return r.escaped ? r.steps : Infinity;
}

/** The explorable. */
export const escapeTimeDistribution = explorable<
  EscapeTimeDistributionParams,
  EscapeTimeDistributionResult,
  EscapeTimeDistributionState
>({
  id: "escape-time-distribution",
  module: import.meta.url,
  title: "Escape times over many seeds",
  caption: "Histogram of the escape steps of perturbed gradient descent from (0.9, 0) over the " +
    "runs done so far (run k uses seed k). Dashed lines: the predicted quartiles " +
    "(predictedEscapeTime); solid: the measured ones. Press Start to run in the page.",
  controls: [
    {
      type: "range",
      name: "noise",
      label: "noise σ",
      min: 1e-12,
      max: 1e-2,
      step: 0.5,
      scale: "log",
      digits: 3,
    },
    { type: "range", name: "lr", label: "learning rate α", min: 0.05, max: 0.3, step: 0.01 },
    { type: "range", name: "runs", label: "runs", min: 100, max: 20000, step: 100 },
  ],
  defaults: { noise: 1e-6, lr: 0.1, runs: 2000 },
  chunked: {
    unit: "runs",
    total: (p) => p.runs,
    init: () => ({ steps: [] }),
    step: (state, index, p) => {
      state.steps.push(escapeTimeRun(index, p));
    },
    result: (state, _done, p) => escapeTimeDistributionResult(state, p),
  },
  render: (r, p) => {
    const finite = r.steps.filter(Number.isFinite);
    const lo = Math.floor(r.predicted.q1 - 12), hi = Math.ceil(r.predicted.q3 + 25);
    const rules = [
      ...(["q1", "median", "q3"] as const).map((k) => ({ x: r.predicted[k], kind: "predicted" })),
      ...(r.done
        ? (["q1", "median", "q3"] as const).map((k) => ({ x: r.measured[k], kind: "measured" }))
        : []),
    ];
    return {
      figures: [{
        width: 640,
        height: 300,
        x: { label: "escape step", domain: [Math.max(0, lo), hi] },
        // Before the first run there is nothing to count: keep a sensible axis.
        y: { label: "runs", grid: true, ...(r.done ? {} : { domain: [0, 1] }) },
        marks: [
          Plot.rectY(
            finite,
            Plot.binX({ y: "count" }, {
              x: (d: number) => d,
              thresholds: Array.from(
                { length: hi - Math.max(0, lo) + 1 },
                (_, i) => Math.max(0, lo) + i - 0.5,
              ),
              fill: "var(--hx-ex-1, #1f5fbf)",
              fillOpacity: 0.6,
            } as Plot.BinXInputs<Plot.RectYOptions>),
          ),
          Plot.ruleX(rules.filter((d) => d.kind === "predicted"), {
            x: "x",
            strokeDasharray: "5,4",
            strokeWidth: 1.5,
          }),
          Plot.ruleX(rules.filter((d) => d.kind === "measured"), {
            x: "x",
            stroke: "var(--hx-ex-bad, #8a1c1c)",
            strokeWidth: 1.5,
          }),
          Plot.ruleY([0]),
        ],
        alt: `Histogram of ${r.done} escape steps ${
          r.done ? `with measured median ${r.measured.median}` : "(no runs yet)"
        }; the predicted median is ${r.predicted.median.toFixed(1)}.`,
      }],
      readouts: [
        { key: "done", label: "runs done", value: r.done },
        { key: "escaped", label: "runs that escaped", value: r.escaped },
        {
          key: "measured-median",
          label: "median escape step (measured)",
          value: r.measured.median,
        },
        { key: "predicted-median", label: "median (predicted)", value: r.predicted.median },
        { key: "measured-q1", label: "lower quartile (measured)", value: r.measured.q1 },
        { key: "predicted-q1", label: "lower quartile (predicted)", value: r.predicted.q1 },
        { key: "measured-q3", label: "upper quartile (measured)", value: r.measured.q3 },
        { key: "predicted-q3", label: "upper quartile (predicted)", value: r.predicted.q3 },
      ],
      summary: r.done
        ? `${r.done} of ${p.runs} runs: measured median ${r.measured.median}, predicted ${
          r.predicted.median.toFixed(2)
        }.`
        : `No runs yet; the predicted median is ${r.predicted.median.toFixed(2)}.`,
    };
  },
});

/**
 * Chapter 3's saddle-escape explorer: perturbed gradient descent on
 * f = x² − y² from a start the reader drags, with a noise scale, a learning
 * rate and a seed. It shows the path, the distance to the saddle step by
 * step, the measured escape step (by `escapeTime`), plain gradient descent
 * from the same start, and the closed-form predictions.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { explorable } from "../../lib/figure/explorable.ts";
import { gradientDescent } from "../../lib/optim/gradientDescent.ts";
import { perturbedGradientDescent } from "../../lib/optim/perturbedGradientDescent.ts";
import { quadraticObjective } from "../../lib/optim/quadraticObjective.ts";
import { escapeTime } from "../experiments/escapeTime.ts";
import { predictedEscapeTime } from "../experiments/predictedEscapeTime.ts";

/** The parameters. */
export interface SaddleEscapeParams {
  [name: string]: number | readonly [number, number];
  /** The noise scale σ: ξ_k ~ N(0, σ²I) at every step. */
  noise: number;
  /** The learning rate α. */
  lr: number;
  /** The seed of the noise. */
  seed: number;
  /** The start x₀. */
  start: readonly [number, number];
}

/** One state of the explorer. */
export interface SaddleEscapeResult {
  /** The iterates of perturbed GD, x₀ … x_T (T the escape step, or the cap). */
  path: { k: number; x: number; y: number; d: number }[];
  /** Distances to the saddle of plain GD from the same start. */
  gdPath: { k: number; d: number }[];
  /** `escapeTime` of perturbed GD. */
  escape: { escaped: boolean; steps: number };
  /** `escapeTime` of plain gradient descent. */
  gdEscape: { escaped: boolean; steps: number };
  /** predictedEscapeTime quartiles for a start on the stable manifold (y₀ = 0). */
  predicted: { q1: number; median: number; q3: number };
  /** Plain GD's iterates in the plane while within distance 1.3 (at most 400 steps). */
  gdXY: { x: number; y: number }[];
  /** ln(1/|y₀|)/ln q: plain GD's escape from the offset y₀ when x is ignored (∞ for y₀ = 0). */
  offsetPrediction: number;
  /** The growth factor q = 1 + 2α of the unstable direction. */
  q: number;
}

/** The saddle x² − y², as a quadratic ½vᵀHv with H = diag(2, −2). */
export const saddleObjective = quadraticObjective([[2, 0], [0, -2]]);

/** Steps after which a run counts as stuck. */
export const MAX_STEPS = 2000;

/** Compute one state (pure). */
export function saddleEscapeState(p: SaddleEscapeParams): SaddleEscapeResult {
  const { noise, lr, seed, start } = p;
  const pgd = () => perturbedGradientDescent({ lr, noise, seed });
  const escape = escapeTime(saddleObjective, start, pgd(), { maxSteps: MAX_STEPS });
  const gdRun = escapeTime(saddleObjective, start, gradientDescent({ lr }), {
    maxSteps: MAX_STEPS,
    record: true,
  });
  // The same seeded run, step by step, for the path (escapeTime keeps only distances).
  const run = pgd().start(saddleObjective, start);
  const path = [{ k: 0, x: start[0], y: start[1], d: Math.hypot(start[0], start[1]) }];
  for (let k = 1; k <= escape.steps; k++) {
    const x = run.step().x;
    path.push({ k, x: x[0], y: x[1], d: Math.hypot(x[0], x[1]) });
  }
  const q = 1 + 2 * lr;
  const quant = (quantile: number) => predictedEscapeTime({ lr, curvature: -2, noise, quantile });
  return {
    path,
    gdPath: gdRun.distances.map((d, k) => ({ k, d })),
    escape: { escaped: escape.escaped, steps: escape.steps },
    gdEscape: { escaped: gdRun.escaped, steps: gdRun.steps },
    predicted: { q1: quant(0.25), median: quant(0.5), q3: quant(0.75) },
    gdXY: gdPathXY(p),
    offsetPrediction: start[1] === 0 ? Infinity : Math.log(1 / Math.abs(start[1])) / Math.log(q),
    q,
  };
}

const PGD = "var(--hx-ex-bad, #8a1c1c)", GD = "var(--hx-ex-1, #1f5fbf)";
const contourCells = { width: 40, height: 40, x1: -1.3, y1: -1.3, x2: 1.3, y2: 1.3 };
const contourValues = Array.from({ length: 1600 }, (_, i) => {
  const x = -1.3 + (2.6 * ((i % 40) + 0.5)) / 40;
  const y = -1.3 + (2.6 * (Math.floor(i / 40) + 0.5)) / 40;
  return x * x - y * y;
});
const circle = Array.from({ length: 97 }, (_, i) => ({
  x: Math.cos((2 * Math.PI * i) / 96),
  y: Math.sin((2 * Math.PI * i) / 96),
}));

/** The explorable. */
export const saddleEscape = explorable<SaddleEscapeParams, SaddleEscapeResult>({
  id: "saddle-escape",
  module: import.meta.url,
  title: "Perturbed gradient descent leaving the saddle of x² − y²",
  caption: "Left: the path of perturbed gradient descent (red) from the start (drag it, or use " +
    "the sliders) until it leaves the unit circle; plain gradient descent from the same start in " +
    "blue. Right: the distance to the saddle per step on a log scale, with the predicted " +
    "quartiles of the escape step for a start on the stable manifold y₀ = 0 (shaded).",
  controls: [
    {
      type: "range",
      name: "noise",
      label: "noise σ",
      min: 1e-12,
      max: 1e-1,
      step: 0.25,
      scale: "log",
      digits: 3,
    },
    { type: "range", name: "lr", label: "learning rate α", min: 0.02, max: 0.4, step: 0.01 },
    { type: "range", name: "seed", label: "seed", min: 1, max: 50, step: 1 },
    {
      type: "point",
      name: "start",
      label: "start x₀",
      x: { label: "x₀", min: -0.9, max: 0.9, step: 0.01 },
      y: { label: "y₀", min: -0.4, max: 0.4, step: 0.001 },
    },
  ],
  defaults: { noise: 1e-6, lr: 0.1, seed: 1, start: [0.9, 0] },
  compute: saddleEscapeState,
  render: (r, p) => {
    const end = r.path[r.path.length - 1];
    const gdLine = r.gdPath.filter((g) => g.d > 0);
    const kMax = Math.max(
      40,
      r.escape.steps,
      Math.min(Number.isFinite(r.predicted.q3) ? r.predicted.q3 * 1.1 : 0, MAX_STEPS),
    );
    return {
      figures: [
        {
          width: 360,
          height: 360,
          x: { domain: [-1.3, 1.3], label: "x" },
          y: { domain: [-1.3, 1.3], label: "y" },
          marks: [
            Plot.contour(contourValues, {
              ...contourCells,
              stroke: "currentColor",
              strokeOpacity: 0.25,
              thresholds: [-1.25, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.25],
              clip: true,
            }),
            Plot.line(circle, { x: "x", y: "y", strokeDasharray: "4,3", strokeOpacity: 0.6 }),
            Plot.line(r.gdXY, {
              x: "x",
              y: "y",
              stroke: GD,
              strokeWidth: 1.5,
            }),
            Plot.line(r.path, { x: "x", y: "y", stroke: PGD, strokeWidth: 1.5 }),
            Plot.dot([end], { x: "x", y: "y", fill: PGD, r: 3.5 }),
            Plot.dot([{ x: p.start[0], y: p.start[1] }], {
              x: "x",
              y: "y",
              r: 6,
              fill: "var(--hx-ex-bg, white)",
              stroke: "currentColor",
              strokeWidth: 2,
            }),
          ],
          alt: `The saddle's contours with the unit circle. From the start (${p.start[0]}, ${
            p.start[1]
          }) perturbed gradient descent slides towards the saddle along x and then ${
            r.escape.escaped
              ? `leaves along y after ${r.escape.steps} steps`
              : `has not left after ${r.escape.steps} steps`
          }.`,
        },
        {
          width: 360,
          height: 360,
          x: { label: "step k", domain: [0, kMax] },
          y: { type: "log", label: "distance to the saddle", domain: [1e-14, 2], tickFormat: "~e" },
          marks: [
            Number.isFinite(r.predicted.q1)
              ? Plot.rectX([r.predicted], {
                x1: "q1",
                x2: "q3",
                y1: 1e-14,
                y2: 2,
                fill: "currentColor",
                fillOpacity: 0.08,
              })
              : null,
            Plot.ruleX([r.predicted.median].filter(Number.isFinite), { strokeDasharray: "4,3" }),
            Plot.ruleY([1], { strokeOpacity: 0.5 }),
            Plot.line(gdLine.filter((g) => g.d >= 1e-14), {
              x: "k",
              y: "d",
              stroke: GD,
              strokeWidth: 1.5,
            }),
            Plot.line(r.path.filter((g) => g.d >= 1e-14), {
              x: "k",
              y: "d",
              stroke: PGD,
              strokeWidth: 1.5,
            }),
          ],
          alt: `Distance to the saddle against the step, log scale: the red run ${
            r.escape.escaped ? `crosses distance 1 at step ${r.escape.steps}` : "stays inside"
          }; the predicted median for y₀ = 0 is ${r.predicted.median.toFixed(1)}.`,
        },
      ],
      readouts: [
        { key: "escape", label: "escape step (perturbed GD)", value: r.escape.steps },
        { key: "escaped", label: "escaped", value: r.escape.escaped },
        { key: "exit-x", label: "x at the last step", value: end.x },
        { key: "exit-y", label: "y at the last step", value: end.y },
        { key: "predicted-median", label: "predicted median (y₀ = 0)", value: r.predicted.median },
        { key: "predicted-q1", label: "predicted lower quartile", value: r.predicted.q1 },
        { key: "predicted-q3", label: "predicted upper quartile", value: r.predicted.q3 },
        {
          key: "gd-escape",
          label: "plain GD escape step",
          value: r.gdEscape.escaped ? r.gdEscape.steps : `none in ${r.gdEscape.steps}`,
        },
        {
          key: "offset-prediction",
          label: "ln(1/|y₀|)/ln q (plain GD, x ignored)",
          value: r.offsetPrediction,
        },
        { key: "q", label: "growth factor q = 1 + 2α", value: r.q },
      ],
      summary: r.escape.escaped
        ? `Perturbed gradient descent left the unit ball after ${r.escape.steps} steps ` +
          `(predicted median from the stable manifold: ${r.predicted.median.toFixed(1)}).`
        : `Perturbed gradient descent did not leave within ${MAX_STEPS} steps.`,
    };
  },
});

/** Plain GD's iterates from the start, for the left plot (a few hundred steps at most). */
function gdPathXY(p: SaddleEscapeParams): { x: number; y: number }[] {
  const run = gradientDescent({ lr: p.lr }).start(saddleObjective, p.start);
  const out = [{ x: p.start[0], y: p.start[1] }];
  for (let k = 0; k < 400; k++) {
    const x = run.step().x;
    if (Math.hypot(x[0], x[1]) > 1.3) break;
    out.push({ x: x[0], y: x[1] });
  }
  return out;
}

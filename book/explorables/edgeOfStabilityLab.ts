/**
 * Chapter 5's edge-of-stability lab: the section's tanh network
 * (`edgeOfStabilityProblem`: [1, 30, 20, 1], 701 parameters, the degree-6
 * Chebyshev target at 20 points, seed 1) trained in the page by full-batch
 * gradient descent at a step size η the reader picks, with the sharpness
 * λmax measured every k steps by Lanczos on exact Hessian-vector products
 * (the library's `sharpnessRecorder`, the loop behind the section's
 * figures). One unit is one training step, so the page runs it in slices
 * with a progress bar, Start, Pause and Reset, and draws λmax against 2/η
 * and the loss as they come in.
 *
 * After n units the result is exactly `trackSharpness` with `steps: n` on
 * the same problem (`lr`, `every`, `lanczos: { seed: 1 }`), however the
 * units were sliced; at the default (η = 0.1, 3500 steps, k = 50) it is the
 * section's η = 0.1 run, drawn by the same plotting code
 * (`sharpnessPlots.ts`).
 *
 * @module
 */
import { explorable } from "../../lib/figure/explorable.ts";
import {
  type SharpnessRecorder,
  sharpnessRecorder,
  type SharpnessTrace,
} from "../../lib/optim/trackSharpness.ts";
import { judgeEdgeRun } from "../claims/edgeOfStability.ts";
import {
  type EdgeOfStabilityProblem,
  edgeOfStabilityProblem,
} from "../experiments/edgeOfStabilityRuns.ts";
import { lossPlot, sharpnessPlot } from "../figures/sharpnessPlots.ts";

/** The parameters. */
interface EdgeOfStabilityLabParams {
  [name: string]: number;
  /** The step size η. */
  lr: number;
  /** Training steps T. */
  steps: number;
  /** Measure the sharpness every k steps (and at T). */
  every: number;
}

/** The result after some steps: the trace so far, as `trackSharpness` records it. */
interface EdgeOfStabilityLabResult {
  /** The trace so far (`steps` is the number of steps done). */
  trace: SharpnessTrace;
  /** Steps planned. */
  total: number;
}

let problem: EdgeOfStabilityProblem | undefined;

/** A fresh recording at the parameters (the section's problem, built once per page or process; Lanczos seed 1 as in the section), with the sharpness measured at t = 0. */
function init(p: EdgeOfStabilityLabParams): SharpnessRecorder {
  const { objective, x0 } = (problem ??= edgeOfStabilityProblem());
  return sharpnessRecorder(objective, x0, {
    lr: p.lr,
    steps: p.steps,
    every: p.every,
    lanczos: { seed: 1 },
  });
}

const LINE = "var(--hx-ex-1, #1f5fbf)";

/** The loss axis: at least [0.1, 1], widened to the finite losses so far (so it rarely jumps). */
function lossExtent(trace: SharpnessTrace): [number, number] {
  let lo = 0.1, hi = 1;
  for (const v of trace.loss) {
    if (Number.isFinite(v) && v > 0) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return [lo / 1.2, hi * 1.2];
}

/** The explorable. */
export const edgeOfStabilityLab = explorable<
  EdgeOfStabilityLabParams,
  EdgeOfStabilityLabResult,
  SharpnessRecorder
>({
  id: "edge-of-stability",
  module: import.meta.url,
  title: "Edge-of-stability lab",
  caption: "Full-batch gradient descent on the section's 701-parameter tanh network (seed 1), " +
    "trained in the page. Left: the sharpness λmax, by Lanczos on exact Hessian-vector products " +
    "every k steps, against the dashed line 2/η. Right (or below): the training loss (every 10th step). " +
    "Press Start to train; the page records every measurement in the data table.",
  controls: [
    { type: "range", name: "lr", label: "step size η", min: 0.04, max: 0.5, step: 0.01 },
    { type: "range", name: "steps", label: "training steps T", min: 500, max: 8000, step: 100 },
    {
      type: "range",
      name: "every",
      label: "λmax every k steps",
      min: 10,
      max: 200,
      step: 10,
    },
  ],
  defaults: { lr: 0.1, steps: 3500, every: 50 },
  chunked: {
    unit: "steps",
    total: (p) => p.steps,
    init,
    step: (recorder) => void recorder.advance(1), // after divergence, the remaining units do nothing
    result: (recorder, _done, p) => ({ trace: recorder.trace(), total: p.steps }),
  },
  render: ({ trace, total }, p) => {
    const last = trace.sharpness.length - 1;
    const latest = last >= 0 ? trace.sharpness[last] : NaN;
    const judged = judgeEdgeRun(trace);
    const lossNow = trace.loss[trace.loss.length - 1];
    const label = `η = ${p.lr}`;
    const runs = [{ label, trace, color: LINE }];
    const reach = Number.isFinite(judged.reachStep)
      ? `it reached 0.9 × 2/η at step ${judged.reachStep}`
      : "it has not reached 0.9 × 2/η";
    return {
      figures: [
        {
          ...sharpnessPlot(runs, { steps: total, latest: true }),
          width: 360,
          height: 280,
          marginRight: 70,
          alt: `The sharpness λmax against the step for ${label}, ${trace.sharpness.length} ` +
            `measurements up to step ${trace.steps} of ${total}; the latest is ${
              latest.toFixed(3)
            } against 2/η = ${trace.threshold.toFixed(3)}; ${reach}.`,
        },
        {
          ...lossPlot(runs, {
            every: 10,
            steps: total,
            latest: true,
            lossDomain: lossExtent(trace),
          }),
          width: 360,
          height: 280,
          alt: `The training loss on a log scale for ${label} up to step ${trace.steps}; ` +
            (trace.diverged ? "the run diverged." : `it is now ${lossNow.toPrecision(3)}.`),
        },
      ],
      readouts: [
        { key: "step", label: "step t", value: trace.steps },
        { key: "threshold", label: "2/η", value: trace.threshold },
        { key: "sharpness", label: "λmax (latest)", value: latest },
        {
          key: "sharpness-step",
          label: "measured at step",
          value: last >= 0 ? trace.sharpnessSteps[last] : NaN,
        },
        {
          key: "ratio-now",
          label: "λmax / (2/η) (latest)",
          value: latest / trace.threshold,
          digits: 4,
        },
        {
          key: "ratio-late",
          label: "median λmax over the last quarter / (2/η)",
          value: judged.ratio,
          digits: 4,
        },
        { key: "reach-step", label: "first step with λmax ≥ 0.9 × 2/η", value: judged.reachStep },
        { key: "loss", label: "loss f(x_t)", value: lossNow },
        {
          key: "loss-increases",
          label: "steps since then at which the loss rose",
          value: judged.lossIncreases,
        },
        { key: "matvecs", label: "Hessian-vector products", value: trace.matvecs },
        { key: "diverged", label: "diverged", value: trace.diverged },
      ],
      tables: [{
        key: "sharpness-trace",
        caption: "Data: the sharpness at each measurement",
        columns: [
          { key: "t", label: "step t" },
          { key: "sharpness", label: "λmax(H(x_t))" },
          { key: "loss", label: "loss f(x_t)" },
        ],
        rows: trace.sharpnessSteps.map((t, i) => [t, trace.sharpness[i], trace.loss[t]]),
      }],
      summary: trace.diverged
        ? `${label}: the run diverged at step ${trace.steps}.`
        : `${label}, step ${trace.steps} of ${total}: λmax = ${latest.toFixed(3)}, 2/η = ${
          trace.threshold.toFixed(3)
        }; ${reach}.`,
    };
  },
});

/**
 * Chapter 6's Adam-against-SGD explorer: Adam's learning rate, β₁, β₂ and ε
 * on the separable quadratic ½Σλᵢxᵢ² with curvatures 100 … 0.01, from
 * x₀ = (1, …, 1). It shows the effective per-coordinate step α/(√v̂ₜ + ε)
 * against the Newton step 1/λᵢ, the loss of Adam with and without bias
 * correction and of gradient descent (SGD's full-batch form: this objective
 * has no samples to draw), and the size of the first update with and
 * without bias correction.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { explorable } from "../../lib/figure/explorable.ts";
import { adam } from "../../lib/optim/adam.ts";
import { gradientDescent } from "../../lib/optim/gradientDescent.ts";
import { quadraticObjective } from "../../lib/optim/quadraticObjective.ts";

/** The curvatures λᵢ of the diagonal quadratic. */
export const ADAM_CURVATURES: readonly number[] = [100, 10, 1, 0.1, 0.01];
const objective = quadraticObjective(
  ADAM_CURVATURES.map((l, i) => ADAM_CURVATURES.map((_, j) => (i === j ? l : 0))),
);
const X0 = ADAM_CURVATURES.map(() => 1);

/** The parameters. */
export interface AdamStepsParams {
  [name: string]: number | boolean;
  /** The learning rate α (of Adam and of gradient descent). */
  lr: number;
  /** Adam's β₁. */
  beta1: number;
  /** Adam's β₂. */
  beta2: number;
  /** Adam's ε. */
  epsilon: number;
  /** The number of steps T. */
  steps: number;
  /** Whether the plotted effective steps are Adam's with bias correction. */
  biasCorrection: boolean;
}

/** One Adam run. */
export interface AdamRun {
  /** `effective[t − 1][i]`: α/(√v̂ₜ,ᵢ + ε) after step t (v in place of v̂ without correction). */
  effective: number[][];
  /** f(x_t), t = 0 … T. */
  loss: number[];
  /** |x₁,ᵢ − x₀,ᵢ|: the first update. */
  firstUpdate: number[];
  /** x_T. */
  last: number[];
}

/** One state. */
export interface AdamStepsResult {
  /** Adam with bias correction. */
  corrected: AdamRun;
  /** Adam without it (the paper's form). */
  uncorrected: AdamRun;
  /** f(x_t) of gradient descent with the same α. */
  gdLoss: number[];
  /** 2/λmax: gradient descent diverges above it. */
  gdLimit: number;
}

function runAdam(p: AdamStepsParams, biasCorrection: boolean): AdamRun {
  const run = adam({
    lr: p.lr,
    beta1: p.beta1,
    beta2: p.beta2,
    epsilon: p.epsilon,
    biasCorrection,
  }).start(objective, X0);
  const effective: number[][] = [], loss = [objective.f(run.x)];
  let firstUpdate: number[] = [];
  for (let t = 1; t <= p.steps; t++) {
    const before = Array.from(run.x);
    const s = run.step();
    if (t === 1) firstUpdate = before.map((b, i) => Math.abs(s.x[i] - b));
    effective.push(Array.from(run.effectiveStep()));
    loss.push(objective.f(run.x));
  }
  return { effective, loss, firstUpdate, last: Array.from(run.x) };
}

/** Compute one state (pure). */
export function adamStepsState(p: AdamStepsParams): AdamStepsResult {
  const gd = gradientDescent({ lr: p.lr }).start(objective, X0);
  const gdLoss = [objective.f(gd.x)];
  for (let t = 1; t <= p.steps; t++) {
    gd.step();
    const f = objective.f(gd.x);
    gdLoss.push(f);
    if (!Number.isFinite(f)) break;
  }
  return {
    corrected: runAdam(p, true),
    uncorrected: runAdam(p, false),
    gdLoss,
    gdLimit: 2 / Math.max(...ADAM_CURVATURES),
  };
}

const COLORS = [
  "var(--hx-ex-bad, #8a1c1c)",
  "var(--hx-ex-2, #a3470b)",
  "var(--hx-ex-3, #3f7f2a)",
  "var(--hx-ex-1, #1f5fbf)",
  "var(--hx-ex-4, #a626a4)",
];
const names = ADAM_CURVATURES.map((l) => `λ = ${l}`);

/** The explorable. */
export const adamSteps = explorable<AdamStepsParams, AdamStepsResult>({
  id: "adam-steps",
  module: import.meta.url,
  title: "Adam against gradient descent on ½Σλᵢxᵢ², λ from 100 to 0.01",
  caption: "Left: Adam's effective step α/(√v̂ₜ + ε) per coordinate (solid) against the Newton " +
    "step 1/λᵢ (dashed, same colour); the toggle switches between Adam with and without bias " +
    "correction. Right: the loss of Adam with bias correction, without it, and of gradient " +
    "descent with the same α (SGD on this objective, which has no samples, is gradient descent); " +
    "gradient descent diverges once α > 2/λmax = 0.02.",
  controls: [
    {
      type: "range",
      name: "lr",
      label: "learning rate α",
      min: 1e-3,
      max: 1,
      step: 0.05,
      scale: "log",
      digits: 3,
    },
    { type: "range", name: "beta1", label: "β₁", min: 0, max: 0.99, step: 0.01 },
    { type: "range", name: "beta2", label: "β₂", min: 0.9, max: 0.9999, step: 0.0001, digits: 5 },
    {
      type: "range",
      name: "epsilon",
      label: "ε",
      min: 1e-12,
      max: 1e-1,
      step: 0.25,
      scale: "log",
      digits: 3,
    },
    { type: "range", name: "steps", label: "steps T", min: 10, max: 500, step: 10 },
    { type: "toggle", name: "biasCorrection", label: "bias correction (left plot)" },
  ],
  defaults: { lr: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, steps: 200, biasCorrection: true },
  compute: adamStepsState,
  render: (r, p) => {
    const run = p.biasCorrection ? r.corrected : r.uncorrected;
    const eff = run.effective.flatMap((s, t) =>
      s.map((v, i) => ({ t: t + 1, v, c: names[i] })).filter((d) => d.v > 0 && Number.isFinite(d.v))
    );
    const newton = ADAM_CURVATURES.map((l, i) => ({ v: 1 / l, c: names[i] }));
    const loss = [
      ...r.corrected.loss.map((f, t) => ({ t, f, run: "Adam" })),
      ...r.uncorrected.loss.map((f, t) => ({ t, f, run: "Adam, no bias correction" })),
      ...r.gdLoss.map((f, t) => ({ t, f, run: "gradient descent" })),
    ].filter((d) => d.f > 0 && d.f < 1e12);
    const coordinate = (i: number) => `coordinate ${i + 1} (λ = ${ADAM_CURVATURES[i]})`;
    const gdState = p.lr < r.gdLimit ? "converges" : "diverges";
    return {
      figures: [
        {
          width: 360,
          height: 320,
          x: { type: "log", label: "step t", domain: [1, p.steps] },
          y: { type: "log", label: "effective step", tickFormat: "~e" },
          color: { domain: names, range: COLORS, legend: true },
          marks: [
            Plot.ruleY(newton, { y: "v", stroke: "c", strokeDasharray: "5,4", strokeOpacity: 0.8 }),
            Plot.line(eff, { x: "t", y: "v", stroke: "c", strokeWidth: 1.6 }),
          ],
          alt: `Adam's effective steps ${
            p.biasCorrection ? "with" : "without"
          } bias correction over ${p.steps} steps for five curvatures, against dashed Newton steps 1/λ from 0.01 to 100.`,
        },
        {
          width: 360,
          height: 320,
          x: { label: "step t", domain: [0, p.steps] },
          y: { type: "log", label: "loss", tickFormat: "~e" },
          color: {
            domain: ["Adam", "Adam, no bias correction", "gradient descent"],
            range: ["var(--hx-ex-1, #1f5fbf)", "var(--hx-ex-2, #a3470b)", "currentColor"],
            legend: true,
          },
          marks: [Plot.line(loss, { x: "t", y: "f", stroke: "run", strokeWidth: 1.6 })],
          alt:
            `Loss of Adam (${
              r.corrected.loss[p.steps].toExponential(2)
            } after ${p.steps} steps), ` +
            `Adam without bias correction (${
              r.uncorrected.loss[p.steps].toExponential(2)
            }) and gradient descent, which ${gdState} at α = ${p.lr.toPrecision(3)}.`,
        },
      ],
      readouts: [
        ...ADAM_CURVATURES.map((l, i) => ({
          key: `step-${i + 1}`,
          label: `effective step ÷ (1/λ), ${coordinate(i)}`,
          value: run.effective[p.steps - 1][i] * l,
        })),
        {
          key: "first-corrected",
          label: "first update |x₁ − x₀|, bias-corrected",
          value: r.corrected.firstUpdate[0],
        },
        {
          key: "first-uncorrected",
          label: "first update without correction",
          value: r.uncorrected.firstUpdate[0],
        },
        {
          key: "first-ratio",
          label: "uncorrected ÷ corrected",
          value: r.uncorrected.firstUpdate[0] / r.corrected.firstUpdate[0],
        },
        {
          key: "first-formula",
          label: "(1 − β₁)/√(1 − β₂) (the ratio for |g| ≫ ε)",
          value: (1 - p.beta1) / Math.sqrt(1 - p.beta2),
        },
        { key: "loss-adam", label: "Adam loss f(x_T)", value: r.corrected.loss[p.steps] },
        {
          key: "loss-uncorrected",
          label: "Adam without correction, f(x_T)",
          value: r.uncorrected.loss[p.steps],
        },
        {
          key: "loss-gd",
          label: "gradient descent f(x_T)",
          value: r.gdLoss[r.gdLoss.length - 1],
        },
        { key: "gd-limit", label: "gradient descent needs α < 2/λmax", value: r.gdLimit },
      ],
      summary: `After ${p.steps} steps Adam's loss is ${
        r.corrected.loss[p.steps].toPrecision(3)
      }; gradient descent with α = ${p.lr.toPrecision(3)} ${gdState}.`,
    };
  },
});

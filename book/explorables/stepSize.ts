/**
 * Chapter 5's step-size explorer: gradient descent with learning rate α on
 * the chapter's quadratic ½xᵀHx (eigenvalues 0.25, 1, 2.5, 4). It shows the
 * per-mode factors |1 − αλᵢ| on the curve |1 − αλ|, the loss curve, and where
 * the run starts to oscillate (α > 1/λmax) and to diverge (α > 2/λmax).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { explorable } from "../../lib/figure/explorable.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import { matrixWithSpectrum } from "../../lib/linalg/matrixWithSpectrum.ts";
import { gdEigenModes } from "../experiments/gdEigenModes.ts";

/** The chapter's test matrix: eigenvalues 0.25, 1, 2.5 and 4 in a seeded random basis. */
export const STEP_SIZE_H: number[][] = matrixWithSpectrum([0.25, 1, 2.5, 4], { seed: 5 });
const evd = eigh(STEP_SIZE_H);
/** The start x₀ = Q·(1, 1, 1, 1): every mode starts at 1. */
export const STEP_SIZE_X0: number[] = STEP_SIZE_H.map((_, j) =>
  evd.vectors.reduce((s, q) => s + q[j], 0)
);

/** The parameters. */
export interface StepSizeParams {
  [name: string]: number;
  /** The learning rate α. */
  lr: number;
  /** The number of steps K. */
  steps: number;
}

/** One state. */
export interface StepSizeResult {
  /** Eigenvalues λᵢ of H, ascending. */
  values: number[];
  /** The factors 1 − αλᵢ. */
  factors: number[];
  /** ρ(α) = maxᵢ |1 − αλᵢ|. */
  rho: number;
  /** f(x_k), k = 0 … K (shorter if the run overflowed). */
  loss: number[];
  /** The largest one-step deviation of the simulated modes from z ← (1 − αλ)z. */
  maxStepError: number;
  /** 1/λmax: above it the top mode flips sign every step. */
  oscillateAt: number;
  /** 2/λmax: above it the top mode grows. */
  divergeAt: number;
  /** α* = 2/(λmin + λmax), the fastest fixed step. */
  best: number;
  /** How many modes flip sign (αλᵢ > 1). */
  oscillating: number;
  /** How many modes grow (αλᵢ > 2). */
  diverging: number;
}

/** Compute one state (pure). */
export function stepSizeState({ lr, steps }: StepSizeParams): StepSizeResult {
  const r = gdEigenModes(STEP_SIZE_H, STEP_SIZE_X0, { lr, steps });
  const lmin = r.values[0], lmax = r.values[r.values.length - 1];
  return {
    values: r.values,
    factors: r.factors,
    rho: Math.max(...r.factors.map(Math.abs)),
    loss: r.loss,
    maxStepError: r.maxStepError,
    oscillateAt: 1 / lmax,
    divergeAt: 2 / lmax,
    best: 2 / (lmin + lmax),
    oscillating: r.factors.filter((f) => f < 0).length,
    diverging: r.factors.filter((f) => Math.abs(f) > 1).length,
  };
}

const MODE_COLORS = [
  "var(--hx-ex-1, #1f5fbf)",
  "var(--hx-ex-3, #3f7f2a)",
  "var(--hx-ex-2, #a3470b)",
  "var(--hx-ex-bad, #8a1c1c)",
];

/** The explorable. */
export const stepSize = explorable<StepSizeParams, StepSizeResult>({
  id: "step-size",
  module: import.meta.url,
  title: "Gradient descent: the step size against 2/λmax",
  caption: "Left: the per-step factor |1 − αλ| of a mode with curvature λ (line) and of the four " +
    "modes of H (dots); a mode shrinks below the dashed line at 1 and grows above it, and flips " +
    "sign every step once αλ > 1. Right: the loss f(x_k) on a log scale.",
  controls: [
    { type: "range", name: "lr", label: "learning rate α", min: 0.005, max: 0.6, step: 0.005 },
    { type: "range", name: "steps", label: "steps K", min: 10, max: 200, step: 5 },
  ],
  defaults: { lr: 0.1, steps: 60 },
  compute: stepSizeState,
  render: (r, p) => {
    const curve = Array.from({ length: 181 }, (_, i) => {
      const l = (4.5 * i) / 180;
      return { l, f: Math.abs(1 - p.lr * l) };
    });
    const modes = r.values.map((l, i) => ({
      l,
      f: Math.abs(r.factors[i]),
      i: `λ = ${l.toFixed(2)}`,
    }));
    const loss = r.loss.map((f, k) => ({ k, f })).filter((d) => d.f > 0 && Number.isFinite(d.f));
    const state = r.diverging > 0
      ? `diverges: ${r.diverging} mode${r.diverging > 1 ? "s" : ""} grow${
        r.diverging > 1 ? "" : "s"
      }`
      : r.oscillating > 0
      ? `converges, oscillating in ${r.oscillating} mode${r.oscillating > 1 ? "s" : ""}`
      : "converges monotonically";
    return {
      figures: [
        {
          width: 340,
          height: 300,
          x: { label: "curvature λ", domain: [0, 4.5] },
          y: { label: "|1 − αλ|", domain: [0, 2] },
          color: { domain: modes.map((m) => m.i), range: MODE_COLORS, legend: true },
          marks: [
            Plot.ruleY([1], { strokeDasharray: "4,3" }),
            Plot.line(curve, { x: "l", y: "f", strokeOpacity: 0.7, clip: true }),
            Plot.ruleX(modes, {
              x: "l",
              y1: 0,
              y2: (d: { f: number }) => Math.min(d.f, 2),
              stroke: "i",
              strokeOpacity: 0.5,
            }),
            Plot.dot(modes, { x: "l", y: (d: { f: number }) => Math.min(d.f, 2), fill: "i", r: 5 }),
          ],
          alt: `The V-shaped curve |1 − αλ| for α = ${p.lr}, zero at λ = ${
            (1 / p.lr).toFixed(2)
          }; the four modes have factors ${modes.map((m) => m.f.toFixed(3)).join(", ")}.`,
        },
        {
          width: 340,
          height: 300,
          x: { label: "step k", domain: [0, p.steps] },
          y: { type: "log", label: "loss f(x_k)", tickFormat: "~e" },
          marks: [
            Plot.line(loss, { x: "k", y: "f", stroke: "var(--hx-ex-1, #1f5fbf)" }),
            Plot.dot(loss, { x: "k", y: "f", r: 1.5, fill: "var(--hx-ex-1, #1f5fbf)" }),
          ],
          alt: `The loss over ${p.steps} steps: it ${r.diverging ? "grows" : "falls"} from ${
            r.loss[0].toPrecision(3)
          } to ${r.loss[r.loss.length - 1].toPrecision(3)}.`,
        },
      ],
      readouts: [
        { key: "rho", label: "ρ(α) = max |1 − αλᵢ|", value: r.rho },
        ...r.factors.map((f, i) => ({
          key: `factor-${i + 1}`,
          label: `1 − αλ for λ = ${r.values[i].toFixed(2)}`,
          value: f,
        })),
        { key: "oscillate-at", label: "oscillates above α = 1/λmax", value: r.oscillateAt },
        { key: "diverge-at", label: "diverges above α = 2/λmax", value: r.divergeAt },
        { key: "best", label: "fastest α* = 2/(λmin + λmax)", value: r.best },
        { key: "ratio", label: "α / (2/λmax)", value: p.lr / r.divergeAt },
        { key: "final-loss", label: `f(x_K)`, value: r.loss[r.loss.length - 1] },
        { key: "state", label: "gradient descent", value: state },
      ],
      summary: `α = ${p.lr}: ${state}; ρ(α) = ${r.rho.toPrecision(4)}.`,
    };
  },
});

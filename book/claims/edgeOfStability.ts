/**
 * Claim check (Chapter 5, beyond the paper): progressive sharpening and the
 * edge of stability of full-batch gradient descent (Cohen et al., 2021).
 *
 * @module
 */
import type { Claim, ClaimResult, Verdict } from "./claim.ts";
import { median } from "../../lib/stats/median.ts";
import { edgeOfStabilityRuns } from "../experiments/edgeOfStabilityRuns.ts";

/** What the verdict rule reads from one run: its threshold and sharpness trace. */
export interface EdgeTrace {
  /** The learning rate η. */
  lr: number;
  /** The quadratic theory's threshold, (2 + 2β)/η. */
  threshold: number;
  /** The steps taken (the run's length T). */
  steps: number;
  /** The steps at which the sharpness was measured, ascending. */
  sharpnessSteps: number[];
  /** The sharpness at those steps. */
  sharpness: number[];
  /** Whether the run diverged. */
  diverged: boolean;
  /** The loss at every step (optional; only reported). */
  loss?: ArrayLike<number>;
}

/** The verdict rule applied to one run. */
export interface EdgeJudgement {
  /** The learning rate η. */
  lr: number;
  /** The threshold (2 + 2β)/η. */
  threshold: number;
  /** The sharpness at t = 0 over the threshold. */
  initialRatio: number;
  /** The first measured step with sharpness ≥ 0.9 × threshold (NaN if never). */
  reachStep: number;
  /** The median sharpness over the last quarter of the run, over the threshold. */
  ratio: number;
  /** The early phase rises: it starts at most 0.8× the threshold and later reaches 0.9× it. */
  rises: boolean;
  /** The last-quarter median lies within ±10% of the threshold. */
  hovers: boolean;
  /** The loss at reachStep and at the end (NaN without a loss trace or reach step). */
  lossAtReach: number;
  /** The loss at the end of the run. */
  lossAtEnd: number;
  /** The number of steps after reachStep at which the loss went up. */
  lossIncreases: number;
}

/**
 * The verdict rule for one run: the median sharpness over the last quarter
 * (measurements at t ≥ ¾T) lies within ±10% of the threshold, and the early
 * phase rises (the first measurement is at most 0.8× the threshold and a
 * later one reaches 0.9× it). A diverged run fails both.
 *
 * @example A trace that climbs to 2/η and stays passes; one that climbs past it does not
 * ```ts
 * import { judgeEdgeRun } from "./edgeOfStability.ts";
 * const steps = Array.from({ length: 101 }, (_, i) => 10 * i);
 * const flat = (s: number[]) => ({ lr: 0.1, threshold: 20, steps: 1000, sharpnessSteps: steps, sharpness: s, diverged: false });
 * const edge = judgeEdgeRun(flat(steps.map((t) => Math.min(8 + t / 20, 20 + (t % 20 ? 0.5 : -0.5)))));
 * const past = judgeEdgeRun(flat(steps.map((t) => 8 + t / 20)));
 * if (!edge.rises || !edge.hovers || past.hovers) throw new Error(JSON.stringify([edge, past]));
 * ```
 */
export function judgeEdgeRun(trace: EdgeTrace): EdgeJudgement {
  const { threshold, steps, sharpnessSteps, sharpness } = trace;
  if (sharpness.length === 0 || sharpness.length !== sharpnessSteps.length) {
    throw new RangeError(
      "Cannot judge the edge of stability: the sharpness trace is empty or ragged",
    );
  }
  const reachIndex = sharpness.findIndex((s) => s >= 0.9 * threshold);
  const reachStep = reachIndex < 0 ? NaN : sharpnessSteps[reachIndex];
  const late = sharpness.filter((_, i) => sharpnessSteps[i] >= 0.75 * steps);
  const ratio = late.length > 0 ? median(late) / threshold : NaN;
  const initialRatio = sharpness[0] / threshold;
  const ok = !trace.diverged;
  const loss = trace.loss;
  let lossIncreases = 0;
  if (loss && reachIndex >= 0) {
    for (let t = reachStep + 1; t < loss.length; t++) if (loss[t] > loss[t - 1]) lossIncreases++;
  }
  return {
    lr: trace.lr,
    threshold,
    initialRatio,
    reachStep,
    ratio,
    rises: ok && reachIndex > 0 && initialRatio <= 0.8,
    hovers: ok && Math.abs(ratio - 1) <= 0.1,
    lossAtReach: loss && reachIndex >= 0 ? loss[reachStep] : NaN,
    lossAtEnd: loss ? loss[loss.length - 1] : NaN,
    lossIncreases,
  };
}

/**
 * The verdict over several runs: confirmed if every run rises and hovers,
 * refuted if no run hovers, qualified otherwise.
 *
 * @example
 * ```ts
 * import { edgeVerdict } from "./edgeOfStability.ts";
 * const j = (hovers: boolean) => ({ rises: true, hovers });
 * if (edgeVerdict([j(true), j(true)]) !== "confirmed" || edgeVerdict([j(true), j(false)]) !== "qualified") throw new Error();
 * if (edgeVerdict([j(false)]) !== "refuted") throw new Error();
 * ```
 */
export function edgeVerdict(judgements: { rises: boolean; hovers: boolean }[]): Verdict {
  if (judgements.length === 0) throw new RangeError("Cannot judge: no runs");
  if (judgements.every((j) => j.rises && j.hovers)) return "confirmed";
  if (judgements.every((j) => !j.hovers)) return "refuted";
  return "qualified";
}

/** "η = 0.1: 1.004" style list of ratios for a summary. */
export function ratioList(js: EdgeJudgement[], name = "2/\\eta"): string {
  return js.map((j) => `$\\eta = ${j.lr}$: ${j.ratio.toFixed(3)}`).join(", ") +
    ` (median sharpness over the last quarter divided by $${name}$)`;
}

/**
 * Cohen et al. (2021): under full-batch gradient descent the sharpness
 * λmax(H) rises ("progressive sharpening") until it reaches 2/η, then
 * hovers there while the loss keeps falling, non-monotonically.
 *
 * The experiment (`edgeOfStabilityRuns` with its defaults): the tanh MLP
 * [1, 30, 20, 1] (701 parameters) fits the degree-6 Chebyshev polynomial on
 * 20 points (MSE, full batch) from one seeded initialization, with
 * η = 0.14, 0.1 and 0.07 for 5000 steps; λmax by Lanczos on exact HVPs
 * every 25 steps. Verdict rule ({@linkcode judgeEdgeRun},
 * {@linkcode edgeVerdict}): confirmed if for every η the last-quarter median
 * of λmax is within ±10% of 2/η and the early phase rises.
 *
 * @example Its source and citation (`evaluate()` runs the experiment: seconds)
 * ```ts
 * import { edgeOfStability } from "./edgeOfStability.ts";
 * import { citation, isBeyondPaper } from "./claim.ts";
 * if (!isBeyondPaper(edgeOfStability) || !citation(edgeOfStability.reference!).startsWith("[@")) throw new Error();
 * ```
 */
export const edgeOfStability: Claim = {
  id: "edge-of-stability",
  chapter: 5,
  source: "beyond",
  reference: "cohen2021",
  statement:
    "under full-batch gradient descent the sharpness $\\lambda_{\\max}(H)$ rises until it reaches $2/\\eta$, then hovers there while the loss keeps falling, non-monotonically",
  expected: "confirmed",
  evaluate(): ClaimResult {
    const r = edgeOfStabilityRuns();
    const js = r.gd.map(judgeEdgeRun);
    const verdict = edgeVerdict(js);
    const ratios = js.map((j) => j.ratio);
    const fell = js.filter((j) => j.lossAtEnd < j.lossAtReach).length;
    return {
      verdict,
      summary: `${
        verdict === "confirmed" ? "Yes." : verdict === "refuted" ? "No." : "In part."
      } On a ${r.parameters}-parameter tanh network, λmax starts at ${
        js.map((j) => j.initialRatio.toFixed(2)).join(", ")
      } of $2/\\eta$ and ${
        js.every((j) => j.rises) ? "rises to it in every run" : "does not always rise to it"
      }; then ${ratioList(js)}. After reaching the edge the loss went up at ${
        js.map((j, i) => `${j.lossIncreases} of ${r.gd[i].steps - j.reachStep}`).join(", ")
      } steps, yet ended lower than at the edge in ${fell} of ${js.length} runs. The quadratic theory of this chapter would have the loss diverge once $\\lambda_{\\max} > 2/\\eta$.`,
      numbers: {
        runs: js.length,
        ratioMin: Math.min(...ratios),
        ratioMax: Math.max(...ratios),
        initialRatioMax: Math.max(...js.map((j) => j.initialRatio)),
        lossFellIn: fell,
        ...Object.fromEntries(js.map((j, i) => [`ratio${i}`, j.ratio])),
      },
    };
  },
};

/**
 * Claim check (Chapter 8): does depth widen the Hessian's eigenvalue spectrum?
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim, type Verdict } from "./claim.ts";
import { KAPPA_CUTOFF_RELATIVE, KAPPA_CUTOFFS } from "../experiments/spectrumSummary.ts";
import { cutoffTex, KAPPA_DEFINITION, SWEEP_BASIS, verdictScore } from "./_conditioning.ts";

/** The growth from the shallowest to the deepest network, per state, that {@linkcode depthVerdict} judges. */
export interface DepthGrowth {
  /** κ(deepest) / κ(shallowest) at initialization. */
  kappaGrowthInit: number;
  /** The same after training. */
  kappaGrowthTrained: number;
  /** Whether λmax − λmin at least doubles at initialization. */
  rangeDoublesInit: boolean;
  /** The same after training. */
  rangeDoublesTrained: boolean;
}

/**
 * The verdict on "depth widens the spectrum": confirmed if κ grows at least
 * tenfold and the range at least doubles in both states; qualified if κ
 * grows (by any factor above 1) in both states but not all of that holds;
 * refuted if κ does not grow in one of the states.
 *
 * @example
 * ```ts
 * import { depthVerdict } from "./depthWidensSpectrum.ts";
 * const g = { kappaGrowthInit: 20, kappaGrowthTrained: 3, rangeDoublesInit: false, rangeDoublesTrained: true };
 * if (depthVerdict(g) !== "qualified") throw new Error();
 * if (depthVerdict({ ...g, kappaGrowthTrained: 0.8 }) !== "refuted") throw new Error();
 * ```
 */
export function depthVerdict(g: DepthGrowth): Verdict {
  const tenfold = g.kappaGrowthInit >= 10 && g.kappaGrowthTrained >= 10;
  const grows = g.kappaGrowthInit > 1 && g.kappaGrowthTrained > 1;
  return tenfold && g.rangeDoublesInit && g.rangeDoublesTrained
    ? "confirmed"
    : grows
    ? "qualified"
    : "refuted";
}
import { loadIris } from "../../lib/data/loadIris.ts";
import { architectureSweep } from "../experiments/architectureSweep.ts";
import { median } from "../../lib/stats/median.ts";

/**
 * The paper (§8.1): "Deep networks increase the number of parameters,
 * widening the eigenvalue spectrum."
 *
 * The experiment: the relu networks of `architectureSweep` (defaults: width
 * 5, 1 to 5 hidden layers, Iris, seeds 1–3, at initialization and after 300
 * Adam steps). Two widths of a spectrum are measured, as medians over seeds:
 * its spread, the condition number κ = max|λ| / min{|λ| : |λ| > 10⁻⁶·max|λ|}
 * (`KAPPA_CUTOFF_RELATIVE`; at most 10⁶), and its range λmax − λmin.
 *
 * Verdict rule ({@linkcode depthVerdict}), at the cutoff 10⁻⁶: confirmed if,
 * in both states, κ grows at least tenfold and the range at least twofold
 * from the shallowest to the deepest network; qualified if κ grows in both
 * states but not all of that holds; refuted if κ does not grow in one state.
 * The verdict at every cutoff of `KAPPA_CUTOFFS` is in `numbers`
 * (verdictAt…: 1 confirmed, 0 qualified, −1 refuted).
 *
 * @example
 * ```ts
 * import { depthWidensSpectrum } from "./depthWidensSpectrum.ts";
 * // depthWidensSpectrum.evaluate() runs the experiment (once per source tree, see
 * // defineClaim); a chapter shows the verdict with showVerdict(depthWidensSpectrum).
 * const c = depthWidensSpectrum;
 * if (c.id !== "depth-widens-spectrum" || c.chapter !== 8 || c.expected !== "qualified") {
 *   throw new Error(c.id);
 * }
 * ```
 */
export const depthWidensSpectrum: Claim = defineClaim({
  id: "depth-widens-spectrum",
  chapter: 8,
  statement: "Deep networks increase the number of parameters, widening the eigenvalue spectrum",
  expected: "qualified",
  evaluate(): ClaimResult {
    const data = loadIris({ seed: 0 }).train;
    const rows = architectureSweep({ data });
    const depths = [...new Set(rows.map((r) => r.depth))].sort((a, b) => a - b);
    const d1 = depths[0], dL = depths[depths.length - 1];
    const at = (state: string, d: number) => rows.filter((r) => r.state === state && r.depth === d);
    const kappaAt = (s: string, d: number, i: number) => median(at(s, d).map((r) => r.kappaAt[i]));
    const main = KAPPA_CUTOFFS.indexOf(KAPPA_CUTOFF_RELATIVE);
    const kappa = (s: string, d: number) => kappaAt(s, d, main);
    const range = (s: string, d: number) => median(at(s, d).map((r) => r.lambdaMax - r.lambdaMin));
    const n = (d: number) => at("init", d)[0].n;
    const numbers: Record<string, number> = {
      paramsShallowest: n(d1),
      paramsDeepest: n(dL),
      kappaInitShallowest: kappa("init", d1),
      kappaInitDeepest: kappa("init", dL),
      kappaTrainedShallowest: kappa("trained", d1),
      kappaTrainedDeepest: kappa("trained", dL),
      rangeInitShallowest: range("init", d1),
      rangeInitDeepest: range("init", dL),
      rangeTrainedShallowest: range("trained", d1),
      rangeTrainedDeepest: range("trained", dL),
      kappaGrowthInit: kappa("init", dL) / kappa("init", d1),
      kappaGrowthTrained: kappa("trained", dL) / kappa("trained", d1),
    };
    const rangeInit = numbers.rangeInitDeepest >= 2 * numbers.rangeInitShallowest;
    const rangeTrained = numbers.rangeTrainedDeepest >= 2 * numbers.rangeTrainedShallowest;
    const growths = KAPPA_CUTOFFS.map((_, i): DepthGrowth => ({
      kappaGrowthInit: kappaAt("init", dL, i) / kappaAt("init", d1, i),
      kappaGrowthTrained: kappaAt("trained", dL, i) / kappaAt("trained", d1, i),
      rangeDoublesInit: rangeInit,
      rangeDoublesTrained: rangeTrained,
    }));
    const verdicts = growths.map(depthVerdict);
    KAPPA_CUTOFFS.forEach((c, i) => {
      numbers[`kappaGrowthInitAt${c.toExponential(0)}`] = growths[i].kappaGrowthInit;
      numbers[`kappaGrowthTrainedAt${c.toExponential(0)}`] = growths[i].kappaGrowthTrained;
      numbers[`verdictAt${c.toExponential(0)}`] = verdictScore(verdicts[i]);
    });
    const verdict = verdicts[main];
    const kappaWidens = numbers.kappaGrowthInit >= 10 && numbers.kappaGrowthTrained >= 10;
    const sensitivity = KAPPA_CUTOFFS.map((c, i) =>
      `$${cutoffTex(c)}$: ×${growths[i].kappaGrowthInit.toFixed(1)} and ×${
        growths[i].kappaGrowthTrained.toFixed(1)
      } (${verdicts[i]})`
    ).join(", ");
    const e = (x: number) => {
      const k = Math.floor(Math.log10(x));
      return `${(x / 10 ** k).toFixed(1)}\\times 10^{${k}}`;
    };
    const f = (x: number) => x.toFixed(1);
    const rangeText = (s: string, a: number, b: number) =>
      `${s} ${f(a)} → ${f(b)}, ×${(b / a).toFixed(1)}`;
    const lead = verdict === "confirmed"
      ? "Yes, at both ends."
      : verdict === "refuted"
      ? "No."
      : kappaWidens
      ? `In ratio, yes; in absolute range, only ${
        rangeInit ? "at initialization" : "after training"
      }.`
      : "In ratio, somewhat, and less the coarser the cutoff; in absolute range, not in every state.";
    return {
      verdict,
      numbers,
      summary:
        `${lead} From ${d1} to ${dL} hidden layers (${numbers.paramsShallowest} → ${numbers.paramsDeepest}
parameters; medians over 3 seeds), with ${KAPPA_DEFINITION}, the condition number grows from
$${e(numbers.kappaInitShallowest)}$ to $${e(numbers.kappaInitDeepest)}$ at initialization and from
$${e(numbers.kappaTrainedShallowest)}$ to $${
          e(numbers.kappaTrainedDeepest)
        }$ after training (it cannot exceed $10^6$). Growth (initial, trained) by cutoff: ${sensitivity}:
the deep spectra reach down to any cutoff, so the finer the cutoff, the larger the growth. The range
$\\lambda_{\\max}-\\lambda_{\\min}$ (${
          rangeText("initialization", numbers.rangeInitShallowest, numbers.rangeInitDeepest)
        }; ${rangeText("trained", numbers.rangeTrainedShallowest, numbers.rangeTrainedDeepest)}) ${
          rangeInit && rangeTrained
            ? "at least doubles too."
            : "does not double in every state: the top of the spectrum need not move."
        } ${SWEEP_BASIS}.`,
    };
  },
});

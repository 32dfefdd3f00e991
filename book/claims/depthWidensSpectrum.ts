/**
 * Claim check (Chapter 8): does depth widen the Hessian's eigenvalue spectrum?
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim } from "./claim.ts";
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
 * its spread, the condition number of the nonzero part
 * κ = max|λ| / min{|λ| : λ not numerically zero}, and its range λmax − λmin.
 *
 * Verdict rule: confirmed if, in both states, κ grows at least tenfold and
 * the range at least twofold from the shallowest to the deepest network
 * (twofold is also what the saturation claim asks of the top of the
 * spectrum); qualified if κ grows tenfold in both states but the range does
 * not double in one of them; refuted otherwise.
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
    const kappa = (s: string, d: number) => median(at(s, d).map((r) => r.kappaNonzero));
    const range = (s: string, d: number) => median(at(s, d).map((r) => r.lambdaMax - r.lambdaMin));
    const n = (d: number) => at("init", d)[0].n;
    const numbers = {
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
    const kappaWidens = numbers.kappaGrowthInit >= 10 && numbers.kappaGrowthTrained >= 10;
    const rangeInit = numbers.rangeInitDeepest >= 2 * numbers.rangeInitShallowest;
    const rangeTrained = numbers.rangeTrainedDeepest >= 2 * numbers.rangeTrainedShallowest;
    const verdict = kappaWidens && rangeInit && rangeTrained
      ? "confirmed"
      : kappaWidens
      ? "qualified"
      : "refuted";
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
      : rangeInit || rangeTrained
      ? `In ratio, yes; in absolute range, only ${
        rangeInit ? "at initialization" : "after training"
      }.`
      : "In ratio, yes; in absolute range, no.";
    return {
      verdict,
      numbers,
      summary:
        `${lead} From ${d1} to ${dL} hidden layers (${numbers.paramsShallowest} → ${numbers.paramsDeepest}
parameters; medians over 3 seeds) the condition number of the nonzero spectrum grows from
$${e(numbers.kappaInitShallowest)}$ to $${e(numbers.kappaInitDeepest)}$ at initialization and from
$${e(numbers.kappaTrainedShallowest)}$ to $${
          e(numbers.kappaTrainedDeepest)
        }$ after training: the small end of the spectrum
reaches further down. The range $\\lambda_{\\max}-\\lambda_{\\min}$ (${
          rangeText("initialization", numbers.rangeInitShallowest, numbers.rangeInitDeepest)
        }; ${rangeText("trained", numbers.rangeTrainedShallowest, numbers.rangeTrainedDeepest)}) ${
          rangeInit && rangeTrained
            ? "at least doubles too."
            : "does not double in every state: the top of the spectrum need not move."
        }`,
    };
  },
});

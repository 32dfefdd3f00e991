/**
 * Claim check (Chapter 8): does BatchNorm smooth the loss landscape (lower
 * the top curvature)?
 *
 * @module
 */
import { type Claim, type ClaimResult, verdictOfTrend } from "./claim.ts";
import { compareWithPlain } from "../experiments/compareVariants.ts";

/**
 * The paper (§8.1): "Batch normalization (BatchNorm) stabilizes training by
 * normalizing layer inputs, smoothing the loss landscape." Smoothness in the
 * sense of Santurkar et al. (2018) is a small Lipschitz constant of the
 * gradient, whose local value is the top curvature max|λ| of the Hessian.
 *
 * The experiment: as in `batchNormLowersConditionNumber`, comparing λmax
 * (medians over seeds per depth and state) with and without BatchNorm.
 *
 * Verdict rule: confirmed if BatchNorm gives the lower λmax in at least 75%
 * of the cells, refuted if in at most 25%, qualified otherwise.
 *
 * @example
 * ```ts
 * import { batchNormSmoothsLandscape } from "./batchNormSmoothsLandscape.ts";
 * const r = batchNormSmoothsLandscape.evaluate();
 * if (r.numbers.cells !== 10) throw new Error(r.summary);
 * ```
 */
export const batchNormSmoothsLandscape: Claim = {
  id: "batchnorm-smooths-landscape",
  chapter: 8,
  statement:
    "Batch normalization (BatchNorm) stabilizes training by normalizing layer inputs, smoothing the loss landscape",
  expected: "qualified",
  evaluate(): ClaimResult {
    const c = compareWithPlain("batchnorm", "lambdaMax");
    const lowerIn = (s: string) => c.cells.filter((x) => x.state === s && x.lower).length;
    const inState = (s: string) => c.cells.filter((x) => x.state === s).length;
    const numbers = {
      cells: c.cells.length,
      fractionLower: c.fractionLower,
      geometricMeanRatio: c.geometricMeanRatio,
      lowerInit: lowerIn("init"),
      lowerTrained: lowerIn("trained"),
    };
    const verdict = verdictOfTrend(c.trend);
    return {
      verdict,
      numbers,
      summary: `${
        verdict === "confirmed"
          ? "Yes: the top curvature is lower with BatchNorm."
          : verdict === "refuted"
          ? "No: the top curvature is higher with BatchNorm."
          : "Not in the sense of a lower top curvature."
      } BatchNorm gives the lower $\\lambda_{\\max}$ in ${numbers.lowerInit} of ${
        inState("init")
      } depths at initialization and ${numbers.lowerTrained} of ${
        inState("trained")
      } after training (geometric-mean ratio ${c.geometricMeanRatio.toFixed(2)}; relu, width 5,
1–5 hidden layers, Iris, medians of 3 seeds).`,
    };
  },
};

/**
 * Claim check (Chapter 8): do residual connections smooth the landscape and
 * lower the Hessian's condition number?
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim, type Verdict } from "./claim.ts";
import { compareVariants, type VariantComparison } from "../experiments/compareVariants.ts";
import {
  cellCount,
  cutoffSensitivity,
  KAPPA_DEFINITION,
  kappaEvidence,
  SWEEP_BASIS,
} from "./_conditioning.ts";

/**
 * The verdict on "skips lower the condition number (and smooth the
 * landscape)": confirmed if residual networks have the lower κ and the lower
 * λmax in most cells (trend "lower" for both), refuted if the lower κ in at
 * most 25% of the cells, qualified otherwise.
 *
 * @example
 * ```ts
 * import { residualVerdict } from "./residualLowersConditionNumber.ts";
 * if (residualVerdict({ trend: "lower" }, { trend: "mixed" }) !== "qualified") throw new Error();
 * if (residualVerdict({ trend: "higher" }, { trend: "lower" }) !== "refuted") throw new Error();
 * ```
 */
export function residualVerdict(
  kappa: Pick<VariantComparison, "trend">,
  lambdaMax: Pick<VariantComparison, "trend">,
): Verdict {
  return kappa.trend === "lower" && lambdaMax.trend === "lower"
    ? "confirmed"
    : kappa.trend === "higher"
    ? "refuted"
    : "qualified";
}

/**
 * The paper (§8.1): "Residual connections (e.g., in ResNet) smooth the loss
 * landscape by allowing gradients to flow directly, reducing the Hessian's
 * condition number compared to plain deep networks."
 *
 * The experiment (`architectureSweep` defaults, plain against residual):
 * relu MLPs of width 5 with 2 to 5 hidden layers (skips h ← h + relu(hW + b)
 * on hidden layers 2…), Iris, seeds 1–3, at initialization and after 300
 * Adam steps. In every (depth, state) cell the medians over seeds of κ (the
 * condition number of the eigenvalues above 10⁻⁶·max|λ|, `KAPPA_CUTOFF_RELATIVE`)
 * and of λmax are compared by `compareVariants`; the verdict is also
 * computed at the other cutoffs of `KAPPA_CUTOFFS` (in `numbers`, 1
 * confirmed, 0 qualified, −1 refuted).
 *
 * Verdict rule ({@linkcode residualVerdict}), at the cutoff 10⁻⁶: confirmed if residual networks have the lower κ and the lower
 * λmax in at least 75% of the cells; refuted if they have the lower κ in at
 * most 25% of the cells (no reduction of the condition number); qualified
 * otherwise.
 *
 * @example
 * ```ts
 * import { residualLowersConditionNumber } from "./residualLowersConditionNumber.ts";
 * // residualLowersConditionNumber.evaluate() runs the experiment (once per source tree, see
 * // defineClaim); a chapter shows the verdict with showVerdict(residualLowersConditionNumber).
 * const c = residualLowersConditionNumber;
 * if (c.id !== "residual-lowers-condition-number" || c.chapter !== 8 || c.expected !== "qualified") {
 *   throw new Error(c.id);
 * }
 * ```
 */
export const residualLowersConditionNumber: Claim = defineClaim({
  id: "residual-lowers-condition-number",
  chapter: 8,
  statement:
    "Residual connections (e.g., in ResNet) smooth the loss landscape by allowing gradients to flow directly, reducing the Hessian's condition number compared to plain deep networks",
  expected: "qualified",
  evaluate(): ClaimResult {
    const { rows, sens, kappa, rounding: old } = kappaEvidence("residual");
    const top = compareVariants(rows, {
      baseline: "plain",
      variant: "residual",
      metric: "lambdaMax",
    });
    const initTop = top.cells.filter((c) => c.state === "init");
    const sensitivity = cutoffSensitivity(sens, (c) => residualVerdict(c, top));
    const numbers: Record<string, number> = {
      cells: kappa.cells.length,
      kappaFractionLower: kappa.fractionLower,
      kappaGeometricMeanRatio: kappa.geometricMeanRatio,
      roundingKappaFractionLower: old.fractionLower,
      lambdaMaxFractionLower: top.fractionLower,
      lambdaMaxGeometricMeanRatio: top.geometricMeanRatio,
      lambdaMaxInitFractionLower: initTop.filter((c) => c.lower).length / initTop.length,
      ...sensitivity.numbers,
    };
    const verdict = residualVerdict(kappa, top);
    return {
      verdict,
      numbers,
      summary: `${
        verdict === "confirmed"
          ? "Yes."
          : verdict === "refuted"
          ? "No: skips raise the condition number here."
          : kappa.trend === "lower"
          ? "The condition number, mostly; the smoothness, no."
          : "Not consistently, in either sense."
      } Against plain relu networks of the same depth (2–5 hidden layers, medians of 3 seeds, initial and
trained), with ${KAPPA_DEFINITION}, skips give the lower condition number in ${
        cellCount(kappa)
      } cells (geometric-mean ratio ${
        kappa.geometricMeanRatio.toFixed(2)
      }); cells with the lower κ, by cutoff: ${sensitivity.text}. They give the lower $\\lambda_{\\max}$
in only ${cellCount(top)} (ratio ${top.geometricMeanRatio.toFixed(2)}; at initialization ${
        initTop.filter((c) => c.lower).length
      } of ${initTop.length}): unnormalized skips add the branch to the signal, so activations and the
top curvature grow with depth. ${SWEEP_BASIS}.`,
    };
  },
});

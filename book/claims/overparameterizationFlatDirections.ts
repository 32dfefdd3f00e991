/**
 * Claim check (Chapter 8): does overparameterization add low-curvature
 * directions?
 *
 * @module
 */
import type { Claim, ClaimResult } from "./claim.ts";
import { loadIris } from "../../lib/data/loadIris.ts";
import {
  architectureSweep,
  cellMean,
  type TrainingState,
} from "../experiments/architectureSweep.ts";
import { WIDTH_SWEEP_WIDTHS } from "./wideFewerZeroEigenvalues.ts";

/**
 * The paper (§8.1): "overparameterization can introduce low-curvature
 * directions, as many parameter combinations yield similar losses."
 *
 * The experiment is the width sweep of `wideFewerZeroEigenvalues` (one relu
 * layer of width 2 to 30 on Iris, seeds 1–3, at initialization and after 300
 * Adam steps). Near-zero: |λ| ≤ 10⁻³·max|λ|.
 *
 * Verdict rule: confirmed if the mean near-zero fraction rises at every step
 * of width in both states; qualified if it is higher at the widest than at
 * the narrowest in both states but not at every step; refuted otherwise.
 *
 * @example
 * ```ts
 * import { overparameterizationFlatDirections } from "./overparameterizationFlatDirections.ts";
 * const r = overparameterizationFlatDirections.evaluate();
 * if (!(r.numbers.nearZeroTrainedWidest > 0)) throw new Error(r.summary);
 * ```
 */
export const overparameterizationFlatDirections: Claim = {
  id: "overparameterization-flat-directions",
  chapter: 8,
  statement:
    "overparameterization can introduce low-curvature directions, as many parameter combinations yield similar losses",
  expected: "confirmed",
  evaluate(): ClaimResult {
    const data = loadIris({ seed: 0 }).train;
    const rows = architectureSweep({ data, depths: [1], widths: WIDTH_SWEEP_WIDTHS });
    const curve = (state: TrainingState) =>
      WIDTH_SWEEP_WIDTHS.map((width) => cellMean(rows, { state, width }, "nearZeroFraction"));
    const init = curve("init"), trained = curve("trained");
    const monotone = (c: number[]) => c.every((v, i) => i === 0 || v > c[i - 1]);
    const higher = (c: number[]) => c[c.length - 1] > c[0];
    const verdict = monotone(init) && monotone(trained)
      ? "confirmed"
      : higher(init) && higher(trained)
      ? "qualified"
      : "refuted";
    const N = data.x.length, C = Math.max(...data.y) + 1;
    const nWidest = rows.find((r) => r.width === WIDTH_SWEEP_WIDTHS.at(-1))!.n;
    const numbers = {
      nearZeroInitNarrowest: init[0],
      nearZeroInitWidest: init[init.length - 1],
      nearZeroTrainedNarrowest: trained[0],
      nearZeroTrainedWidest: trained[trained.length - 1],
      paramsWidest: nWidest,
      gaussNewtonRankBound: N * (C - 1),
    };
    const list = (c: number[]) => c.map((v) => v.toFixed(2)).join(", ");
    return {
      verdict,
      numbers,
      summary: `${
        verdict === "confirmed"
          ? "Yes, at every width we tried."
          : verdict === "qualified"
          ? "Overall, yes."
          : "No."
      } Near-zero fraction for widths ${WIDTH_SWEEP_WIDTHS.join(", ")}: ${
        list(init)
      } at initialization and ${list(trained)} after training (means over 3 seeds). ${
        trained[1] > trained[0] && init[1] > init[0]
          ? `The rise starts at width ${
            WIDTH_SWEEP_WIDTHS[1]
          }, far below the point where the parameters (${nWidest} at the widest) outnumber the Gauss–Newton rank bound $N(C-1) = ${
            N * (C - 1)
          }$.`
          : `The widest network has ${nWidest} parameters against a Gauss–Newton rank bound $N(C-1) = ${
            N * (C - 1)
          }$.`
      }`,
    };
  },
};

/**
 * Claim check (Chapter 6): does SGD's mini-batch noise help escape saddle points?
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim, type Verdict } from "./claim.ts";
import { saddleNoiseEscape, type SaddleNoiseResult } from "../experiments/saddleNoiseEscape.ts";

/**
 * The verdict: confirmed if every mini-batch run escapes while full-batch
 * descent from the same start never leaves the saddle's stable manifold;
 * refuted if no mini-batch run escapes; qualified otherwise.
 *
 * @example
 * ```ts
 * import { saddleNoiseVerdict } from "./sgdNoiseEscapesSaddles.ts";
 * if (saddleNoiseVerdict({ runs: 3, escaped: 3, fullBatchMaxAbsY: 0 }) !== "confirmed") throw new Error();
 * if (saddleNoiseVerdict({ runs: 3, escaped: 0, fullBatchMaxAbsY: 0 }) !== "refuted") throw new Error();
 * ```
 */
export function saddleNoiseVerdict(
  r: Pick<SaddleNoiseResult, "runs" | "escaped" | "fullBatchMaxAbsY">,
): Verdict {
  if (r.escaped === r.runs && r.fullBatchMaxAbsY === 0) return "confirmed";
  if (r.escaped === 0) return "refuted";
  return "qualified";
}

/**
 * The paper (§6): "SGD's noise can help escape saddle points".
 *
 * The experiment (`saddleNoiseEscape` defaults): the finite sum
 * fᵢ(x, y) = ½x² − ½y² + ¼y⁴ + cᵢy with Σcᵢ = 0 exactly (100 samples), a
 * saddle at the origin; from (1, 0), full-batch gradient descent (rate 0.1)
 * against SGD with mini-batches of 10, 20 seeds, 300 steps; escaped means
 * |y| > 0.5. Verdict rule: {@linkcode saddleNoiseVerdict}.
 *
 * @example
 * ```ts
 * import { sgdNoiseEscapesSaddles } from "./sgdNoiseEscapesSaddles.ts";
 * if (sgdNoiseEscapesSaddles.id !== "sgd-noise-escapes-saddles") throw new Error();
 * ```
 */
export const sgdNoiseEscapesSaddles: Claim = defineClaim({
  id: "sgd-noise-escapes-saddles",
  chapter: 6,
  statement: "SGD's noise can help escape saddle points",
  expected: "confirmed",
  evaluate(): ClaimResult {
    const r = saddleNoiseEscape();
    const verdict = saddleNoiseVerdict(r);
    return {
      verdict,
      numbers: { ...r },
      summary: `${
        verdict === "confirmed" ? "Yes." : verdict === "refuted" ? "No." : "Sometimes."
      } On a finite sum whose full gradient is exactly zero along the saddle's stable line
($f_i = \\tfrac12x^2 - \\tfrac12y^2 + \\tfrac14y^4 + c_iy$, $\\sum_i c_i = 0$), full-batch descent from
$(1, 0)$ ends ${r.fullBatchDistanceToSaddle.toExponential(0)} from the saddle, with ${
        r.fullBatchMaxAbsY === 0
          ? "$y = 0$ exactly"
          : `$|y| \\le ${r.fullBatchMaxAbsY.toExponential(1)}$`
      } throughout, while SGD with mini-batches of 10 escapes in ${r.escaped} of ${r.runs} runs (median ${r.medianEscapeStep}
steps). The noise is what moves it: started $10^{-8}$ off the line, full-batch descent also escapes,
after ${r.fullBatchOffsetEscapeStep} steps.`,
    };
  },
});

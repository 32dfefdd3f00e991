/**
 * Claim check (Chapter 6): does Adam's smoothing cope with mini-batch noise
 * better than a Hessian-aware method's curvature estimates?
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim, type Verdict } from "./claim.ts";
import { noisyCurvatureRace, type NoisyCurvatureResult } from "../experiments/optimizerRaces.ts";

/**
 * The verdict on the two halves of the claim: (a) Adam's smoothed scale
 * √v̂ moves at most a tenth as much from step to step as a mini-batch's
 * curvature estimate diag(H_B) moves from the full one; (b) mini-batch
 * Newton, at its best step and damping, ends with a gap at least twice
 * Adam's. Confirmed if both hold, refuted if neither, qualified otherwise.
 *
 * @example
 * ```ts
 * import { noisyCurvatureVerdict } from "./adamSmoothingNoisyCurvature.ts";
 * const r = { adam: 1, newton: 0.8, batchDiagonalSpread: 0.4, adamPreconditionerSpread: 0.01 };
 * if (noisyCurvatureVerdict(r) !== "qualified") throw new Error();
 * ```
 */
export function noisyCurvatureVerdict(
  r: Pick<
    NoisyCurvatureResult,
    "adam" | "newton" | "batchDiagonalSpread" | "adamPreconditionerSpread"
  >,
): Verdict {
  const smoother = r.adamPreconditionerSpread <= 0.1 * r.batchDiagonalSpread;
  const newtonSuffers = r.newton >= 2 * r.adam;
  return smoother && newtonSuffers
    ? "confirmed"
    : smoother || newtonSuffers
    ? "qualified"
    : "refuted";
}

/**
 * The paper (§6): "In stochastic settings, mini-batch noise complicates
 * Hessian estimation, but Adam's smoothing mitigates this, unlike
 * Hessian-aware methods, which suffer from unstable curvature estimates."
 *
 * The experiment (`noisyCurvatureRace` defaults): least squares with 10
 * features of scales 1…0.03 (κ ≈ 10³), 4000 rows, target noise 0.1,
 * mini-batches of 8, 200 steps, seeds 1–3; Adam at its best rate against
 * mini-batch Newton with the batch's own Hessian, at its best step and
 * damping; and the step-to-step spread of each one's curvature estimate.
 * Verdict rule: {@linkcode noisyCurvatureVerdict}.
 *
 * @example
 * ```ts
 * import { adamSmoothingNoisyCurvature } from "./adamSmoothingNoisyCurvature.ts";
 * if (adamSmoothingNoisyCurvature.id !== "adam-smoothing-noisy-curvature") throw new Error();
 * ```
 */
export const adamSmoothingNoisyCurvature: Claim = defineClaim({
  id: "adam-smoothing-noisy-curvature",
  chapter: 6,
  statement:
    "In stochastic settings, mini-batch noise complicates Hessian estimation, but Adam's smoothing mitigates this, unlike Hessian-aware methods, which suffer from unstable curvature estimates",
  expected: "qualified",
  evaluate(): ClaimResult {
    const r = noisyCurvatureRace();
    const verdict = noisyCurvatureVerdict(r);
    const e = (x: number) => x.toExponential(1);
    return {
      verdict,
      numbers: { ...r },
      summary: `${
        verdict === "confirmed"
          ? "Yes, both halves."
          : verdict === "refuted"
          ? "No."
          : r.adamPreconditionerSpread <= 0.1 * r.batchDiagonalSpread
          ? "The smoothing, yes; the suffering of Hessian-aware methods, not with damping."
          : "Only in part."
      } On noisy least squares ($\\kappa \\approx 10^3$, mini-batches of 8, 200 steps, seeds 1–3), a batch's
curvature estimate $\\operatorname{diag}(H_B)$ is off the full one by ${
        (100 * r.batchDiagonalSpread).toFixed(0)
      }% (median), while Adam's $\\sqrt{\\hat v}$ moves by ${
        (100 * r.adamPreconditionerSpread).toFixed(1)
      }% from step to step. But mini-batch Newton with the batch's own Hessian, damped by
$\\delta = ${r.newtonDamping}$ and at its best step, ends with the gap $f - f^* = ${
        e(r.newton)
      }$ against Adam's ${e(r.adam)} at its best rate: damping and a step below 1 average the noise
out as well.`,
    };
  },
});

/**
 * Claim check (Chapter 8): do sigmoid's vanishing gradients call for Adam?
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim, type Verdict } from "./claim.ts";
import { sigmoidDepthRace, type SigmoidRaceResult } from "../experiments/sigmoidDepthRace.ts";

/**
 * The verdict: confirmed if the first layer's gradient is below 1% of the
 * last layer's at initialization and Adam's final loss is at least 10%
 * below gradient descent's in every seed (each at its best rate); refuted
 * if gradient descent's is at most Adam's in every seed; qualified otherwise.
 *
 * @example
 * ```ts
 * import { sigmoidVerdict } from "./sigmoidNeedsAdam.ts";
 * const r = { firstToLastGradient: 1e-4, gd: { perSeed: [1.1, 1.1] }, adam: { perSeed: [0.5, 0.4] } };
 * if (sigmoidVerdict(r) !== "confirmed") throw new Error();
 * ```
 */
export function sigmoidVerdict(
  r: Pick<SigmoidRaceResult, "firstToLastGradient"> & {
    gd: { perSeed: number[] };
    adam: { perSeed: number[] };
  },
): Verdict {
  const gd = r.gd.perSeed, adam = r.adam.perSeed;
  if (r.firstToLastGradient < 0.01 && adam.every((a, i) => a <= 0.9 * gd[i])) return "confirmed";
  if (gd.every((g, i) => g <= adam[i])) return "refuted";
  return "qualified";
}

/**
 * The paper (§8.1): "Sigmoid's vanishing gradients necessitate optimizers
 * like Adam, which adapt to low curvature."
 *
 * The experiment (`sigmoidDepthRace` defaults): a sigmoid MLP with 6 hidden
 * layers of width 5 on the Iris training set, Xavier initialization, seeds
 * 1–3, 100 full-batch steps of gradient descent and of Adam, each at the
 * best rate of its grid. Verdict rule: {@linkcode sigmoidVerdict}.
 *
 * @example
 * ```ts
 * import { sigmoidNeedsAdam } from "./sigmoidNeedsAdam.ts";
 * if (sigmoidNeedsAdam.id !== "sigmoid-needs-adam" || sigmoidNeedsAdam.chapter !== 8) throw new Error();
 * ```
 */
export const sigmoidNeedsAdam: Claim = defineClaim({
  id: "sigmoid-needs-adam",
  chapter: 8,
  statement:
    "Sigmoid's vanishing gradients necessitate optimizers like Adam, which adapt to low curvature",
  expected: "confirmed",
  evaluate(): ClaimResult {
    const r = sigmoidDepthRace();
    const verdict = sigmoidVerdict(r);
    const f = (x: number) => x.toFixed(3);
    return {
      verdict,
      numbers: {
        n: r.n,
        initialLoss: r.initialLoss,
        firstToLastGradient: r.firstToLastGradient,
        gdLoss: r.gd.loss,
        gdLr: r.gd.lr,
        adamLoss: r.adam.loss,
        adamLr: r.adam.lr,
      },
      summary: `${
        verdict === "confirmed"
          ? "Yes, in this network."
          : verdict === "refuted"
          ? "No."
          : "Not in every seed."
      } In a sigmoid MLP with 6 hidden layers of width 5 (${r.n} parameters, Iris, seeds 1–3) the first
layer's gradient is ${r.firstToLastGradient.toExponential(1)} times the last layer's at
initialization. After 100 full-batch steps, gradient descent at its best rate (${r.gd.lr}) is still
at the loss ${f(r.gd.loss)} ($\\ln 3 = 1.099$: the class priors only), while Adam at its best rate
(${r.adam.lr}) reaches ${
        f(r.adam.loss)
      }: dividing by $\\sqrt{\\hat v}$ gives the starved early layers steps of the same size as the
others. "Necessitate" is stronger than we can test: other remedies (another activation, another
initialization, normalization) were not tried.`,
    };
  },
});

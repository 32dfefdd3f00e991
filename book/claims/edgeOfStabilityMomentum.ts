/**
 * Claim check (Chapter 5, beyond the paper): with heavy-ball momentum the
 * edge of stability moves to (2 + 2β)/η (Cohen et al., 2021).
 *
 * @module
 */
import type { Claim, ClaimResult } from "./claim.ts";
import { edgeVerdict, judgeEdgeRun, ratioList } from "./edgeOfStability.ts";
import { edgeOfStabilityRuns } from "../experiments/edgeOfStabilityRuns.ts";

/**
 * Cohen et al. (2021): with heavy-ball momentum β the sharpness settles at
 * (2 + 2β)/η instead, the stability threshold of heavy ball on a quadratic.
 *
 * The experiment: the same network and data as {@linkcode edgeOfStability}
 * (`edgeOfStabilityRuns`), heavy ball with η = 0.1 and β = 0.5 (threshold
 * 30, against 20 for plain gradient descent at the same η). The same rule
 * ({@linkcode judgeEdgeRun}) with (2 + 2β)/η in place of 2/η.
 *
 * @example Its source and citation (`evaluate()` runs the experiment: seconds)
 * ```ts
 * import { edgeOfStabilityMomentum } from "./edgeOfStabilityMomentum.ts";
 * import { citation, isBeyondPaper } from "./claim.ts";
 * if (!isBeyondPaper(edgeOfStabilityMomentum) || !citation(edgeOfStabilityMomentum.reference!).startsWith("[@")) throw new Error();
 * ```
 */
export const edgeOfStabilityMomentum: Claim = {
  id: "edge-of-stability-momentum",
  chapter: 5,
  source: "beyond",
  reference: "cohen2021",
  statement:
    "with heavy-ball momentum $\\beta$ the sharpness settles at $(2 + 2\\beta)/\\eta$ instead of $2/\\eta$",
  expected: "confirmed",
  evaluate(): ClaimResult {
    const r = edgeOfStabilityRuns();
    const j = judgeEdgeRun(r.momentum);
    const plain = r.gd.find((g) => g.lr === r.momentum.lr);
    const verdict = edgeVerdict([j]);
    const beta = r.momentum.momentum;
    return {
      verdict,
      summary: `${verdict === "confirmed" ? "Yes." : verdict === "refuted" ? "No." : "In part."} ` +
        `Heavy ball with $\\beta = ${beta}$: λmax starts at ${j.initialRatio.toFixed(2)} of ` +
        `$(2 + 2\\beta)/\\eta = ${r.momentum.threshold.toFixed(0)}$ and ${
          j.rises ? "rises to it" : "does not rise to it"
        }; ${ratioList([j], "(2 + 2\\beta)/\\eta")}${
          plain
            ? `. Plain gradient descent at the same $\\eta$ settles at $2/\\eta = ${
              plain.threshold.toFixed(0)
            }$ instead`
            : ""
        }.`,
      numbers: {
        beta,
        lr: r.momentum.lr,
        threshold: r.momentum.threshold,
        ratio: j.ratio,
        initialRatio: j.initialRatio,
      },
    };
  },
};

/**
 * Claim check (Chapter 8, beyond the paper): the Hessian of a trained
 * classifier has a bulk near zero and about one outlier per class (Sagun et
 * al., 2017; Papyan, 2019).
 *
 * @module
 */
import type { Claim, ClaimResult, Verdict } from "./claim.ts";
import { outlierSweep } from "../experiments/hessianOutliers.ts";

/** What the rule reads from one setting: C and the measured outlier count. */
export interface OutlierCount {
  /** The number of classes C. */
  classes: number;
  /** The measured count (the median over seeds). */
  count: number;
}

/**
 * The verdict rule: a setting matches when its count equals C. Confirmed if
 * at least 4 of 5 settings match (in general: all but at most one of at
 * least five, or every one of fewer); refuted if as many match the other
 * account, C − 1, instead; qualified otherwise.
 *
 * @example
 * ```ts
 * import { judgeOutlierCounts } from "./hessianOutliersPerClass.ts";
 * const rows = (f: (c: number) => number) => [2, 3, 4, 5, 6].map((c) => ({ classes: c, count: f(c) }));
 * if (judgeOutlierCounts(rows((c) => c)).verdict !== "confirmed") throw new Error();
 * if (judgeOutlierCounts(rows((c) => (c === 2 ? 1 : c))).verdict !== "confirmed") throw new Error();
 * if (judgeOutlierCounts(rows((c) => c - 1)).verdict !== "refuted") throw new Error();
 * if (judgeOutlierCounts(rows((c) => (c < 4 ? c - 1 : c))).verdict !== "qualified") throw new Error();
 * ```
 */
export function judgeOutlierCounts(
  rows: OutlierCount[],
): { verdict: Verdict; matchC: number; matchCMinus1: number; needed: number } {
  if (rows.length === 0) throw new RangeError("Cannot judge the outlier counts: no settings");
  const needed = rows.length >= 5 ? rows.length - 1 : rows.length;
  const matchC = rows.filter((r) => r.count === r.classes).length;
  const matchCMinus1 = rows.filter((r) => r.count === r.classes - 1).length;
  const verdict = matchC >= needed ? "confirmed" : matchCMinus1 >= needed ? "refuted" : "qualified";
  return { verdict, matchC, matchCMinus1, needed };
}

/**
 * Sagun et al. (2017) and Papyan (2019): at the end of training, the
 * Hessian of a classifier's loss is a bulk of eigenvalues near zero plus a
 * few outliers, about one per class.
 *
 * The experiment (`outlierSweep` with its defaults): C = 2 … 6 Gaussian
 * blobs in the plane (60 points each, neighbouring centres 3σ apart), a tanh
 * MLP [2, 32, C], cross-entropy, 800 full-batch Adam steps, seeds 1–3; the
 * exact Hessian's eigenvalues; outliers counted by the largest relative gap
 * λ_k/λ_{k+1} among the top 2C + 2 (at least 1.5). A setting's count is the
 * median over its seeds. Verdict rule: {@linkcode judgeOutlierCounts}.
 *
 * @example Its source and citation (`evaluate()` runs the experiment: seconds)
 * ```ts
 * import { hessianOutliersPerClass } from "./hessianOutliersPerClass.ts";
 * import { citation, isBeyondPaper } from "./claim.ts";
 * if (!isBeyondPaper(hessianOutliersPerClass) || !citation(hessianOutliersPerClass.reference!).startsWith("[@")) throw new Error();
 * ```
 */
export const hessianOutliersPerClass: Claim = {
  id: "hessian-outliers-per-class",
  chapter: 8,
  source: "beyond",
  reference: "sagun2017; papyan2019",
  statement:
    "at the end of training the Hessian's spectrum is a bulk near zero plus about $C$ outliers, one per class",
  expected: "confirmed",
  evaluate(): ClaimResult {
    const rows = outlierSweep();
    const j = judgeOutlierCounts(rows);
    const all = rows.flatMap((r) => r.runs);
    const ratios = all.map((r) => r.outliers.ratio);
    return {
      verdict: j.verdict,
      summary: `${
        j.verdict === "confirmed" ? "Yes." : j.verdict === "refuted" ? "No: C − 1." : "In part."
      } The median count over ${
        rows[0].runs.length
      } seeds equals $C$ in ${j.matchC} of ${rows.length} settings (C = ${
        rows.map((r) => r.classes).join(", ")
      }: ${rows.map((r) => r.count).join(", ")}; per seed ${
        rows.map((r) => r.counts.join("/")).join(", ")
      }), and $C - 1$ in ${j.matchCMinus1}. The outliers stand ${
        Math.min(...ratios).toFixed(1)
      } to ${Math.max(...ratios).toFixed(1)} times above the bulk edge; the networks have ${
        all[0].parameters
      } to ${Math.max(...all.map((r) => r.parameters))} parameters.`,
      numbers: {
        settings: rows.length,
        matchC: j.matchC,
        matchCMinus1: j.matchCMinus1,
        ratioMin: Math.min(...ratios),
        ratioMax: Math.max(...ratios),
        ...Object.fromEntries(rows.map((r) => [`count${r.classes}`, r.count])),
      },
    };
  },
};

/**
 * Claim check (Chapter 8, beyond the paper): BatchNorm suppresses the
 * outliers of the Hessian spectrum (Ghorbani et al., 2019).
 *
 * @module
 */
import type { Claim, ClaimResult, Verdict } from "./claim.ts";
import { median } from "../../lib/stats/median.ts";
import { batchNormOutliers } from "../experiments/hessianOutliers.ts";

/** One seed as the rule sees it: the outlier count and top/bulk-edge ratio with and without BatchNorm. */
export interface BatchNormOutlierSeed {
  /** Without BatchNorm. */
  plain: { count: number; ratio: number };
  /** With BatchNorm. */
  batchnorm: { count: number; ratio: number };
}

/**
 * The verdict rule, paired by seed: BatchNorm suppresses the outliers in a
 * seed when its top/bulk-edge ratio is lower, and (separately) when its
 * outlier count is lower. Confirmed if both happen in at least 4 of 5
 * seeds (⌈0.8·seeds⌉ in general); refuted if each happens in at most 1 of 5
 * (⌊0.2·seeds⌋); qualified otherwise.
 *
 * @example
 * ```ts
 * import { judgeBatchNormOutliers } from "./batchNormSuppressesOutliers.ts";
 * const seed = (c: number, r: number) => ({ plain: { count: 4, ratio: 5 }, batchnorm: { count: c, ratio: r } });
 * if (judgeBatchNormOutliers(Array(5).fill(seed(1, 2))).verdict !== "confirmed") throw new Error();
 * if (judgeBatchNormOutliers(Array(5).fill(seed(4, 9))).verdict !== "refuted") throw new Error();
 * const mixed = [seed(1, 9), seed(1, 9), seed(1, 2), seed(4, 2), seed(4, 9)];
 * if (judgeBatchNormOutliers(mixed).verdict !== "qualified") throw new Error();
 * ```
 */
export function judgeBatchNormOutliers(
  seeds: BatchNormOutlierSeed[],
): { verdict: Verdict; ratioLower: number; countLower: number; seeds: number } {
  const n = seeds.length;
  if (n === 0) throw new RangeError("Cannot judge BatchNorm's outliers: no seeds");
  const ratioLower = seeds.filter((s) => s.batchnorm.ratio < s.plain.ratio).length;
  const countLower = seeds.filter((s) => s.batchnorm.count < s.plain.count).length;
  const hi = Math.ceil(0.8 * n), lo = Math.floor(0.2 * n);
  const verdict = ratioLower >= hi && countLower >= hi
    ? "confirmed"
    : ratioLower <= lo && countLower <= lo
    ? "refuted"
    : "qualified";
  return { verdict, ratioLower, countLower, seeds: n };
}

/**
 * Ghorbani et al. (2019): networks without BatchNorm have large isolated
 * eigenvalues (outliers) in their Hessian spectrum, and BatchNorm removes
 * them.
 *
 * The experiment (`batchNormOutliers` with its defaults): the 4-class data
 * of `hessianOutliersPerClass`, the network [2, 32, 4] with and without
 * train-mode BatchNorm (full-batch statistics) in the hidden layer, seeds
 * 1–5, 800 Adam steps each; outliers and the bulk edge by the largest
 * relative gap among the top 10 eigenvalues of the exact Hessian. Verdict
 * rule: {@linkcode judgeBatchNormOutliers}.
 *
 * @example Its source and citation (`evaluate()` runs the experiment: seconds)
 * ```ts
 * import { batchNormSuppressesOutliers } from "./batchNormSuppressesOutliers.ts";
 * import { citation, isBeyondPaper } from "./claim.ts";
 * if (!isBeyondPaper(batchNormSuppressesOutliers) || !citation(batchNormSuppressesOutliers.reference!).startsWith("[@")) throw new Error();
 * ```
 */
export const batchNormSuppressesOutliers: Claim = {
  id: "batchnorm-suppresses-outliers",
  chapter: 8,
  source: "beyond",
  reference: "ghorbani2019",
  statement:
    "BatchNorm suppresses the outliers of the Hessian spectrum: with it, the top eigenvalue is no longer isolated from the bulk",
  expected: "qualified",
  evaluate(): ClaimResult {
    const pairs = batchNormOutliers();
    const seeds = pairs.map((p) => ({
      plain: { count: p.plain.outliers.count, ratio: p.plain.outliers.ratio },
      batchnorm: { count: p.batchnorm.outliers.count, ratio: p.batchnorm.outliers.ratio },
    }));
    const j = judgeBatchNormOutliers(seeds);
    const spread = (xs: number[], d = 1) =>
      `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)} to ${Math.max(...xs).toFixed(d)})`;
    const ratioPlain = seeds.map((s) => s.plain.ratio),
      ratioBn = seeds.map((s) => s.batchnorm.ratio);
    const countPlain = seeds.map((s) => s.plain.count),
      countBn = seeds.map((s) => s.batchnorm.count);
    const topPlain = pairs.map((p) => p.plain.eigenvalues[0]);
    const topBn = pairs.map((p) => p.batchnorm.eigenvalues[0]);
    const hiddenShare = pairs.map((p) => p.batchnorm.topVectorShare.hidden);
    return {
      verdict: j.verdict,
      summary: `${
        j.verdict === "confirmed" ? "Yes." : j.verdict === "refuted" ? "No." : "Not consistently."
      } Over ${j.seeds} seeds (median, range), the outlier count is ${
        spread(countPlain, 0)
      } without BatchNorm and ${
        spread(countBn, 0)
      } with it (lower in ${j.countLower} seeds); the ratio of $\\lambda_1$ to the bulk edge is ${
        spread(ratioPlain)
      } without and ${
        spread(ratioBn)
      } with (lower in ${j.ratioLower}). BatchNorm breaks up the per-class outliers, but its own top eigenvalue is ${
        spread(topBn)
      } against ${spread(topPlain, 2)}, and ${
        (100 * Math.min(...hiddenShare)).toFixed(0)
      }% or more of its eigenvector lies in the hidden layer's weights, which BatchNorm makes scale-invariant.`,
      numbers: {
        seeds: j.seeds,
        ratioLower: j.ratioLower,
        countLower: j.countLower,
        ratioPlainMedian: median(ratioPlain),
        ratioBatchNormMedian: median(ratioBn),
        countPlainMedian: median(countPlain),
        countBatchNormMedian: median(countBn),
        topPlainMedian: median(topPlain),
        topBatchNormMedian: median(topBn),
      },
    };
  },
};

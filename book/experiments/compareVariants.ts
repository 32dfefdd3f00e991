/**
 * Compare a spectral metric between two architectural variants of an
 * architecture sweep, cell by cell (depth × training state), over seeds.
 *
 * @module
 */
import {
  type ArchitectureRow,
  architectureSweep,
  type ArchitectureSweepOptions,
  type ArchitectureVariant,
  type TrainingState,
} from "./architectureSweep.ts";
import { loadIris } from "../../lib/data/loadIris.ts";
import { median } from "../../lib/stats/median.ts";
import { KAPPA_CUTOFF_RELATIVE, KAPPA_CUTOFFS } from "./spectrumSummary.ts";

/** The metrics {@linkcode compareVariants} can compare. */
export type VariantMetric = "kappa" | "kappaNonzero" | "scale" | "lambdaMax" | "nearZeroFraction";

/** One cell of the comparison: a depth and a training state. */
export interface VariantCell {
  /** Number of hidden layers. */
  depth: number;
  /** Where the Hessian was taken. */
  state: TrainingState;
  /** Median of the metric over the baseline's seeds. */
  baseline: number;
  /** Median of the metric over the variant's seeds. */
  variant: number;
  /** variant / baseline. */
  ratio: number;
  /** Whether the variant's median is below the baseline's. */
  lower: boolean;
}

/** What {@linkcode compareVariants} returns. */
export interface VariantComparison {
  /** The metric compared. */
  metric: VariantMetric;
  /** The cells, by state then depth. */
  cells: VariantCell[];
  /** The fraction of cells where the variant is lower. */
  fractionLower: number;
  /**
   * "lower" when the variant is lower in at least 75% of the cells, "higher"
   * when in at most 25%, otherwise "mixed".
   */
  trend: "lower" | "higher" | "mixed";
  /** The geometric mean of the cell ratios. */
  geometricMeanRatio: number;
}

/**
 * For every (depth, state) present in both variants, take the median of
 * `metric` over seeds for the baseline and for the variant, and say whether
 * the variant is lower; summarize with the fraction of cells where it is
 * lower and a trend label (thresholds 75% / 25%, so one cell more or less
 * does not flip a clear trend). Cells for which the variant is the same
 * network as the baseline (residual at depth 1) are skipped.
 *
 * Throws `Cannot compare the variants: …` when no cell has both variants.
 *
 * @example
 * ```ts
 * import { compareVariants } from "./compareVariants.ts";
 * import type { ArchitectureRow } from "./architectureSweep.ts";
 * const row = (variant: "plain" | "batchnorm", depth: number, k: number) =>
 *   ({ variant, depth, state: "init", seed: 1, kappaNonzero: k } as unknown as ArchitectureRow);
 * const c = compareVariants(
 *   [row("plain", 1, 100), row("batchnorm", 1, 10), row("plain", 2, 100), row("batchnorm", 2, 1000)],
 *   { baseline: "plain", variant: "batchnorm", metric: "kappaNonzero" },
 * );
 * if (c.fractionLower !== 0.5 || c.trend !== "mixed" || Math.abs(c.geometricMeanRatio - 1) > 1e-12) throw new Error();
 * ```
 */
export function compareVariants(
  rows: readonly ArchitectureRow[],
  options: {
    baseline: ArchitectureVariant;
    variant: ArchitectureVariant;
    metric: VariantMetric;
    /** For metric "kappa": the cutoff, one of `KAPPA_CUTOFFS`. Default `KAPPA_CUTOFF_RELATIVE`. */
    cutoff?: number;
  },
): VariantComparison {
  const { baseline, variant, metric, cutoff = KAPPA_CUTOFF_RELATIVE } = options;
  const at = KAPPA_CUTOFFS.indexOf(cutoff);
  if (metric === "kappa" && at < 0) {
    throw new RangeError(
      `Cannot compare the variants: cutoff ${cutoff} is not one of ${KAPPA_CUTOFFS.join(", ")}`,
    );
  }
  const value = (r: ArchitectureRow) => metric === "kappa" ? r.kappaAt[at] : r[metric];
  const groups = new Map<string, { base: number[]; other: number[] }>();
  for (const r of rows) {
    if (r.variant !== baseline && r.variant !== variant) continue;
    if (r.variant === "residual" && r.depth < 2) continue;
    const key = `${r.state}|${r.depth}`;
    const g = groups.get(key) ?? { base: [], other: [] };
    (r.variant === baseline ? g.base : g.other).push(value(r));
    groups.set(key, g);
  }
  const cells: VariantCell[] = [];
  for (const [key, g] of groups) {
    if (g.base.length === 0 || g.other.length === 0) continue;
    const [state, depth] = key.split("|");
    const b = median(g.base), v = median(g.other);
    cells.push({
      depth: Number(depth),
      state: state as TrainingState,
      baseline: b,
      variant: v,
      ratio: v / b,
      lower: v < b,
    });
  }
  if (cells.length === 0) {
    throw new RangeError(
      `Cannot compare the variants: no depth and state has both ${baseline} and ${variant} rows`,
    );
  }
  cells.sort((a, b) => (a.state === b.state ? a.depth - b.depth : a.state < b.state ? -1 : 1));
  const fractionLower = cells.filter((c) => c.lower).length / cells.length;
  const logMean = cells.reduce((s, c) => s + Math.log(c.ratio), 0) / cells.length;
  return {
    metric,
    cells,
    fractionLower,
    trend: fractionLower >= 0.75 ? "lower" : fractionLower <= 0.25 ? "higher" : "mixed",
    geometricMeanRatio: Math.exp(logMean),
  };
}

/**
 * Chapter 8's comparison of `variant` against plain networks on the Iris
 * training set: the architecture sweep (its defaults — relu, width 5, 1–5
 * hidden layers, seeds 1–3, initial and trained — unless `sweep` narrows
 * them), compared on `metric`. Each network is computed once per process,
 * so comparing several metrics costs one sweep.
 *
 * @example One depth, one seed, at initialization
 * ```ts
 * import { compareWithPlain } from "./compareVariants.ts";
 * const c = compareWithPlain("batchnorm", "kappaNonzero", { depths: [1], seeds: [1], states: ["init"] });
 * if (c.cells.length !== 1) throw new Error(String(c.cells.length));
 * ```
 */
export function compareWithPlain(
  variant: ArchitectureVariant,
  metric: VariantMetric,
  sweep: Omit<ArchitectureSweepOptions, "data" | "variants"> = {},
): VariantComparison {
  const data = loadIris({ seed: 0 }).train;
  const rows = architectureSweep({ ...sweep, data, variants: ["plain", variant] });
  return compareVariants(rows, { baseline: "plain", variant, metric });
}

/** One row of {@linkcode kappaCutoffSensitivity}: the comparison of κ at one cutoff. */
export interface CutoffComparison {
  /** The cutoff relative to max|λ|. */
  cutoff: number;
  /** The comparison of κ at that cutoff. */
  comparison: VariantComparison;
}

/**
 * How a κ comparison depends on the cutoff that defines the nonzero
 * spectrum: `compareVariants` on metric "kappa" at every cutoff of
 * `KAPPA_CUTOFFS`, on the same rows.
 *
 * @example Synthetic rows: the variant's κ is lower at every cutoff
 * ```ts
 * import { kappaCutoffSensitivity } from "./compareVariants.ts";
 * import type { ArchitectureRow } from "./architectureSweep.ts";
 * const row = (variant: "plain" | "batchnorm", k: number) =>
 *   ({ variant, depth: 1, state: "init", seed: 1, kappaAt: [k, k, k, k] } as unknown as ArchitectureRow);
 * const s = kappaCutoffSensitivity([row("plain", 100), row("batchnorm", 10)], "batchnorm");
 * if (s.length !== 4 || s.some((c) => c.comparison.trend !== "lower")) throw new Error();
 * ```
 */
export function kappaCutoffSensitivity(
  rows: readonly ArchitectureRow[],
  variant: ArchitectureVariant,
): CutoffComparison[] {
  return KAPPA_CUTOFFS.map((cutoff) => ({
    cutoff,
    comparison: compareVariants(rows, { baseline: "plain", variant, metric: "kappa", cutoff }),
  }));
}

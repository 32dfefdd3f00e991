// Private: what Chapter 8's condition-number claims rest on, said the same way in each claim box.
import {
  compareVariants,
  type CutoffComparison,
  kappaCutoffSensitivity,
  type VariantComparison,
} from "../experiments/compareVariants.ts";
import { type ArchitectureRow, architectureSweep } from "../experiments/architectureSweep.ts";
import { loadIris } from "../../lib/data/loadIris.ts";
import type { Verdict } from "./claim.ts";
import { KAPPA_CUTOFF_RELATIVE } from "../experiments/spectrumSummary.ts";

/** The data and widths of the architecture sweep, for a claim box. */
export const SWEEP_BASIS =
  "Evidence: the Iris training set (120 flowers, 4 features, 3 classes), relu MLPs of width 5 only " +
  "(no other width was swept), seeds 1–3, the exact Hessian at initialization and after 300 " +
  "full-batch Adam steps (learning rate 0.01)";

/** "10^{-6}" for a cutoff. */
export function cutoffTex(c: number): string {
  return `10^{${Math.round(Math.log10(c))}}`;
}

/** How κ is defined, for a claim box. */
export const KAPPA_DEFINITION = `$\\kappa = \\max|\\lambda| / \\min\\{|\\lambda| : |\\lambda| > ${
  cutoffTex(KAPPA_CUTOFF_RELATIVE)
}\\max|\\lambda|\\}$`;

/** "5 of 8" from a comparison's fraction. */
export function cellCount(c: VariantComparison): string {
  return `${Math.round(c.fractionLower * c.cells.length)} of ${c.cells.length}`;
}

/** A verdict as a number for a claim's numbers: confirmed 1, qualified 0, refuted −1. */
export function verdictScore(v: Verdict): number {
  return v === "confirmed" ? 1 : v === "refuted" ? -1 : 0;
}

/**
 * A κ comparison at every cutoff, for a claim: the numbers
 * (`fractionLowerAt1e-6`, `verdictAt1e-6`, …) and the text "$10^{-6}$: 5 of 8
 * (qualified), …", each cutoff judged by the claim's own rule.
 */
export function cutoffSensitivity(
  sens: readonly CutoffComparison[],
  verdictOf: (c: VariantComparison) => Verdict,
): { numbers: Record<string, number>; text: string } {
  const numbers: Record<string, number> = {};
  for (const s of sens) {
    numbers[`fractionLowerAt${s.cutoff.toExponential(0)}`] = s.comparison.fractionLower;
    numbers[`verdictAt${s.cutoff.toExponential(0)}`] = verdictScore(verdictOf(s.comparison));
  }
  const text = sens.map((s) =>
    `$${cutoffTex(s.cutoff)}$: ${cellCount(s.comparison)} (${verdictOf(s.comparison)})`
  ).join(", ");
  return { numbers, text };
}

/** What a κ claim compares: the sweep's rows, κ at every cutoff, at the book's cutoff, and by rounding. */
export interface KappaEvidence {
  /** The architecture sweep on Iris, plain networks and the variant. */
  rows: ArchitectureRow[];
  /** κ compared at every cutoff of `KAPPA_CUTOFFS`. */
  sens: CutoffComparison[];
  /** κ compared at the book's cutoff, `KAPPA_CUTOFF_RELATIVE`. */
  kappa: VariantComparison;
  /** The old measure: max|λ| over the smallest |λ| above rounding. */
  rounding: VariantComparison;
}

/** The evidence of a κ claim about `variant` against plain networks (one sweep). */
export function kappaEvidence(variant: "batchnorm" | "residual"): KappaEvidence {
  const rows = architectureSweep({
    data: loadIris({ seed: 0 }).train,
    variants: ["plain", variant],
  });
  const sens = kappaCutoffSensitivity(rows, variant);
  return {
    rows,
    sens,
    kappa: sens.find((s) => s.cutoff === KAPPA_CUTOFF_RELATIVE)!.comparison,
    rounding: compareVariants(rows, { baseline: "plain", variant, metric: "kappaNonzero" }),
  };
}

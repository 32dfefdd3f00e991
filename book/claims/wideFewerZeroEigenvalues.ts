/**
 * Claim check (Chapter 8): do wide networks have fewer zero Hessian
 * eigenvalues?
 *
 * @module
 */
import type { Claim, ClaimResult } from "./claim.ts";
import { loadIris } from "../../lib/data/loadIris.ts";
import {
  type ArchitectureMetric,
  architectureSweep,
  cellMean,
  type TrainingState,
} from "../experiments/architectureSweep.ts";

/** The widths of Chapter 8's width sweep (one hidden layer, relu, Iris). */
export const WIDTH_SWEEP_WIDTHS: readonly number[] = Object.freeze([2, 5, 10, 20, 30]);

/**
 * The paper (§8.1): "Wide networks, with more neurons per layer, often have a
 * denser Hessian with fewer zero eigenvalues, as diverse pathways reduce
 * redundancy."
 *
 * The experiment (`architectureSweep` with one relu hidden layer of width 2,
 * 5, 10, 20 and 30 — 19 to 243 parameters — on Iris, seeds 1–3, at
 * initialization and after 300 Adam steps): the fraction of numerically
 * zero eigenvalues and of near-zero ones (|λ| ≤ 10⁻³·max|λ|), means over
 * seeds, narrowest against widest.
 *
 * Verdict rule: confirmed if the near-zero fraction falls with width in both
 * states; refuted if it rises in both states and the count of zero
 * eigenvalues rises too; qualified otherwise.
 *
 * @example
 * ```ts
 * import { wideFewerZeroEigenvalues } from "./wideFewerZeroEigenvalues.ts";
 * const r = wideFewerZeroEigenvalues.evaluate();
 * if (!(r.numbers.paramsWidest > r.numbers.paramsNarrowest)) throw new Error(r.summary);
 * ```
 */
export const wideFewerZeroEigenvalues: Claim = {
  id: "wide-fewer-zero-eigenvalues",
  chapter: 8,
  statement:
    "Wide networks, with more neurons per layer, often have a denser Hessian with fewer zero eigenvalues, as diverse pathways reduce redundancy",
  expected: "refuted",
  evaluate(): ClaimResult {
    const data = loadIris({ seed: 0 }).train;
    const rows = architectureSweep({ data, depths: [1], widths: WIDTH_SWEEP_WIDTHS });
    const w0 = WIDTH_SWEEP_WIDTHS[0], w1 = WIDTH_SWEEP_WIDTHS[WIDTH_SWEEP_WIDTHS.length - 1];
    const m = (state: TrainingState, width: number, key: ArchitectureMetric) =>
      cellMean(rows, { state, width }, key);
    const numbers = {
      narrowest: w0,
      widest: w1,
      paramsNarrowest: rows.find((r) => r.width === w0)!.n,
      paramsWidest: rows.find((r) => r.width === w1)!.n,
      nearZeroInitNarrowest: m("init", w0, "nearZeroFraction"),
      nearZeroInitWidest: m("init", w1, "nearZeroFraction"),
      nearZeroTrainedNarrowest: m("trained", w0, "nearZeroFraction"),
      nearZeroTrainedWidest: m("trained", w1, "nearZeroFraction"),
      zeroFractionNarrowest: m("trained", w0, "zeroFraction"),
      zeroFractionWidest: m("trained", w1, "zeroFraction"),
      zeroCountNarrowest: m("trained", w0, "zero"),
      zeroCountWidest: m("trained", w1, "zero"),
    };
    const risesInit = numbers.nearZeroInitWidest > numbers.nearZeroInitNarrowest;
    const risesTrained = numbers.nearZeroTrainedWidest > numbers.nearZeroTrainedNarrowest;
    const fallsBoth = !risesInit && !risesTrained;
    const zerosRise = numbers.zeroCountWidest > numbers.zeroCountNarrowest;
    const verdict = fallsBoth
      ? "confirmed"
      : risesInit && risesTrained && zerosRise
      ? "refuted"
      : "qualified";
    const f2 = (x: number) => x.toFixed(2);
    return {
      verdict,
      numbers,
      summary: `${
        verdict === "refuted" ? "Not in our networks: wider means flatter." : ""
      } From width ${w0} to ${w1} (${numbers.paramsNarrowest} → ${numbers.paramsWidest} parameters,
one relu layer, Iris, 3 seeds) the near-zero fraction rises from ${
        f2(numbers.nearZeroInitNarrowest)
      } to ${f2(numbers.nearZeroInitWidest)} at initialization and from ${
        f2(numbers.nearZeroTrainedNarrowest)
      } to ${f2(numbers.nearZeroTrainedWidest)} after training, and the number of exactly zero
eigenvalues from ${numbers.zeroCountNarrowest.toFixed(1)} to ${
        numbers.zeroCountWidest.toFixed(1)
      }. Only their *fraction* falls (${f2(numbers.zeroFractionNarrowest)} → ${
        f2(numbers.zeroFractionWidest)
      }), because the softmax's $w+1$ flat directions grow more slowly than the $8w+3$ parameters.`,
    };
  },
};

/**
 * Claim check (Chapter 6, beyond the paper): Adam's second moment follows
 * the empirical Fisher diagonal, not the true Fisher or the Hessian
 * (after Kunstner et al., 2019).
 *
 * @module
 */
import type { Claim, ClaimResult, Verdict } from "./claim.ts";
import { median } from "../../lib/stats/median.ts";
import { adamMomentsVsCurvature } from "../experiments/adamMomentsVsCurvature.ts";

/** One comparison as the rule sees it: ρ and relative error of v̂ against each reference. */
export interface TrackingRow {
  /** Spearman ρ(v̂, diag H), ρ(v̂, empirical Fisher), ρ(v̂, true Fisher). */
  rho: { hessian: number; empirical: number; fisher: number };
  /** The matching relative errors of the best multiple (smaller is closer). */
  error: { hessian: number; empirical: number; fisher: number };
}

/** The three references, in the order the chapter names them. */
export const REFERENCES = ["hessian", "empirical", "fisher"] as const;

/** A reference curvature vector: the Hessian diagonal, the empirical or the true Fisher diagonal. */
export type Reference = typeof REFERENCES[number];

/**
 * The verdict rule, paired over the rows (checkpoints × seeds): for each
 * other reference R, count the rows in which v̂ ranks more like the
 * empirical Fisher than like R (higher ρ). Confirmed if the empirical
 * Fisher wins against both others in at least 2/3 of the rows; refuted if
 * some other reference wins against it in at least 2/3 of the rows;
 * qualified otherwise. `tracked` names the reference with the highest
 * median ρ.
 *
 * @example
 * ```ts
 * import { judgeTracking } from "./adamTracksEmpiricalFisher.ts";
 * const row = (h: number, e: number, f: number) => ({ rho: { hessian: h, empirical: e, fisher: f }, error: { hessian: 1 - h, empirical: 1 - e, fisher: 1 - f } });
 * if (judgeTracking([row(0.2, 0.9, 0.5), row(0.1, 0.8, 0.7), row(0.3, 0.9, 0.2)]).verdict !== "confirmed") throw new Error();
 * const r = judgeTracking([row(0.2, 0.5, 0.9), row(0.1, 0.4, 0.7), row(0.3, 0.6, 0.8)]);
 * if (r.verdict !== "refuted" || r.tracked !== "fisher") throw new Error();
 * const split = [row(0.2, 0.5, 0.4), row(0.2, 0.5, 0.4), row(0.6, 0.5, 0.7), row(0.6, 0.5, 0.7)];
 * if (judgeTracking(split).verdict !== "qualified") throw new Error();
 * ```
 */
export function judgeTracking(rows: TrackingRow[]): {
  verdict: Verdict;
  tracked: Reference;
  empiricalBeatsHessian: number;
  empiricalBeatsFisher: number;
  rows: number;
  medianRho: Record<Reference, number>;
  medianError: Record<Reference, number>;
} {
  const n = rows.length;
  if (n === 0) throw new RangeError("Cannot judge what v̂ tracks: no rows");
  const beats = (other: Reference) => rows.filter((r) => r.rho.empirical > r.rho[other]).length;
  const empiricalBeatsHessian = beats("hessian"), empiricalBeatsFisher = beats("fisher");
  const need = (2 / 3) * n;
  const verdict = empiricalBeatsHessian >= need && empiricalBeatsFisher >= need
    ? "confirmed"
    : n - empiricalBeatsHessian >= need || n - empiricalBeatsFisher >= need
    ? "refuted"
    : "qualified";
  const medianRho = Object.fromEntries(
    REFERENCES.map((k) => [k, median(rows.map((r) => r.rho[k]))]),
  ) as Record<Reference, number>;
  const medianError = Object.fromEntries(
    REFERENCES.map((k) => [k, median(rows.map((r) => r.error[k]))]),
  ) as Record<Reference, number>;
  const tracked = REFERENCES.reduce((a, b) => (medianRho[b] > medianRho[a] ? b : a));
  return {
    verdict,
    tracked,
    empiricalBeatsHessian,
    empiricalBeatsFisher,
    rows: n,
    medianRho,
    medianError,
  };
}

const NAMES: Record<Reference, string> = {
  hessian: "$\\operatorname{diag} H$",
  empirical: "the empirical Fisher",
  fisher: "the true Fisher",
};

/**
 * Kunstner et al. (2019) separate the empirical Fisher (squared gradients
 * at the observed labels), which is what Adam's second moment averages,
 * from the Fisher (labels drawn from the model), which is a curvature
 * matrix (the Gauss–Newton matrix for cross-entropy). The claim tested
 * here: v̂_t follows the empirical Fisher diagonal rather than the true
 * Fisher or the Hessian diagonal.
 *
 * The experiment (`adamMomentsVsCurvature` with its defaults): Adam on the
 * Iris MLP with batches of 8, seeds 1–3, compared at steps 10, 30, 100, 300
 * and 1000 (15 rows) by Spearman's ρ and by the relative error of the best
 * multiple. Verdict rule: {@linkcode judgeTracking}. The full-batch runs are
 * reported but not judged: there v̂ averages squared *full* gradients.
 *
 * @example Its source and citation (`evaluate()` runs the experiment: seconds)
 * ```ts
 * import { adamTracksEmpiricalFisher } from "./adamTracksEmpiricalFisher.ts";
 * import { citation, isBeyondPaper } from "./claim.ts";
 * if (!isBeyondPaper(adamTracksEmpiricalFisher) || !citation(adamTracksEmpiricalFisher.reference!).startsWith("[@")) throw new Error();
 * ```
 */
export const adamTracksEmpiricalFisher: Claim = {
  id: "adam-tracks-empirical-fisher",
  chapter: 6,
  source: "beyond",
  reference: "kunstner2019",
  statement:
    "Adam's second moment $v_t$ follows the empirical Fisher diagonal (squared gradients at the observed labels), not the true Fisher or the Hessian diagonal",
  expected: "refuted",
  evaluate(): ClaimResult {
    const r = adamMomentsVsCurvature();
    const sizes = [...new Set(r.checkpoints.map((c) => c.batchSize))].sort((a, b) => a - b);
    const small = sizes[0], full = sizes[sizes.length - 1];
    const toRow = (c: (typeof r.checkpoints)[number]): TrackingRow => ({
      rho: { hessian: c.rhoVH, empirical: c.rhoVF, fisher: c.rhoVTrueF },
      error: { hessian: c.errVH, empirical: c.errVF, fisher: c.errVTrueF },
    });
    const j = judgeTracking(r.checkpoints.filter((c) => c.batchSize === small).map(toRow));
    const last = Math.max(...r.checkpoints.map((c) => c.step));
    const fullRows = r.checkpoints.filter((c) => c.batchSize === full && c.step === last)
      .map(toRow);
    const fullRho = Math.max(...fullRows.flatMap((x) => REFERENCES.map((k) => x.rho[k])));
    const f2 = (x: number) => x.toFixed(2);
    const list = (m: Record<Reference, number>) =>
      REFERENCES.map((k) => `${f2(m[k])} (${NAMES[k]})`).join(", ");
    return {
      verdict: j.verdict,
      summary: `${
        j.verdict === "confirmed"
          ? "Yes."
          : j.verdict === "refuted"
          ? "No: in rank it sits closer to the true Fisher."
          : "Not clearly."
      } Over ${j.rows} comparisons (batches of ${small}, 3 seeds, 5 points of training), the median Spearman $\\rho$ of $\\hat v_t$ is ${
        list(j.medianRho)
      }, and the median relative error of the best multiple is ${
        list(j.medianError)
      }. $\\hat v_t$ ranks the parameters more like the empirical Fisher than like the true Fisher in only ${j.empiricalBeatsFisher} of ${j.rows} comparisons (than like $\\operatorname{diag} H$ in ${j.empiricalBeatsHessian}). With the full batch of ${full}, $\\hat v_t$ tracks none of them by the end ($\\rho \\le$ ${
        f2(fullRho)
      } at step ${last}).`,
      numbers: {
        rows: j.rows,
        empiricalBeatsHessian: j.empiricalBeatsHessian,
        empiricalBeatsFisher: j.empiricalBeatsFisher,
        medianRhoHessian: j.medianRho.hessian,
        medianRhoEmpirical: j.medianRho.empirical,
        medianRhoFisher: j.medianRho.fisher,
        medianErrorHessian: j.medianError.hessian,
        medianErrorEmpirical: j.medianError.empirical,
        medianErrorFisher: j.medianError.fisher,
        fullBatchRhoMax: fullRho,
      },
    };
  },
};

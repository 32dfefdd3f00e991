/**
 * Claim check (Chapter 6): does Adam's second moment v_t approximate the
 * Hessian's diagonal?
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim } from "./claim.ts";
import { adamMomentsVsCurvature } from "../experiments/adamMomentsVsCurvature.ts";

/**
 * The paper: "the second moment v_t estimates the uncentered variance of
 * gradients, approximating the Hessian's diagonal elements".
 *
 * The experiment (`adamMomentsVsCurvature` with its defaults): Adam
 * (α = 0.01) trains the 67-parameter Iris MLP for 1000 steps with
 * mini-batches of 8 and with the full batch of 120, three seeds each. At
 * the end, Spearman's ρ compares v̂_t with the exact diag(H) and with the
 * empirical Fisher diagonal. Verdict rule: confirmed if ρ(v̂, diag H) ≥ 0.8
 * in every run, refuted if it is below 0.3 in every run, qualified
 * otherwise.
 *
 * @example
 * ```ts
 * import { adamSecondMomentDiagonal } from "./adamSecondMomentDiagonal.ts";
 * // adamSecondMomentDiagonal.evaluate() runs the experiment (once per source tree, see
 * // defineClaim); a chapter shows the verdict with showVerdict(adamSecondMomentDiagonal).
 * const c = adamSecondMomentDiagonal;
 * if (c.id !== "adam-second-moment-hessian-diagonal" || c.chapter !== 6 || c.expected !== "qualified") {
 *   throw new Error(c.id);
 * }
 * ```
 */
export const adamSecondMomentDiagonal: Claim = defineClaim({
  id: "adam-second-moment-hessian-diagonal",
  chapter: 6,
  statement:
    "the second moment $v_t$ estimates the uncentered variance of gradients, approximating the Hessian's diagonal elements",
  expected: "qualified",
  evaluate(): ClaimResult {
    const r = adamMomentsVsCurvature();
    const last = Math.max(...r.checkpoints.map((c) => c.step));
    const end = r.checkpoints.filter((c) => c.step === last);
    const sizes = [...new Set(end.map((c) => c.batchSize))].sort((a, b) => a - b);
    const small = sizes[0], full = sizes[sizes.length - 1];
    const range = (key: "rhoVH" | "rhoVF" | "rhoFH", b?: number) => {
      const xs = end.filter((c) => b === undefined || c.batchSize === b).map((c) => c[key]);
      return { min: Math.min(...xs), max: Math.max(...xs) };
    };
    const vhSmall = range("rhoVH", small), vhFull = range("rhoVH", full);
    const fh = range("rhoFH");
    const all = range("rhoVH");
    // Scale: v̂ has the units of a squared gradient, diag H of a gradient per parameter.
    // The spread of log10(v̂ᵢ/Hᵢᵢ) over the entries with Hᵢᵢ > 0 shows how far from a fixed multiple.
    const snap = r.final.find((s) => s.batchSize === small)!;
    const logs: number[] = [];
    snap.hessianDiagonal.forEach((h, i) => {
      if (h > 0 && snap.vHat[i] > 0) logs.push(Math.log10(snap.vHat[i] / h));
    });
    const decades = Math.max(...logs) - Math.min(...logs);
    const negatives = Math.max(...end.map((c) => c.negativeDiagonal));
    const verdict = all.min >= 0.8 ? "confirmed" : all.max < 0.3 ? "refuted" : "qualified";
    const f2 = (x: number) => x.toFixed(2);
    return {
      verdict,
      summary: `${
        verdict === "qualified"
          ? "Only in rank, and only with small batches."
          : verdict === "confirmed"
          ? "Yes, in rank."
          : "No."
      } After ${last} Adam steps on the Iris MLP
(${r.parameters} parameters, 3 seeds), Spearman's $\\rho(\\hat v_t, \\operatorname{diag} H)$ is
${f2(vhSmall.min)} to ${f2(vhSmall.max)} with batches of ${small}, but ${f2(vhFull.min)} to
${f2(vhFull.max)} with the full batch of ${full}, where $v_t$ averages squared *full* gradients
that shrink along the path. ${
        fh.min >= 0.8 ? "The quantity that does track" : "For comparison,"
      } $\\operatorname{diag} H$ ${
        fh.min >= 0.8 ? "is" : "and"
      } the empirical Fisher diagonal $\\frac1N\\sum_i g_i^2$ ${
        fh.min >= 0.8 ? "" : "have "
      }($\\rho$ = ${f2(fh.min)} to ${f2(fh.max)} in every run);
mini-batch $v_t$ is a noisy, time-averaged estimate of it. In value they are not close: $\\hat v_i / H_{ii}$
spans ${decades.toFixed(1)} decades over the parameters (batch ${small}, seed ${snap.seed}), and
$\\hat v \\ge 0$ cannot follow negative diagonal entries${
        negatives > 0 ? ` (up to ${negatives} per run here)` : ""
      }.`,
      numbers: {
        rhoVHSmallMin: vhSmall.min,
        rhoVHSmallMax: vhSmall.max,
        rhoVHFullMin: vhFull.min,
        rhoVHFullMax: vhFull.max,
        rhoFisherHessianMin: fh.min,
        rhoFisherHessianMax: fh.max,
        ratioDecades: decades,
        smallBatch: small,
        fullBatch: full,
        steps: last,
      },
    };
  },
});

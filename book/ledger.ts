/**
 * The ledger of the paper's claims: every claim-like sentence of §2–§8 of
 * the paper (and its Table 1), with the section it comes from and what the
 * book did with it — a registered claim (with a verdict), an erratum, an
 * equation checked in a chapter's check cells, or "not tested" with the
 * reason. Chapter 9 renders it; a test checks that every entry is accounted
 * for and every registered claim of the paper appears in it.
 *
 * The abstract and §1 announce the paper's program, and §9 restates §2–§8
 * (Chapter 9 maps its sentences to claims in its own table); they add no
 * claim of their own, so they have no entries.
 *
 * @module
 */
import { citation } from "./claims/claim.ts";

/** One claim-like sentence of the paper and how the book accounts for it. */
export interface LedgerEntry {
  /** The paper's section, e.g. "§6" or "Table 1". */
  section: string;
  /** The sentence, quoted briefly (an ellipsis marks cuts). */
  sentence: string;
  /** Registered claims that test it (ids in `CLAIMS`). */
  claims?: string[];
  /** Errata that correct it (ids in `ERRATA`). */
  errata?: string[];
  /** An equation or identity checked in a chapter's check cells (not a claim with a verdict). */
  checked?: { chapter: number; what: string };
  /** Not tested: the reason. */
  notTested?: string;
}

/** The ledger, in the paper's order. */
export const PAPER_LEDGER: readonly LedgerEntry[] = Object.freeze([
  // §2
  {
    section: "§2",
    sentence: "The function is convex if, for any vector v: vᵀHv > 0",
    errata: ["convexity-non-strict"],
  },
  {
    section: "§2",
    sentence:
      "If λᵢ > 0, H is positive definite, making f strictly convex … This implies strong convexity … accelerating convergence",
    claims: ["pd-hessian-strong-convexity"],
  },
  {
    section: "§2",
    sentence:
      "Positive eigenvalues indicate steep curvature, aiding convergence, while zero eigenvalues signal flat regions, slowing progress",
    claims: ["zero-eigenvalue-stalls"],
  },
  {
    section: "§2",
    sentence: "det(H) = ∏λᵢ; the 2×2 eigenvalue formula; trace(H) = Σλᵢ; H = QΛQᵀ",
    checked: { chapter: 2, what: "each identity recomputed in the chapter's check cells" },
  },
  // §3
  {
    section: "§3",
    sentence:
      "At a saddle point, the Hessian has both positive and negative eigenvalues … f(x, y) = x² − y² … λ₁ = 2, λ₂ = −2",
    checked: { chapter: 3, what: "the Hessian and its eigenvalues of x² − y²" },
  },
  {
    section: "§3",
    sentence: "At (0,0), gradient descent may stall, as the gradient ∇f = 0",
    claims: ["gd-stalls-at-saddle"],
  },
  {
    section: "§3",
    sentence: "Saddle points are prevalent in high-dimensional spaces",
    claims: ["saddles-prevalent"],
  },
  {
    section: "§3",
    sentence:
      "Second-order methods, like Newton's method, can exploit negative eigenvalues but are computationally costly",
    claims: ["newton-negative-curvature"],
  },
  {
    section: "§3",
    sentence:
      "Perturbed gradient descent adds noise to escape saddle points … avoiding prolonged stagnation",
    claims: ["perturbed-gd-escapes"],
  },
  // §4
  {
    section: "§4",
    sentence: "Newton's Method: Updates via x_{k+1} = x_k H⁻¹∇f fail if H⁻¹ doesn't exist",
    errata: ["newton-sign"],
  },
  {
    section: "§4",
    sentence:
      "Zero eigenvalues create degenerate directions, slowing convergence … f(x, y) = x² … stalling progress in the y-direction",
    claims: ["zero-eigenvalue-stalls"],
  },
  {
    section: "§4",
    sentence: "H′ = H + εI, shifting eigenvalues to λᵢ + ε > 0, ensuring H′ is positive definite",
    claims: ["shift-makes-positive-definite"],
  },
  {
    section: "§4",
    sentence:
      "trace(H′) = trace(H) + εn; the ridge normal equations and the quadratic form of 2(XᵀX + λI)",
    checked: { chapter: 4, what: "both identities recomputed in the chapter's check cells" },
  },
  {
    section: "§4",
    sentence: "The condition number improves from infinite to κ = (λmax + λ)/λ",
    claims: ["ridge-kappa-formula"],
  },
  // §5
  {
    section: "§5",
    sentence: "z_{k+1,i} = (1 − αλᵢ) z_{k,i}; |1 − αλᵢ| < 1 ⟺ 0 < α < 2/λᵢ",
    checked: { chapter: 5, what: "the recurrence, step by step, and the stability interval" },
  },
  {
    section: "§5",
    sentence: "The learning rate is capped by α = 2/λmax",
    errata: ["step-size-cap"],
  },
  {
    section: "§5",
    sentence: "Zero eigenvalues yield z_{k+1,i} = z_{k,i}, halting progress",
    claims: ["zero-eigenvalue-stalls"],
  },
  {
    section: "§5",
    sentence: "Large α amplifies curvature effects, risking overshooting",
    claims: ["large-step-overshoots"],
  },
  // §6
  {
    section: "§6",
    sentence: "SGD's noise can help escape saddle points",
    claims: ["sgd-noise-escapes-saddles"],
  },
  {
    section: "§6",
    sentence: "… but makes convergence erratic, especially in regions with varying curvature",
    notTested:
      "the paper gives no measure of “erratic”; Chapter 6 shows SGD's noisy loss curves, but no rule could decide the sentence",
  },
  {
    section: "§6",
    sentence: "Adam updates parameters using m_t, v_t and x_{t+1} = x_t − α m_t/(√v_t + ε)",
    errata: ["adam-bias-correction"],
  },
  {
    section: "§6",
    sentence:
      "Adam outperforms SGD in scenarios with sparse gradients (e.g., natural language processing)",
    claims: ["adam-wins-sparse-gradients"],
  },
  {
    section: "§6",
    sentence: "… or non-stationary objectives (e.g., online learning)",
    claims: ["adam-wins-non-stationary"],
  },
  {
    section: "§6",
    sentence: "The first moment m_t smooths updates, reducing noise",
    notTested:
      "true by construction: an exponential average of independent noise has (1 − β₁)/(1 + β₁) of its variance; a property of the filter, not a finding about optimization",
  },
  {
    section: "§6",
    sentence:
      "The second moment v_t estimates the uncentered variance of gradients, approximating the Hessian's diagonal elements",
    claims: ["adam-second-moment-hessian-diagonal"],
  },
  {
    section: "§6",
    sentence: "The update α/(√v_t + ε) scales inversely with curvature",
    claims: ["adam-step-inverse-curvature"],
  },
  {
    section: "§6",
    sentence:
      "SGD, with fixed α, struggles with ill-conditioned Hessians, as small eigenvalues slow convergence",
    claims: ["zero-eigenvalue-stalls"],
  },
  {
    section: "§6",
    sentence:
      "Adam's adaptive scaling … often converging faster initially (e.g., in deep networks with ReLU)",
    claims: ["adam-faster-initially"],
  },
  {
    section: "§6",
    sentence:
      "SGD may outperform Adam in fine-tuning, as its stochasticity avoids overfitting to noisy gradients",
    notTested:
      "fine-tuning needs a pretrained model and a downstream task, and the mechanism is about generalization on real data; a toy's outcome would be set by our choices (task similarity, label noise, stopping), so no small test would be fair",
  },
  {
    section: "§6",
    sentence: "Second-order methods … requiring O(n³) computations and failing at saddle points",
    claims: ["table1-step-cost", "newton-negative-curvature"],
  },
  {
    section: "§6",
    sentence: "Empirically, Adam balances speed and stability, though it requires tuning β₁, β₂, ε",
    notTested:
      "a summary of practice across many problems; our races tune only the learning rate, so they say nothing about the need to tune β₁, β₂, ε",
  },
  {
    section: "§6",
    sentence:
      "Mini-batch noise complicates Hessian estimation, but Adam's smoothing mitigates this, unlike Hessian-aware methods",
    claims: ["adam-smoothing-noisy-curvature"],
  },
  {
    section: "Table 1",
    sentence: "SGD and Adam O(n) per step; second-order O(n³) per step",
    claims: ["table1-step-cost"],
  },
  {
    section: "Table 1",
    sentence: "Adam: curvature sensitivity High (via v_t ≈ diag(H))",
    claims: ["adam-second-moment-hessian-diagonal"],
  },
  {
    section: "Table 1",
    sentence: "Second-order: stochastic performance Poor (non-convex, high cost)",
    claims: ["second-order-stochastic-poor"],
  },
  {
    section: "Table 1",
    sentence: "SGD: robust but slow in flat regions; Adam: fast initial convergence, tuning needed",
    claims: ["adam-faster-initially", "zero-eigenvalue-stalls"],
  },
  // §7
  {
    section: "§7",
    sentence: "Diagonal approximations: using only diagonal elements reduces complexity to O(n)",
    claims: ["diagonal-linear-cost"],
  },
  {
    section: "§7",
    sentence: "Low-rank approximations: techniques estimate dominant eigenvalues/vectors",
    checked: { chapter: 7, what: "Lanczos's top eigenvalues against the exact spectrum" },
  },
  {
    section: "§7",
    sentence:
      "Hessian-free methods use conjugate gradient to solve H⁻¹∇f without explicit Hessian computation",
    claims: ["hessian-free-cg"],
  },
  {
    section: "§7",
    sentence: "These trade accuracy for speed but may miss critical curvature information",
    claims: ["approximations-miss-curvature"],
  },
  {
    section: "§7",
    sentence:
      "Stochastic Hessian approximations, using mini-batch gradients, further reduce costs but introduce noise",
    claims: ["stochastic-hessian-noise"],
  },
  // §8 and §8.1
  {
    section: "§8",
    sentence:
      "Large eigenvalues cause overshooting, while small or zero ones slow progress in flat regions",
    claims: ["large-step-overshoots", "zero-eigenvalue-stalls"],
  },
  {
    section: "§8",
    sentence:
      "Nonconvexity introduces saddle points, addressed by SGD's noise or advanced optimizers",
    claims: ["sgd-noise-escapes-saddles", "perturbed-gd-escapes", "newton-negative-curvature"],
  },
  {
    section: "§8.1",
    sentence:
      "ReLU is non-differentiable at x = 0, making the Hessian undefined at these points. In practice, subgradients are used",
    claims: ["relu-hessian-needs-approximation"],
  },
  {
    section: "§8.1",
    sentence: "… the resulting loss landscape is piecewise linear",
    errata: ["relu-loss-piecewise-linear"],
  },
  {
    section: "§8.1",
    sentence:
      "A Hessian with many zero or near-zero eigenvalues … Deep networks with ReLU amplify this",
    claims: ["relu-zero-eigenvalues"],
  },
  {
    section: "§8.1",
    sentence:
      "Sigmoid/Tanh … cause vanishing gradients … The Hessian's eigenvalues become small in these regions",
    claims: ["saturation-flattens-spectrum"],
  },
  {
    section: "§8.1",
    sentence: "Deep networks increase the number of parameters, widening the eigenvalue spectrum",
    claims: ["depth-widens-spectrum"],
  },
  {
    section: "§8.1",
    sentence: "Wide networks … often have a denser Hessian with fewer zero eigenvalues",
    claims: ["wide-fewer-zero-eigenvalues"],
  },
  {
    section: "§8.1",
    sentence: "Overparameterization can introduce low-curvature directions",
    claims: ["overparameterization-flat-directions"],
  },
  {
    section: "§8.1",
    sentence:
      "Residual connections smooth the loss landscape … reducing the Hessian's condition number",
    claims: ["residual-lowers-condition-number"],
  },
  {
    section: "§8.1",
    sentence:
      "BatchNorm stabilizes training by normalizing layer inputs, smoothing the loss landscape",
    claims: ["batchnorm-smooths-landscape"],
  },
  {
    section: "§8.1",
    sentence:
      "By reducing internal covariate shift, BatchNorm decreases the Hessian's condition number",
    claims: ["batchnorm-lowers-condition-number"],
  },
  {
    section: "§8.1",
    sentence: "… by reducing internal covariate shift (the mechanism)",
    notTested:
      "a mechanism, not a measurement: covariate shift has no agreed measure, and Santurkar et al. found BatchNorm's benefit without a reduction of it " +
      citation("santurkar2018"),
  },
  {
    section: "§8.1",
    sentence:
      "This mitigates issues from large or small eigenvalues, making optimizers like Adam and SGD more effective",
    notTested:
      "the book compares spectra with and without BatchNorm, not training speed per optimizer; that race was not run",
  },
  {
    section: "§8.1",
    sentence:
      "BatchNorm introduces dependencies on batch statistics … as curvature varies with batch composition",
    claims: ["batchnorm-batch-dependence"],
  },
  {
    section: "§8.1",
    sentence:
      "ReLU's non-smoothness complicates second-order methods, as Hessian computation requires approximations",
    claims: ["relu-hessian-needs-approximation"],
  },
  {
    section: "§8.1",
    sentence:
      "Sigmoid's vanishing gradients necessitate optimizers like Adam, which adapt to low curvature",
    claims: ["sigmoid-needs-adam"],
  },
  {
    section: "§8.1",
    sentence:
      "Architectural choices, like skip connections and BatchNorm, mitigate ill-conditioning",
    claims: ["residual-lowers-condition-number", "batchnorm-lowers-condition-number"],
  },
] as LedgerEntry[]);

/** How a ledger entry is accounted for. */
export type LedgerStatus = "claim" | "erratum" | "checked" | "not tested";

/**
 * The status of an entry: a registered claim, an erratum, a checked
 * equation, or not tested. Throws `Cannot read the ledger: …` for an entry
 * with none of these or with a "not tested" and another status at once.
 *
 * @example
 * ```ts
 * import { ledgerStatus } from "./ledger.ts";
 * if (ledgerStatus({ section: "§6", sentence: "s", notTested: "why" }) !== "not tested") throw new Error();
 * ```
 */
export function ledgerStatus(entry: LedgerEntry): LedgerStatus {
  const tested = Boolean(entry.claims?.length || entry.errata?.length || entry.checked);
  if (entry.notTested !== undefined && tested) {
    throw new RangeError(
      `Cannot read the ledger: "${entry.sentence}" is both tested and not tested`,
    );
  }
  if (entry.notTested !== undefined) {
    if (!entry.notTested.trim()) {
      throw new RangeError(
        `Cannot read the ledger: "${entry.sentence}" is not tested, with no reason`,
      );
    }
    return "not tested";
  }
  if (entry.claims?.length) return "claim";
  if (entry.errata?.length) return "erratum";
  if (entry.checked) return "checked";
  throw new RangeError(`Cannot read the ledger: "${entry.sentence}" is not accounted for`);
}

/**
 * The ledger as a Markdown table (section, sentence, how it is accounted
 * for: linked claims with their verdicts, errata, checked equations, or
 * "not tested" with the reason). `verdictOf` gives a claim's verdict by id;
 * `link` the page anchor of a claim or erratum.
 *
 * @example
 * ```ts
 * import { ledgerMarkdown } from "./ledger.ts";
 * const md = ledgerMarkdown([{ section: "§6", sentence: "s", notTested: "why" }], () => "confirmed", (id) => id);
 * if (!md.includes("*not tested:* why")) throw new Error(md);
 * ```
 */
export function ledgerMarkdown(
  entries: readonly LedgerEntry[],
  verdictOf: (claimId: string) => string,
  link: (id: string, kind: "claim" | "erratum") => string,
): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n+/g, " ");
  const how = (e: LedgerEntry) => {
    switch (ledgerStatus(e)) {
      case "not tested":
        return `*not tested:* ${e.notTested}`;
      case "checked":
        return `equation checked in chapter ${e.checked!.chapter} (${e.checked!.what})`;
      default:
        return [
          ...(e.claims ?? []).map((id) => `[${id}](${link(id, "claim")}): **${verdictOf(id)}**`),
          ...(e.errata ?? []).map((id) => `erratum [${id}](${link(id, "erratum")})`),
        ].join("; ");
    }
  };
  return [
    "| § | The paper | Accounted for |",
    "| --- | --- | --- |",
    ...entries.map((e) => `| ${e.section} | “${cell(e.sentence)}” | ${cell(how(e))} |`),
  ].join("\n");
}

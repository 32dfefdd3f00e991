/**
 * Claims and errata: the paper's statements, tested by code.
 *
 * A {@linkcode Claim} is one empirical or mathematical statement of the
 * paper, with an `evaluate()` that runs a small, seeded experiment and
 * returns a verdict with its numbers. The chapter that discusses it shows the
 * result with {@linkcode showVerdict}; the conclusion re-evaluates every
 * claim. The verdict a chapter's prose relies on is recorded in the claim as
 * `expected`: if a rerun flips it, {@linkcode showVerdict} throws, so the
 * build stops instead of printing a stale verdict.
 *
 * An {@linkcode Erratum} is a place where the paper is wrong or loose, with
 * a `check()` that computes the evidence and throws if it does not hold.
 *
 * @module
 */
import { type Displayable, jupyterDisplay } from "../../lib/display.ts";

/** The outcome of testing a claim. */
export type Verdict = "confirmed" | "qualified" | "refuted";

/** What {@linkcode Claim.evaluate} returns. */
export interface ClaimResult {
  /** The verdict computed now. */
  verdict: Verdict;
  /** One or two sentences with the measured numbers (Markdown, `$…$` math allowed). */
  summary: string;
  /** The key numbers behind the verdict. */
  numbers: Record<string, number>;
}

/** A statement of the paper, checked by a seeded experiment. */
export interface Claim {
  /** A stable id, lowercase words joined by dashes; also the HTML anchor `claim-<id>`. */
  id: string;
  /** The book chapter that tests it (its number). */
  chapter: number;
  /** The paper's words, quoted briefly. */
  statement: string;
  /** The verdict the chapter's prose is written for. */
  expected: Verdict;
  /** Run the experiment (deterministic; a few seconds at most). */
  evaluate(): ClaimResult;
}

/**
 * The verdict on "the variant lowers the metric" from a comparison's trend:
 * lower in most cells confirms it, higher in most refutes it, a mix qualifies it.
 *
 * @example
 * ```ts
 * import { verdictOfTrend } from "./claim.ts";
 * if (verdictOfTrend("mixed") !== "qualified") throw new Error();
 * ```
 */
export function verdictOfTrend(trend: "lower" | "higher" | "mixed"): Verdict {
  return trend === "lower" ? "confirmed" : trend === "higher" ? "refuted" : "qualified";
}

/** A place where the paper is wrong or loose. */
export interface Erratum {
  /** A stable id; also the HTML anchor `erratum-<id>`. */
  id: string;
  /** The book chapter that shows it. */
  chapter: number;
  /** What the paper writes (Markdown with math). */
  paper: string;
  /** The correction (Markdown with math). */
  correction: string;
  /** Compute the evidence; throws if it does not hold. Returns a sentence with the numbers. */
  check(): string;
}

/** Thrown when a claim's verdict differs from the one its chapter was written for. */
export class VerdictChangedError extends Error {
  /** Create the error. */
  constructor(message: string) {
    super(message);
    this.name = "VerdictChangedError";
  }
}

const LABEL: Record<Verdict, string> = {
  confirmed: "Confirmed",
  qualified: "Qualified",
  refuted: "Refuted",
};

function box(id: string, cls: string, markdown: string, plain: string): Displayable {
  const md = `<div class="hx-box ${cls}" id="${id}">\n\n${markdown}\n\n</div>`;
  return { [jupyterDisplay]: () => ({ "text/markdown": md, "text/plain": plain }) };
}

/**
 * Evaluate a claim (or take an already computed result) and display its
 * verdict box. Throws {@linkcode VerdictChangedError} when the verdict is
 * not `claim.expected`.
 *
 * @example
 * ```ts
 * import { type Claim, showVerdict } from "./claim.ts";
 * const claim: Claim = {
 *   id: "sum-of-squares",
 *   chapter: 2,
 *   statement: "x² + y² is convex",
 *   expected: "confirmed",
 *   evaluate: () => ({ verdict: "confirmed", summary: "Its Hessian is 2I.", numbers: { lambdaMin: 2 } }),
 * };
 * showVerdict(claim);
 * let threw = false;
 * try { showVerdict({ ...claim, expected: "refuted" }); } catch { threw = true; }
 * if (!threw) throw new Error("a flipped verdict must throw");
 * ```
 */
export function showVerdict(claim: Claim, result: ClaimResult = claim.evaluate()): Displayable {
  if (result.verdict !== claim.expected) {
    throw new VerdictChangedError(
      `Cannot show the verdict of claim "${claim.id}": it now evaluates to "${result.verdict}", ` +
        `but chapter ${claim.chapter} is written for "${claim.expected}" (${result.summary})`,
    );
  }
  return box(
    `claim-${claim.id}`,
    `hx-claim hx-${result.verdict}`,
    `**Claim check.** The paper: “${claim.statement}”\n\n**Verdict: ${
      LABEL[result.verdict]
    }.** ${result.summary}`,
    `Claim check: ${claim.statement}\nVerdict: ${LABEL[result.verdict]}. ${result.summary}`,
  );
}

/**
 * Check an erratum's evidence and display the erratum box. Throws if the
 * evidence does not hold.
 *
 * @example
 * ```ts
 * import { type Erratum, showErratum } from "./claim.ts";
 * const e: Erratum = {
 *   id: "newton-sign",
 *   chapter: 4,
 *   paper: "$x_{k+1} = x_k H^{-1}\\nabla f$",
 *   correction: "$x_{k+1} = x_k - H^{-1}\\nabla f$",
 *   check: () => "On f = x², the corrected step lands on 0.",
 * };
 * showErratum(e);
 * ```
 */
export function showErratum(erratum: Erratum): Displayable {
  const evidence = erratum.check();
  return box(
    `erratum-${erratum.id}`,
    "hx-erratum",
    `**Erratum.** The paper writes ${erratum.paper}. Correct: ${erratum.correction}\n\n*Evidence:* ${evidence}`,
    `Erratum. The paper writes ${erratum.paper}. Correct: ${erratum.correction}\nEvidence: ${evidence}`,
  );
}

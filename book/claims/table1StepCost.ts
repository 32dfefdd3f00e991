/**
 * Claim check (Chapter 6): Table 1's computational cost column, measured.
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim, type Verdict } from "./claim.ts";
import { stepCostScaling } from "../experiments/stepCostScaling.ts";

/**
 * The verdict rule of {@linkcode table1StepCost}, as a pure function of the
 * three fitted exponents (so it can be tested without timing anything).
 *
 * @example
 * ```ts
 * import { table1Verdict } from "./table1StepCost.ts";
 * if (table1Verdict(1.02, 0.97, 2.8) !== "confirmed") throw new Error();
 * if (table1Verdict(1, 1, 1.2) !== "refuted") throw new Error();
 * if (table1Verdict(1, 1, 2) !== "qualified") throw new Error();
 * ```
 */
export function table1Verdict(sgd: number, adam: number, newton: number): Verdict {
  const inFirst = (p: number) => p >= 0.6 && p <= 1.5;
  if (inFirst(sgd) && inFirst(adam) && newton >= 2.3 && newton <= 4) return "confirmed";
  if (sgd > 2 || adam > 2 || newton < 1.6) return "refuted";
  return "qualified";
}

/**
 * The paper's Table 1: SGD and Adam cost "O(n) per step", second-order
 * methods "O(n³) per step".
 *
 * The experiment (`stepCostScaling` with its defaults): wall-clock seconds
 * per step on ridge least squares, SGD and Adam on mini-batches for n from
 * 2048 to 32768, Newton (dense Hessian, LU solve) for n from 96 to 384;
 * the exponent p of t ≈ c·nᵖ is fitted on a log–log scale. Timings are
 * noisy (a loaded machine slows the large, cache-hungry sizes most), so the
 * rule tests ranges: confirmed if both first-order exponents lie in
 * [0.6, 1.5] and Newton's in [2.3, 4]; refuted if a first-order
 * exponent exceeds 2 or Newton's is below 1.6; qualified otherwise.
 *
 * @example
 * ```ts
 * import { table1StepCost } from "./table1StepCost.ts";
 * // table1StepCost.evaluate() runs the experiment (once per source tree, see
 * // defineClaim); a chapter shows the verdict with showVerdict(table1StepCost).
 * const c = table1StepCost;
 * if (c.id !== "table1-step-cost" || c.chapter !== 6 || c.expected !== "confirmed") {
 *   throw new Error(c.id);
 * }
 * ```
 */
export const table1StepCost: Claim = defineClaim({
  id: "table1-step-cost",
  chapter: 6,
  statement:
    "Table 1: SGD and Adam cost $O(n)$ per step; second-order methods cost $O(n^3)$ per step",
  expected: "confirmed",
  evaluate(): ClaimResult {
    const c = stepCostScaling();
    const verdict = table1Verdict(c.sgd.exponent, c.adam.exponent, c.newton.exponent);
    const f2 = (x: number) => x.toFixed(2);
    const span = (s: number[]) => `${s[0]} to ${s[s.length - 1]}`;
    return {
      verdict,
      summary: `Measured on ridge least squares: the fitted exponent of seconds per step against
$n$ is ${f2(c.sgd.exponent)} for SGD and ${f2(c.adam.exponent)} for Adam ($n$ = ${
        span(c.sgd.sizes)
      }, batch of fixed size), and ${f2(c.newton.exponent)} for Newton ($n$ = ${
        span(c.newton.sizes)
      }), whose LU solve is $O(n^3)$ while its gradient and
Hessian copy are $O(Nn)$ and $O(n^2)$. ${
        verdict === "confirmed"
          ? "The orders in Table 1 hold."
          : "The measured orders do not all match Table 1."
      } (The first-order $O(n)$ is per step at a fixed batch size: a step on $B$ samples costs $O(Bn)$.)`,
      numbers: {
        sgdExponent: c.sgd.exponent,
        adamExponent: c.adam.exponent,
        newtonExponent: c.newton.exponent,
        sgdR2: c.sgd.r2,
        adamR2: c.adam.r2,
        newtonR2: c.newton.r2,
      },
    };
  },
});

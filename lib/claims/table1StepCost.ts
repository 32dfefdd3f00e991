/**
 * Claim check (Chapter 6): Table 1's computational cost column, measured.
 *
 * @module
 */
import type { Claim, ClaimResult } from "./claim.ts";
import { stepCostScaling } from "../experiments/stepCostScaling.ts";

/**
 * The paper's Table 1: SGD and Adam cost "O(n) per step", second-order
 * methods "O(n³) per step".
 *
 * The experiment (`stepCostScaling` with its defaults): wall-clock seconds
 * per step on ridge least squares, SGD and Adam on mini-batches for n from
 * 2048 to 32768, Newton (dense Hessian, LU solve) for n from 128 to 512;
 * the exponent p of t ≈ c·nᵖ is fitted on a log–log scale. Timings are
 * noisy, so the rule tests ranges: confirmed if both first-order exponents
 * lie in [0.6, 1.4] and Newton's in [2.3, 3.6]; refuted if a first-order
 * exponent exceeds 2 or Newton's is below 1.6; qualified otherwise.
 *
 * @example
 * ```ts
 * import { table1StepCost } from "./table1StepCost.ts";
 * const r = table1StepCost.evaluate();
 * if (!(r.numbers.newtonExponent > r.numbers.sgdExponent)) throw new Error(r.summary);
 * ```
 */
export const table1StepCost: Claim = {
  id: "table1-step-cost",
  chapter: 6,
  statement:
    "Table 1: SGD and Adam cost $O(n)$ per step; second-order methods cost $O(n^3)$ per step",
  expected: "confirmed",
  evaluate(): ClaimResult {
    const c = stepCostScaling();
    const inFirst = (p: number) => p >= 0.6 && p <= 1.4;
    const newtonOk = c.newton.exponent >= 2.3 && c.newton.exponent <= 3.6;
    const verdict = inFirst(c.sgd.exponent) && inFirst(c.adam.exponent) && newtonOk
      ? "confirmed"
      : c.sgd.exponent > 2 || c.adam.exponent > 2 || c.newton.exponent < 1.6
      ? "refuted"
      : "qualified";
    const k = c.newton.sizes.length;
    const local = Math.log(c.newton.seconds[k - 1] / c.newton.seconds[k - 2]) /
      Math.log(c.newton.sizes[k - 1] / c.newton.sizes[k - 2]);
    const f2 = (x: number) => x.toFixed(2);
    const span = (s: number[]) => `${s[0]} to ${s[s.length - 1]}`;
    return {
      verdict,
      summary: `Measured on ridge least squares: the fitted exponent of seconds per step against
$n$ is ${f2(c.sgd.exponent)} for SGD and ${f2(c.adam.exponent)} for Adam ($n$ = ${
        span(c.sgd.sizes)
      }, batch of fixed size), and ${f2(c.newton.exponent)} for Newton ($n$ = ${
        span(c.newton.sizes)
      }; ${
        f2(local)
      } between the two largest sizes), whose LU solve is $O(n^3)$ while its gradient and
Hessian copy are $O(Nn)$ and $O(n^2)$. ${
        verdict === "confirmed"
          ? "The orders in Table 1 hold."
          : "The measured orders do not all match Table 1."
      } (The first-order $O(n)$ is per step at a fixed batch size: a step on $B$ samples costs $O(Bn)$.)`,
      numbers: {
        sgdExponent: c.sgd.exponent,
        adamExponent: c.adam.exponent,
        newtonExponent: c.newton.exponent,
        newtonLocalExponent: local,
        sgdR2: c.sgd.r2,
        adamR2: c.adam.r2,
        newtonR2: c.newton.r2,
      },
    };
  },
};

/**
 * Claim check (Chapter 3): gradient descent may stall at the saddle of x² − y².
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim } from "./claim.ts";
import { quadraticObjective } from "../../lib/optim/quadraticObjective.ts";
import { gradientDescent } from "../../lib/optim/gradientDescent.ts";
import { escapeTime } from "../experiments/escapeTime.ts";

/**
 * The paper: on f(x, y) = x² − y², "At (0,0), gradient descent may stall, as
 * the gradient ∇f = 0".
 *
 * The experiment (α = 0.1, so x_k = 0.8ᵏx₀ and y_k = 1.2ᵏy₀): started at
 * the saddle, or anywhere on the stable manifold y = 0, gradient descent
 * never leaves the unit ball. Started a distance y₀ off it, it escapes
 * after ⌈ln(1/y₀)/ln 1.2⌉ steps or so: it stalls for a time that grows only
 * like ln(1/y₀). Verdict: qualified (it stalls for good only on a set of
 * measure zero; near it, it lingers).
 *
 * @example
 * ```ts
 * import { gdStallsAtSaddle } from "./gdStallsAtSaddle.ts";
 * // gdStallsAtSaddle.evaluate() runs the experiment (once per source tree, see
 * // defineClaim); a chapter shows the verdict with showVerdict(gdStallsAtSaddle).
 * const c = gdStallsAtSaddle;
 * if (c.id !== "gd-stalls-at-saddle" || c.chapter !== 3 || c.expected !== "qualified") {
 *   throw new Error(c.id);
 * }
 * ```
 */
export const gdStallsAtSaddle: Claim = defineClaim({
  id: "gd-stalls-at-saddle",
  chapter: 3,
  statement: "At (0,0), gradient descent may stall, as the gradient ∇f = 0",
  expected: "qualified",
  evaluate(): ClaimResult {
    const alpha = 0.1;
    const saddle = quadraticObjective([[2, 0], [0, -2]]);
    const gd = gradientDescent({ lr: alpha });
    const maxSteps = 2000;
    // On the stable manifold (y₀ = 0, including the saddle itself): never escapes.
    let escapedOnManifold = 0;
    let farthestOnManifold = 0;
    for (const x0 of [0, 0.01, 0.5, -0.9]) {
      const r = escapeTime(saddle, [x0, 0], gd, { maxSteps });
      if (r.escaped) escapedOnManifold++;
      farthestOnManifold = Math.max(farthestOnManifold, Math.hypot(r.x[0], r.x[1]));
    }
    // Off it: the escape time against the formula ⌈ln(1/y₀)/ln(1 + 2α)⌉ (x₀ = 0).
    const offsets = [1e-2, 1e-5, 1e-8, 1e-12];
    const times = offsets.map((y0) => escapeTime(saddle, [0, y0], gd, { maxSteps }));
    const predicted = offsets.map((y0) => Math.ceil(Math.log(1 / y0) / Math.log(1 + 2 * alpha)));
    const allEscape = times.every((t) => t.escaped);
    const matches = times.every((t, i) => Math.abs(t.steps - predicted[i]) <= 1);
    const stalls = escapedOnManifold === 0 && farthestOnManifold < 1e-100;
    const verdict = stalls && allEscape && matches ? "qualified" : stalls ? "confirmed" : "refuted";
    const numbers: Record<string, number> = { alpha, escapedOnManifold, farthestOnManifold };
    offsets.forEach((_, i) => {
      numbers[`steps${i}`] = times[i].steps;
      numbers[`predicted${i}`] = predicted[i];
    });
    const list = offsets.map((y0, i) =>
      `${times[i].steps} steps from $y_0 = ${
        y0.toExponential(0).replace(/e(-?\d+)/, " \\times 10^{$1}")
      }$`
    ).join(", ");
    return {
      verdict,
      summary: `It stalls for good only on the stable manifold $y = 0$: with $\\alpha = ${alpha}$,
${
        4 - escapedOnManifold
      } of 4 runs started there (the saddle included) are still inside the unit
ball after ${maxSteps} steps, at distance ${farthestOnManifold.toExponential(1)} from the saddle.
Any offset $y_0 \\ne 0$ grows like $(1 + 2\\alpha)^k$, so descent lingers and then escapes: ${list},
each within one step of $\\lceil \\ln(1/y_0) / \\ln(1 + 2\\alpha) \\rceil$. The stall lasts
$O(\\ln(1/y_0))$ steps, not forever.`,
      numbers,
    };
  },
});

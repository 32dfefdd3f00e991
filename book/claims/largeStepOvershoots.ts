/**
 * Claim check (Chapter 5): the second-order expansion shows that large
 * steps overshoot.
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim } from "./claim.ts";
import { lineTaylor } from "../experiments/lineTaylor.ts";
import { overshootStep } from "../experiments/overshootStep.ts";
import { rosenbrockObjective } from "../../lib/optim/rosenbrockObjective.ts";
import { Rng } from "../../lib/random.ts";

/**
 * The paper (§5): the expansion g(t) = g(0) + g′(0)t + ½g″(0)t² + ⋯ with
 * g″(0) = vᵀHv "shows that large α amplifies curvature effects, risking
 * overshooting".
 *
 * The experiment: Rosenbrock's function (a = 1, b = 100) at 40 seeded points
 * of [−1.5, 1.5] × [−0.5, 2] and at the origin, along the gradient-descent
 * direction v = −∇f/‖∇f‖. For each point, the overshoot step (the first
 * t > 0 where f is back up to f(x)) is measured on the true line and
 * predicted by the quadratic model, 2|g′(0)|/g″(0). Every line overshoots:
 * long enough steps always make f worse. But the quadratic model predicts
 * where only roughly: its prediction is off by a factor up to several
 * (at the origin g″(0) = 2 while the quartic term 100t⁴ takes over, so the
 * model allows steps about 8 times too long). Verdict: qualified — large
 * steps do overshoot, but the second-order term alone does not say when;
 * the neglected higher-order terms can dominate.
 *
 * @example
 * ```ts
 * import { largeStepOvershoots } from "./largeStepOvershoots.ts";
 * // largeStepOvershoots.evaluate() runs the experiment (once per source tree, see
 * // defineClaim); a chapter shows the verdict with showVerdict(largeStepOvershoots).
 * const c = largeStepOvershoots;
 * if (c.id !== "large-step-overshoots" || c.chapter !== 5 || c.expected !== "qualified") {
 *   throw new Error(c.id);
 * }
 * ```
 */
export const largeStepOvershoots: Claim = defineClaim({
  id: "large-step-overshoots",
  chapter: 5,
  statement:
    "g(t) = g(0) + g′(0)t + ½g″(0)t² + ⋯, with g″(0) = vᵀHv, shows that large α amplifies curvature effects, risking overshooting",
  expected: "qualified",
  evaluate(): ClaimResult {
    const rosen = rosenbrockObjective();
    const rng = new Rng(7);
    const points: number[][] = [[0, 0]];
    for (let k = 0; k < 40; k++) {
      points.push([-1.5 + 3 * rng.uniform(), -0.5 + 2.5 * rng.uniform()]);
    }
    let overshooting = 0, worstRatio = 1, worstAt = points[0];
    let closeCount = 0, originRatio = NaN;
    for (const p of points) {
      const x = Float64Array.from(p);
      const g = rosen.grad(x);
      const n = Math.hypot(...g);
      const line = lineTaylor(rosen, x, Array.from(g, (gi) => -gi / n));
      const o = overshootStep(line, { tMax: 4, points: 4000 });
      if (!Number.isFinite(o.actual)) continue;
      overshooting++;
      const ratio = o.model / o.actual;
      const off = Math.max(ratio, 1 / ratio);
      if (p === points[0]) originRatio = ratio;
      if (off <= 1.25) closeCount++;
      if (off > worstRatio) {
        worstRatio = off;
        worstAt = p;
      }
    }
    const all = overshooting === points.length;
    const verdict = !all ? "refuted" : worstRatio > 1.5 ? "qualified" : "confirmed";
    return {
      verdict,
      summary: String.raw`Along $v = -\nabla f/\|\nabla f\|$ on Rosenbrock's function, at the origin
and 40 random points of $[-1.5, 1.5] \times [-0.5, 2]$, ${overshooting} of ${points.length} lines
overshoot: beyond some step $t$ (for gradient descent $t = \alpha\|\nabla f\|$) $f$ is worse than
where it started. The quadratic model's prediction of that step, $2|g'(0)|/g''(0)$, is within 25%
at ${closeCount} of the ${points.length} points but off by a factor up to
${worstRatio.toFixed(1)} (at $(${worstAt.map((v) => v.toFixed(2)).join(", ")})$); at the origin the
model allows steps ${originRatio.toFixed(1)} times too long, since $g''(0) = 2$ there while the
quartic term takes over. The expansion says large steps are risky, not how large.`,
      numbers: {
        points: points.length,
        overshooting,
        closeCount,
        worstRatio,
        originRatio,
      },
    };
  },
});

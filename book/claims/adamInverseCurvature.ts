/**
 * Claim check (Chapter 6): does Adam's step scale inversely with curvature?
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim } from "./claim.ts";
import { adamOnDiagonalQuadratic } from "../experiments/adamOnDiagonalQuadratic.ts";
import { rankCorrelation } from "../../lib/stats/rankCorrelation.ts";
import { Rng } from "../../lib/random.ts";

/**
 * The paper: "the update α/(√v_t + ε) scales inversely with curvature (high
 * v_t implies high curvature, reducing the effective step size)".
 *
 * The experiment: Adam (α = 0.1, 1000 steps) on ½ Σ λᵢxᵢ² with 50
 * curvatures log-uniform on [10⁻², 10²], once from xᵢ = 1 (all distances
 * equal) and once from distances log-uniform on [10⁻², 10²] with random
 * signs. At steps 1, 10, 100, 1000 Spearman's ρ compares the effective step
 * α/(√v̂ + ε) with λ and with the first gradient |λᵢx₀ᵢ|. Verdict rule:
 * confirmed if ρ(step, λ) ≤ −0.8 at every checkpoint of both runs, refuted
 * if ρ(step, λ) ≥ −0.2 at all of them, qualified otherwise.
 *
 * @example
 * ```ts
 * import { adamInverseCurvature } from "./adamInverseCurvature.ts";
 * // adamInverseCurvature.evaluate() runs the experiment (once per source tree, see
 * // defineClaim); a chapter shows the verdict with showVerdict(adamInverseCurvature).
 * const c = adamInverseCurvature;
 * if (c.id !== "adam-step-inverse-curvature" || c.chapter !== 6 || c.expected !== "qualified") {
 *   throw new Error(c.id);
 * }
 * ```
 */
export const adamInverseCurvature: Claim = defineClaim({
  id: "adam-step-inverse-curvature",
  chapter: 6,
  statement:
    "the update $\\alpha/(\\sqrt{v_t}+\\varepsilon)$ scales inversely with curvature (high $v_t$ implies high curvature, reducing the effective step size)",
  expected: "qualified",
  evaluate(): ClaimResult {
    const n = 50, checkpoints = [1, 10, 100, 1000];
    const rng = new Rng(7);
    const lambda = Array.from({ length: n }, () => Math.pow(10, -2 + 4 * rng.uniform()));
    const equal = lambda.map(() => 1);
    const spread = lambda.map(() =>
      (rng.uniform() < 0.5 ? -1 : 1) * Math.pow(10, -2 + 4 * rng.uniform())
    );
    const measure = (start: number[]) => {
      const run = adamOnDiagonalQuadratic(lambda, start, { lr: 0.1, steps: 1000 });
      const g0 = run.initialGradient.map(Math.abs);
      return checkpoints.map((t) => ({
        curvature: rankCorrelation(run.effectiveSteps[t - 1], lambda),
        gradient: rankCorrelation(run.effectiveSteps[t - 1], g0),
      }));
    };
    const a = measure(equal), b = measure(spread);
    const rhoLambda = [...a, ...b].map((r) => r.curvature);
    const verdict = rhoLambda.every((r) => r <= -0.8)
      ? "confirmed"
      : rhoLambda.every((r) => r >= -0.2)
      ? "refuted"
      : "qualified";
    const lo = (xs: number[]) => Math.min(...xs).toFixed(2);
    const hi = (xs: number[]) => Math.max(...xs).toFixed(2);
    const bc = b.map((r) => r.curvature), bg = b.map((r) => r.gradient);
    const ac = a.map((r) => r.curvature);
    return {
      verdict,
      summary: `${
        verdict === "qualified"
          ? "The step follows the gradient's size, and curvature only through it."
          : verdict === "confirmed"
          ? "Yes."
          : "No."
      } On
$\\tfrac12\\sum_i \\lambda_i x_i^2$ with ${n} curvatures spread over four decades, Adam's step
$\\alpha/(\\sqrt{\\hat v_t}+\\varepsilon)$ at steps ${checkpoints.join(", ")} has rank correlation
${lo(ac)} to ${hi(ac)} with $\\lambda$ when every coordinate starts at distance 1${
        Math.max(...ac) <= -0.8 ? ", so there it does scale inversely with curvature" : ""
      }. When the distances differ (also over four decades), the correlation
with $\\lambda$ is ${lo(bc)} to ${hi(bc)}, while the correlation with the first gradient
$|\\lambda_i x_{0,i}|$ is ${lo(bg)} to ${hi(bg)}: "high $v_t$" means a large gradient, which a
flat direction far from its minimum also has.`,
      numbers: {
        equalRhoCurvatureMin: Math.min(...ac),
        equalRhoCurvatureMax: Math.max(...ac),
        spreadRhoCurvatureMin: Math.min(...bc),
        spreadRhoCurvatureMax: Math.max(...bc),
        spreadRhoGradientMin: Math.min(...bg),
        spreadRhoGradientMax: Math.max(...bg),
      },
    };
  },
});

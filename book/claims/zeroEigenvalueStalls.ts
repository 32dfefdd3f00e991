/**
 * Claim check (Chapter 4): zero eigenvalues slow gradient descent.
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim } from "./claim.ts";
import { gradientDescent } from "../../lib/optim/gradientDescent.ts";
import { minimize } from "../../lib/optim/minimize.ts";
import { quadraticObjective } from "../../lib/optim/quadraticObjective.ts";

/**
 * The paper (§4): "Gradient Descent: Zero eigenvalues create degenerate
 * directions (vᵢᵀHvᵢ = 0), slowing convergence", and for f(x, y) = x² the
 * zero eigenvalue stalls "progress in the y-direction".
 *
 * The experiment: gradient descent with α = 0.1 from (1, 1), counting the
 * steps until f ≤ 10⁻¹². On f = x² the coordinate y never moves (its
 * gradient is exactly 0), but f reaches the tolerance in exactly as many
 * steps as the one-dimensional x² from x = 1: there is no progress to make
 * along y, because every point of the line x = 0 is a minimizer. What slows
 * descent is a *small positive* eigenvalue: on x² + δy² the count grows
 * like ln(δ/10⁻¹²)/(4αδ). Verdict: qualified — y stalls, as the paper says, but an
 * exactly zero eigenvalue does not slow the convergence of f; a nearly zero
 * one does.
 *
 * @example
 * ```ts
 * import { zeroEigenvalueStalls } from "./zeroEigenvalueStalls.ts";
 * // zeroEigenvalueStalls.evaluate() runs the experiment (once per source tree, see
 * // defineClaim); a chapter shows the verdict with showVerdict(zeroEigenvalueStalls).
 * const c = zeroEigenvalueStalls;
 * if (c.id !== "zero-eigenvalue-stalls" || c.chapter !== 4 || c.expected !== "qualified") {
 *   throw new Error(c.id);
 * }
 * ```
 */
export const zeroEigenvalueStalls: Claim = defineClaim({
  id: "zero-eigenvalue-stalls",
  chapter: 4,
  statement:
    "Zero eigenvalues create degenerate directions (vᵢᵀHvᵢ = 0), slowing convergence … stalling progress in the y-direction",
  expected: "qualified",
  evaluate(): ClaimResult {
    const alpha = 0.1, tol = 1e-12, maxSteps = 100000;
    const stepsTo = (H: number[][], x0: number[]) => {
      const run = minimize(quadraticObjective(H), x0, gradientDescent({ lr: alpha }), {
        maxSteps,
        // ‖∇f‖ ≤ 1e-8 implies f ≤ 1e-16/(4δ) < 1e-12 here, so the run stops after f crosses tol.
        gradTol: 1e-8,
        recordX: false,
        recordInfo: false,
      });
      const k = run.fs.findIndex((f) => f <= tol);
      return { steps: k < 0 ? Infinity : k, run };
    };
    const flat = stepsTo([[2, 0], [0, 0]], [1, 1]);
    const oneD = stepsTo([[2]], [1]);
    const yMoved = Math.abs(flat.run.x[1] - 1);
    const deltas = [1e-1, 1e-2];
    const small = deltas.map((d) => stepsTo([[2, 0], [0, 2 * d]], [1, 1]).steps);
    // f_k = δ(1 − 2αδ)^{2k} along y (x is gone long before): f ≤ tol after about this many steps.
    const predicted = deltas.map((d) => Math.log(d / tol) / (-2 * Math.log(1 - 2 * alpha * d)));
    const stalls = yMoved === 0;
    const zeroSlows = flat.steps > 2 * oneD.steps;
    const smallSlows = small[1] > 10 * flat.steps;
    const verdict = stalls && zeroSlows
      ? "confirmed"
      : stalls && smallSlows
      ? "qualified"
      : "refuted";
    return {
      verdict,
      summary: String.raw`With $\alpha = ${alpha}$ from $(1, 1)$ on $f = x^2$, $y$ moves by exactly
${yMoved} (its gradient is identically 0), yet $f \le 10^{-12}$ after ${flat.steps} steps, the same
count as for the one-dimensional $x^2$ (${oneD.steps}): the zero eigenvalue costs nothing, because
every point of the line $x = 0$ is a minimizer and $(0, 1)$ is one of them. A small *positive*
eigenvalue is what slows descent: on $x^2 + \delta y^2$ the count is ${small[0]} for
$\delta = 10^{-1}$ and ${small[1]} for $\delta = 10^{-2}$ (about
$\ln(\delta/10^{-12})/(4\alpha\delta)$: ${predicted.map((p) => p.toFixed(0)).join(" and ")}).`,
      numbers: {
        alpha,
        yMoved,
        stepsFlat: flat.steps,
        steps1d: oneD.steps,
        stepsDelta1e1: small[0],
        stepsDelta1e2: small[1],
      },
    };
  },
});

/**
 * Claim check (Chapter 3): can Newton's method exploit negative eigenvalues?
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim } from "./claim.ts";
import type { Objective } from "../../lib/optim/objective.ts";
import { minimize } from "../../lib/optim/minimize.ts";
import { newton } from "../../lib/optim/newton.ts";
import { saddleFreeNewton } from "../../lib/optim/saddleFreeNewton.ts";
import { quadraticObjective } from "../../lib/optim/quadraticObjective.ts";
import { Rng } from "../../lib/random.ts";

/**
 * The paper: "Second-order methods, like Newton's method, can exploit
 * negative eigenvalues but are computationally costly."
 *
 * The experiment. On x² − y², one Newton step x − H⁻¹∇f from any point lands
 * exactly on the saddle. On f(x, y) = x² + 3xy + y² + x⁴ + y⁴ (a saddle at 0
 * with eigenvalues −1 and 5, minima f = −1/8 at ±(½, −½)), Newton from 30
 * seeded starts in [−½, ½]² converges to the saddle in a sizeable share of
 * runs; saddle-free Newton, x − |H|⁻¹∇f with |H| = Q|Λ|Qᵀ, reaches a minimum
 * from every start. Plain Newton treats a negative eigenvalue as a reason to
 * step *toward* the critical point; only a method that flips its sign uses
 * it. Verdict: qualified.
 *
 * @example
 * ```ts
 * import { newtonNegativeCurvature } from "./newtonNegativeCurvature.ts";
 * // newtonNegativeCurvature.evaluate() runs the experiment (once per source tree, see
 * // defineClaim); a chapter shows the verdict with showVerdict(newtonNegativeCurvature).
 * const c = newtonNegativeCurvature;
 * if (c.id !== "newton-negative-curvature" || c.chapter !== 3 || c.expected !== "qualified") {
 *   throw new Error(c.id);
 * }
 * ```
 */
export const newtonNegativeCurvature: Claim = defineClaim({
  id: "newton-negative-curvature",
  chapter: 3,
  statement: "Second-order methods, like Newton's method, can exploit negative eigenvalues",
  expected: "qualified",
  evaluate(): ClaimResult {
    // Part 1: x² − y², one Newton step from (0.7, −0.4).
    const quadratic = quadraticObjective([[2, 0], [0, -2]]);
    const one = newton().start(quadratic, [0.7, -0.4]);
    one.step();
    const landed = Math.hypot(one.x[0], one.x[1]);

    // Part 2: a non-quadratic saddle.
    const quartic: Objective = {
      size: 2,
      f: ([x, y]) => x * x + 3 * x * y + y * y + x ** 4 + y ** 4,
      grad: ([x, y]) => new Float64Array([2 * x + 3 * y + 4 * x ** 3, 3 * x + 2 * y + 4 * y ** 3]),
      hessian: ([x, y]) => [[2 + 12 * x * x, 3], [3, 2 + 12 * y * y]],
    };
    const starts = 30;
    const rng = new Rng(5);
    let newtonToSaddle = 0, newtonToMinimum = 0, saddleFreeToMinimum = 0, saddleFreeToSaddle = 0;
    let failures = 0;
    for (let s = 0; s < starts; s++) {
      const x0 = [rng.uniform() - 0.5, rng.uniform() - 0.5];
      for (const which of ["newton", "saddle-free"] as const) {
        const optimizer = which === "newton" ? newton() : saddleFreeNewton();
        let run;
        try {
          run = minimize(quartic, x0, optimizer, { maxSteps: 100, gradTol: 1e-10 });
        } catch {
          failures++;
          continue;
        }
        if (run.stopReason !== "converged") continue;
        const atSaddle = Math.hypot(run.x[0], run.x[1]) < 1e-8;
        const atMinimum = Math.abs(run.f + 0.125) < 1e-12;
        if (which === "newton") {
          if (atSaddle) newtonToSaddle++;
          if (atMinimum) newtonToMinimum++;
        } else {
          if (atSaddle) saddleFreeToSaddle++;
          if (atMinimum) saddleFreeToMinimum++;
        }
      }
    }
    const qualified = landed < 1e-15 && newtonToSaddle > 0 && saddleFreeToMinimum === starts &&
      saddleFreeToSaddle === 0;
    return {
      verdict: qualified ? "qualified" : newtonToSaddle === 0 ? "confirmed" : "refuted",
      summary: `Not plain Newton. On $x^2 - y^2$, one step $x - H^{-1}\\nabla f$ from $(0.7, -0.4)$
lands ${
        landed === 0
          ? "exactly on"
          : `${landed.toExponential(1)} from`
      } the saddle. On $x^2 + 3xy + y^2 + x^4 + y^4$ (saddle at 0 with
eigenvalues $-1$ and $5$), Newton from ${starts} random starts in $[-\\frac12, \\frac12]^2$
converged to the saddle ${newtonToSaddle} times and to a minimum ${newtonToMinimum} times.
Saddle-free Newton, which divides by $|\\lambda_i|$ instead of $\\lambda_i$, reached a minimum
${saddleFreeToMinimum} of ${starts} times${
        failures ? ` (${failures} runs hit a singular Hessian)` : ""
      }.
Negative eigenvalues help only a method that flips their sign.`,
      numbers: {
        landed,
        starts,
        newtonToSaddle,
        newtonToMinimum,
        saddleFreeToMinimum,
        saddleFreeToSaddle,
        failures,
      },
    };
  },
});

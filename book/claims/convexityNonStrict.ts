/**
 * Erratum (Chapter 2): convexity needs vᵀHv ≥ 0, not vᵀHv > 0.
 *
 * @module
 */
import type { Erratum } from "./claim.ts";
import { analyzeExpression } from "../../lib/expression/analyzeExpression.ts";
import { quadraticForm } from "../../lib/linalg/quadraticForm.ts";
import { convexityGap } from "../experiments/convexityGap.ts";

/**
 * The paper's second-order test of convexity asks for vᵀHv > 0 for every v.
 * That is the test for *strict* convexity (and only a sufficient one); a
 * twice-differentiable f is convex exactly when vᵀH(x)v ≥ 0 for every v and
 * every x. The evidence is the paper's own example f(x, y) = x²: its Hessian
 * [[2, 0], [0, 0]] gives vᵀHv = 0 for v = (0, 1), yet 2000 sampled triples
 * satisfy the convexity inequality, each with the gap −λ(1−λ)(x₁ − y₁)² that
 * algebra predicts.
 *
 * @example
 * ```ts
 * import { showErratum } from "./claim.ts";
 * import { convexityNonStrict } from "./convexityNonStrict.ts";
 * const evidence = convexityNonStrict.check();
 * if (!evidence.includes("0 violations")) throw new Error(evidence);
 * showErratum(convexityNonStrict);
 * ```
 */
export const convexityNonStrict: Erratum = {
  id: "convexity-non-strict",
  chapter: 2,
  paper: String.raw`that $f$ is convex if $v^\top H v > 0$ for any vector $v$`,
  correction: String.raw`a twice-differentiable $f$ is convex if and only if
$v^\top H(x)\, v \ge 0$ for every $v$ and every $x$ (all eigenvalues non-negative, as the paper's
next sentence says). Strict positivity is a sufficient condition for *strict* convexity, not the
definition of convexity.`,
  check(): string {
    const what = "check the convexity erratum";
    const expression = "x^2";
    // The Hessian of x² on ℝ² at a few points: always [[2, 0], [0, 0]].
    let flatCurvature = 0;
    for (const [x, y] of [[0, 0], [1.5, -2], [-0.7, 3]]) {
      const r = analyzeExpression({ expression, variables: ["x", "y"], at: { x, y } });
      const [[a, b], [b2, c]] = r.hessian;
      if (a !== 2 || b !== 0 || b2 !== 0 || c !== 0) {
        throw new Error(`Cannot ${what}: the Hessian of x² at (${x}, ${y}) is ${r.hessian}`);
      }
      if (r.eigenvalues[0] !== 0) {
        throw new Error(`Cannot ${what}: expected a zero eigenvalue, got ${r.eigenvalues}`);
      }
      flatCurvature = Math.max(flatCurvature, Math.abs(quadraticForm(r.hessian, [0, 1])));
    }
    if (flatCurvature !== 0) {
      throw new Error(`Cannot ${what}: vᵀHv along y is ${flatCurvature}, not 0`);
    }
    const samples = 2000;
    const result = convexityGap(([x]) => x * x, { dimension: 2, samples, radius: 3, seed: 2 });
    if (result.violations !== 0) {
      throw new Error(`Cannot ${what}: x² violated the convexity inequality ${result.violations}×`);
    }
    // Independent route: for f = x₁², the gap is exactly −λ(1−λ)(x₁ − y₁)².
    const { x, y, lambda, gap } = result.worst;
    const exact = -lambda * (1 - lambda) * (x[0] - y[0]) ** 2;
    if (Math.abs(gap - exact) > 1e-12 * (1 + Math.abs(exact))) {
      throw new Error(
        `Cannot ${what}: the worst gap ${gap} differs from −λ(1−λ)(x₁−y₁)² = ${exact}`,
      );
    }
    return String
      .raw`For $f(x, y) = x^2$ the Hessian is $\begin{bmatrix} 2 & 0 \\ 0 & 0 \end{bmatrix}$
at every point, so $v = (0, 1)$ gives $v^\top H v = ${flatCurvature}$ and "$> 0$" fails. Yet $f$ is
convex: ${samples} sampled triples $(x, y, \lambda)$ in $[-3, 3]^2 \times [0, 1]$ give 0 violations
of the convexity inequality; the largest gap, ${
      result.maxGap.toExponential(2)
    }, matches $-\lambda(1-\lambda)(x_1 - y_1)^2$ to 1e-12.`;
  },
};

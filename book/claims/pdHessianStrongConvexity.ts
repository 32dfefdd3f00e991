/**
 * Claim check (Chapter 2): does a positive definite Hessian imply strong
 * convexity?
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim } from "./claim.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import { Rng } from "../../lib/random.ts";

/** f(x) = eˣ¹ + eˣ², ∇f and the largest m the strong-convexity inequality allows from x to y. */
function largestM(x: [number, number], y: [number, number]): number {
  const f = (p: [number, number]) => Math.exp(p[0]) + Math.exp(p[1]);
  const gx = [Math.exp(x[0]), Math.exp(x[1])];
  const d = [y[0] - x[0], y[1] - x[1]];
  const excess = f(y) - f(x) - (gx[0] * d[0] + gx[1] * d[1]);
  return (2 * excess) / (d[0] * d[0] + d[1] * d[1]);
}

/**
 * The paper: a positive definite Hessian makes f strictly convex, and "this
 * implies strong convexity" f(y) ≥ f(x) + ∇f(x)ᵀ(y − x) + (m/2)‖y − x‖² for
 * some m > 0.
 *
 * The evidence, both ways. For a quadratic with positive definite H the
 * inequality holds with m = λmin(H) (checked on seeded random pairs, and
 * tight along the bottom eigenvector). But f(x) = eˣ¹ + eˣ² has the positive
 * definite Hessian diag(eˣ¹, eˣ²) at every point and is not strongly convex:
 * on the unit segment from (−L, 0) to (−L + 1, 0) the largest m that works
 * is 2(e − 2)e^{−L}, which goes to 0. Strong convexity needs a uniform bound
 * λmin(H(x)) ≥ m > 0, not positivity at each point. Verdict: qualified.
 *
 * @example
 * ```ts
 * import { pdHessianStrongConvexity } from "./pdHessianStrongConvexity.ts";
 * // pdHessianStrongConvexity.evaluate() runs the experiment (once per source tree, see
 * // defineClaim); a chapter shows the verdict with showVerdict(pdHessianStrongConvexity).
 * const c = pdHessianStrongConvexity;
 * if (c.id !== "pd-hessian-strong-convexity" || c.chapter !== 2 || c.expected !== "qualified") {
 *   throw new Error(c.id);
 * }
 * ```
 */
export const pdHessianStrongConvexity: Claim = defineClaim({
  id: "pd-hessian-strong-convexity",
  chapter: 2,
  statement:
    "If λᵢ > 0, H is positive definite, making f strictly convex — a perfect bowl with one minimum. This implies strong convexity",
  expected: "qualified",
  evaluate(): ClaimResult {
    // Part 1: the quadratic ½xᵀHx with H = [[2, 1], [1, 2]], λ = 1, 3.
    const H = [[2, 1], [1, 2]];
    const { values, vectors } = eigh(H);
    const m = values[0];
    const q = (v: number[]) =>
      0.5 * (H[0][0] * v[0] ** 2 + 2 * H[0][1] * v[0] * v[1] + H[1][1] * v[1] ** 2);
    const rng = new Rng(7);
    let worstRatio = Infinity;
    for (let s = 0; s < 2000; s++) {
      const x = [4 * rng.uniform() - 2, 4 * rng.uniform() - 2];
      const y = [4 * rng.uniform() - 2, 4 * rng.uniform() - 2];
      const g = [H[0][0] * x[0] + H[0][1] * x[1], H[1][0] * x[0] + H[1][1] * x[1]];
      const d = [y[0] - x[0], y[1] - x[1]];
      const excess = q(y) - q(x) - (g[0] * d[0] + g[1] * d[1]);
      worstRatio = Math.min(worstRatio, (2 * excess) / (d[0] ** 2 + d[1] ** 2));
    }
    // Along the bottom eigenvector the bound is tight: the ratio is exactly λmin.
    const u = vectors[0];
    const tight = (2 * (q(u) - 0)) / (u[0] ** 2 + u[1] ** 2);
    const quadraticHolds = worstRatio >= m * (1 - 1e-12) && Math.abs(tight - m) <= 1e-12;

    // Part 2: eˣ¹ + eˣ², PD Hessian everywhere, largest admissible m → 0.
    const mAt = (L: number) => largestM([-L, 0], [-L + 1, 0]);
    const mAtL0 = mAt(0), mAtL5 = mAt(5), mAtL20 = mAt(20);
    const predicted20 = 2 * (Math.E - 2) * Math.exp(-20);
    // The Hessian diag(eˣ¹, eˣ²) at (−20, 0) is still positive definite.
    const lambdaMinAtL20 = eigh([[Math.exp(-20), 0], [0, 1]]).values[0];
    const expFails = lambdaMinAtL20 > 0 && mAtL20 < 1e-8 && mAtL0 > mAtL5 && mAtL5 > mAtL20 &&
      Math.abs(mAtL20 - predicted20) <= 1e-6 * predicted20;

    const verdict = quadraticHolds && expFails
      ? "qualified"
      : quadraticHolds
      ? "confirmed"
      : "refuted";
    return {
      verdict,
      summary:
        `True with a uniform bound: for the quadratic with $H = \\begin{bmatrix} 2 & 1 \\\\ 1 & 2 \\end{bmatrix}$
the inequality holds with $m = \\lambda_{\\min} = ${m.toFixed(6)}$ on 2000 random pairs (the
smallest ratio $2(f(y) - f(x) - \\nabla f(x)^\\top (y-x))/\\lVert y-x\\rVert^2$ seen is ${
          worstRatio.toFixed(6)
        }; along the bottom eigenvector it is exactly $\\lambda_{\\min}$). False
as stated: $f(x) = e^{x_1} + e^{x_2}$ has a positive definite Hessian everywhere (and no minimum
at all; at $(-20, 0)$ its $\\lambda_{\\min}$ is ${lambdaMinAtL20.toExponential(2)}), yet from
$(-L, 0)$ to $(-L+1, 0)$ the largest $m$ that works is ${mAtL0.toFixed(4)} at $L = 0$,
${mAtL5.toExponential(2)} at $L = 5$ and ${
          mAtL20.toExponential(2)
        } at $L = 20$ (predicted $2(e-2)e^{-L}$). Strong convexity needs $\\lambda_{\\min}(H(x)) \\ge m > 0$
at every $x$.`,
      numbers: { m, worstRatio, mAtL0, mAtL5, mAtL20, predicted20, lambdaMinAtL20 },
    };
  },
});

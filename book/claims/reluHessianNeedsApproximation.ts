/**
 * Claim check (Chapter 8): does ReLU force second-order methods onto
 * approximate ("generalized") Hessians?
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim } from "./claim.ts";
import { loadIris } from "../../lib/data/loadIris.ts";
import { architectureSweep } from "../experiments/architectureSweep.ts";
import { networkSpectrum } from "../experiments/networkSpectrum.ts";
import { reluKink } from "../experiments/reluKink.ts";
import { mlp } from "../../lib/nn/mlp.ts";
import { mlpObjective } from "../../lib/optim/mlpObjective.ts";

/**
 * The largest entry of |H_autodiff − H_fd| relative to max|H|, where H_fd is
 * built column by column from central differences of the exact gradient,
 * (∇L(θ + h eᵢ) − ∇L(θ − h eᵢ)) / 2h with h = 10⁻⁵, at the trained relu
 * network with 2 hidden layers (seed 1) of Chapter 8's sweep.
 */
function finiteDifferenceGap(data: { x: number[][]; y: number[] }): number {
  const layers = [4, 5, 5, 3];
  const r = networkSpectrum({ layers, activation: "relu", data, seed: 1, steps: 300 });
  const obj = mlpObjective(mlp({ layers, activation: "relu" }), data, "cross_entropy");
  const p = r.params, n = p.length, h = 1e-5;
  const H = obj.hessian(p);
  let gap = 0, big = 0;
  for (let i = 0; i < n; i++) {
    const a = Float64Array.from(p), b = Float64Array.from(p);
    a[i] += h;
    b[i] -= h;
    const ga = obj.grad(a), gb = obj.grad(b);
    for (let j = 0; j < n; j++) {
      gap = Math.max(gap, Math.abs((ga[j] - gb[j]) / (2 * h) - H[j][i]));
      big = Math.max(big, Math.abs(H[j][i]));
    }
  }
  return gap / big;
}

/**
 * The paper (§8.1): "ReLU's non-smoothness complicates second-order methods,
 * as Hessian computation requires approximations (e.g., generalized
 * Hessians)."
 *
 * Three measurements: (1) away from kinks, the autodiff Hessian of a trained
 * relu network against central finite differences of its gradient; (2) how
 * often a pre-activation sits exactly on a kink, over the relu networks of
 * the architecture sweep (initial and trained); (3) at a constructed kink
 * (`reluKink`), the autodiff Hessian against the one-sided limits.
 *
 * Verdict rule: confirmed if the autodiff Hessian disagrees with finite
 * differences away from kinks (relative gap ≥ 10⁻⁶: an approximation would
 * be needed everywhere); otherwise qualified if kinks occur in the sweep and
 * at a kink autodiff returns one one-sided limit while the other differs (a
 * convention is needed there, and only there); refuted if kinks never occur.
 *
 * @example
 * ```ts
 * import { reluHessianNeedsApproximation } from "./reluHessianNeedsApproximation.ts";
 * // reluHessianNeedsApproximation.evaluate() runs the experiment (once per source tree, see
 * // defineClaim); a chapter shows the verdict with showVerdict(reluHessianNeedsApproximation).
 * const c = reluHessianNeedsApproximation;
 * if (c.id !== "relu-hessian-needs-approximation" || c.chapter !== 8 || c.expected !== "qualified") {
 *   throw new Error(c.id);
 * }
 * ```
 */
export const reluHessianNeedsApproximation: Claim = defineClaim({
  id: "relu-hessian-needs-approximation",
  chapter: 8,
  statement:
    "ReLU's non-smoothness complicates second-order methods, as Hessian computation requires approximations (e.g., generalized Hessians)",
  expected: "qualified",
  evaluate(): ClaimResult {
    const data = loadIris({ seed: 0 }).train;
    const fd = finiteDifferenceGap(data);
    const rows = architectureSweep({ data, variants: ["plain", "residual", "batchnorm"] });
    const withKinks = rows.filter((r) => r.kinks > 0);
    const kinks = withKinks.reduce((s, r) => s + r.kinks, 0);
    const k = reluKink();
    const conventionAtKink = k.gapToLeft < 1e-5 && k.gapToRight > 1e-2;
    const verdict = fd >= 1e-6
      ? "confirmed"
      : withKinks.length > 0 && conventionAtKink
      ? "qualified"
      : "refuted";
    const numbers = {
      finiteDifferenceGap: fd,
      networks: rows.length,
      networksWithKinks: withKinks.length,
      kinks,
      gapToLeft: k.gapToLeft,
      gapToRight: k.gapToRight,
      slopeJump: k.slopeJump,
    };
    const where = withKinks.map((r) =>
      `${r.variant}, ${r.depth} layers, seed ${r.seed}, ${
        r.state === "init" ? "initial" : "trained"
      }`
    ).join("; ");
    return {
      verdict,
      numbers,
      summary: `${
        verdict === "qualified"
          ? "Only at the kinks themselves."
          : verdict === "confirmed"
          ? "Yes."
          : "No."
      } Away from kinks the float64 autodiff Hessian is the Hessian: it matches central differences
of the gradient to ${fd.toExponential(1)} relative. Exact kinks do happen — ${withKinks.length} of
${rows.length} relu networks in our sweeps ${
        withKinks.length === 1 ? "has" : "have"
      } a pre-activation exactly 0 on some flower (${kinks}
in all${where ? `: ${where}` : ""}) — and there the loss has a crease, its slope jumps by
${Math.abs(k.slopeJump).toFixed(2)} in the worked example, and no Hessian exists. Autodiff then
returns the Hessian of the "unit off" side (relu′(0) = 0; gap to that limit ${
        k.gapToLeft.toExponential(0)
      }, to the other ${k.gapToRight.toFixed(2)}): a convention, not an approximation.`,
    };
  },
});

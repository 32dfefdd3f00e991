/**
 * Erratum (Chapter 5): α = 2/λmax is the stability boundary, not a usable
 * learning rate.
 *
 * @module
 */
import type { Erratum } from "./claim.ts";
import { gdEigenModes } from "../experiments/gdEigenModes.ts";
import { gdGrowthRate } from "../experiments/gdGrowthRate.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import { matrixWithSpectrum } from "../../lib/linalg/matrixWithSpectrum.ts";

/**
 * The paper (§5): "The learning rate is capped by α = 2/λmax." Gradient
 * descent on a quadratic converges exactly for 0 < α < 2/λmax, an open
 * interval: 2/λmax is its boundary, and a run at the boundary does not
 * converge. The evidence: H with eigenvalues 0.25, 1, 2.5, 4 in a random
 * basis. At α = 2/λmax the top mode is multiplied by 1 − αλmax = −1 at
 * every step: after 1000 steps it has the same size (to 1e-9) and
 * alternates in sign, and the loss has not fallen below its share
 * ½λmax z₀². A hair above (α·(1 + 10⁻³)) the iterates grow; the fastest
 * fixed step is α* = 2/(λmin + λmax), with rate (κ − 1)/(κ + 1).
 *
 * @example
 * ```ts
 * import { showErratum } from "./claim.ts";
 * import { stepSizeCap } from "./stepSizeCap.ts";
 * const evidence = stepSizeCap.check();
 * if (!evidence.includes("1000")) throw new Error(evidence);
 * showErratum(stepSizeCap);
 * ```
 */
export const stepSizeCap: Erratum = {
  id: "step-size-cap",
  chapter: 5,
  paper: String.raw`"The learning rate is capped by $\alpha = 2/\lambda_{\max}$"`,
  correction: String.raw`gradient descent on a quadratic converges if and only if
$0 < \alpha < 2/\lambda_{\max}$. The value $2/\lambda_{\max}$ is the supremum of the usable steps,
not a usable step: there the top mode is multiplied by $1 - \alpha\lambda_{\max} = -1$ forever and
never decays. The best fixed step is $\alpha^* = 2/(\lambda_{\min} + \lambda_{\max})$.`,
  check(): string {
    const what = "check the step-size-cap erratum";
    const H = matrixWithSpectrum([0.25, 1, 2.5, 4], { seed: 5 });
    const steps = 1000;
    const { values } = eigh(H);
    const lmax = values[3], lmin = values[0];
    const boundary = 2 / lmax;
    const run = gdEigenModes(H, [1, 1, 1, 1], { lr: boundary, steps });
    const top0 = run.z[0][3], topK = run.z[steps][3], topK1 = run.z[steps - 1][3];
    const amplitude = Math.abs(topK / top0);
    const floor = 0.5 * lmax * top0 * top0;
    if (Math.abs(amplitude - 1) > 1e-9) {
      throw new Error(`Cannot ${what}: the top mode changed size by ${amplitude} at α = 2/λmax`);
    }
    if (!(Math.sign(topK) === -Math.sign(topK1))) {
      throw new Error(`Cannot ${what}: the top mode does not alternate in sign`);
    }
    if (!(run.loss[steps] >= floor * (1 - 1e-9))) {
      throw new Error(`Cannot ${what}: the loss ${run.loss[steps]} fell below ${floor}`);
    }
    const above = gdGrowthRate(H, boundary * (1 + 1e-3)).rate;
    if (!(above > 1)) throw new Error(`Cannot ${what}: α slightly above 2/λmax gave rate ${above}`);
    const kappa = lmax / lmin;
    const alphaStar = 2 / (lmin + lmax);
    const best = gdGrowthRate(H, alphaStar).rate;
    const predicted = (kappa - 1) / (kappa + 1);
    if (Math.abs(best - predicted) > 1e-9) {
      throw new Error(
        `Cannot ${what}: the rate at α* is ${best}, not (κ − 1)/(κ + 1) = ${predicted}`,
      );
    }
    return String.raw`For $H$ with eigenvalues $0.25, 1, 2.5, 4$ (in a random basis), gradient
descent at $\alpha = 2/\lambda_{\max} = ${boundary.toFixed(6)}$ multiplies the top mode by
$${run.factors[3].toFixed(12)}$ per step: after ${steps} steps $|z_{${steps}}/z_0| =
${amplitude.toFixed(12)}$ and its sign still alternates, so the loss is stuck at
${run.loss[steps].toFixed(4)} $\ge \tfrac12\lambda_{\max} z_0^2 = ${floor.toFixed(4)}$. At
$1.001 \cdot 2/\lambda_{\max}$ the iterates grow by a factor ${above.toFixed(6)} per step. The
fastest fixed step, $\alpha^* = 2/(\lambda_{\min} + \lambda_{\max}) = ${alphaStar.toFixed(6)}$,
shrinks them by ${best.toFixed(6)} per step, the predicted $(\kappa - 1)/(\kappa + 1)$.`;
  },
};

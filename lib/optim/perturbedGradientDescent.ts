/**
 * Perturbed gradient descent, x ← x − α∇f(x) + ξ, for escaping saddles.
 *
 * @module
 */
import { Rng } from "../random.ts";
import type { Optimizer } from "./optimizer.ts";
import type { BatchOptions } from "./batchOptions.ts";
import { firstOrderStepper, gradientStep } from "./_stepper.ts";
import { norm2 } from "./_util.ts";
import { choiceOption } from "../validate/choiceOption.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode perturbedGradientDescent}. */
export interface PerturbedGradientDescentOptions extends BatchOptions {
  /** The learning rate α > 0. Required. */
  lr: number;
  /**
   * The noise scale ≥ 0: the standard deviation σ of every coordinate of ξ
   * for `"gaussian"`, or the radius r for `"ball"`. Required.
   */
  noise: number;
  /**
   * `"gaussian"`: ξ ~ N(0, σ²I), isotropic. `"ball"`: ξ uniform in the ball of
   * radius r (the perturbation of Jin et al. 2017). Default `"gaussian"`.
   */
  distribution?: "gaussian" | "ball";
  /**
   * Perturb only when ‖∇f(x_t)‖ ≤ gradThreshold, i.e. near a critical point.
   * Default `Infinity`: perturb at every step.
   */
  gradThreshold?: number;
  /** At least `cooldown` plain steps between two perturbations. Default 0. */
  cooldown?: number;
  /** Seed of the noise (and of the batch order when `batchSize` is set). Default 0. */
  seed?: number;
}

/**
 * Perturbed gradient descent, the paper's x_{t+1} = x_t − α∇f(x_t) + ξ_t.
 *
 * ξ_t is drawn from a seeded stream, so a run is reproducible. With the
 * defaults it is isotropic Gaussian noise of standard deviation `noise` at
 * every step. For the saddle-escape experiments of Jin et al. (2017), set
 * `distribution: "ball"`, a small `gradThreshold` (perturb only where the
 * gradient is small, i.e. near a saddle) and a `cooldown`.
 *
 * The step info is `{perturbed, noiseNorm}` (`noiseNorm` = ‖ξ_t‖, 0 when not
 * perturbed), plus `{batchSize, epoch}` with mini-batches.
 *
 * @example Plain GD stays on the saddle of x² − y²; perturbed GD leaves it
 * ```ts
 * import { gradientDescent } from "./gradientDescent.ts";
 * import { perturbedGradientDescent } from "./perturbedGradientDescent.ts";
 * const saddle = {
 *   f: ([x, y]: Float64Array) => x * x - y * y,
 *   grad: ([x, y]: Float64Array) => new Float64Array([2 * x, -2 * y]),
 * };
 * const gd = gradientDescent({ lr: 0.1 }).start(saddle, [0, 0]);
 * const pgd = perturbedGradientDescent({ lr: 0.1, noise: 1e-3, seed: 1 }).start(saddle, [0, 0]);
 * for (let k = 0; k < 60; k++) { gd.step(); pgd.step(); }
 * if (gd.x[1] !== 0) throw new Error("GD moved");
 * if (!(Math.abs(pgd.x[1]) > 1)) throw new Error("PGD did not escape");
 * ```
 */
export function perturbedGradientDescent(options: PerturbedGradientDescentOptions): Optimizer {
  const what = "run perturbed gradient descent";
  const lr = numberOption(options, "lr", { what, min: 0, exclusiveMin: true });
  const scale = numberOption(options, "noise", { what, min: 0 });
  const distribution = choiceOption(options, "distribution", {
    what,
    values: ["gaussian", "ball"],
    default: "gaussian",
  });
  const threshold = numberOption(options, "gradThreshold", {
    what,
    min: 0,
    infinite: true,
    default: Infinity,
  });
  const cooldown = numberOption(options, "cooldown", { what, integer: true, min: 0, default: 0 });
  const seed = numberOption(options, "seed", { what, default: 0 });
  const extra = [
    distribution === "ball" ? "ball" : "",
    Number.isFinite(threshold) ? `gradThreshold=${threshold}` : "",
    cooldown > 0 ? `cooldown=${cooldown}` : "",
  ].filter(Boolean).map((s) => `, ${s}`).join("");
  const descend = gradientStep(lr)();
  return {
    name: `perturbedGradientDescent(lr=${lr}, noise=${scale}${extra}, seed=${seed})`,
    start: (objective, x0) =>
      firstOrderStepper(objective, x0, what, { ...options, seed }, (n) => {
        // A stream of its own, so the noise does not depend on the batch order.
        const rng = new Rng(seed ^ 0x5bd1e995);
        let last = -Infinity;
        const draw = (): Float64Array => {
          const xi = rng.normalVector(n);
          if (distribution === "gaussian") {
            for (let i = 0; i < n; i++) xi[i] *= scale;
          } else {
            const r = scale * Math.pow(rng.uniform(), 1 / n) / norm2(xi);
            for (let i = 0; i < n; i++) xi[i] *= r;
          }
          return xi;
        };
        return {
          update(x, g, next, t) {
            descend.update(x, g, next, t);
            const perturbed = norm2(g) <= threshold && t - last > cooldown;
            let noiseNorm = 0;
            if (perturbed) {
              const xi = draw();
              for (let i = 0; i < n; i++) next[i] += xi[i];
              noiseNorm = norm2(xi);
              last = t;
            }
            return { perturbed, noiseNorm };
          },
        };
      }),
  };
}

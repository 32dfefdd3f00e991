/**
 * The diagonal of the empirical Fisher matrix, the mean of squared
 * per-sample gradients: what Adam's second moment v_t tracks.
 *
 * @module
 */
import type { Objective } from "./objective.ts";
import { checkVector } from "./_util.ts";
import { toVector } from "../validate/toVector.ts";

/**
 * diag(F̂)(θ) = (1/N) Σᵢ (∇fᵢ(θ))², coordinate-wise, with ∇fᵢ the gradient of
 * sample i alone (`objective.gradBatch(θ, [i])`).
 *
 * Adam's v_t is an exponential average of squared mini-batch gradients along
 * the path, so it estimates this diagonal (scaled by 1/B for batches of B
 * independent samples near a minimum, plus the squared mean gradient), not
 * the Hessian's diagonal; the two coincide only where the Fisher equals the
 * Hessian (e.g. a well-specified likelihood at its optimum). With BatchNorm a
 * one-sample batch is degenerate, so use networks without it here.
 *
 * @example Least squares: per-sample gradients 2rᵢxᵢ
 * ```ts
 * import { empiricalFisherDiagonal } from "./empiricalFisherDiagonal.ts";
 * import { leastSquaresObjective } from "./leastSquaresObjective.ts";
 * const ls = leastSquaresObjective([[1], [2]], [0, 0]);
 * // at β = 1: residuals 1, 2 → gradients 2, 8 → mean of squares (4 + 64)/2
 * if (empiricalFisherDiagonal(ls, [1])[0] !== 34) throw new Error();
 * ```
 */
export function empiricalFisherDiagonal(
  objective: Objective,
  x: ArrayLike<number>,
): Float64Array {
  const what = "compute the empirical Fisher diagonal";
  const N = objective?.samples;
  if (typeof objective?.gradBatch !== "function" || N === undefined) {
    throw new TypeError(
      `Cannot ${what}: the objective has no mini-batch access (samples and gradBatch)`,
    );
  }
  const p = toVector(x, what, "x");
  const out = new Float64Array(p.length);
  for (let i = 0; i < N; i++) {
    const g = checkVector(objective.gradBatch(p, [i]), p.length, what, "a per-sample gradient");
    for (let j = 0; j < p.length; j++) out[j] += g[j] * g[j];
  }
  for (let j = 0; j < p.length; j++) out[j] /= N;
  return out;
}

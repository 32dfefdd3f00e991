/**
 * Optimizers with one shared interface, and recorded trajectories.
 *
 * An {@linkcode Objective} gives f, ∇f and optionally the Hessian, HVPs and
 * mini-batch gradients. An {@linkcode Optimizer} starts a {@linkcode Stepper}
 * on it; {@linkcode minimize} runs one to a stop ("converged", "diverged" or
 * "max_steps") and records x, f and ‖∇f‖ at every step for plotting.
 *
 * First order: {@linkcode gradientDescent}, {@linkcode perturbedGradientDescent},
 * {@linkcode sgd}, {@linkcode momentum}, {@linkcode nesterov},
 * {@linkcode rmsprop}, {@linkcode adam}. Second order: {@linkcode newton},
 * {@linkcode dampedNewton}, {@linkcode saddleFreeNewton}, {@linkcode hessianFreeNewton},
 * {@linkcode diagonalNewton} and {@linkcode subsampledNewton}.
 *
 * Objectives: {@linkcode quadraticObjective}, {@linkcode leastSquaresObjective},
 * {@linkcode logisticRegressionObjective}, {@linkcode rosenbrockObjective} and
 * {@linkcode mlpObjective} (a network's loss, exact float64 curvature). Helpers:
 * {@linkcode empiricalFisherDiagonal} (squared gradients at the observed labels),
 * {@linkcode fisherDiagonal} (labels drawn from the model: the Gauss–Newton
 * diagonal of a softmax classifier) and {@linkcode measureStepCost} (seconds
 * per step against n, fitted exponent).
 *
 * Sharpness: {@linkcode sharpness} (λmax of the Hessian by Lanczos on HVPs),
 * {@linkcode sharpnessTracker} (full-batch gradient descent or heavy ball
 * that can measure its sharpness at any step, one step at a time),
 * {@linkcode trackSharpness} (the same loop run to the end, recording the
 * loss and the sharpness every k steps, for edge-of-stability studies) and
 * {@linkcode sharpnessRecorder} (that recording advanced a slice at a time).
 *
 * @example Adam against gradient descent on an ill-conditioned bowl
 * ```ts
 * import { adam, gradientDescent, minimize, quadraticObjective } from "./mod.ts";
 * const bowl = quadraticObjective([[100, 0], [0, 1]]);
 * const gd = minimize(bowl, [1, 1], gradientDescent({ lr: 0.015 }), { maxSteps: 200 });
 * const ad = minimize(bowl, [1, 1], adam({ lr: 0.05 }), { maxSteps: 200 });
 * if (!(gd.f < gd.fs[0] && ad.f < ad.fs[0])) throw new Error("no progress");
 * ```
 *
 * @module
 */
export * from "./objective.ts";
export * from "./optimizer.ts";
export * from "./batchOptions.ts";
export * from "./minimize.ts";
export * from "./gradientDescent.ts";
export * from "./perturbedGradientDescent.ts";
export * from "./sgd.ts";
export * from "./momentum.ts";
export * from "./nesterov.ts";
export * from "./rmsprop.ts";
export * from "./adam.ts";
export * from "./newton.ts";
export * from "./dampedNewton.ts";
export * from "./saddleFreeNewton.ts";
export * from "./hessianFreeNewton.ts";
export * from "./diagonalNewton.ts";
export * from "./subsampledNewton.ts";
export * from "./quadraticObjective.ts";
export * from "./leastSquaresObjective.ts";
export * from "./logisticRegressionObjective.ts";
export * from "./rosenbrockObjective.ts";
export * from "./measureStepCost.ts";
export * from "./mlpObjective.ts";
export * from "./empiricalFisherDiagonal.ts";
export * from "./fisherDiagonal.ts";
export * from "./sharpness.ts";
export * from "./sharpnessTracker.ts";
export * from "./trackSharpness.ts";

/**
 * Adam on a separable quadratic ½ Σ λᵢxᵢ²: how its per-coordinate step
 * α/(√v̂ + ε) relates to the curvatures λᵢ and to the gradients λᵢxᵢ.
 *
 * @module
 */
import { adam } from "../../lib/optim/adam.ts";
import type { Objective } from "../../lib/optim/objective.ts";

/** Options of {@linkcode adamOnDiagonalQuadratic}. */
export interface AdamOnDiagonalQuadraticOptions {
  /** Adam's learning rate α. Default 0.1. */
  lr?: number;
  /** The number of steps ≥ 1. Default 100. */
  steps?: number;
  /** Adam's ε. Default 1e-8. */
  epsilon?: number;
}

/** The run, step by step. */
export interface AdamOnDiagonalQuadratic {
  /** The curvatures λᵢ (the Hessian is diag(λ)). */
  curvatures: number[];
  /** The start x₀. */
  start: number[];
  /** The first gradient λᵢx₀ᵢ. */
  initialGradient: number[];
  /** `effectiveSteps[t − 1][i]`: α/(√v̂_t,i + ε) after step t = 1 … steps. */
  effectiveSteps: Float64Array[];
  /** The iterates x₀ … x_steps. */
  xs: Float64Array[];
}

/**
 * Run Adam (β₁ = 0.9, β₂ = 0.999, bias-corrected) on f(x) = ½ Σ λᵢxᵢ² from
 * `start` and record, after every step, the per-coordinate effective step
 * α/(√v̂_t + ε) (the factor multiplying m̂_t). The gradient of coordinate i
 * is λᵢxᵢ, so the step sees curvature only through the product with the
 * distance xᵢ to the minimum.
 *
 * @example Equal gradients, curvatures 10⁴ apart: equal first steps
 * ```ts
 * import { adamOnDiagonalQuadratic } from "./adamOnDiagonalQuadratic.ts";
 * const r = adamOnDiagonalQuadratic([100, 0.01], [0.01, 100], { steps: 1, epsilon: 0 });
 * const [a, b] = r.effectiveSteps[0];
 * if (a !== b || Math.abs(a - 0.1) > 1e-15) throw new Error(`${a} ${b}`);
 * ```
 */
export function adamOnDiagonalQuadratic(
  curvatures: ArrayLike<number>,
  start: ArrayLike<number>,
  options: AdamOnDiagonalQuadraticOptions = {},
): AdamOnDiagonalQuadratic {
  const what = "run Adam on a diagonal quadratic";
  const lam = Array.from(curvatures);
  const x0 = Array.from(start);
  if (lam.length === 0 || lam.length !== x0.length) {
    throw new RangeError(
      `Cannot ${what}: curvatures (${lam.length}) and start (${x0.length}) must be non-empty and equally long`,
    );
  }
  if (!lam.every(Number.isFinite) || !x0.every(Number.isFinite)) {
    throw new RangeError(`Cannot ${what}: curvatures and start must be finite`);
  }
  const steps = options.steps ?? 100;
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`Cannot ${what}: option steps must be a positive integer, got ${steps}`);
  }
  const n = lam.length;
  const objective: Objective = {
    size: n,
    f: (x) => lam.reduce((s, l, i) => s + 0.5 * l * x[i] * x[i], 0),
    grad: (x) => Float64Array.from(lam, (l, i) => l * x[i]),
  };
  const run = adam({ lr: options.lr ?? 0.1, epsilon: options.epsilon ?? 1e-8 }).start(
    objective,
    x0,
  );
  const xs = [run.x.slice()];
  const effectiveSteps: Float64Array[] = [];
  for (let t = 0; t < steps; t++) {
    run.step();
    xs.push(run.x.slice());
    effectiveSteps.push(run.effectiveStep());
  }
  return {
    curvatures: lam,
    start: x0,
    initialGradient: lam.map((l, i) => l * x0[i]),
    effectiveSteps,
    xs,
  };
}

/**
 * Gradient descent on a quadratic, seen in the Hessian's eigenbasis: the
 * simulated modes, the predicted ones, and the loss split by mode.
 *
 * @module
 */
import { eigh } from "../../lib/linalg/eigh.ts";
import type { MatrixLike } from "../../lib/linalg/matrix.ts";
import { gradientDescent } from "../../lib/optim/gradientDescent.ts";
import { minimize } from "../../lib/optim/minimize.ts";
import { quadraticObjective } from "../../lib/optim/quadraticObjective.ts";

/** Options of {@linkcode gdEigenModes}. */
export interface GdEigenModesOptions {
  /** The learning rate α > 0. Required. */
  lr: number;
  /** The number of gradient steps K. Default 100. */
  steps?: number;
}

/** What {@linkcode gdEigenModes} returns. */
export interface GdEigenModes {
  /** The learning rate α. */
  lr: number;
  /** Eigenvalues λᵢ of H, ascending. */
  values: number[];
  /** Unit eigenvectors qᵢ of H (`vectors[i]` goes with `values[i]`). */
  vectors: number[][];
  /** The per-step factors 1 − αλᵢ. */
  factors: number[];
  /** The iterates x₀ … x_K of gradient descent (the library's optimizer). */
  xs: Float64Array[];
  /** f(x_k) = ½x_kᵀHx_k. */
  loss: number[];
  /** The simulated modes z_{k,i} = qᵢᵀx_k. */
  z: number[][];
  /** The predicted modes: z_{0,i} and z_{k+1,i} = (1 − αλᵢ)z_{k,i}. */
  predicted: number[][];
  /** The loss of each mode, ½λᵢz_{k,i}² (they sum to f(x_k)). */
  modeLoss: number[][];
  /** max over k, i of |z_{k+1,i} − (1 − αλᵢ)z_{k,i}|: the one-step error of the model. */
  maxStepError: number;
  /** max over k, i of |z_{k,i} − predicted_{k,i}|: the error accumulated over the run. */
  maxPathError: number;
}

/**
 * Run gradient descent x_{k+1} = x_k − α∇f(x_k) on f(x) = ½xᵀHx (with the
 * library's `gradientDescent` and `minimize`) and express every iterate in
 * H's eigenbasis, z = Qᵀx. Because ∇f = Hx = QΛz, each coordinate evolves
 * on its own: z_{k+1,i} = (1 − αλᵢ)z_{k,i}. The result holds both the
 * simulated modes and the modes predicted by that recurrence, their largest
 * disagreement, and the loss split by mode, f(x_k) = Σᵢ ½λᵢz_{k,i}² (the
 * decomposition drawn in Distill's "Why Momentum Really Works").
 *
 * The run never stops early for convergence (gradTol 0) or size (no norm or
 * value cap); it stops before K steps only if an iterate overflows, in which
 * case `xs` is shorter than K + 1.
 *
 * Errors: `Cannot follow the eigenmodes of gradient descent: …` for a bad
 * option or a start of the wrong length.
 *
 * @example Each mode shrinks by its own factor
 * ```ts
 * import { gdEigenModes } from "./gdEigenModes.ts";
 * const r = gdEigenModes([[3, 1], [1, 3]], [1, 0], { lr: 0.25, steps: 20 });
 * // eigenvalues 2 and 4: factors 1 − 0.5 = 0.5 and 1 − 1 = 0
 * if (Math.abs(r.factors[0] - 0.5) > 1e-15 || Math.abs(r.factors[1]) > 1e-15) throw new Error();
 * if (r.maxStepError > 1e-15) throw new Error(String(r.maxStepError));
 * ```
 */
export function gdEigenModes(
  H: MatrixLike,
  x0: ArrayLike<number>,
  options: GdEigenModesOptions,
): GdEigenModes {
  const what = "follow the eigenmodes of gradient descent";
  const lr = options?.lr;
  if (typeof lr !== "number" || !Number.isFinite(lr) || lr <= 0) {
    throw new RangeError(`Cannot ${what}: option lr must be a finite number > 0, got ${lr}`);
  }
  const steps = options.steps ?? 100;
  if (!Number.isInteger(steps) || steps < 0) {
    throw new RangeError(`Cannot ${what}: option steps must be an integer ≥ 0, got ${steps}`);
  }
  const objective = quadraticObjective(H);
  const n = objective.size;
  if (x0 === null || typeof x0 !== "object" || x0.length !== n) {
    throw new RangeError(`Cannot ${what}: x0 must have length ${n}`);
  }
  const { values, vectors } = eigh(H);
  const run = minimize(objective, x0, gradientDescent({ lr }), {
    maxSteps: steps,
    gradTol: 0,
    maxNorm: Infinity,
    maxValue: Infinity,
    recordInfo: false,
  });
  const factors = values.map((l) => 1 - lr * l);
  const project = (x: Float64Array) =>
    vectors.map((q) => {
      let s = 0;
      for (let j = 0; j < n; j++) s += q[j] * x[j];
      return s;
    });
  const z = run.xs.map(project);
  const predicted = [z[0].slice()];
  let maxStepError = 0, maxPathError = 0;
  for (let k = 1; k < z.length; k++) {
    const prev = predicted[k - 1];
    predicted.push(prev.map((p, i) => factors[i] * p));
    for (let i = 0; i < n; i++) {
      maxStepError = Math.max(maxStepError, Math.abs(z[k][i] - factors[i] * z[k - 1][i]));
      maxPathError = Math.max(maxPathError, Math.abs(z[k][i] - predicted[k][i]));
    }
  }
  const modeLoss = z.map((zk) => zk.map((zi, i) => 0.5 * values[i] * zi * zi));
  return {
    lr,
    values,
    vectors,
    factors,
    xs: run.xs,
    loss: run.fs,
    z,
    predicted,
    modeLoss,
    maxStepError,
    maxPathError,
  };
}

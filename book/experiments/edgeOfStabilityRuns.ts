/**
 * The edge of stability (Cohen et al., 2021) on a small tanh network:
 * full-batch gradient descent at several step sizes, and heavy-ball
 * momentum at one, with the sharpness λmax(H) measured every k steps.
 *
 * @module
 */
import { chebyshevRegression } from "../../lib/data/chebyshevRegression.ts";
import { Mlp } from "../../lib/nn/mlp.ts";
import { type MlpObjective, mlpObjective } from "../../lib/optim/mlpObjective.ts";
import type { Objective } from "../../lib/optim/objective.ts";
import { type SharpnessTrace, trackSharpness } from "../../lib/optim/trackSharpness.ts";
import { memoizeExperiment } from "./_memoizeExperiment.ts";

/** Options of {@linkcode edgeOfStabilityRuns}. */
export interface EdgeOfStabilityRunsOptions {
  /** Hidden widths of the tanh MLP [1, …hidden, 1]. Default [30, 20] (701 parameters). */
  hidden?: number[];
  /** Samples of the Chebyshev target on [−1, 1]. Default 20. */
  points?: number;
  /** Degree of the Chebyshev target. Default 6. */
  degree?: number;
  /** Step sizes of the gradient-descent runs. Default [0.14, 0.1, 0.07]. */
  lrs?: number[];
  /** The heavy-ball run: step size and β. Default { lr: 0.1, beta: 0.5 }. */
  momentum?: { lr: number; beta: number };
  /**
   * Steps per run, as the product ηT: each run takes T = round(time/η)
   * steps, so every run covers the same "time" ηT. Default 350 (5000 steps
   * at η = 0.07, 2500 at η = 0.14).
   */
  time?: number;
  /** Measure the sharpness every k steps. Default 50. */
  every?: number;
  /** Seed of the initialization (and of Lanczos's first start vector). Default 1. */
  seed?: number;
}

/** Options of {@linkcode edgeOfStabilityProblem}. */
export interface EdgeOfStabilityProblemOptions {
  /** Hidden widths of the tanh MLP [1, …hidden, 1]. Default [30, 20] (701 parameters). */
  hidden?: number[];
  /** Samples of the Chebyshev target on [−1, 1]. Default 20. */
  points?: number;
  /** Degree of the Chebyshev target. Default 6. */
  degree?: number;
  /** Seed of the initialization. Default 1. */
  seed?: number;
}

/** The network, the objective and the start of the edge-of-stability runs. */
export interface EdgeOfStabilityProblem {
  /** The tanh MLP. */
  net: Mlp;
  /** Full-batch MSE on the Chebyshev target, with exact HVPs. */
  objective: MlpObjective;
  /** The seeded initialization x₀. */
  x0: Float64Array;
}

/**
 * The problem of the chapter's edge-of-stability section, shared with the
 * edge-of-stability lab: the tanh MLP [1, …hidden, 1] fitting the degree-6
 * Chebyshev polynomial at 20 points of [−1, 1] (MSE, full batch), and its
 * seeded initialization. Pure and cheap (no training).
 *
 * @example
 * ```ts
 * import { edgeOfStabilityProblem } from "./edgeOfStabilityRuns.ts";
 * const { net, objective, x0 } = edgeOfStabilityProblem();
 * if (net.size !== 701 || x0.length !== 701 || !(objective.f(x0) > 0)) throw new Error();
 * ```
 */
export function edgeOfStabilityProblem(
  options: EdgeOfStabilityProblemOptions = {},
): EdgeOfStabilityProblem {
  const hidden = options.hidden ?? [30, 20];
  const net = new Mlp({ layers: [1, ...hidden, 1], activation: "tanh" });
  const objective = mlpObjective(
    net,
    chebyshevRegression({ points: options.points ?? 20, degree: options.degree ?? 6 }),
    "mse",
  );
  return { net, objective, x0: net.init({ seed: options.seed ?? 1 }) };
}

/** A parameter vector kept from inside the edge phase of a run. */
export interface EdgeSnapshot {
  /** The step t. */
  t: number;
  /** x_t. */
  x: Float64Array;
  /** λmax(H(x_t)), above the run's threshold. */
  sharpness: number;
  /** Its unit eigenvector. */
  vector: Float64Array;
}

/** One run: the trace and, for gradient descent, a snapshot from the edge phase. */
export interface EdgeRun extends SharpnessTrace {
  /**
   * For gradient descent: x_t at the measurement of the second half of the
   * run with the largest sharpness, if that exceeds 2/η (the furthest past
   * the edge; undefined otherwise, and for momentum, whose state is more
   * than x).
   */
  snapshot?: EdgeSnapshot;
}

/** Everything {@linkcode edgeOfStabilityRuns} measured. */
export interface EdgeOfStabilityRuns {
  /** The number of parameters n. */
  parameters: number;
  /** The regression problem (full-batch MSE), with exact HVPs. */
  objective: MlpObjective;
  /** The gradient-descent runs, one per step size, in the order of `lrs`. */
  gd: EdgeRun[];
  /** The heavy-ball run. */
  momentum: EdgeRun;
}

/**
 * Train the tanh MLP [1, 30, 20, 1] on the degree-6 Chebyshev polynomial at
 * 20 points (MSE, full batch) from one seeded initialization, with gradient
 * descent at each step size and with heavy-ball momentum, recording the loss
 * at every step and the sharpness every `every` steps by Lanczos on exact
 * HVPs ({@linkcode trackSharpness}). Deterministic; cached in-process by
 * options (callers must not modify the result).
 *
 * @example A short run: the sharpness is measured at 0, 10 and 20
 * ```ts
 * import { edgeOfStabilityRuns } from "./edgeOfStabilityRuns.ts";
 * const r = edgeOfStabilityRuns({ lrs: [0.1], time: 2, every: 10 });
 * if (r.parameters !== 701 || r.gd[0].sharpnessSteps.join() !== "0,10,20") throw new Error();
 * if (r.gd[0].threshold !== 20 || Math.abs(r.momentum.threshold - 30) > 1e-12) throw new Error();
 * ```
 */
export function edgeOfStabilityRuns(
  options: EdgeOfStabilityRunsOptions = {},
): EdgeOfStabilityRuns {
  const hidden = options.hidden ?? [30, 20];
  const points = options.points ?? 20;
  const degree = options.degree ?? 6;
  const lrs = options.lrs ?? [0.14, 0.1, 0.07];
  const heavy = options.momentum ?? { lr: 0.1, beta: 0.5 };
  const time = options.time ?? 350;
  const every = options.every ?? 50;
  const seed = options.seed ?? 1;
  if (lrs.length === 0) {
    throw new RangeError("Cannot run the edge-of-stability study: option lrs is empty");
  }
  return memoizeExperiment(
    "edgeOfStabilityRuns",
    { hidden, points, degree, lrs, heavy, time, every, seed },
    () => {
      const { net, objective, x0 } = edgeOfStabilityProblem({ hidden, points, degree, seed });
      const lanczos = { seed };
      const gd = lrs.map((lr): EdgeRun => {
        const steps = Math.round(time / lr);
        let snapshot: EdgeSnapshot | undefined;
        const trace = trackSharpness(objective, x0, {
          lr,
          steps,
          every,
          lanczos,
          onMeasure(t, value, run) {
            const best = snapshot ? snapshot.sharpness : run.threshold;
            if (t >= 0.5 * steps && value > best) {
              snapshot = { t, x: run.x.slice(), sharpness: value, vector: run.sharpness().vector };
            }
          },
        });
        return snapshot ? { ...trace, snapshot } : trace;
      });
      const momentum = trackSharpness(objective, x0, {
        lr: heavy.lr,
        momentum: heavy.beta,
        steps: Math.round(time / heavy.lr),
        every,
        lanczos,
      });
      return { parameters: net.size, objective, gd, momentum };
    },
  );
}

/** The loss along gradient descent on the local quadratic model, from {@linkcode localQuadraticRun}. */
export interface LocalQuadraticRun {
  /** The model's loss f(x) + gᵀd_k + ½d_kᵀHd_k at the model's iterates d_k, k = 0 … steps. */
  loss: number[];
  /** The component of d_k along `direction` (when given). */
  along: number[];
}

/**
 * Gradient descent with step η on the second-order Taylor model of
 * `objective` at x, q(d) = f(x) + ∇f(x)ᵀd + ½dᵀH(x)d, from d₀ = 0:
 * d_{k+1} = d_k − η(∇f(x) + H(x)d_k), one exact HVP per step. This is what
 * the quadratic theory of the chapter predicts the run does next: if
 * λmax(H(x)) > 2/η, the component along the top eigenvector flips sign and
 * grows by |1 − ηλmax| per step.
 *
 * @example On a quadratic the model is exact
 * ```ts
 * import { localQuadraticRun } from "./edgeOfStabilityRuns.ts";
 * import { quadraticObjective } from "../../lib/optim/quadraticObjective.ts";
 * const bowl = quadraticObjective([[4, 0], [0, 1]]);
 * const r = localQuadraticRun(bowl, new Float64Array([1, 1]), 0.6, 3, new Float64Array([1, 0]));
 * // the first coordinate is multiplied by 1 − 0.6·4 = −1.4 per step
 * if (Math.abs(r.along[3] - ((-1.4) ** 3 - 1)) > 1e-12) throw new Error(String(r.along));
 * if (Math.abs(r.loss[3] - bowl.f(new Float64Array([(-1.4) ** 3, 0.4 ** 3]))) > 1e-12) throw new Error();
 * ```
 */
export function localQuadraticRun(
  objective: Objective,
  x: Float64Array,
  lr: number,
  steps: number,
  direction?: Float64Array,
): LocalQuadraticRun {
  if (typeof objective.hvp !== "function") {
    throw new TypeError("Cannot run the local quadratic model: the objective has no hvp");
  }
  const f0 = objective.f(x), g = objective.grad(x), n = x.length;
  const d = new Float64Array(n);
  const loss: number[] = [], along: number[] = [];
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i], 0);
  for (let k = 0;; k++) {
    const Hd = objective.hvp(x, d);
    loss.push(f0 + dot(g, d) + 0.5 * dot(d, Hd));
    if (direction) along.push(dot(direction, d));
    if (k === steps) break;
    for (let i = 0; i < n; i++) d[i] -= lr * (g[i] + Hd[i]);
  }
  return { loss, along };
}

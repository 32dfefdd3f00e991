/**
 * Step-by-step cross-check of the library's SGD, momentum and Adam against
 * `tf.train.sgd`, `tf.train.momentum` and `tf.train.adam`.
 *
 * @module
 */
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import type * as TF from "npm:@tensorflow/tfjs@4.22.0";
import { adam } from "../optim/adam.ts";
import { logisticRegressionObjective } from "../optim/logisticRegressionObjective.ts";
import { momentum } from "../optim/momentum.ts";
import type { Optimizer } from "../optim/optimizer.ts";
import { sgd } from "../optim/sgd.ts";
import { getTf } from "./_tf.ts";
import { choiceOption } from "../validate/choiceOption.ts";
import { numberOption } from "../validate/numberOption.ts";
import { toVector } from "../validate/toVector.ts";

/** Options of {@linkcode compareOptimizerWithTfjs}. */
export interface OptimizerComparisonOptions {
  /** Which optimizer pair to run. */
  optimizer: "sgd" | "momentum" | "nesterov" | "adam";
  /** The learning rate α. */
  lr: number;
  /** The momentum coefficient β ("momentum", "nesterov"). Default 0.9. */
  momentum?: number;
  /** Adam's β₁. Default 0.9. */
  beta1?: number;
  /** Adam's β₂. Default 0.999. */
  beta2?: number;
  /** Adam's ε, passed to both. Default 1e-7 (the tfjs float32 default). */
  epsilon?: number;
  /** The number of steps. Default 50. */
  steps?: number;
  /** Logistic-regression features, N rows (add a column of ones for a bias). */
  x: number[][];
  /** Labels in {0, 1}. */
  y: number[];
  /** The starting weights. */
  w0: number[];
  /** The tfjs backend. Default "wasm". */
  backend?: "wasm" | "cpu";
}

/** The two trajectories side by side. */
export interface OptimizerComparison {
  /** Our optimizer's name, e.g. "adam(lr=0.05, …)". */
  optimizer: string;
  /** The tfjs call, e.g. "tf.train.adam(0.05, 0.9, 0.999, 1e-7)". */
  tfjsOptimizer: string;
  /** The update both implement, in words. */
  convention: string;
  /** Our iterates w₀ … w_K (float64). */
  ours: Float64Array[];
  /** tfjs's iterates w₀ … w_K (float32 values). */
  tfjs: Float64Array[];
  /** max over coordinates of |ours − tfjs| at each step. */
  diffs: number[];
  /** The largest |ours − tfjs| over all steps and coordinates. */
  maxAbsDiff: number;
  /** The largest |ours − tfjs|/max(1, |ours|). */
  maxRelDiff: number;
  /** The tfjs backend used. */
  backend: string;
}

const CONVENTIONS = {
  sgd: "w ← w − α∇f(w)",
  momentum: "a ← βa + ∇f(w); w ← w − αa  (a₀ = 0; tfjs: accumulation = m·accumulation + g)",
  nesterov: "a ← βa + ∇f(w); w ← w − α(∇f(w) + βa)  (tfjs useNesterov = true)",
  adam: "m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; w ← w − α·(m/(1−β₁ᵗ))/(√(v/(1−β₂ᵗ)) + ε)  " +
    "(ε outside the root in both)",
} as const;

/**
 * Run the library's optimizer and its TensorFlow.js counterpart on the same
 * binary logistic regression, f(w) = (1/N) Σ [log(1 + e^{xᵢᵀw}) − yᵢ xᵢᵀw],
 * from the same start, and compare the iterates step by step.
 *
 * The data and w₀ are first rounded to float32 (`Math.fround`) for both
 * sides, so the two runs solve the identical problem and differ only by
 * arithmetic: float64 here, float32 in tfjs. The differences therefore
 * start at float32 round-off (~1e-7 relative) and grow slowly with the steps.
 * "sgd" pairs our {@linkcode sgd} with batchSize = N (a full batch, as
 * `tf.train.sgd` sees the whole loss), "momentum" and "nesterov" pair
 * {@linkcode momentum} with `tf.train.momentum(α, β, useNesterov)`, and
 * "adam" pairs {@linkcode adam} with `tf.train.adam(α, β₁, β₂, ε)`.
 *
 * @example Adam against tf.train.adam for 50 steps
 * ```ts
 * import { compareOptimizerWithTfjs } from "./compareOptimizerWithTfjs.ts";
 * const x = [[1, 0.5], [1, -1.2], [1, 2.1], [1, 0.1], [1, -0.4]];
 * const c = await compareOptimizerWithTfjs({
 *   optimizer: "adam", lr: 0.05, x, y: [1, 0, 1, 0, 1], w0: [0.1, -0.3],
 * });
 * if (c.ours.length !== 51 || !(c.maxRelDiff < 1e-4)) throw new Error(String(c.maxRelDiff));
 * ```
 */
export async function compareOptimizerWithTfjs(
  options: OptimizerComparisonOptions,
): Promise<OptimizerComparison> {
  const what = "compare with tfjs";
  const kind = choiceOption(options, "optimizer", {
    what,
    values: ["sgd", "momentum", "nesterov", "adam"],
  });
  const steps = numberOption(options, "steps", { what, integer: true, min: 0, default: 50 });
  const X = options.x?.map((r) => r.map(Math.fround));
  const objective = logisticRegressionObjective(X, options.y);
  const d = objective.size;
  const w0 = Array.from(toVector(options.w0, what, "option w0", { length: d }), Math.fround);
  const lr = options.lr;
  const beta = options.momentum ?? 0.9;
  const b1 = options.beta1 ?? 0.9, b2 = options.beta2 ?? 0.999, eps = options.epsilon ?? 1e-7;
  const ours: Optimizer = kind === "sgd"
    ? sgd({ lr, batchSize: X.length })
    : kind === "adam"
    ? adam({ lr, beta1: b1, beta2: b2, epsilon: eps })
    : momentum({ lr, momentum: beta, nesterov: kind === "nesterov" });
  const run = ours.start(objective, w0);
  const oursPath = [run.x.slice()];
  for (let k = 0; k < steps; k++) oursPath.push(run.step().x.slice());

  const { tf, backend } = await getTf(options.backend ?? "wasm");
  const tfOpt = kind === "sgd"
    ? tf.train.sgd(lr)
    : kind === "adam"
    ? tf.train.adam(lr, b1, b2, eps)
    : tf.train.momentum(lr, beta, kind === "nesterov");
  const tfName = kind === "sgd"
    ? `tf.train.sgd(${lr})`
    : kind === "adam"
    ? `tf.train.adam(${lr}, ${b1}, ${b2}, ${eps})`
    : `tf.train.momentum(${lr}, ${beta}, ${kind === "nesterov"})`;
  const Xt = tf.tensor2d(X, undefined, "float32");
  const yt = tf.tensor1d(options.y, "float32");
  const w = tf.variable(tf.tensor1d(w0, "float32"));
  const tfPath = [Float64Array.from(w.dataSync())];
  try {
    for (let k = 0; k < steps; k++) {
      tfOpt.minimize(
        () => {
          const z = tf.squeeze(tf.matMul(Xt, tf.reshape(w, [d, 1])), [1]);
          return tf.mean(tf.sub(tf.softplus(z), tf.mul(yt, z))) as TF.Scalar;
        },
        false,
        [w],
      );
      tfPath.push(Float64Array.from(w.dataSync()));
    }
  } finally {
    tfOpt.dispose();
    w.dispose();
    Xt.dispose();
    yt.dispose();
  }
  let maxAbsDiff = 0, maxRelDiff = 0;
  const diffs = oursPath.map((a, k) => {
    let m = 0;
    for (let i = 0; i < d; i++) {
      const e = Math.abs(a[i] - tfPath[k][i]);
      m = Math.max(m, e);
      maxRelDiff = Math.max(maxRelDiff, e / Math.max(1, Math.abs(a[i])));
    }
    maxAbsDiff = Math.max(maxAbsDiff, m);
    return m;
  });
  return {
    optimizer: ours.name,
    tfjsOptimizer: tfName,
    convention: CONVENTIONS[kind],
    ours: oursPath,
    tfjs: tfPath,
    diffs,
    maxAbsDiff,
    maxRelDiff,
    backend,
  };
}

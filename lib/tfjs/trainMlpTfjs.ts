/**
 * Train a small MLP with TensorFlow.js (float32, first order) and hand back
 * its weights in the spec layout, for an exact float64 Hessian.
 *
 * @module
 */
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import type * as TF from "npm:@tensorflow/tfjs@4.22.0";
import { batchSampler } from "../optim/_batchSampler.ts";
import { type ModelSpec, parseModelSpec } from "../nn/spec.ts";
import { getTf } from "./_tf.ts";
import { targets, tfLoss, tfNet } from "./_forward.ts";
import { choiceOption } from "../validate/choiceOption.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode trainMlpTfjs}. */
export interface TrainMlpTfjsOptions {
  /** `tf.train.sgd`, `tf.train.momentum` or `tf.train.adam`. Default "adam". */
  optimizer?: "sgd" | "momentum" | "adam";
  /** The learning rate. Default 0.01. */
  lr?: number;
  /** The momentum coefficient for "momentum". Default 0.9. */
  momentum?: number;
  /** Adam's β₁. Default 0.9. */
  beta1?: number;
  /** Adam's β₂. Default 0.999. */
  beta2?: number;
  /** Adam's ε. Default 1e-7 (the tfjs float32 default). */
  epsilon?: number;
  /** The number of optimizer steps. Default 200. */
  steps?: number;
  /**
   * Mini-batch size; batches are drawn without replacement, a seeded
   * reshuffle per epoch. Default: the full data set every step.
   */
  batchSize?: number;
  /** Seed of the batch order. Default 0. */
  seed?: number;
  /** The tfjs backend. Default "wasm" (falls back to "cpu" with a note). */
  backend?: "wasm" | "cpu";
}

/** What {@linkcode trainMlpTfjs} returns. */
export interface TfjsTrainingResult {
  /**
   * The input spec with `params` replaced by the trained weights: ready for
   * `modelFromSpec`, `deno task curvature`, or an exact Hessian.
   */
  spec: ModelSpec;
  /** The trained flat parameters (float32 values, stored as float64). */
  params: number[];
  /** The float32 loss on each step's batch, before the step. */
  losses: number[];
  /** The float32 loss on all the data at the trained parameters. */
  finalLoss: number;
  /** The backend that trained, and its note. */
  backend: string;
  /** The backend note (SIMD, threads, or why it fell back to cpu). */
  note: string;
}

/**
 * Train the MLP a model spec describes with TensorFlow.js, starting from the
 * spec's `params`, and return the trained parameters in the same flat
 * layout (W_l row-major [d_{l−1}, d_l], then b_l, then γ_l and β_l with
 * batchnorm, layer by layer).
 *
 * The forward pass is written with raw tf ops on one flat float32 variable
 * laid out exactly like the spec (`mlpLayout`), rather than with tf.layers,
 * so there is no weight shuffling and BatchNorm uses the batch statistics
 * (biased variance, ε = 1e-5) as the spec defines. TensorFlow.js computes only
 * gradients here; the curvature of the result is for the library's float64
 * code (`modelFromSpec(result.spec)` then `hessian`).
 *
 * The spec is validated by `parseModelSpec` (errors name the field). Use
 * `Mlp.init` (lib/nn) for a seeded initialization.
 *
 * @example Fit y = 2x with one linear unit
 * ```ts
 * import { trainMlpTfjs } from "./trainMlpTfjs.ts";
 * const r = await trainMlpTfjs({
 *   model: { layers: [1, 1], activation: "linear", batchnorm: false, residual: false },
 *   loss: "mse", params: [0, 0],
 *   data: { x: [[-1], [0], [1]], y: [[-2], [0], [2]] },
 * }, { optimizer: "sgd", lr: 0.3, steps: 100 });
 * if (Math.abs(r.params[0] - 2) > 1e-4 || !(r.finalLoss < 1e-6)) throw new Error(String(r.params));
 * ```
 */
export async function trainMlpTfjs(
  spec: unknown,
  options: TrainMlpTfjsOptions = {},
): Promise<TfjsTrainingResult> {
  const what = "train with tfjs";
  const parsed = parseModelSpec(spec);
  const kind = choiceOption(options, "optimizer", {
    what,
    values: ["sgd", "momentum", "adam"],
    default: "adam",
  });
  const num = (key: string, fallback: number, max?: number) =>
    numberOption(options, key, { what, min: 0, max, default: fallback });
  const lr = num("lr", 0.01);
  const steps = numberOption(options, "steps", { what, integer: true, min: 0, default: 200 });
  const N = parsed.data.x.length;
  const batchSize = numberOption(options, "batchSize", {
    what,
    integer: true,
    min: 1,
    optional: true,
  });
  const { tf, backend, note } = await getTf(options.backend ?? "wasm");
  const net = tfNet(parsed);
  const optimizer = kind === "sgd"
    ? tf.train.sgd(lr)
    : kind === "momentum"
    ? tf.train.momentum(lr, num("momentum", 0.9, 1))
    : tf.train.adam(lr, num("beta1", 0.9, 1), num("beta2", 0.999, 1), num("epsilon", 1e-7));
  const theta = tf.variable(tf.tensor1d(parsed.params, "float32"));
  const X = tf.tensor2d(parsed.data.x, undefined, "float32");
  const Y = targets(tf, net, parsed.data.y);
  const losses: number[] = [];
  try {
    const sampler = batchSampler(
      N,
      batchSize ?? N,
      numberOption(options, "seed", { what, default: 0 }),
      what,
    );
    for (let k = 0; k < steps; k++) {
      let idx: TF.Tensor1D | undefined;
      if (batchSize !== undefined && batchSize < N) {
        const { batch } = sampler.next();
        idx = tf.tensor1d(batch, "int32");
      }
      const cost = optimizer.minimize(
        () => {
          const xb = idx ? tf.gather(X, idx) as TF.Tensor2D : X;
          const yb = idx ? tf.gather(Y, idx) as TF.Tensor2D : Y;
          return tfLoss(tf, net, theta as TF.Variable<TF.Rank.R1>, xb, yb);
        },
        true,
        [theta],
      );
      losses.push(cost!.dataSync()[0]);
      cost!.dispose();
      idx?.dispose();
    }
    const params = Array.from(theta.dataSync());
    const last = tf.tidy(() => tfLoss(tf, net, theta as TF.Tensor1D, X, Y));
    const finalLoss = last.dataSync()[0];
    last.dispose();
    return {
      spec: { ...parsed, params },
      params,
      losses,
      finalLoss,
      backend,
      note,
    };
  } finally {
    optimizer.dispose();
    theta.dispose();
    X.dispose();
    Y.dispose();
  }
}

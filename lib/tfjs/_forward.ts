// Private: the spec's MLP loss written with raw tf ops on a flat parameter
// vector, so BatchNorm uses batch statistics exactly as the spec says.
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import type * as TF from "npm:@tensorflow/tfjs@4.22.0";
import type { Tf } from "./_tf.ts";
import { type MlpLayout, mlpLayout } from "../nn/layout.ts";
import type { ModelSpec } from "../nn/spec.ts";

export interface TfMlp {
  activation: string;
  loss: "mse" | "cross_entropy";
  layout: MlpLayout;
  outputs: number;
}

/** The loss of the network at flat params θ on (x, y); call inside tf.tidy. */
export function tfLoss(
  tf: Tf,
  net: TfMlp,
  theta: TF.Tensor1D,
  x: TF.Tensor2D,
  y: TF.Tensor2D,
): TF.Scalar {
  let h: TF.Tensor2D = x;
  let out: TF.Tensor2D | undefined;
  const block = (b: { offset: number; length: number; shape: number[] }) =>
    tf.slice(theta, [b.offset], [b.length]).reshape(b.shape);
  for (const layer of net.layout.layers) {
    const W = block(layer.W) as TF.Tensor2D;
    const b = block(layer.b) as TF.Tensor1D;
    let z = tf.add(tf.matMul(h, W), b) as TF.Tensor2D;
    if (!layer.hidden) {
      out = z;
      break;
    }
    if (layer.gamma && layer.beta) {
      const mean = tf.mean(z, 0);
      const centered = tf.sub(z, mean);
      const variance = tf.mean(tf.square(centered), 0); // biased batch variance
      const zhat = tf.div(centered, tf.sqrt(tf.add(variance, 1e-5)));
      z = tf.add(tf.mul(block(layer.gamma), zhat), block(layer.beta)) as TF.Tensor2D;
    }
    const a = activate(tf, z, net.activation);
    h = layer.residual ? tf.add(h, a) as TF.Tensor2D : a;
  }
  if (net.loss === "mse") return tf.mean(tf.square(tf.sub(out!, y))) as TF.Scalar;
  // y holds one-hot rows: −mean over samples of log softmax(out)[label].
  return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(out!)), 1))) as TF.Scalar;
}

function activate(tf: Tf, z: TF.Tensor2D, name: string): TF.Tensor2D {
  switch (name) {
    case "relu":
      return tf.relu(z);
    case "sigmoid":
      return tf.sigmoid(z);
    case "tanh":
      return tf.tanh(z);
    case "softplus":
      return tf.softplus(z);
    case "linear":
      return z;
  }
  throw new RangeError(`Cannot run the tfjs MLP: unknown activation ${name}`);
}

/** Targets as a float32 [N, d_L] tensor: rows for mse, one-hot rows for cross_entropy. */
export function targets(
  tf: Tf,
  net: TfMlp,
  y: number[][] | number[],
): TF.Tensor2D {
  if (net.loss === "mse") return tf.tensor2d(y as number[][]);
  return tf.oneHot(tf.tensor1d(y as number[], "int32"), net.outputs).toFloat() as TF.Tensor2D;
}

/** The tf view of a parsed spec. */
export function tfNet(spec: ModelSpec): TfMlp {
  return {
    activation: spec.model.activation,
    loss: spec.loss,
    layout: mlpLayout(spec.model),
    outputs: spec.model.layers[spec.model.layers.length - 1],
  };
}

/**
 * The float32 loss TensorFlow.js computes for a model spec.
 *
 * @module
 */
import { parseModelSpec } from "../nn/spec.ts";
import { getTf } from "./_tf.ts";
import { targets, tfLoss, tfNet } from "./_forward.ts";

/** Options of {@linkcode tfjsLoss}. */
export interface TfjsLossOptions {
  /** The tfjs backend. Default "wasm". */
  backend?: "wasm" | "cpu";
}

/**
 * Evaluate a model spec's loss at its `params` with TensorFlow.js, in
 * float32, by the same raw-op forward pass {@linkcode trainMlpTfjs} trains
 * with. Compare with the library's float64 loss (`modelFromSpec`) to check
 * that the two implementations agree to float32 precision.
 *
 * @example
 * ```ts
 * import { tfjsLoss } from "./tfjsLoss.ts";
 * const loss = await tfjsLoss({
 *   model: { layers: [1, 1], activation: "linear", batchnorm: false, residual: false },
 *   loss: "mse", params: [1, 0], data: { x: [[1], [2]], y: [[0], [0]] },
 * });
 * if (Math.abs(loss - 2.5) > 1e-6) throw new Error(String(loss));
 * ```
 */
export async function tfjsLoss(spec: unknown, options: TfjsLossOptions = {}): Promise<number> {
  const parsed = parseModelSpec(spec);
  const { tf } = await getTf(options.backend ?? "wasm");
  const net = tfNet(parsed);
  const t = tf.tidy(() =>
    tfLoss(
      tf,
      net,
      tf.tensor1d(parsed.params, "float32"),
      tf.tensor2d(parsed.data.x, undefined, "float32"),
      targets(tf, net, parsed.data.y),
    )
  );
  const value = t.dataSync()[0];
  t.dispose();
  return value;
}

/**
 * TensorFlow.js interop, float32 and first order only: initialize the wasm
 * backend quietly, train a small MLP from a model spec and hand its weights
 * back in the spec layout (for an exact float64 Hessian by this library),
 * cross-check our optimizers against `tf.train.*`, and demonstrate that tfjs
 * second derivatives are wrong or unavailable.
 *
 * TensorFlow.js is loaded lazily, on the first call of one of these
 * functions, so importing the library stays fast.
 *
 * @example Train with tfjs, then take the exact Hessian in float64
 * ```ts
 * import { trainMlpTfjs } from "./mod.ts";
 * import { modelFromSpec } from "../nn/spec.ts";
 * import { hessian } from "../autodiff/hessian.ts";
 * const { spec } = await trainMlpTfjs({
 *   model: { layers: [2, 3, 2], activation: "tanh", batchnorm: false, residual: false },
 *   loss: "cross_entropy",
 *   params: [0.1, -0.2, 0.3, 0.2, 0.1, -0.1, 0, 0, 0, 0.3, -0.3, 0.2, 0.1, -0.2, 0.25, 0, 0],
 *   data: { x: [[0, 1], [1, 0], [1, 1], [0, 0]], y: [0, 1, 1, 0] },
 * }, { steps: 20 });
 * const { loss, params } = modelFromSpec(spec);
 * const H = hessian(loss)(params);
 * if (H.length !== 17) throw new Error("17 parameters");
 * ```
 *
 * @module
 */
export * from "./initTfjs.ts";
export * from "./trainMlpTfjs.ts";
export * from "./tfjsLoss.ts";
export * from "./compareOptimizerWithTfjs.ts";
export * from "./tfjsSecondDerivativeDemo.ts";

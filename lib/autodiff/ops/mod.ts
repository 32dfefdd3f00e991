/**
 * The differentiable ops, each in its own file with its forward code,
 * forward-mode tangent rule, backward (adjoint) rule and second-order
 * (adjoint-tangent) rule side by side. All broadcast and accept numbers and
 * arrays as constants.
 *
 * @example
 * ```ts
 * import * as ad from "./mod.ts";
 * import { tensor } from "../tensor.ts";
 * const y = ad.sum(ad.tanh(ad.matmul(tensor([[1, 2]]), tensor([[0.5], [-0.25]]))));
 * if (y.value !== 0) throw new Error(String(y.value));
 * ```
 *
 * @module
 */
export * from "./activate.ts";
export * from "./add.ts";
export * from "./batchNorm.ts";
export * from "./gelu.ts";
export * from "./linear.ts";
export * from "./matmul.ts";
export * from "./mean.ts";
export * from "./mse.ts";
export * from "./mul.ts";
export * from "./relu.ts";
export * from "./residualAdd.ts";
export * from "./sigmoid.ts";
export * from "./softmaxCrossEntropy.ts";
export * from "./softplus.ts";
export * from "./sub.ts";
export * from "./sum.ts";
export * from "./tanh.ts";
export * from "./view.ts";

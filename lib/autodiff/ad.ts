/**
 * The `ad` namespace: every differentiable op plus the Tensor type, so
 * functions read like `ad.tanh(ad.matmul(x, W))`.
 *
 * @example
 * ```ts
 * import * as ad from "./ad.ts";
 * const y = ad.mean(ad.relu(ad.tensor([-1, 3])));
 * if (y.value !== 1.5) throw new Error();
 * ```
 *
 * @module
 */
export * from "./ops/mod.ts";
export { Tensor, tensor, type TensorLike } from "./tensor.ts";

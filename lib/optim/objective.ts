/**
 * The function an optimizer minimizes: {@linkcode Objective}.
 *
 * @module
 */

/**
 * A twice-differentiable function f: ℝⁿ → ℝ, as the optimizers see it.
 *
 * Only `f` and `grad` are required. Second-order methods need `hessian` or
 * `hvp` (either one is enough: a dense Hessian is assembled from n HVPs when
 * only `hvp` is given, and an HVP is a dense product when only `hessian` is).
 *
 * **Mini-batch access.** An objective that is a mean over `samples` terms,
 * f(x) = (1/N) Σᵢ fᵢ(x), may expose `gradBatch(x, indices)`, the mean gradient
 * over the listed samples, and optionally `fBatch`. The contract is that
 * `gradBatch(x, [0, …, N−1])` equals `grad(x)`. Stochastic methods
 * ({@linkcode sgd}, or any first-order optimizer given a `batchSize`) draw
 * their batches through it; deterministic methods never call it.
 *
 * Conventions: every method receives `x` as a Float64Array of length `size`
 * and must not modify it; vectors are returned as new arrays.
 *
 * @example The saddle f(x, y) = x² − y² written by hand
 * ```ts
 * import type { Objective } from "./objective.ts";
 * const saddle: Objective = {
 *   size: 2,
 *   f: ([x, y]) => x * x - y * y,
 *   grad: ([x, y]) => new Float64Array([2 * x, -2 * y]),
 *   hessian: () => [[2, 0], [0, -2]],
 * };
 * if (saddle.f(new Float64Array([1, 1])) !== 0) throw new Error("wrong value");
 * ```
 */
export interface Objective {
  /** The number of variables n. Optional; when present it is checked against x0. */
  readonly size?: number;
  /** The value f(x). */
  f(x: Float64Array): number;
  /** The gradient ∇f(x), a vector of length n. */
  grad(x: Float64Array): Float64Array;
  /** The dense Hessian ∇²f(x) as n rows of n numbers. */
  hessian?(x: Float64Array): ArrayLike<ArrayLike<number>>;
  /** The Hessian-vector product ∇²f(x)·v. */
  hvp?(x: Float64Array, v: Float64Array): Float64Array;
  /** The number of samples N when f is a mean over samples (for mini-batches). */
  readonly samples?: number;
  /** The mean gradient over the samples at `indices` (each in [0, N)). */
  gradBatch?(x: Float64Array, indices: readonly number[]): Float64Array;
  /** The mean value over the samples at `indices`. */
  fBatch?(x: Float64Array, indices: readonly number[]): number;
}

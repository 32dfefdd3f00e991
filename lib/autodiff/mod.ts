/**
 * Float64 automatic differentiation of second order, on tensors.
 *
 * ## Which method, and why
 *
 * Hessian-vector products are computed **forward-over-reverse** (Pearlmutter's
 * R-operator), not by differentiating a recorded backward pass. Each op in
 * `ops/` carries four hand-written rules side by side: its value, its
 * forward tangent ẏ, its adjoint x̄ (reverse mode) and the tangent of that
 * adjoint x̄˙. One forward pass propagates values and tangents; one backward
 * pass propagates adjoints and adjoint-tangents; the input's adjoint-tangent
 * is exactly H·v. Reasons:
 * - **speed:** no second graph is built at run time, and every rule is a
 *   tight Float64Array loop or matrix product; an HVP costs about 3 gradients;
 * - **batching:** k directions ride along in one pass as k stacked blocks, so
 *   the full Hessian (n unit vectors) turns matrix-vector work into
 *   matrix-matrix work;
 * - **exactness and readability:** every rule is a short formula next to its
 *   forward code, checked against finite differences and closed forms.
 * The price is that higher than second order is not available, and nested
 * `grad(grad(f))` is rejected with an error rather than silently wrong.
 *
 * ## Where the time goes
 * Matrix products dominate. `gemm.ts` runs each rule's k products as ONE
 * batched product (the k blocks share the other factor), on a WebAssembly
 * SIMD kernel assembled at load time (`wasmGemm.ts`; f64x2, fused
 * multiply-add where relaxed SIMD exists), falling back to a register-blocked
 * TypeScript kernel for small products or runtimes without SIMD. Tangents
 * that are structurally zero (weights a batch of unit vectors does not move)
 * are `null` and skipped, which matters for the full Hessian.
 *
 * Each op records its rules as three closures (`OpRules`: tangent, backward,
 * backward tangent), which read tangents when they run. So a tape can be
 * replayed: `hessianOperator(f, x)` records f at x once (values, adjoints,
 * every activation's f′ and f″) and each product replays only the tangent
 * rules, with recycled buffers; that is 6 matrix products per dense layer
 * instead of 8 for a fresh `hvp` (which also skips the weights' first-order
 * adjoints it does not need), and no transcendental functions. Measured
 * figures are in `bench/autodiff.bench.ts`, `bench/curvature.bench.ts`,
 * `bench/scaling.ts`, and against PyTorch in `deno task bench:torch`.
 *
 * ## API (JAX-style, one argument order everywhere)
 * `grad(f)(x)`, `valueAndGrad(f)(x)`, `hvp(f)(x, v)`, `hvpBatch(f)(x, vs)`,
 * `hessian(f)(x)`, `hessianOperator(f, x)` and `checkGrads(f, x, options)`,
 * where f maps a 1-D {@linkcode Tensor} to a scalar Tensor using the ops in
 * the `ad` namespace (`ad.matmul`, `ad.add`, `ad.tanh`, `ad.batchNorm`,
 * `ad.softmaxCrossEntropy`, …).
 *
 * @example Logistic loss: gradient, HVP and Hessian
 * ```ts
 * import { ad, checkGrads, grad, hessian, hvp } from "./mod.ts";
 * const X = [[1, 2], [0.5, -1], [-1, 0.3]], y = [1, 0, 1];
 * const f = (w: ad.Tensor) => {
 *   const z = ad.matmul(X, w);
 *   return ad.mean(ad.sub(ad.softplus(z), ad.mul(z, y)));
 * };
 * const w = [0.1, -0.2];
 * const g = grad(f)(w), Hv = hvp(f)(w, [1, 0]), H = hessian(f)(w);
 * if (Math.abs(Hv[1] - H[1][0]) > 1e-15 || g.length !== 2) throw new Error();
 * checkGrads(f, w);
 * ```
 *
 * @module
 */
export * as ad from "./ad.ts";
export { type NestedArray, type OpRules, Tensor, tensor, type TensorLike } from "./tensor.ts";
export * from "./checkGrads.ts";
export * from "./grad.ts";
export * from "./hessian.ts";
export * from "./hessianOperator.ts";
export * from "./hvp.ts";
export type { Differentiated, ScalarFunction } from "./differentiate.ts";
export type { Trace } from "./trace.ts";

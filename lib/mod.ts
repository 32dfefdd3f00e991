/**
 * Decoding the Hessian: exact float64 curvature tools.
 *
 * Hessians and Hessian-vector products, spectra, regularization, optimizers,
 * activations, tiny networks, curvature reports and small statistics. This
 * root module loads no heavy dependency: figures (Observable Plot),
 * expressions (mathjs) and TensorFlow.js live behind their own subpaths
 * (`./figure`, `./expression`, `./tfjs`).
 *
 * @example
 * ```ts
 * import { eigh } from "./mod.ts";
 * const { values } = eigh([[2, 0], [0, -2]]);
 * if (values.join() !== "-2,2") throw new Error(String(values));
 * ```
 *
 * @module
 */
export * from "./assert.ts";
export * from "./random.ts";
export * from "./display.ts";
export * from "./stats/mod.ts";
export * from "./linalg/mod.ts";
export * from "./spectra/mod.ts";
export * from "./regularize/mod.ts";
export * from "./activations/mod.ts";
export * from "./autodiff/mod.ts";
export * from "./nn/mod.ts";
export * from "./curvature/mod.ts";
export * from "./optim/mod.ts";
export * from "./data/mod.ts";

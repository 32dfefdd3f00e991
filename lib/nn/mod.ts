/**
 * Tiny neural networks for exact curvature: MLPs with BatchNorm and residual
 * options on one flat parameter vector, the model-spec parser of
 * `deno task curvature`, and the parameter layout shared with tfjs imports.
 *
 * @example
 * ```ts
 * import { Mlp } from "./mod.ts";
 * const net = new Mlp({ layers: [12, 96, 96, 96, 3], activation: "tanh", residual: true });
 * if (net.size !== 20163) throw new Error(String(net.size));
 * ```
 *
 * @module
 */
export * from "./layout.ts";
export * from "./mlp.ts";
export * from "./spec.ts";

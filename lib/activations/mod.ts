/**
 * Activation functions with exact first and second derivatives: relu,
 * sigmoid, tanh, softplus, gelu and linear. Each has scalar `f`, `df`, `d2f`
 * and vectorized `fVec`, `dfVec`, `d2fVec`. The autodiff ops use these same
 * definitions, so there is one source for every formula.
 *
 * @example The second derivative of tanh
 * ```ts
 * import { tanh } from "./mod.ts";
 * const t = Math.tanh(0.5);
 * if (Math.abs(tanh.d2f(0.5) + 2 * t * (1 - t * t)) > 1e-16) throw new Error();
 * ```
 *
 * @module
 */
export * from "./activation.ts";
export * from "./activations.ts";
export * from "./erf.ts";
export * from "./gelu.ts";
export * from "./linear.ts";
export * from "./relu.ts";
export * from "./reluRightDerivative.ts";
export * from "./sigmoid.ts";
export * from "./softplus.ts";
export * from "./tanh.ts";

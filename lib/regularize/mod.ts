/**
 * Regularization (the paper's §4): the damped matrix H + εI as an operator
 * and as a matrix with its shifted spectrum, determinant, trace and
 * conditioning; the damping boundary ε > −λmin for positive definiteness;
 * and ridge regression by Cholesky with its Hessian and κ(λ).
 *
 * @example
 * ```ts
 * import { positiveDefiniteThreshold, regularize } from "./mod.ts";
 * const H = [[2, 0], [0, -2]];
 * const eps = positiveDefiniteThreshold(H) + 0.5; // 2.5 > −λmin = 2
 * if (!regularize(H, eps).positiveDefinite) throw new Error();
 * ```
 *
 * @module
 */
export * from "./shiftOperator.ts";
export * from "./shiftMatrix.ts";
export * from "./regularize.ts";
export * from "./positiveDefiniteThreshold.ts";
export * from "./ridgeRegression.ts";

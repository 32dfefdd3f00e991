/**
 * Expressions in mathjs syntax: exact gradient, Hessian, eigenvalues and
 * the second-derivative test at a point ({@linkcode analyzeExpression}, the
 * engine of `deno task curvature` for `{"expression", "at"}` specs), and the
 * symbolic derivatives as TeX for the book ({@linkcode symbolicDerivatives}).
 *
 * @example x² on the plane is degenerate at the origin
 * ```ts
 * import { analyzeExpression } from "./mod.ts";
 * // y is a variable the expression does not use: say so with `variables`
 * const r = analyzeExpression({ expression: "x^2", variables: ["x", "y"], at: { x: 0, y: 0 } });
 * if (r.classification !== "degenerate" || r.eigenvalues.join() !== "0,2") throw new Error();
 * ```
 *
 * @module
 */
export * from "./analyzeExpression.ts";
export * from "./symbolicDerivatives.ts";
export * from "./ExpressionError.ts";

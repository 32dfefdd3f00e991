/**
 * The error type of the expression tools.
 *
 * @module
 */

/**
 * The error thrown for a bad expression or point. Its message has the form
 * `Cannot <verb phrase>: <field>: <reason>`, naming the offending field
 * (`expression`, `at`, `at.x`, `value`, `gradient[0]`, `hessian[0][1]`, …).
 *
 * @example
 * ```ts
 * import { ExpressionError } from "./ExpressionError.ts";
 * import { analyzeExpression } from "./analyzeExpression.ts";
 * let err: unknown;
 * try { analyzeExpression({ expression: "x +* y", at: { x: 0, y: 0 } }); } catch (e) { err = e; }
 * if (!(err instanceof ExpressionError)) throw new Error(String(err));
 * if (!String(err).includes("expression: syntax error")) throw new Error(String(err));
 * ```
 */
export class ExpressionError extends Error {
  /** Create the error with its message. */
  constructor(message: string) {
    super(message);
    this.name = "ExpressionError";
  }
}

/**
 * The error for curvature options that are invalid or cannot work for the
 * model at hand.
 *
 * @module
 */

/**
 * Thrown by `analyzeModel` and `planCurvature` when an option is out of
 * range for the model (`top` beyond n, `samples` below 2, …) or asks for
 * something that cannot run here (a dense Hessian that does not fit in
 * memory). `option` names the option, and for a bad value `expected`
 * says what it accepts and `got` what it was given, so a command line can
 * restate the problem in terms of its flag. The message has the form
 * `Cannot compute the curvature report: <option> …`.
 *
 * @example
 * ```ts
 * import { CurvatureOptionError } from "./CurvatureOptionError.ts";
 * const e = CurvatureOptionError.badValue("top", "an integer from 1 to n = 17", 18);
 * if (e.message !== "Cannot compute the curvature report: top must be an integer from 1 to n = 17, got 18") {
 *   throw new Error(e.message);
 * }
 * if (e.option !== "top" || e.got !== "18") throw new Error();
 * ```
 */
export class CurvatureOptionError extends RangeError {
  /** The option at fault, e.g. "top", "samples", "mode". */
  readonly option: string;
  /** What the option accepts, for a bad value (else undefined). */
  readonly expected?: string;
  /** The value given, as text, for a bad value (else undefined). */
  readonly got?: string;

  /** Create the error with its full message. */
  constructor(message: string, option: string, expected?: string, got?: string) {
    super(message);
    this.name = "CurvatureOptionError";
    this.option = option;
    this.expected = expected;
    this.got = got;
  }

  /** The error for a value outside what `option` accepts. */
  static badValue(option: string, expected: string, got: unknown): CurvatureOptionError {
    const text = typeof got === "string" ? JSON.stringify(got) : String(got);
    return new CurvatureOptionError(
      `Cannot compute the curvature report: ${option} must be ${expected}, got ${text}`,
      option,
      expected,
      text,
    );
  }
}

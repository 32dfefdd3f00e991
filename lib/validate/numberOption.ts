/**
 * Read a numeric option, with its default, and check it.
 *
 * @module
 */
import { checkNumber, describeNumberRule, type NumberRule } from "./checkNumber.ts";
import { readOption } from "./_readOption.ts";

/** A {@linkcode NumberRule} plus what to do when the option is absent. */
export interface NumberOptionRule extends NumberRule {
  /**
   * The value when the option is absent (undefined). Defaults are trusted,
   * not checked. Without a default and without `optional`, the option is
   * required.
   */
  default?: number;
  /** Return undefined when the option is absent (and there is no default). Default false. */
  optional?: boolean;
}

/**
 * The option `key` of `options`, checked against `rule`: the library's one
 * way to read a numeric option.
 *
 * - absent (undefined): `rule.default`, else undefined when `rule.optional`,
 *   else a RangeError `Cannot <what>: option <key> is required (<rule>)`;
 * - present: it must satisfy the rule, else a RangeError
 *   `Cannot <what>: option <key> must be <rule>, got <value>`.
 *
 * `options` itself may be undefined or null (every option is then absent);
 * anything else that is not an object throws a TypeError.
 *
 * @param options The options object, as the caller passed it.
 * @param key The option's name.
 * @param rule What the option must be, its default, and `what` for messages.
 *
 * @example A learning rate, an integer count and an optional tolerance
 * ```ts
 * import { numberOption } from "./numberOption.ts";
 * const what = "run gradient descent";
 * const options = { lr: 0.1 };
 * const lr = numberOption(options, "lr", { what, min: 0, exclusiveMin: true });
 * const steps = numberOption(options, "steps", { what, integer: true, min: 0, default: 100 });
 * const tol = numberOption(options, "tol", { what, min: 0, optional: true });
 * if (lr !== 0.1 || steps !== 100 || tol !== undefined) throw new Error();
 * let msg = "";
 * try { numberOption({ lr: 0 }, "lr", { what, min: 0, exclusiveMin: true }); }
 * catch (e) { msg = (e as Error).message; }
 * if (msg !== "Cannot run gradient descent: option lr must be a finite number > 0, got 0") {
 *   throw new Error(msg);
 * }
 * ```
 */
export function numberOption(
  options: object | null | undefined,
  key: string,
  rule: NumberOptionRule & { optional: true },
): number | undefined;
/** The option `key` of `options`, checked against `rule` (required, or with a default). */
export function numberOption(
  options: object | null | undefined,
  key: string,
  rule: NumberOptionRule,
): number;
export function numberOption(
  options: object | null | undefined,
  key: string,
  rule: NumberOptionRule,
): number | undefined {
  const value = readOption(options, key, rule.what);
  if (value === undefined) {
    if (rule.default !== undefined) return rule.default;
    if (rule.optional) return undefined;
    throw new RangeError(
      `Cannot ${rule.what}: option ${key} is required (${describeNumberRule(rule)})`,
    );
  }
  return checkNumber(value, `option ${key}`, rule);
}

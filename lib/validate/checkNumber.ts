/**
 * Check one number against a rule: finite, integer, within bounds.
 *
 * @module
 */
import { describe } from "./describe.ts";

/**
 * What a number must be. With no field set, any finite number passes.
 * Every check of the library's validation module takes `what`, the action
 * that fails, so that errors read `Cannot <what>: <reason>`.
 */
export interface NumberRule {
  /** The action that fails on bad input, e.g. "run gradient descent". Required. */
  what: string;
  /** Whole finite numbers only (`infinite` does not apply). Default false. */
  integer?: boolean;
  /** The smallest allowed value (inclusive unless `exclusiveMin`). Default: no bound. */
  min?: number;
  /** The largest allowed value (inclusive unless `exclusiveMax`). Default: no bound. */
  max?: number;
  /** Exclude `min` itself: the value must be > min. Default false. */
  exclusiveMin?: boolean;
  /** Exclude `max` itself: the value must be < max. Default false. */
  exclusiveMax?: boolean;
  /** Allow ±Infinity (still subject to min and max). Default false; NaN never passes. */
  infinite?: boolean;
}

/**
 * The rule in words, as it appears after "must be" in a message:
 * "a finite number > 0", "an integer in [0, 12]", "a positive integer",
 * "a finite number in [0, 1)".
 *
 * @example
 * ```ts
 * import { describeNumberRule } from "./checkNumber.ts";
 * const text = describeNumberRule({ what: "x", min: 0, max: 1, exclusiveMax: true });
 * if (text !== "a finite number in [0, 1)") throw new Error(text);
 * if (describeNumberRule({ what: "x", integer: true, min: 1 }) !== "a positive integer") throw new Error();
 * ```
 */
export function describeNumberRule(rule: NumberRule): string {
  const { min, max, exclusiveMin = false, exclusiveMax = false } = rule;
  if (rule.integer && min === 1 && !exclusiveMin && max === undefined) return "a positive integer";
  const kind = rule.integer ? "an integer" : rule.infinite ? "a number" : "a finite number";
  if (min !== undefined && max !== undefined) {
    return `${kind} in ${exclusiveMin ? "(" : "["}${min}, ${max}${exclusiveMax ? ")" : "]"}`;
  }
  if (min !== undefined) return `${kind} ${exclusiveMin ? ">" : "≥"} ${min}`;
  if (max !== undefined) return `${kind} ${exclusiveMax ? "<" : "≤"} ${max}`;
  return kind;
}

/** Whether `value` is a number that satisfies `rule`. */
export function satisfiesNumberRule(value: unknown, rule: NumberRule): value is number {
  if (typeof value !== "number" || Number.isNaN(value)) return false;
  if (!rule.infinite && !Number.isFinite(value)) return false;
  if (rule.integer && !Number.isInteger(value)) return false;
  const { min, max } = rule;
  if (min !== undefined && (rule.exclusiveMin ? !(value > min) : !(value >= min))) return false;
  if (max !== undefined && (rule.exclusiveMax ? !(value < max) : !(value <= max))) return false;
  return true;
}

/**
 * Return `value` if it is a number that satisfies `rule`; otherwise throw a
 * RangeError `Cannot <what>: <name> must be <rule>, got <value>`.
 *
 * Use it for numbers passed as arguments; {@linkcode numberOption} reads an
 * option from an options object with the same rule.
 *
 * @param value The value to check (anything).
 * @param name How the message names the value, e.g. "epsilon" or "b[2]".
 * @param rule What the value must be, and `what` for the message.
 *
 * @example
 * ```ts
 * import { checkNumber } from "./checkNumber.ts";
 * const eps = checkNumber(0.5, "epsilon", { what: "shift the matrix" });
 * let msg = "";
 * try { checkNumber(-1, "lambda", { what: "fit ridge regression", min: 0 }); }
 * catch (e) { msg = (e as Error).message; }
 * if (msg !== "Cannot fit ridge regression: lambda must be a finite number ≥ 0, got -1") {
 *   throw new Error(msg);
 * }
 * ```
 */
export function checkNumber(value: unknown, name: string, rule: NumberRule): number {
  if (!satisfiesNumberRule(value, rule)) {
    throw new RangeError(
      `Cannot ${rule.what}: ${name} must be ${describeNumberRule(rule)}, got ${describe(value)}`,
    );
  }
  return value;
}

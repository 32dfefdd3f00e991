/**
 * Read a true/false option.
 *
 * @module
 */
import { describe } from "./describe.ts";
import { readOption } from "./_readOption.ts";

/** The default of a boolean option, and `what` for messages. */
export interface BooleanOptionRule {
  /** The action that fails on bad input. Required. */
  what: string;
  /** The value when the option is absent. Required: a flag always has a default. */
  default: boolean;
}

/**
 * The option `key` of `options`: `true`, `false`, or `rule.default` when
 * absent. Anything else (1, "yes") throws a TypeError
 * `Cannot <what>: option <key> must be true or false, got <value>`.
 *
 * @example
 * ```ts
 * import { booleanOption } from "./booleanOption.ts";
 * const what = "run Lanczos";
 * if (booleanOption({}, "reorthogonalize", { what, default: true }) !== true) throw new Error();
 * let msg = "";
 * try { booleanOption({ reorthogonalize: 1 }, "reorthogonalize", { what, default: true }); }
 * catch (e) { msg = (e as Error).message; }
 * if (!msg.endsWith("option reorthogonalize must be true or false, got 1")) throw new Error(msg);
 * ```
 */
export function booleanOption(
  options: object | null | undefined,
  key: string,
  rule: BooleanOptionRule,
): boolean {
  const value = readOption(options, key, rule.what);
  if (value === undefined) return rule.default;
  if (typeof value !== "boolean") {
    throw new TypeError(
      `Cannot ${rule.what}: option ${key} must be true or false, got ${describe(value)}`,
    );
  }
  return value;
}

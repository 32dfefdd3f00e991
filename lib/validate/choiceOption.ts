/**
 * Read an option that takes one of a few strings.
 *
 * @module
 */
import { checkChoice, type ChoiceRule, listChoices } from "./checkChoice.ts";
import { readOption } from "./_readOption.ts";

/** A {@linkcode ChoiceRule} plus the value when the option is absent. */
export interface ChoiceOptionRule<T extends string> extends ChoiceRule<T> {
  /** The value when the option is absent. Without it the option is required. */
  default?: T;
}

/**
 * The option `key` of `options`, which must be one of `rule.values`;
 * `rule.default` when it is absent. Errors read
 * `Cannot <what>: option <key> must be "a" or "b", got <value>` (a RangeError).
 *
 * @example
 * ```ts
 * import { choiceOption } from "./choiceOption.ts";
 * const rule = { what: "estimate the trace", values: ["rademacher", "gaussian"] as const, default: "rademacher" as const };
 * const d = choiceOption({}, "distribution", rule); // typed "rademacher" | "gaussian"
 * if (d !== "rademacher") throw new Error(d);
 * let msg = "";
 * try { choiceOption({ distribution: "cauchy" }, "distribution", rule); } catch (e) { msg = (e as Error).message; }
 * if (!msg.endsWith('option distribution must be "rademacher" or "gaussian", got "cauchy"')) {
 *   throw new Error(msg);
 * }
 * ```
 */
export function choiceOption<T extends string>(
  options: object | null | undefined,
  key: string,
  rule: ChoiceOptionRule<T>,
): T {
  const value = readOption(options, key, rule.what);
  if (value === undefined) {
    if (rule.default !== undefined) return rule.default;
    throw new RangeError(
      `Cannot ${rule.what}: option ${key} is required (${listChoices(rule.values)})`,
    );
  }
  return checkChoice(value, `option ${key}`, rule);
}

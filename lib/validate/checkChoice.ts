/**
 * Check that a value is one of a few allowed strings.
 *
 * @module
 */
import { describe } from "./describe.ts";

/** The allowed values of a choice, and `what` for messages. */
export interface ChoiceRule<T extends string> {
  /** The action that fails on bad input. Required. */
  what: string;
  /** The allowed values, in the order the message lists them. */
  values: readonly T[];
}

/**
 * The allowed values in words: `"a"`, `"a" or "b"`, `"a", "b" or "c"`.
 *
 * @example
 * ```ts
 * import { listChoices } from "./checkChoice.ts";
 * if (listChoices(["largest", "smallest", "magnitude"]) !== '"largest", "smallest" or "magnitude"') {
 *   throw new Error();
 * }
 * ```
 */
export function listChoices(values: readonly string[]): string {
  const q = values.map((v) => JSON.stringify(v));
  return q.length <= 1 ? q.join("") : `${q.slice(0, -1).join(", ")} or ${q[q.length - 1]}`;
}

/**
 * Return `value` if it is one of `rule.values`; otherwise throw a RangeError
 * `Cannot <what>: <name> must be "a" or "b", got <value>`.
 *
 * @example
 * ```ts
 * import { checkChoice } from "./checkChoice.ts";
 * const mode = checkChoice("gap", "convergence", { what: "run Lanczos", values: ["residual", "gap"] });
 * let msg = "";
 * try { checkChoice("cauchy", "distribution", { what: "sample", values: ["gaussian", "ball"] }); }
 * catch (e) { msg = (e as Error).message; }
 * if (msg !== 'Cannot sample: distribution must be "gaussian" or "ball", got "cauchy"') {
 *   throw new Error(msg);
 * }
 * ```
 */
export function checkChoice<T extends string>(
  value: unknown,
  name: string,
  rule: ChoiceRule<T>,
): T {
  if (typeof value !== "string" || !rule.values.includes(value as T)) {
    throw new RangeError(
      `Cannot ${rule.what}: ${name} must be ${listChoices(rule.values)}, got ${describe(value)}`,
    );
  }
  return value as T;
}

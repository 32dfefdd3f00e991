/**
 * Check that a value is a function.
 *
 * @module
 */
import { describe } from "./describe.ts";

/**
 * Return `f` if it is a function; otherwise throw a TypeError
 * `Cannot <what>: <name> must be a function, got <value>`.
 *
 * @example
 * ```ts
 * import { checkFunction } from "./checkFunction.ts";
 * const f = checkFunction((x: number) => x * x, "take the gradient", "f");
 * let msg = "";
 * try { checkFunction(3, "take the gradient", "f"); } catch (e) { msg = (e as Error).message; }
 * if (msg !== "Cannot take the gradient: f must be a function, got 3" || f(2) !== 4) throw new Error(msg);
 * ```
 */
export function checkFunction<F>(f: F, what: string, name: string): F {
  if (typeof f !== "function") {
    throw new TypeError(`Cannot ${what}: ${name} must be a function, got ${describe(f)}`);
  }
  return f;
}

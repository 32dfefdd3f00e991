/**
 * A short description of any value, for error messages.
 *
 * @module
 */

/**
 * Describe a value in a few words, for the "got …" part of an error message:
 * numbers and booleans as written, strings quoted (cut at 40 characters),
 * arrays and typed arrays with their length.
 *
 * @example
 * ```ts
 * import { describe } from "./describe.ts";
 * if (describe(NaN) !== "NaN" || describe("relux") !== '"relux"') throw new Error();
 * if (describe([1, 2]) !== "an array of length 2") throw new Error(describe([1, 2]));
 * if (describe(new Float64Array(3)) !== "a Float64Array of length 3") throw new Error();
 * if (describe(undefined) !== "undefined" || describe({}) !== "an object") throw new Error();
 * ```
 */
export function describe(x: unknown): string {
  if (x === undefined) return "undefined";
  if (x === null) return "null";
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (ArrayBuffer.isView(x) && "length" in x) {
    const type = x.constructor.name, article = /^[AEIOU]/.test(type) ? "an" : "a";
    return `${article} ${type} of length ${(x as unknown as ArrayLike<unknown>).length}`;
  }
  if (typeof x === "string") return JSON.stringify(x.length > 40 ? x.slice(0, 40) + "…" : x);
  if (typeof x === "function") return "a function";
  if (typeof x === "object") return "an object";
  return String(x);
}

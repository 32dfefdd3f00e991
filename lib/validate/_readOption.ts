// Private: read one field of an options object, rejecting options that are not an object.
import { describe } from "./describe.ts";

/** `options[key]`, or undefined when `options` is undefined or null. */
export function readOption(options: unknown, key: string, what: string): unknown {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`Cannot ${what}: options must be an object, got ${describe(options)}`);
  }
  return (options as Record<string, unknown>)[key];
}

/**
 * Check a list of indices into a collection of a known size.
 *
 * @module
 */
import { describe } from "./describe.ts";

/**
 * Return `indices` if it is a non-empty array of integers in [0, size);
 * otherwise throw a RangeError that names the first bad entry:
 * `Cannot <what>: <name>[3] is 12, not an integer in [0, 10)`.
 * Mini-batches of sample indices and class labels are checked this way.
 *
 * @param indices The value to check.
 * @param size The number of items the indices point into.
 * @param what The action that fails on bad input.
 * @param name How the message names the array. Default "indices".
 *
 * @example
 * ```ts
 * import { checkIndices } from "./checkIndices.ts";
 * checkIndices([0, 2], 3, "evaluate a batch");
 * let msg = "";
 * try { checkIndices([0, 3], 3, "one-hot encode", "labels"); } catch (e) { msg = (e as Error).message; }
 * if (msg !== "Cannot one-hot encode: labels[1] is 3, not an integer in [0, 3)") throw new Error(msg);
 * ```
 */
export function checkIndices<T extends ArrayLike<number>>(
  indices: T,
  size: number,
  what: string,
  name = "indices",
): T {
  const a = indices as unknown;
  if (
    a === null || typeof a !== "object" || typeof (a as ArrayLike<unknown>).length !== "number" ||
    (a as ArrayLike<unknown>).length === 0
  ) {
    throw new RangeError(
      `Cannot ${what}: ${name} must be a non-empty array of integers, got ${describe(a)}`,
    );
  }
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= size) {
      throw new RangeError(
        `Cannot ${what}: ${name}[${k}] is ${describe(i)}, not an integer in [0, ${size})`,
      );
    }
  }
  return indices;
}

/**
 * Check a vector of numbers and copy it into a Float64Array.
 *
 * @module
 */
import { describe } from "./describe.ts";

/** Options of {@linkcode toVector}. */
export interface VectorOptions {
  /** The required length. Default: any length ≥ 1. */
  length?: number;
  /** Reject NaN and ±Infinity entries. Default true. */
  finite?: boolean;
  /**
   * Always return a fresh array. Default true. With `false`, a Float64Array
   * input that passes is returned as is (no copy): for checking a vector
   * that a callback returned, not for keeping a caller's input.
   */
  copy?: boolean;
}

/**
 * Check that `x` is an array (or typed array) of numbers and return it as a
 * Float64Array, a fresh copy by default. Throws:
 *
 * - TypeError `Cannot <what>: <name> must be an array of numbers, got …`;
 * - RangeError `Cannot <what>: <name> is empty` (unless `length` is 0);
 * - RangeError `Cannot <what>: <name> has length 3, expected 2`;
 * - RangeError `Cannot <what>: <name>[1] is NaN, not a finite number`.
 *
 * @param x The value to check.
 * @param what The action that fails on bad input, e.g. "take the gradient".
 * @param name How the message names the vector, e.g. "x0".
 * @param options The required length, finiteness and copying.
 *
 * @example
 * ```ts
 * import { toVector } from "./toVector.ts";
 * const x = toVector([1, 2], "minimize", "x0");
 * if (!(x instanceof Float64Array) || x[1] !== 2) throw new Error();
 * let msg = "";
 * try { toVector([1, NaN], "minimize", "x0"); } catch (e) { msg = (e as Error).message; }
 * if (msg !== "Cannot minimize: x0[1] is NaN, not a finite number") throw new Error(msg);
 * try { toVector([1], "solve", "b", { length: 2 }); } catch (e) { msg = (e as Error).message; }
 * if (msg !== "Cannot solve: b has length 1, expected 2") throw new Error(msg);
 * ```
 */
export function toVector(
  x: unknown,
  what: string,
  name: string,
  options: VectorOptions = {},
): Float64Array {
  const { length, finite = true, copy = true } = options;
  if (
    x === null || typeof x !== "object" || typeof (x as ArrayLike<unknown>).length !== "number"
  ) {
    throw new TypeError(`Cannot ${what}: ${name} must be an array of numbers, got ${describe(x)}`);
  }
  const a = x as ArrayLike<unknown>;
  if (length === undefined && a.length === 0) {
    throw new RangeError(`Cannot ${what}: ${name} is empty`);
  }
  if (length !== undefined && a.length !== length) {
    throw new RangeError(`Cannot ${what}: ${name} has length ${a.length}, expected ${length}`);
  }
  const out = !copy && a instanceof Float64Array ? a : new Float64Array(a.length);
  if (!finite && out === a) return out;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== "number" || (finite && !Number.isFinite(v))) {
      throw new RangeError(
        `Cannot ${what}: ${name}[${i}] is ${describe(v)}, not a ${finite ? "finite " : ""}number`,
      );
    }
    out[i] = v;
  }
  return out;
}

/**
 * Numbers in messages: short, and the same everywhere.
 *
 * @module
 */

/**
 * Format a number for a message with at most `digits` significant digits and
 * no trailing zeros: 0.1 + 0.2 is "0.3", 1/3 is "0.333333", 1e-20 is
 * "1e-20". Non-finite values print as `NaN`, `Infinity` and `-Infinity`.
 *
 * The library's error messages and the float checks of `assert.ts` use it;
 * the checks ask for 12 digits so that close values stay distinguishable.
 *
 * @param x The number.
 * @param digits Significant digits, 1 to 17. Default 6.
 *
 * @example
 * ```ts
 * import { formatNumber } from "./formatNumber.ts";
 * if (formatNumber(0.1 + 0.2) !== "0.3") throw new Error(formatNumber(0.1 + 0.2));
 * if (formatNumber(1 / 3) !== "0.333333" || formatNumber(1 / 3, 12) !== "0.333333333333") {
 *   throw new Error();
 * }
 * if (formatNumber(-2.5e-20) !== "-2.5e-20" || formatNumber(NaN) !== "NaN") throw new Error();
 * ```
 */
export function formatNumber(x: number, digits = 6): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : String(x);
}

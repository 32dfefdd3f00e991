/**
 * The median of a sample.
 *
 * @module
 */
import { choiceOption } from "../validate/choiceOption.ts";

/** Options of {@linkcode median}. */
export interface MedianOptions {
  /**
   * Values that are not finite: "keep" (default) orders ±∞ like numbers and
   * rejects NaN; "skip" leaves NaN and ±∞ out (the median of no finite value
   * is NaN).
   */
  nonFinite?: "keep" | "skip";
}

/**
 * The median: the middle value of the sorted sample, or the mean of the two
 * middle values when the count is even.
 *
 * Throws `Cannot take the median: …` for an empty sample, or for NaN unless
 * `nonFinite: "skip"`.
 *
 * @example
 * ```ts
 * import { median } from "./median.ts";
 * if (median([3, 1, 2]) !== 2 || median([4, 1, 3, 2]) !== 2.5) throw new Error();
 * if (median([1, Infinity, 3]) !== 3) throw new Error();
 * if (median([1, NaN, 3], { nonFinite: "skip" }) !== 2) throw new Error();
 * ```
 */
export function median(values: ArrayLike<number>, options: MedianOptions = {}): number {
  const mode = choiceOption(options, "nonFinite", {
    what: "take the median",
    values: ["keep", "skip"],
    default: "keep",
  });
  if (values.length === 0) throw new RangeError("Cannot take the median: the sample is empty");
  const s: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (mode === "skip" ? Number.isFinite(v) : !Number.isNaN(v)) s.push(v);
    else if (mode === "keep") throw new RangeError(`Cannot take the median: value ${i} is NaN`);
  }
  if (s.length === 0) return NaN;
  s.sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/**
 * One-hot encoding of integer labels, for an `mse` loss on classes.
 *
 * @module
 */

/**
 * Encode integer labels in [0, classes) as rows of `classes` zeros with a 1
 * at the label: the `y` an `mse` spec wants.
 *
 * @example
 * ```ts
 * import { oneHot } from "./oneHot.ts";
 * const y = oneHot([2, 0], 3);
 * if (y[0].join() !== "0,0,1" || y[1].join() !== "1,0,0") throw new Error(String(y));
 * ```
 */
export function oneHot(labels: readonly number[], classes: number): number[][] {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new RangeError(
      `Cannot one-hot encode: classes must be a positive integer, got ${classes}`,
    );
  }
  return labels.map((c, i) => {
    if (!Number.isInteger(c) || c < 0 || c >= classes) {
      throw new RangeError(`Cannot one-hot encode: labels[${i}] is ${c}, not in [0, ${classes})`);
    }
    const row = new Array<number>(classes).fill(0);
    row[c] = 1;
    return row;
  });
}

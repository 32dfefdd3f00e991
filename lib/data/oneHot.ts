/**
 * One-hot encoding of integer labels, for an `mse` loss on classes.
 *
 * @module
 */
import { checkIndices } from "../validate/checkIndices.ts";
import { checkNumber } from "../validate/checkNumber.ts";

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
  const what = "one-hot encode";
  checkNumber(classes, "classes", { what, integer: true, min: 1 });
  return checkIndices(labels, classes, what, "labels").map((c) => {
    const row = new Array<number>(classes).fill(0);
    row[c] = 1;
    return row;
  });
}

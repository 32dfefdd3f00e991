/**
 * Seeded train/test splits, optionally stratified by class.
 *
 * @module
 */
import { Rng } from "../random.ts";
import type { Split } from "./types.ts";
import { booleanOption } from "../validate/booleanOption.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode trainTestSplit}. */
export interface TrainTestSplitOptions {
  /** The fraction of samples held out, in [0, 1). Default 0.2. */
  testFraction?: number;
  /** Seed of the shuffle. Default 0. */
  seed?: number;
  /**
   * Hold out the same fraction of each class (y must be integer labels).
   * Default false.
   */
  stratify?: boolean;
}

/**
 * Split `{x, y}` into a training and a test part by a seeded shuffle.
 *
 * Without stratification, round(testFraction·N) samples go to the test set.
 * With it, each class c contributes round(testFraction·N_c). Both parts keep
 * the shuffled order, so a training set of several classes is interleaved.
 * Same seed, same split.
 *
 * @example
 * ```ts
 * import { trainTestSplit } from "./trainTestSplit.ts";
 * const data = { x: [[0], [1], [2], [3], [4]], y: [0, 0, 1, 1, 1] };
 * const { train, test } = trainTestSplit(data, { testFraction: 0.4, seed: 1 });
 * if (train.x.length !== 3 || test.x.length !== 2) throw new Error("sizes");
 * ```
 */
export function trainTestSplit<Y>(
  data: { x: number[][]; y: Y[] },
  options: TrainTestSplitOptions = {},
): Split<{ x: number[][]; y: Y[] }> {
  const what = "split the data";
  if (!Array.isArray(data?.x) || !Array.isArray(data?.y)) {
    throw new TypeError(`Cannot ${what}: data must have arrays x and y`);
  }
  const N = data.x.length;
  if (data.y.length !== N) {
    throw new RangeError(`Cannot ${what}: x has ${N} rows but y has ${data.y.length}`);
  }
  const frac = numberOption(options, "testFraction", {
    what,
    min: 0,
    max: 1,
    exclusiveMax: true,
    default: 0.2,
  });
  const order = new Rng(numberOption(options, "seed", { what, default: 0 })).permutation(N);
  const isTest = new Array<boolean>(N).fill(false);
  if (booleanOption(options, "stratify", { what, default: false })) {
    const byClass = new Map<unknown, number[]>();
    for (const i of order) {
      const c = data.y[i];
      if (typeof c !== "number" || !Number.isInteger(c)) {
        throw new RangeError(`Cannot ${what}: stratify needs integer labels, y has ${c}`);
      }
      if (!byClass.has(c)) byClass.set(c, []);
      byClass.get(c)!.push(i);
    }
    for (const members of byClass.values()) {
      const k = Math.round(frac * members.length);
      for (const i of members.slice(0, k)) isTest[i] = true;
    }
  } else {
    for (const i of order.slice(0, Math.round(frac * N))) isTest[i] = true;
  }
  const copy = (v: Y): Y => (Array.isArray(v) ? (v.slice() as Y) : v);
  const pick = (test: boolean) => {
    const idx = order.filter((i) => isTest[i] === test);
    return { x: idx.map((i) => data.x[i].slice()), y: idx.map((i) => copy(data.y[i])) };
  };
  return { train: pick(false), test: pick(true) };
}

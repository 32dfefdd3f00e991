/**
 * Synthetic Gaussian-blobs classification data.
 *
 * @module
 */
import { Rng } from "../random.ts";
import type { ClassificationData } from "./types.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode gaussianBlobs}. */
export interface GaussianBlobsOptions {
  /** Samples per class. Default 50. */
  perClass?: number;
  /** The number of classes K ≥ 2. Default 3. */
  classes?: number;
  /** The dimension d ≥ 1. Default 2. */
  dim?: number;
  /** The standard deviation of each blob (isotropic). Default 1. */
  spread?: number;
  /** The distance of each center from the origin. Default 3. */
  radius?: number;
  /** Seed. Default 0. */
  seed?: number;
}

/** Blobs with their centers. */
export interface GaussianBlobsData {
  /** The samples and labels: `{x, y}` exactly, usable as a spec's `data`. */
  data: ClassificationData;
  /** The K class centers. */
  centers: number[][];
}

/**
 * K isotropic Gaussian blobs: class c has `perClass` points N(μ_c, spread²I).
 * The centers sit evenly on a circle of the given radius in the first two
 * coordinates, μ_c = radius·(cos 2πc/K, sin 2πc/K, 0, …); with d = 1 they are
 * evenly spaced on [−radius, radius]. Samples are shuffled (seeded), labels
 * are integers in [0, K); `data` is `{x, y}` and nothing else, so it can be
 * the `data` of a `cross_entropy` spec as is (a spec rejects unknown fields).
 *
 * @example
 * ```ts
 * import { gaussianBlobs } from "./gaussianBlobs.ts";
 * const { data } = gaussianBlobs({ perClass: 10, classes: 4, seed: 3 });
 * if (data.x.length !== 40 || data.x[0].length !== 2) throw new Error("shape");
 * if (new Set(data.y).size !== 4) throw new Error("labels");
 * ```
 */
export function gaussianBlobs(options: GaussianBlobsOptions = {}): GaussianBlobsData {
  const what = "generate Gaussian blobs";
  const count = (key: string, min: number, fallback: number) =>
    numberOption(options, key, { what, integer: true, min, default: fallback });
  const perClass = count("perClass", 1, 50), K = count("classes", 2, 3), d = count("dim", 1, 2);
  const spread = numberOption(options, "spread", { what, min: 0, default: 1 });
  const radius = numberOption(options, "radius", { what, min: 0, default: 3 });
  const rng = new Rng(numberOption(options, "seed", { what, default: 0 }));
  const centers = Array.from({ length: K }, (_, c) => {
    const mu = new Array<number>(d).fill(0);
    if (d === 1) mu[0] = -radius + (2 * radius * c) / (K - 1);
    else {
      mu[0] = radius * Math.cos((2 * Math.PI * c) / K);
      mu[1] = radius * Math.sin((2 * Math.PI * c) / K);
    }
    return mu;
  });
  const x: number[][] = [];
  const y: number[] = [];
  for (let c = 0; c < K; c++) {
    for (let s = 0; s < perClass; s++) {
      x.push(centers[c].map((m) => m + spread * rng.normal()));
      y.push(c);
    }
  }
  const order = rng.permutation(x.length);
  return { data: { x: order.map((i) => x[i]), y: order.map((i) => y[i]) }, centers };
}

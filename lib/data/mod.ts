/**
 * Data for the experiments: Iris and a small MNIST subset (real), and
 * synthetic linear-regression and Gaussian-blobs sets, with seeded splits and
 * standardization. Every loader returns `{x, y}` usable directly as the
 * `data` of a curvature spec: integer labels for `cross_entropy`, rows of
 * targets for `mse`.
 *
 * @example Iris as a spec's data
 * ```ts
 * import { loadIris } from "./mod.ts";
 * const { train } = loadIris({ seed: 0 });
 * const data = { x: train.x, y: train.y }; // cross_entropy, layers [4, …, 3]
 * if (data.x[0].length !== 4) throw new Error("4 features");
 * ```
 *
 * @module
 */
export * from "./types.ts";
export * from "./standardize.ts";
export * from "./trainTestSplit.ts";
export * from "./oneHot.ts";
export * from "./loadIris.ts";
export * from "./loadMnist.ts";
export * from "./linearRegressionData.ts";
export * from "./gaussianBlobs.ts";
export * from "./chebyshevRegression.ts";

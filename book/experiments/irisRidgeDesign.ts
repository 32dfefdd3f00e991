/**
 * A ridge-regression design on Fisher's Iris: predict petal width from the
 * other measurements, optionally with an exactly collinear derived feature.
 *
 * @module
 */
import { loadIris } from "../../lib/data/loadIris.ts";

/** Options of {@linkcode irisRidgeDesign}. */
export interface IrisRidgeDesignOptions {
  /**
   * Append the derived feature "sepal length − petal length" (a difference of
   * two columns already in X), which makes XᵀX singular. Default false.
   */
  collinear?: boolean;
}

/** What {@linkcode irisRidgeDesign} returns. */
export interface IrisRidgeDesign {
  /** The design matrix, 150 rows (all flowers), standardized columns. */
  X: number[][];
  /** The target: standardized petal width (mean 0, so no intercept is needed). */
  y: number[];
  /** Column names of X, in order. */
  features: string[];
  /** The target's name. */
  target: string;
  /**
   * A unit vector n with Xn = 0 in exact arithmetic (the collinear design
   * only): (1, 0, −1, −1)/√3, since column 4 = column 1 − column 3.
   */
  nullVector?: number[];
}

/**
 * The Iris regression of the book's ridge example. All 150 flowers are
 * standardized (each measurement to mean 0, standard deviation 1) with
 * {@linkcode loadIris}; the target is petal width and the features are sepal
 * length, sepal width and petal length. Every column has mean 0, so the
 * model y ≈ Xβ needs no intercept and the ridge penalty treats the features
 * alike.
 *
 * With `collinear: true` a fourth column "sepal length − petal length" is
 * appended. It is an exact linear combination of two other columns, so
 * XᵀX has an exact null vector (1, 0, −1, −1)/√3 and is singular: the
 * ordinary normal equations have no unique solution, and κ(XᵀX) = ∞. (In
 * floating point the subtraction rounds each entry, so the computed XᵀX has
 * a smallest eigenvalue at rounding level, about 1e-16 of the largest.)
 *
 * @example Three features, or four with an exact collinearity
 * ```ts
 * import { irisRidgeDesign } from "./irisRidgeDesign.ts";
 * const plain = irisRidgeDesign();
 * if (plain.X.length !== 150 || plain.X[0].length !== 3) throw new Error("shape");
 * const c = irisRidgeDesign({ collinear: true });
 * const n = c.nullVector!;
 * for (const row of c.X) {
 *   const xn = row.reduce((s, v, j) => s + v * n[j], 0);
 *   if (Math.abs(xn) > 1e-14) throw new Error(`Xn = ${xn}`);
 * }
 * ```
 */
export function irisRidgeDesign(options: IrisRidgeDesignOptions = {}): IrisRidgeDesign {
  const collinear = options.collinear ?? false;
  if (typeof collinear !== "boolean") {
    throw new TypeError(
      `Cannot build the Iris ridge design: option collinear must be a boolean, got ${collinear}`,
    );
  }
  const iris = loadIris({ testFraction: 0, standardize: true });
  const rows = iris.train.x;
  const [sepalLength, sepalWidth, petalLength, petalWidth] = iris.features;
  const features = [sepalLength, sepalWidth, petalLength];
  const X = rows.map((r) => collinear ? [r[0], r[1], r[2], r[0] - r[2]] : [r[0], r[1], r[2]]);
  const y = rows.map((r) => r[3]);
  if (!collinear) return { X, y, features, target: petalWidth };
  const s = 1 / Math.sqrt(3);
  return {
    X,
    y,
    features: [...features, `${sepalLength} − ${petalLength}`],
    target: petalWidth,
    nullVector: [s, 0, -s, -s],
  };
}

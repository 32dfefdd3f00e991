/**
 * The shapes of data sets, matching the `data` field of a curvature spec.
 *
 * @module
 */

/**
 * Classification data: N feature rows and N integer labels in [0, classes),
 * the form the `cross_entropy` loss of a spec takes.
 */
export interface ClassificationData {
  /** N rows of d features. */
  x: number[][];
  /** N integer class labels. */
  y: number[];
}

/**
 * Regression data: N feature rows and N target rows of length d_L, the form
 * the `mse` loss of a spec takes (even when d_L = 1).
 */
export interface RegressionData {
  /** N rows of d features. */
  x: number[][];
  /** N rows of d_L targets. */
  y: number[][];
}

/** A train/test split of a data set. */
export interface Split<T> {
  /** The training part. */
  train: T;
  /** The held-out part (possibly empty). */
  test: T;
}

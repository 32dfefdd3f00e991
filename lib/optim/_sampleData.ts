// Private: the data of an objective that is a mean over samples (least
// squares, logistic regression): X checked and flattened, y checked, and the
// index lists of the full set and of a mini-batch.
import type { MatrixLike } from "../linalg/matrix.ts";
import { checkIndices } from "../validate/checkIndices.ts";
import { toFlatMatrix } from "../validate/toFlatMatrix.ts";
import { toVector } from "../validate/toVector.ts";

export interface SampleData {
  /** X row-major: sample i is x[i·d … i·d + d). */
  x: Float64Array;
  /** The targets, one per sample. */
  y: Float64Array;
  /** The number of samples N. */
  N: number;
  /** The number of features d. */
  d: number;
  /** 0, 1, …, N − 1. */
  all: Int32Array;
  /** Check a mini-batch's indices (a non-empty list in [0, N)). */
  batch(indices: readonly number[]): readonly number[];
}

export function sampleData(X: MatrixLike, y: ArrayLike<number>, what: string): SampleData {
  const { data: x, rows: N, cols: d } = toFlatMatrix(X, what, { name: "X" });
  const t = toVector(y, what, "y", { length: N });
  return {
    x,
    y: t,
    N,
    d,
    all: Int32Array.from({ length: N }, (_, i) => i),
    batch: (indices) => checkIndices(indices, N, "evaluate a batch"),
  };
}

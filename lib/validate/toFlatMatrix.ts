/**
 * Check a matrix of numbers and copy it into one row-major Float64Array.
 *
 * @module
 */
import { describe } from "./describe.ts";

const entries = (k: number) => `${k} ${k === 1 ? "entry" : "entries"}`;

/**
 * A matrix given as rows of numbers, rows of a typed array, or an ml-matrix
 * `Matrix` (anything with a `to2DArray()` method).
 */
export type MatrixLike = ArrayLike<ArrayLike<number>> | { to2DArray(): number[][] };

/** What a matrix must be, for {@linkcode toFlatMatrix} and `toRows`. */
export interface MatrixOptions {
  /**
   * How messages name the matrix, e.g. "x" (then entries read `x[1][0]`).
   * Default "the matrix" (entries read `entry [1][0]`).
   */
  name?: string;
  /** Require as many rows as columns. Default false. */
  square?: boolean;
  /** The required number of rows. Default: any number ≥ 1. */
  rows?: number;
  /** The required number of columns. Default: any number ≥ 1, the same in every row. */
  cols?: number;
}

/** A matrix as one row-major array: entry (i, j) is `data[i * cols + j]`. */
export interface FlatMatrix {
  /** The entries, row after row. */
  data: Float64Array;
  /** The number of rows. */
  rows: number;
  /** The number of columns. */
  cols: number;
}

/**
 * Check that `matrix` is a non-empty, rectangular matrix of finite numbers
 * (with the shape `options` asks for) and copy it into one row-major
 * Float64Array. Errors read `Cannot <what>: …`, for example
 * `the matrix is ragged (row 1 has 1 entry, row 0 has 2)`,
 * `entry [0][1] is NaN, not a finite number`, `the matrix is 2×3, not square`,
 * or with `name: "x"`, `x[2] has 3 entries, expected 4`.
 *
 * @param matrix Rows of numbers, or an ml-matrix `Matrix`.
 * @param what The action that fails on bad input, e.g. "compute the trace".
 * @param options The name for messages and the required shape.
 *
 * @example
 * ```ts
 * import { toFlatMatrix } from "./toFlatMatrix.ts";
 * const m = toFlatMatrix([[1, 2], [3, 4]], "multiply", { square: true });
 * if (m.rows !== 2 || m.cols !== 2 || m.data[2] !== 3) throw new Error();
 * let msg = "";
 * try { toFlatMatrix([[1, 2], [3, NaN]], "multiply"); } catch (e) { msg = (e as Error).message; }
 * if (msg !== "Cannot multiply: entry [1][1] is NaN, not a finite number") throw new Error(msg);
 * try { toFlatMatrix([[1, 2]], "fit", { name: "x", cols: 3 }); } catch (e) { msg = (e as Error).message; }
 * if (msg !== "Cannot fit: x[0] has 2 entries, expected 3") throw new Error(msg);
 * ```
 */
export function toFlatMatrix(
  matrix: MatrixLike,
  what: string,
  options: MatrixOptions = {},
): FlatMatrix {
  const named = options.name !== undefined;
  const name = options.name ?? "the matrix";
  const row = (i: number) => named ? `${name}[${i}]` : `row ${i}`;
  const entry = (i: number, j: number) => named ? `${name}[${i}][${j}]` : `entry [${i}][${j}]`;
  const input = matrix as unknown;
  const m = (
    input !== null && typeof input === "object" &&
      typeof (input as { to2DArray?: unknown }).to2DArray === "function"
      ? (input as { to2DArray(): number[][] }).to2DArray()
      : input
  ) as ArrayLike<ArrayLike<unknown>>;
  if (m === null || typeof m !== "object" || typeof m.length !== "number") {
    throw new TypeError(
      named
        ? `Cannot ${what}: ${name} must be a matrix (an array of rows), got ${describe(m)}`
        : `Cannot ${what}: expected a matrix (an array of rows), got ${describe(m)}`,
    );
  }
  const rows = m.length;
  if (rows === 0) throw new RangeError(`Cannot ${what}: ${name} is empty`);
  if (options.rows !== undefined && rows !== options.rows) {
    throw new RangeError(`Cannot ${what}: ${name} has ${rows} rows, expected ${options.rows}`);
  }
  const first = m[0];
  if (first === null || typeof first !== "object" || typeof first.length !== "number") {
    throw new TypeError(`Cannot ${what}: ${row(0)} is not an array, got ${describe(first)}`);
  }
  const cols = options.cols ?? first.length;
  if (cols === 0) throw new RangeError(`Cannot ${what}: ${row(0)} is empty`);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = m[i];
    if (r === null || typeof r !== "object" || typeof r.length !== "number") {
      throw new TypeError(`Cannot ${what}: ${row(i)} is not an array, got ${describe(r)}`);
    }
    if (r.length !== cols) {
      throw new RangeError(
        options.cols !== undefined
          ? `Cannot ${what}: ${row(i)} has ${entries(r.length)}, expected ${cols}`
          : `Cannot ${what}: ${name} is ragged (row ${i} has ${
            entries(r.length)
          }, row 0 has ${cols})`,
      );
    }
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = r[j];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new RangeError(
          `Cannot ${what}: ${entry(i, j)} is ${describe(v)}, not a finite number`,
        );
      }
      data[o + j] = v;
    }
  }
  if (options.square && rows !== cols) {
    throw new RangeError(`Cannot ${what}: ${name} is ${rows}×${cols}, not square`);
  }
  return { data, rows, cols };
}

/**
 * Matrix input handling shared by the linear-algebra routines: accept plain
 * arrays or ml-matrix matrices, and reject bad input with a clear error.
 *
 * @module
 */

/**
 * A matrix given as rows of numbers, rows of a typed array, or an ml-matrix
 * `Matrix` (anything with a `to2DArray()` method).
 */
export type MatrixLike = ArrayLike<ArrayLike<number>> | { to2DArray(): number[][] };

/**
 * Validate a matrix and return it as an array of `number[]` rows.
 * Throws `Cannot <what>: ...` when it is empty, ragged, non-finite or
 * (with `square`) not square.
 *
 * @example
 * ```ts
 * import { toRows } from "./matrix.ts";
 * const rows = toRows([[1, 2], [3, 4]], "compute the trace", { square: true });
 * if (rows[1][0] !== 3) throw new Error("wrong");
 * let msg = "";
 * try { toRows([[1, 2], [3]], "compute the trace"); } catch (e) { msg = String(e); }
 * if (!msg.includes("ragged")) throw new Error(msg);
 * ```
 */
export function toRows(
  matrix: MatrixLike,
  what: string,
  options: { square?: boolean } = {},
): number[][] {
  const input = matrix as unknown;
  const m = (
    input !== null && typeof input === "object" &&
      typeof (input as { to2DArray?: unknown }).to2DArray === "function"
      ? (input as { to2DArray(): number[][] }).to2DArray()
      : input
  ) as ArrayLike<ArrayLike<number>>;
  if (m === null || typeof m !== "object" || typeof m.length !== "number") {
    throw new TypeError(`Cannot ${what}: expected a matrix (an array of rows), got ${typeof m}`);
  }
  if (m.length === 0) throw new RangeError(`Cannot ${what}: the matrix is empty`);
  const cols = m[0]?.length;
  if (typeof cols !== "number" || cols === 0) {
    throw new RangeError(`Cannot ${what}: row 0 is empty or not an array`);
  }
  const rows: number[][] = [];
  for (let i = 0; i < m.length; i++) {
    const r = m[i];
    if (r === null || typeof r !== "object" || typeof r.length !== "number") {
      throw new TypeError(`Cannot ${what}: row ${i} is not an array`);
    }
    if (r.length !== cols) {
      throw new RangeError(
        `Cannot ${what}: the matrix is ragged (row ${i} has ${r.length} entries, row 0 has ${cols})`,
      );
    }
    const row = new Array<number>(cols);
    for (let j = 0; j < cols; j++) {
      const x = r[j];
      if (typeof x !== "number" || !Number.isFinite(x)) {
        throw new RangeError(`Cannot ${what}: entry [${i}][${j}] is ${x}, not a finite number`);
      }
      row[j] = x;
    }
    rows.push(row);
  }
  if (options.square && rows.length !== cols) {
    throw new RangeError(`Cannot ${what}: the matrix is ${rows.length}×${cols}, not square`);
  }
  return rows;
}

/**
 * The symmetric part (A + Aᵀ)/2 of a square matrix, as rows.
 *
 * @example
 * ```ts
 * import { symmetrize } from "./matrix.ts";
 * const s = symmetrize([[1, 2], [4, 3]]);
 * if (s[0][1] !== 3 || s[1][0] !== 3) throw new Error("not symmetric");
 * ```
 */
export function symmetrize(m: MatrixLike): number[][] {
  const a = toRows(m, "symmetrize", { square: true });
  const n = a.length;
  const s = a.map((r) => r.slice());
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (a[i][j] + a[j][i]);
      s[i][j] = v;
      s[j][i] = v;
    }
  }
  return s;
}

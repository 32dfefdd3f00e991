/**
 * Float-tolerance checks that throw readable errors. Chapters use them in
 * their check cells and the tests use them too.
 *
 * A value passes when |actual − expected| ≤ atol + rtol·|expected|, the rule
 * NumPy's `allclose` uses. Infinities must match exactly; NaN never passes.
 *
 * @module
 */
import { formatNumber } from "./validate/formatNumber.ts";

/** Numbers in the messages: 12 significant digits, so that close values stay distinct. */
const fmt = (x: number) => formatNumber(x, 12);

/** Tolerances for {@linkcode assertClose} and {@linkcode assertAllClose}. */
export interface CloseOptions {
  /** Relative tolerance. Default 1e-9. */
  rtol?: number;
  /** Absolute tolerance. Default 1e-12. */
  atol?: number;
  /** A label for the value being checked, shown in the error message. */
  label?: string;
}

/** The error thrown when a float check fails. */
export class AssertionError extends Error {
  /** Create the error with its message. */
  constructor(message: string) {
    super(message);
    this.name = "AssertionError";
  }
}

/** The relative tolerance of the close checks when none is given: 1e-9. */
export const DEFAULT_RTOL = 1e-9;
/** The absolute tolerance of the close checks when none is given: 1e-12. */
export const DEFAULT_ATOL = 1e-12;

/** Whether `actual` is within tolerance of `expected`. */
export function isClose(actual: number, expected: number, options: CloseOptions = {}): boolean {
  const { rtol = DEFAULT_RTOL, atol = DEFAULT_ATOL } = options;
  if (Number.isNaN(actual) || Number.isNaN(expected)) return false;
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

/**
 * Throw unless `actual` is within tolerance of `expected`.
 *
 * @example
 * ```ts
 * import { assertClose } from "./assert.ts";
 * assertClose(0.1 + 0.2, 0.3);
 * let threw = false;
 * try { assertClose(1.01, 1, { label: "slope" }); } catch { threw = true; }
 * if (!threw) throw new Error("should have thrown");
 * ```
 */
export function assertClose(actual: number, expected: number, options: CloseOptions = {}): void {
  if (typeof actual !== "number" || typeof expected !== "number") {
    throw new AssertionError(
      `${
        options.label ?? "value"
      }: expected two numbers, got ${typeof actual} and ${typeof expected}`,
    );
  }
  if (!isClose(actual, expected, options)) {
    const { rtol = DEFAULT_RTOL, atol = DEFAULT_ATOL } = options;
    throw new AssertionError(
      `${options.label ?? "value"} is ${fmt(actual)}, expected ${fmt(expected)} ` +
        `(difference ${fmt(Math.abs(actual - expected))}, rtol ${rtol}, atol ${atol})`,
    );
  }
}

/** A number, a vector or a matrix of numbers. */
export type NumericArray =
  | number
  | ArrayLike<number>
  | ArrayLike<ArrayLike<number>>
  | { to2DArray(): number[][] };

/**
 * Throw unless two numbers, vectors or matrices have the same shape and are
 * close element by element. The message names the first offending index.
 *
 * @example
 * ```ts
 * import { assertAllClose } from "./assert.ts";
 * assertAllClose([[2, 0], [0, -2]], [[2, 0], [0, -2 + 1e-13]]);
 * let threw = false;
 * try { assertAllClose([1, 2, 3], [1, 2.5, 3], { label: "g" }); } catch (e) {
 *   threw = String(e).includes("g[1]");
 * }
 * if (!threw) throw new Error("should name index 1");
 * if (assertAllClose([new Float64Array(2), new Float64Array(2)], [[0, 0], [0, 0]]) !== 4) {
 *   throw new Error("four values compared");
 * }
 * ```
 *
 * @returns The number of values compared.
 */
export function assertAllClose(
  actual: NumericArray,
  expected: NumericArray,
  options: CloseOptions = {},
): number {
  const label = options.label ?? "value";
  const a = normalize(actual), e = normalize(expected);
  if (a.shape.join("x") !== e.shape.join("x")) {
    throw new AssertionError(
      `${label} has shape [${a.shape}], expected shape [${e.shape}]`,
    );
  }
  const cols = a.shape.length === 2 ? a.shape[1] : 1;
  for (let i = 0; i < a.data.length; i++) {
    if (!isClose(a.data[i], e.data[i], options)) {
      const idx = a.shape.length === 2
        ? `[${Math.floor(i / cols)}][${i % cols}]`
        : a.shape.length === 1
        ? `[${i}]`
        : "";
      const { rtol = DEFAULT_RTOL, atol = DEFAULT_ATOL } = options;
      throw new AssertionError(
        `${label}${idx} is ${fmt(a.data[i])}, expected ${fmt(e.data[i])} ` +
          `(difference ${fmt(Math.abs(a.data[i] - e.data[i]))}, rtol ${rtol}, atol ${atol})`,
      );
    }
  }
  return a.data.length;
}

/**
 * Throw with `message` unless `condition` holds. For claims that are not
 * numeric comparisons.
 *
 * @example
 * ```ts
 * import { check } from "./assert.ts";
 * check(2 > 1, "two exceeds one");
 * ```
 */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

function normalize(x: NumericArray): { shape: number[]; data: number[] } {
  if (typeof x === "number") return { shape: [], data: [x] };
  if (typeof (x as { to2DArray?: unknown }).to2DArray === "function") {
    x = (x as { to2DArray(): number[][] }).to2DArray();
  }
  const arr = x as ArrayLike<unknown>;
  if (arr.length > 0 && typeof arr[0] === "object" && arr[0] !== null) {
    const rows = arr as ArrayLike<ArrayLike<number>>;
    const cols = rows[0].length;
    const data: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (rows[i].length !== cols) {
        throw new AssertionError(
          `Cannot compare: row ${i} has ${rows[i].length} entries, row 0 has ${cols}`,
        );
      }
      for (let j = 0; j < cols; j++) data.push(rows[i][j]);
    }
    return { shape: [rows.length, cols], data };
  }
  return { shape: [arr.length], data: Array.from(arr as ArrayLike<number>) };
}

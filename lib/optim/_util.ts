// Private helpers shared by the optimizers (not exported from the barrel).
import type { Objective } from "./objective.ts";

/** Copy any array of numbers into a fresh Float64Array, checking it is finite. */
export function toVector(x: ArrayLike<number>, what: string, name = "x0"): Float64Array {
  if (x === null || typeof x !== "object" || typeof x.length !== "number") {
    throw new TypeError(`Cannot ${what}: ${name} must be an array of numbers`);
  }
  if (x.length === 0) throw new RangeError(`Cannot ${what}: ${name} is empty`);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`Cannot ${what}: ${name}[${i}] is ${v}, not a finite number`);
    }
    out[i] = v;
  }
  return out;
}

/** Euclidean norm. */
export function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** Dot product. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Check an option is a number (finite unless `infinite`) in a range, returning it. */
export function numberOption(
  value: unknown,
  name: string,
  what: string,
  range: { min?: number; max?: number; minExclusive?: boolean; infinite?: boolean } = {},
): number {
  const { min, max, minExclusive = false, infinite = false } = range;
  if (typeof value !== "number" || Number.isNaN(value) || (!infinite && !Number.isFinite(value))) {
    throw new RangeError(`Cannot ${what}: option ${name} must be a finite number, got ${value}`);
  }
  const tooLow = min !== undefined && (minExclusive ? value <= min : value < min);
  const tooHigh = max !== undefined && value > max;
  if (tooLow || tooHigh) {
    const lo = min === undefined ? "" : `${minExclusive ? ">" : "≥"} ${min}`;
    const hi = max === undefined ? "" : `≤ ${max}`;
    throw new RangeError(
      `Cannot ${what}: option ${name} must be ${
        [lo, hi].filter(Boolean).join(" and ")
      }, got ${value}`,
    );
  }
  return value;
}

/** Check an option is a positive integer (or undefined when allowed). */
export function intOption(value: unknown, name: string, what: string, min = 1): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new RangeError(
      `Cannot ${what}: option ${name} must be an integer ≥ ${min}, got ${value}`,
    );
  }
  return value;
}

/** Check a gradient returned by the objective has the right length. */
export function checkVector(
  v: ArrayLike<number>,
  n: number,
  what: string,
  name: string,
): Float64Array {
  if (v === null || typeof v !== "object" || v.length !== n) {
    throw new RangeError(
      `Cannot ${what}: ${name} has length ${v?.length}, expected ${n}`,
    );
  }
  return v instanceof Float64Array ? v : Float64Array.from(v);
}

/** Validate the objective and x0 together; return x0 as a fresh vector. */
export function startCheck(
  objective: Objective,
  x0: ArrayLike<number>,
  what: string,
): Float64Array {
  if (objective === null || typeof objective !== "object") {
    throw new TypeError(`Cannot ${what}: objective must be an object with f and grad`);
  }
  if (typeof objective.f !== "function") {
    throw new TypeError(`Cannot ${what}: objective.f is not a function`);
  }
  if (typeof objective.grad !== "function") {
    throw new TypeError(`Cannot ${what}: objective.grad is not a function`);
  }
  const x = toVector(x0, what);
  if (objective.size !== undefined && objective.size !== x.length) {
    throw new RangeError(
      `Cannot ${what}: x0 has length ${x.length} but objective.size is ${objective.size}`,
    );
  }
  return x;
}

/**
 * The dense Hessian at x as a row-major n×n Float64Array: from
 * objective.hessian when present, otherwise from n Hessian-vector products.
 */
export function denseHessian(
  objective: Objective,
  x: Float64Array,
  what: string,
): Float64Array {
  const n = x.length;
  const out = new Float64Array(n * n);
  if (typeof objective.hessian === "function") {
    const h = objective.hessian(x);
    if (h === null || typeof h !== "object" || h.length !== n) {
      throw new RangeError(
        `Cannot ${what}: objective.hessian returned ${h?.length} rows, expected ${n}`,
      );
    }
    for (let i = 0; i < n; i++) {
      const row = h[i];
      if (row === null || typeof row !== "object" || row.length !== n) {
        throw new RangeError(
          `Cannot ${what}: objective.hessian row ${i} has ${row?.length} entries, expected ${n}`,
        );
      }
      for (let j = 0; j < n; j++) {
        const v = row[j];
        if (!Number.isFinite(v)) {
          throw new RangeError(`Cannot ${what}: the Hessian entry [${i}][${j}] is ${v}`);
        }
        out[i * n + j] = v;
      }
    }
  } else if (typeof objective.hvp === "function") {
    const e = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      e[j] = 1;
      const col = checkVector(objective.hvp(x, e), n, what, "objective.hvp(x, v)");
      e[j] = 0;
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(col[i])) {
          throw new RangeError(`Cannot ${what}: the Hessian entry [${i}][${j}] is ${col[i]}`);
        }
        out[i * n + j] = col[i];
      }
    }
  } else {
    throw new TypeError(`Cannot ${what}: the objective has neither hessian nor hvp`);
  }
  // Symmetrize: a numerical Hessian may carry round-off asymmetry.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (out[i * n + j] + out[j * n + i]);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/** Row-major n×n flat matrix to rows. */
export function toRowsFlat(a: Float64Array, n: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(a.subarray(i * n, (i + 1) * n)));
  return rows;
}

/** Format a number compactly for error messages. */
export function fmt(x: number): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6
    ? String(Number(x.toPrecision(6)))
    : x.toExponential(3);
}

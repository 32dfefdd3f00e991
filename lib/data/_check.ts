// Private validation helpers for lib/data.
export function checkRows(x: unknown, what: string, name = "x"): number[][] {
  if (!Array.isArray(x) || x.length === 0) {
    throw new TypeError(`Cannot ${what}: ${name} must be a non-empty array of rows`);
  }
  const d = Array.isArray(x[0]) ? x[0].length : -1;
  if (d <= 0) throw new TypeError(`Cannot ${what}: ${name}[0] is not a non-empty array`);
  x.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== d) {
      throw new RangeError(
        `Cannot ${what}: ${name} is ragged (row ${i} has ${row?.length} entries, row 0 has ${d})`,
      );
    }
    row.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new RangeError(`Cannot ${what}: ${name}[${i}][${j}] is ${v}, not a finite number`);
      }
    });
  });
  return x as number[][];
}

export function checkInt(v: unknown, name: string, what: string, min: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
    throw new RangeError(`Cannot ${what}: option ${name} must be an integer ≥ ${min}, got ${v}`);
  }
  return v;
}

export function checkNumber(
  v: unknown,
  name: string,
  what: string,
  min: number,
  max = Infinity,
): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
    const range = max === Infinity ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`Cannot ${what}: option ${name} must be a number ${range}, got ${v}`);
  }
  return v;
}

// Private helpers of lib/nn: validation of layer widths and short
// descriptions of JSON values for error messages.

/** Throw `Cannot <what>: <name>: …` unless `layers` is ≥ 2 positive integers. */
export function validateLayers(layers: unknown, what: string, name: string): void {
  if (!Array.isArray(layers)) {
    throw new TypeError(
      `Cannot ${what}: ${name}: expected an array of widths, got ${describe(layers)}`,
    );
  }
  if (layers.length < 2) {
    throw new RangeError(
      `Cannot ${what}: ${name}: expected at least 2 widths (inputs and outputs), got ${layers.length}`,
    );
  }
  layers.forEach((d, i) => {
    if (typeof d !== "number" || !Number.isInteger(d) || d < 1) {
      throw new RangeError(
        `Cannot ${what}: ${name}[${i}]: expected a positive integer, got ${describe(d)}`,
      );
    }
  });
}

/** A short description of a JSON value for error messages. */
export function describe(x: unknown): string {
  if (x === undefined) return "nothing";
  if (x === null) return "null";
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (typeof x === "string") return JSON.stringify(x.length > 40 ? x.slice(0, 40) + "…" : x);
  if (typeof x === "object") return "an object";
  return String(x);
}

// Private helper of lib/nn: validation of layer widths.
import { describe } from "../validate/describe.ts";

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

// Private: random probe vectors for the stochastic estimators, and the
// options they share.
import type { CountedOperator } from "../linalg/operator.ts";
import { Rng } from "../random.ts";
import { criticalValue } from "../stats/normalQuantile.ts";
import { choiceOption } from "../validate/choiceOption.ts";
import { numberOption } from "../validate/numberOption.ts";
import type { ProbeDistribution } from "./hutchinson.ts";
export type { ProbeDistribution };

/**
 * The options every probing routine reads: `distribution` ("rademacher", the
 * default, or "gaussian") and `seed` (default 0), as the distribution and a
 * seeded stream to draw the probes from.
 */
export function probeOptions(
  options: { distribution?: ProbeDistribution; seed?: number },
  what: string,
): { distribution: ProbeDistribution; rng: Rng } {
  const distribution = choiceOption(options, "distribution", {
    what,
    values: ["rademacher", "gaussian"],
    default: "rademacher",
  });
  return { distribution, rng: new Rng(numberOption(options, "seed", { what, default: 0 })) };
}

/** The `samples` option of the stochastic estimators: an integer ≥ 2, default 100. */
export function samplesOption(options: { samples?: number }, what: string): number {
  return numberOption(options, "samples", { what, integer: true, min: 2, default: 100 });
}

/** The `confidence` option of an interval: in (0, 1), default 0.95. */
export function confidenceOption(options: { confidence?: number }, what: string): number {
  return numberOption(options, "confidence", {
    what,
    min: 0,
    max: 1,
    exclusiveMin: true,
    exclusiveMax: true,
    default: 0.95,
  });
}

/** Draw one probe of length n. */
export function probe(rng: Rng, n: number, d: ProbeDistribution): Float64Array {
  return d === "rademacher" ? rng.rademacherVector(n) : rng.normalVector(n);
}

/** How many probes ride in one batched product. */
export const PROBE_BATCH = 16;

/**
 * The products A·v for `count` vectors v = make(k), k = 0, 1, …, taken
 * `batch` at a time through `applyBatch`; `visit(v, Av, k)` sees each pair in
 * order. The vectors of a batch are made before it is applied, so a random
 * `make` draws in the same order whatever the batch size.
 */
export function forEachProduct(
  A: CountedOperator,
  count: number,
  make: (k: number) => Float64Array,
  visit: (v: Float64Array, Av: Float64Array, k: number) => void,
  batch = PROBE_BATCH,
): void {
  for (let start = 0; start < count; start += batch) {
    const vs = Array.from({ length: Math.min(batch, count - start) }, (_, j) => make(start + j));
    A.applyBatch(vs).forEach((y, j) => visit(vs[j], y, start + j));
  }
}

/** The unit vector e_k of length n. */
export function unitVector(n: number, k: number): Float64Array {
  const e = new Float64Array(n);
  e[k] = 1;
  return e;
}

/** estimate ± z·se at `confidence`, with z the normal critical value. */
export function confidenceInterval(
  estimate: number,
  se: number,
  confidence: number,
): [number, number] {
  const z = criticalValue(confidence);
  return [estimate - z * se, estimate + z * se];
}

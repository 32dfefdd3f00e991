// Private: random probe vectors for the stochastic estimators, and the
// options they share.
import type { Rng } from "../random.ts";
import { choiceOption } from "../validate/choiceOption.ts";
import { numberOption } from "../validate/numberOption.ts";
import type { ProbeDistribution } from "./hutchinson.ts";
export type { ProbeDistribution };

/** The `distribution` option: "rademacher" (default) or "gaussian". */
export function distributionOption(
  options: { distribution?: ProbeDistribution },
  what: string,
): ProbeDistribution {
  return choiceOption(options, "distribution", {
    what,
    values: ["rademacher", "gaussian"],
    default: "rademacher",
  });
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

// Private: random probe vectors for the stochastic estimators.
import type { Rng } from "../random.ts";
export type { ProbeDistribution };

import type { ProbeDistribution } from "./hutchinson.ts";

/** Validate a distribution option. */
export function distributionOption(
  value: ProbeDistribution | undefined,
  what: string,
): ProbeDistribution {
  const d = value ?? "rademacher";
  if (d !== "rademacher" && d !== "gaussian") {
    throw new RangeError(
      `Cannot ${what}: distribution must be "rademacher" or "gaussian", got ${JSON.stringify(d)}`,
    );
  }
  return d;
}

/** Draw one probe of length n. */
export function probe(rng: Rng, n: number, d: ProbeDistribution): Float64Array {
  return d === "rademacher" ? rng.rademacherVector(n) : rng.normalVector(n);
}

/** How many probes ride in one batched product. */
export const PROBE_BATCH = 16;

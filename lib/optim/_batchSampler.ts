// Private: mini-batches that visit every sample once per epoch, in a fresh seeded order.
import { Rng } from "../random.ts";
import { checkNumber } from "../validate/checkNumber.ts";

export interface BatchSampler {
  /** The next batch (the last one of an epoch may be smaller) and its 1-based epoch. */
  next(): { batch: number[]; epoch: number };
}

/**
 * Batches of `size` indices from 0..samples−1; each epoch draws a new
 * permutation from `seed`. `samples` (the objective's) is checked here.
 */
export function batchSampler(
  samples: number,
  size: number,
  seed: number,
  what = "draw mini-batches",
): BatchSampler {
  checkNumber(samples, "objective.samples", { what, integer: true, min: 1 });
  const rng = new Rng(seed);
  let order: number[] = [];
  let pos = samples; // forces a shuffle on the first call
  let epoch = 0;
  return {
    next() {
      if (pos >= samples) {
        order = rng.permutation(samples);
        pos = 0;
        epoch++;
      }
      const batch = order.slice(pos, Math.min(pos + size, samples));
      pos += batch.length;
      return { batch, epoch };
    },
  };
}

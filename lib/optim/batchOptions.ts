/**
 * The mini-batch options every first-order optimizer accepts.
 *
 * @module
 */

/**
 * Mini-batch options shared by the first-order optimizers.
 *
 * @example Adam on mini-batches of 16
 * ```ts
 * import type { BatchOptions } from "./batchOptions.ts";
 * const batches: BatchOptions = { batchSize: 16, seed: 3 };
 * if (batches.batchSize !== 16) throw new Error("typo");
 * ```
 */
export interface BatchOptions {
  /**
   * Mini-batch size B. When set, each step uses the mean gradient over B
   * samples drawn without replacement: each epoch visits the N samples in a
   * fresh seeded random order, in consecutive batches of B (the last batch of
   * an epoch is smaller when B does not divide N). The objective must expose
   * `samples` and `gradBatch`. Default: unset, the full gradient.
   */
  batchSize?: number;
  /** Seed of the batch order. Default 0. */
  seed?: number;
}

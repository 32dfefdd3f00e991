// Private: the per-step info every first-order optimizer records about its batch.
import type { StepInfo } from "./optimizer.ts";

export function batchInfo(batch: number[] | undefined, epoch: number): StepInfo {
  return batch === undefined ? {} : { batchSize: batch.length, epoch };
}

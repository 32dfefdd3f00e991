// Private: the timer of the cost experiments (run by `deno task bench:record`, never by the book).
import process from "node:process";

/** CPU time of this process so far, ms (user + system). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Options of {@linkcode minTime}. */
export interface MinTimeOptions {
  /** Keep repeating until this many ms have passed (after `minRepeats`). */
  budgetMs: number;
  /** At least this many timed repeats. */
  minRepeats: number;
  /** Each repeat runs the call k times, k doubled until k calls last this many ms. Default 0 (k = 1). */
  batchMs?: number;
  /** At most this many repeats. Default 100. */
  maxRepeats?: number;
}

/**
 * Milliseconds per call of `fn`: the minimum over repeats of the smaller of the wall-clock time
 * and the process's CPU time (user + system), divided by the calls per repeat.
 *
 * Both are upper bounds on the cost of a call, with different failure modes: wall-clock time
 * also counts the time other processes hold the cores, CPU time also counts this process's
 * background threads (JIT compilation, garbage collection). A slow repeat only counts if every
 * repeat is slow.
 */
export function minTime(fn: () => void, options: MinTimeOptions): number {
  const { budgetMs, minRepeats, batchMs = 0, maxRepeats = 100 } = options;
  let k = 1;
  if (batchMs > 0) {
    for (;;) {
      const t0 = performance.now();
      for (let i = 0; i < k; i++) fn();
      if (performance.now() - t0 >= batchMs || k >= 1 << 20) break;
      k *= 2;
    }
  }
  let best = Infinity;
  const start = performance.now();
  for (let r = 0; r < minRepeats || performance.now() - start < budgetMs; r++) {
    const w = performance.now(), c = cpuMs();
    for (let i = 0; i < k; i++) fn();
    best = Math.min(best, (performance.now() - w) / k, (cpuMs() - c) / k);
    if (r + 1 >= Math.max(maxRepeats, minRepeats)) break;
  }
  return Math.max(best, 1e-6);
}

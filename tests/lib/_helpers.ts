/** Small helpers shared by the library tests. */
import type { Rng } from "../../lib/random.ts";

/** The message of the error `fn` throws, or "" if it does not throw. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return "";
}

/**
 * Check that each `fn` throws an error whose message starts with `prefix`
 * and contains `text`; the failure names the case.
 */
export function assertErrors(cases: [() => unknown, string][], prefix = "Cannot"): void {
  for (const [fn, text] of cases) {
    const msg = errorOf(fn);
    if (!(msg.startsWith(prefix) && msg.includes(text))) {
      throw new Error(`expected "${prefix}…${text}…", got "${msg}"`);
    }
  }
}

/** A random symmetric matrix (A + Aᵀ)/2 with standard normal A, scaled. */
export function randomSymmetric(r: Rng, n: number, scale = 1): number[][] {
  const A = Array.from({ length: n }, () => Array.from(r.normalVector(n), (x) => x * scale));
  return A.map((row, i) => row.map((a, j) => (a + A[j][i]) / 2));
}

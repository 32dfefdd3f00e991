// Private: in-process memoization of experiments keyed by their name and options, so a
// chapter that draws a figure and then shows the claim built on the same experiment runs it once.
const cache = new Map<string, unknown>();

/** The cached result of `compute()` for (`name`, `options`), computing it on the first call. */
export function memoizeExperiment<T>(name: string, options: unknown, compute: () => T): T {
  const key = `${name}:${JSON.stringify(options ?? {})}`;
  if (!cache.has(key)) cache.set(key, compute());
  return cache.get(key) as T;
}

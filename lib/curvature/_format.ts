// Private: sizes and durations in error messages and notes.

/** "3.2 GB", "870 MB": a byte count for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toPrecision(3)} GB`;
  return `${Math.max(1, Math.round(bytes / 1e6))} MB`;
}

/** "0.4 s", "12 s", "3.5 min", "6.4 h": a duration for messages. */
export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${seconds.toPrecision(2)} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${(seconds / 60).toPrecision(2)} min`;
  return `${(seconds / 3600).toPrecision(2)} h`;
}

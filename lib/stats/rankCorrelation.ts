/**
 * Spearman's rank correlation: do two lists order their entries the same way?
 *
 * @module
 */

/**
 * The ranks of `values` (0-based, ascending), ties sharing their mean rank.
 *
 * @example
 * ```ts
 * import { averageRanks } from "./rankCorrelation.ts";
 * const r = averageRanks([10, 30, 20, 30]);
 * if (r.join() !== "0,2.5,1,2.5") throw new Error(r.join());
 * ```
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i])) {
      throw new RangeError(`Cannot rank values: entry ${i} is NaN`);
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i] - values[j]);
  const out = new Float64Array(n);
  for (let k = 0; k < n;) {
    let e = k;
    while (e + 1 < n && values[order[e + 1]] === values[order[k]]) e++;
    for (let q = k; q <= e; q++) out[order[q]] = (k + e) / 2;
    k = e + 1;
  }
  return out;
}

/**
 * Spearman's rank correlation ρ of `a` and `b`: the Pearson correlation of
 * their ranks (ties get mean ranks). ρ = 1 when one list is an increasing
 * function of the other, −1 when decreasing; it ignores the scale, so it
 * asks whether `a` orders the entries like `b`, not whether `a ≈ b`.
 *
 * Throws when the lengths differ, when there are fewer than 2 entries, or
 * when either list is constant (ρ undefined).
 *
 * @example Monotone but far from equal: ρ = 1
 * ```ts
 * import { rankCorrelation } from "./rankCorrelation.ts";
 * const x = [0.1, 2, 3, 40];
 * if (rankCorrelation(x, x.map((v) => v ** 3)) !== 1) throw new Error();
 * if (rankCorrelation(x, x.map((v) => -v)) !== -1) throw new Error();
 * ```
 */
export function rankCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const what = "compute a rank correlation";
  if (a.length !== b.length) {
    throw new RangeError(`Cannot ${what}: a has ${a.length} entries but b has ${b.length}`);
  }
  if (a.length < 2) throw new RangeError(`Cannot ${what}: need at least 2 entries`);
  const ra = averageRanks(a), rb = averageRanks(b);
  const n = ra.length, mean = (n - 1) / 2;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = ra[i] - mean, db = rb[i] - mean;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) {
    throw new RangeError(`Cannot ${what}: ${saa === 0 ? "a" : "b"} is constant`);
  }
  return sab / Math.sqrt(saa * sbb);
}

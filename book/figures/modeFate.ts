/**
 * Words for what gradient descent does to one eigen-mode, chosen from the
 * computed factor 1 − αλ, so that a caption cannot say "shrinks" for a mode
 * that grows.
 *
 * @module
 */

/** What happens to a mode's amplitude |z_k| under the factor r = 1 − αλ. */
export type ModeFate = "shrinks" | "stays" | "grows";

/**
 * The fate of a mode with factor `factor` (= 1 − αλ): |r| < 1 shrinks,
 * |r| = 1 (within `tol`) stays, |r| > 1 grows.
 *
 * Throws `Cannot describe the mode: …` for a non-finite factor or tolerance.
 *
 * @example
 * ```ts
 * import { modeFate } from "./modeFate.ts";
 * if (modeFate(-0.98) !== "shrinks" || modeFate(-1) !== "stays" || modeFate(-1.02) !== "grows") {
 *   throw new Error();
 * }
 * ```
 */
export function modeFate(factor: number, tol = 1e-9): ModeFate {
  if (!Number.isFinite(factor) || !(tol >= 0)) {
    throw new RangeError(
      `Cannot describe the mode: factor ${factor} and tol ${tol} must be finite`,
    );
  }
  const a = Math.abs(factor);
  return Math.abs(a - 1) <= tol ? "stays" : a < 1 ? "shrinks" : "grows";
}

/**
 * Where the factor sits against −1 (or +1 for a positive factor): "above −1",
 * "exactly −1" or "below −1".
 *
 * @example
 * ```ts
 * import { factorVersusOne } from "./modeFate.ts";
 * if (factorVersusOne(-1.02) !== "below −1" || factorVersusOne(0.5) !== "below 1") throw new Error();
 * ```
 */
export function factorVersusOne(factor: number, tol = 1e-9): string {
  const one = factor < 0 ? "−1" : "1";
  const ref = factor < 0 ? -1 : 1;
  return Math.abs(factor - ref) <= tol
    ? `exactly ${one}`
    : factor > ref
    ? `above ${one}`
    : `below ${one}`;
}

/** One plotted run: its legend label and its factor 1 − αλ. */
export interface ModeCase {
  /** The legend label, e.g. "α = 2/λmax". */
  label: string;
  /** The factor 1 − αλ of the plotted mode. */
  factor: number;
}

/**
 * One clause per run, in the order given: "α = 0.99 · 2/λmax: factor −0.980,
 * above −1, so the amplitude shrinks". Every word comes from the factor.
 *
 * @example
 * ```ts
 * import { modeFateClauses } from "./modeFate.ts";
 * const s = modeFateClauses([{ label: "a", factor: -1.02 }]);
 * if (s !== "a: factor −1.020, below −1, so the amplitude grows") throw new Error(s);
 * ```
 */
export function modeFateClauses(cases: readonly ModeCase[], tol = 1e-9): string {
  const num = (x: number) => x.toFixed(3).replace("-", "−");
  return cases.map((c) =>
    `${c.label}: factor ${num(c.factor)}, ${factorVersusOne(c.factor, tol)}, so the amplitude ${
      modeFate(c.factor, tol)
    }`
  ).join("; ");
}

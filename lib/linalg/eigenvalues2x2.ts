/**
 * Closed-form eigenvalues of a symmetric 2×2 matrix.
 *
 * @module
 */
import { checkNumber } from "../validate/checkNumber.ts";

/**
 * The eigenvalues of the symmetric matrix [[a, b], [b, c]], ascending, from
 * the closed form λ = (a + c ± √((a − c)² + 4b²))/2, written so that it stays
 * accurate when b is tiny or the entries span a huge dynamic range:
 *
 * - the square root is `Math.hypot((a − c)/2, b)`, which neither overflows
 *   nor underflows when squaring;
 * - the root of larger magnitude, m + sign(m)·r with m = (a + c)/2, is a sum
 *   of two numbers of the same sign, so it has no cancellation;
 * - the other root comes from the product of the roots, λ₁λ₂ = ac − b²,
 *   evaluated as c·(a/λ) − b·(b/λ) (|a|, |b| ≤ |λ|, so nothing overflows).
 *   The textbook form m − r would cancel catastrophically: for
 *   [[1, 0], [0, 1e-20]] it returns 0 instead of 1e-20.
 *
 * @example The paper's saddle and a tiny eigenvalue
 * ```ts
 * import { eigenvalues2x2 } from "./eigenvalues2x2.ts";
 * const [lo, hi] = eigenvalues2x2(2, 0, -2);
 * if (lo !== -2 || hi !== 2) throw new Error(`${lo}, ${hi}`);
 * const [small] = eigenvalues2x2(1, 1e-30, 1e-20);
 * if (Math.abs(small - 1e-20) > 1e-35) throw new Error(String(small));
 * ```
 */
export function eigenvalues2x2(a: number, b: number, c: number): [number, number] {
  const rule = { what: "compute 2×2 eigenvalues" };
  checkNumber(a, "a", rule), checkNumber(b, "b", rule), checkNumber(c, "c", rule);
  const m = a / 2 + c / 2;
  const r = Math.hypot(a / 2 - c / 2, b);
  if (m === 0) return [-r, r];
  const big = m > 0 ? m + r : m - r;
  // ac − b² over the big root, scaled so that no product overflows.
  const small = c * (a / big) - b * (b / big);
  return big > 0 ? [small, big] : [big, small];
}

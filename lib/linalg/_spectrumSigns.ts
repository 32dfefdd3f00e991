// Private: the sign counts behind classifyEigenvalues and definiteness.
import { toVector } from "../validate/toVector.ts";

/** The relative tolerance of the degeneracy rule: |λ| ≤ 1e-9·max(1, max|λ|) counts as zero. */
export const DEGENERATE_TOLERANCE = 1e-9;

export function checkValues(values: ArrayLike<number>, what: string): void {
  toVector(values, what, "eigenvalues", { copy: false });
}

/** Count eigenvalues below, at and above zero under the degeneracy rule. */
export function signs(values: ArrayLike<number>): { neg: number; zero: number; pos: number } {
  let big = 0;
  for (let i = 0; i < values.length; i++) big = Math.max(big, Math.abs(values[i]));
  const tol = DEGENERATE_TOLERANCE * Math.max(1, big);
  let neg = 0, zero = 0, pos = 0;
  for (let i = 0; i < values.length; i++) {
    const l = values[i];
    if (Math.abs(l) <= tol) zero++;
    else if (l > 0) pos++;
    else neg++;
  }
  return { neg, zero, pos };
}

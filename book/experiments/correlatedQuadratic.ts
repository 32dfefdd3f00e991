/**
 * A quadratic whose Hessian has a chosen scale per coordinate and a chosen
 * correlation between coordinates: the test case for diagonal curvature.
 *
 * @module
 */
import type { Objective } from "../../lib/optim/objective.ts";
import { quadraticObjective } from "../../lib/optim/quadraticObjective.ts";

/** Options of {@linkcode correlatedQuadratic}. */
export interface CorrelatedQuadraticOptions {
  /** The correlation ρ between every pair of coordinates, in (−1/(n−1), 1). Required. */
  rho: number;
  /** The positive curvature of each coordinate, hᵢᵢ = sᵢ; its length is n ≥ 2. Default [1, 1]. */
  scales?: number[];
}

/** The quadratic and the quantities that govern diagonal Newton on it. */
export interface CorrelatedQuadratic {
  /** n. */
  n: number;
  /** ρ. */
  rho: number;
  /** The Hessian H = S C S with S = diag(√sᵢ) and C = (1 − ρ)I + ρ11ᵀ. */
  hessian: number[][];
  /** f(x) = ½xᵀHx, minimized at x = 0 with f = 0. */
  objective: Objective & { readonly size: number };
  /**
   * |largest eigenvalue| of I − D⁻¹H (D = diag(H)), by the closed form
   * max(|ρ|, (n − 1)|ρ|): the factor by which diagonal Newton (η = 1)
   * multiplies the error along its worst direction per step. Above 1 it diverges.
   */
  diagonalNewtonFactor: number;
  /** The step size η* = 2/(2 + (n − 2)ρ) that balances the two eigenvalues of I − ηD⁻¹H. */
  bestDiagonalStep: number;
  /** The contraction factor at η*: (κ_C − 1)/(κ_C + 1), κ_C = (1 + (n − 1)ρ)/(1 − ρ). */
  bestDiagonalFactor: number;
}

/**
 * The quadratic f(x) = ½xᵀHx with H = S C S: C is the n×n equicorrelation
 * matrix (ones on the diagonal, ρ everywhere else) and S = diag(√sᵢ), so
 * diag(H) = s (the scales) and the off-diagonal entries hᵢⱼ = ρ√(sᵢsⱼ) carry
 * the correlation. H is positive definite for −1/(n−1) < ρ < 1.
 *
 * D⁻¹H = S⁻¹CS is similar to C, whose eigenvalues are 1 − ρ (n − 1 times)
 * and 1 + (n − 1)ρ, whatever the scales: diagonal Newton sees through the
 * scales and is blind to ρ. Its iteration matrix I − D⁻¹H has eigenvalues ρ
 * and −(n − 1)ρ, hence `diagonalNewtonFactor`.
 *
 * @example Two coordinates, scales 1 and 100, correlation 0.9
 * ```ts
 * import { correlatedQuadratic } from "./correlatedQuadratic.ts";
 * const q = correlatedQuadratic({ rho: 0.9, scales: [1, 100] });
 * if (q.hessian[0][1] !== 9 || q.hessian[1][1] !== 100) throw new Error(String(q.hessian));
 * if (Math.abs(q.diagonalNewtonFactor - 0.9) > 1e-15) throw new Error();
 * ```
 */
export function correlatedQuadratic(options: CorrelatedQuadraticOptions): CorrelatedQuadratic {
  const what = "build the correlated quadratic";
  const scales = options?.scales ?? [1, 1];
  const rho = options?.rho;
  if (
    !Array.isArray(scales) || scales.length < 2 || !scales.every((s) => s > 0 && Number.isFinite(s))
  ) {
    throw new RangeError(`Cannot ${what}: option scales must hold at least 2 positive numbers`);
  }
  const n = scales.length;
  if (typeof rho !== "number" || !(rho > -1 / (n - 1) && rho < 1)) {
    throw new RangeError(
      `Cannot ${what}: option rho must lie in (−1/(n−1), 1) = (${
        -1 / (n - 1)
      }, 1) for n = ${n}, got ${rho}`,
    );
  }
  const root = scales.map(Math.sqrt);
  const hessian = scales.map((si, i) =>
    scales.map((_, j) => (i === j ? si : rho * root[i] * root[j]))
  );
  const kappaC = (1 + (n - 1) * rho) / (1 - rho);
  return {
    n,
    rho,
    hessian,
    objective: quadraticObjective(hessian),
    diagonalNewtonFactor: Math.max(Math.abs(rho), (n - 1) * Math.abs(rho)),
    bestDiagonalStep: 2 / (2 + (n - 2) * rho),
    bestDiagonalFactor: Math.abs(kappaC - 1) / (kappaC + 1),
  };
}

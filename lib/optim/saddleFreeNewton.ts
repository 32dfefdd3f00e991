/**
 * Saddle-free Newton, x ← x − |H|⁻¹∇f with |H| = Q|Λ|Qᵀ.
 *
 * @module
 */
import { eigh } from "../linalg/eigh.ts";
import type { Optimizer } from "./optimizer.ts";
import { secondOrderStepper } from "./_secondOrder.ts";
import { spectralSolve } from "./_newtonSolve.ts";
import { denseHessian, toRowsFlat } from "./_util.ts";
import { formatNumber as fmt } from "../validate/formatNumber.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode saddleFreeNewton}. */
export interface SaddleFreeNewtonOptions {
  /** δ ≥ 0 added to every |λᵢ|: the step uses 1/(|λᵢ| + δ). Default 0. */
  damping?: number;
  /** The step size η. Default 1. */
  stepSize?: number;
  /** |H| + δI counts as singular when min ≤ tol·max of |λᵢ| + δ. Default 1e-10. */
  singularTolerance?: number;
}

/**
 * Saddle-free Newton (Dauphin et al. 2014):
 * x_{t+1} = x_t − η Q (|Λ| + δI)⁻¹ Qᵀ ∇f(x_t), where H = QΛQᵀ is the
 * symmetric eigendecomposition ({@linkcode eigh}).
 *
 * Along an eigenvector with λᵢ > 0 this is the Newton step; along one with
 * λᵢ < 0 the sign flips, so the step goes downhill, away from a saddle,
 * where Newton would be drawn into it. Costs one dense eigendecomposition per
 * step. A zero eigenvalue with δ = 0 throws
 * `Cannot take a saddle-free Newton step: |H| + δI is singular (…)`.
 * The step info is `{eigenvalues, negativeEigenvalues, stepNorm}`.
 *
 * @example On x² − y², Newton jumps to the saddle; saddle-free Newton leaves it
 * ```ts
 * import { saddleFreeNewton } from "./saddleFreeNewton.ts";
 * const saddle = {
 *   f: ([x, y]: Float64Array) => x * x - y * y,
 *   grad: ([x, y]: Float64Array) => new Float64Array([2 * x, -2 * y]),
 *   hessian: () => [[2, 0], [0, -2]],
 * };
 * const run = saddleFreeNewton().start(saddle, [0.5, 0.1]);
 * run.step(); // x ← 0.5 − 1/2·1 = 0, y ← 0.1 − 1/2·(−0.2) = 0.2
 * if (Math.abs(run.x[0]) > 1e-15 || Math.abs(run.x[1] - 0.2) > 1e-15) throw new Error(String(run.x));
 * ```
 */
export function saddleFreeNewton(options: SaddleFreeNewtonOptions = {}): Optimizer {
  const what = "take a saddle-free Newton step";
  const delta = numberOption(options, "damping", { what, min: 0, default: 0 });
  const eta = numberOption(options, "stepSize", { what, min: 0, exclusiveMin: true, default: 1 });
  const tol = numberOption(options, "singularTolerance", { what, min: 0, default: 1e-10 });
  const parts = [delta ? `damping=${delta}` : "", eta !== 1 ? `stepSize=${eta}` : ""];
  return {
    name: `saddleFreeNewton(${parts.filter(Boolean).join(", ")})`,
    start: (objective, x0) =>
      secondOrderStepper(objective, x0, what, eta, {
        direction(objective, x, g) {
          const n = x.length;
          const { values, vectors } = eigh(toRowsFlat(denseHessian(objective, x, what), n));
          const abs = values.map((l) => Math.abs(l) + delta);
          const lo = Math.min(...abs), hi = Math.max(...abs);
          if (lo <= tol * hi) {
            throw new RangeError(
              `Cannot ${what}: |H| + δI is singular (smallest |eigenvalue| + δ ${fmt(lo)} ≤ ` +
                `${tol}·largest ${fmt(hi)}); set damping > 0`,
            );
          }
          return {
            d: spectralSolve(vectors, abs, g),
            info: {
              eigenvalues: Float64Array.from(values),
              negativeEigenvalues: values.filter((l) => l < 0).length,
            },
          };
        },
      }),
  };
}

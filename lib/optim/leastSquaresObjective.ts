/**
 * Linear least squares (optionally ridge) as an {@linkcode Objective} with
 * mini-batch access.
 *
 * @module
 */
import type { MatrixLike } from "../linalg/matrix.ts";
import type { Objective } from "./objective.ts";
import { sampleData } from "./_sampleData.ts";
import { checkVector } from "./_util.ts";
import { choiceOption } from "../validate/choiceOption.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode leastSquaresObjective}. */
export interface LeastSquaresObjectiveOptions {
  /** The ridge penalty λ ≥ 0, adding λ‖β‖². Default 0. */
  ridge?: number;
  /**
   * `"mean"`: f = (1/N)‖Xβ − y‖² + λ‖β‖², Hessian (2/N)XᵀX + 2λI (the
   * library's `mse`). `"sum"`: f = ‖Xβ − y‖² + λ‖β‖², Hessian 2(XᵀX + λI)
   * (the paper's ridge normal equations). Default `"mean"`.
   */
  reduction?: "mean" | "sum";
}

/**
 * Least squares in β ∈ ℝᵈ for data X (N×d) and targets y (N): with
 * `reduction: "mean"`, f(β) = (1/N) Σᵢ (xᵢᵀβ − yᵢ)² + λ‖β‖².
 *
 * It is a mean over N samples, so it has mini-batch access for SGD:
 * `gradBatch(β, I)` is the mean over i ∈ I of the per-sample gradient
 * 2(xᵢᵀβ − yᵢ)xᵢ·s + 2λβ, with s = 1 for "mean" and N for "sum"; over all
 * samples it equals `grad`. The Hessian is constant, computed once (O(Nd²))
 * and copied on each call; a gradient costs O(Nd), a batch gradient O(Bd).
 * There is no intercept: add a column of ones to X for one.
 *
 * @example The Hessian is (2/N)XᵀX
 * ```ts
 * import { leastSquaresObjective } from "./leastSquaresObjective.ts";
 * const ls = leastSquaresObjective([[1, 0], [1, 1], [1, 2]], [1, 2, 3]);
 * const H = ls.hessian!(new Float64Array(2));
 * if (H[0][0] !== 2 || H[0][1] !== 2 || Math.abs(H[1][1] - 10 / 3) > 1e-15) throw new Error(String(H));
 * if (ls.f(new Float64Array([1, 1])) !== 0) throw new Error("y = 1 + x fits exactly");
 * ```
 */
export function leastSquaresObjective(
  X: MatrixLike,
  y: ArrayLike<number>,
  options: LeastSquaresObjectiveOptions = {},
): Objective & { readonly size: number; readonly samples: number } {
  const what = "build a least-squares objective";
  const { x, y: t, N, d, all, batch } = sampleData(X, y, what);
  const lambda = numberOption(options, "ridge", { what, min: 0, default: 0 });
  const reduction = choiceOption(options, "reduction", {
    what,
    values: ["mean", "sum"],
    default: "mean",
  });
  const scale = reduction === "mean" ? 1 : N;
  let hess: number[][] | undefined;
  const hessian = (): number[][] => {
    if (hess === undefined) {
      const h = new Float64Array(d * d);
      for (let i = 0; i < N; i++) {
        const o = i * d;
        for (let j = 0; j < d; j++) {
          const xj = x[o + j];
          if (xj === 0) continue;
          for (let k = j; k < d; k++) h[j * d + k] += xj * x[o + k];
        }
      }
      hess = [];
      for (let j = 0; j < d; j++) hess.push(new Array<number>(d));
      for (let j = 0; j < d; j++) {
        for (let k = j; k < d; k++) {
          const v = (2 * scale / N) * h[j * d + k] + (j === k ? 2 * lambda : 0);
          hess[j][k] = v;
          hess[k][j] = v;
        }
      }
    }
    return hess.map((r) => r.slice());
  };
  const residual = (beta: Float64Array, i: number) => {
    const o = i * d;
    let s = -t[i];
    for (let j = 0; j < d; j++) s += x[o + j] * beta[j];
    return s;
  };
  const value = (beta: Float64Array, idx: ArrayLike<number>) => {
    checkVector(beta, d, "evaluate least squares", "beta");
    let s = 0;
    for (let k = 0; k < idx.length; k++) {
      const r = residual(beta, idx[k]);
      s += r * r;
    }
    let pen = 0;
    for (let j = 0; j < d; j++) pen += beta[j] * beta[j];
    return (scale * s) / idx.length + lambda * pen;
  };
  const gradient = (beta: Float64Array, idx: ArrayLike<number>) => {
    checkVector(beta, d, "evaluate least squares", "beta");
    const g = new Float64Array(d);
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      const r = residual(beta, i);
      const o = i * d;
      for (let j = 0; j < d; j++) g[j] += r * x[o + j];
    }
    const c = (2 * scale) / idx.length;
    for (let j = 0; j < d; j++) g[j] = c * g[j] + 2 * lambda * beta[j];
    return g;
  };
  return {
    size: d,
    samples: N,
    f: (beta) => value(beta, all),
    grad: (beta) => gradient(beta, all),
    hessian,
    hvp: (_beta, v) => {
      checkVector(v, d, "evaluate least squares", "v");
      // (2s/N) Xᵀ(Xv) + 2λv, without forming the Hessian.
      const out = new Float64Array(d);
      for (let i = 0; i < N; i++) {
        const o = i * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += x[o + j] * v[j];
        for (let j = 0; j < d; j++) out[j] += s * x[o + j];
      }
      for (let j = 0; j < d; j++) out[j] = (2 * scale / N) * out[j] + 2 * lambda * v[j];
      return out;
    },
    gradBatch: (beta, idx) => gradient(beta, batch(idx)),
    fBatch: (beta, idx) => value(beta, batch(idx)),
  };
}

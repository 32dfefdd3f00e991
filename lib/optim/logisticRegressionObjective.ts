/**
 * Binary logistic regression as an {@linkcode Objective} with mini-batch
 * access: a small, smooth, non-quadratic problem.
 *
 * @module
 */
import type { MatrixLike } from "../linalg/matrix.ts";
import type { Objective } from "./objective.ts";
import { sampleData } from "./_sampleData.ts";
import { checkVector } from "./_util.ts";
import { checkIndices } from "../validate/checkIndices.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode logisticRegressionObjective}. */
export interface LogisticRegressionObjectiveOptions {
  /** The L2 penalty λ ≥ 0, adding (λ/2)‖w‖² (Hessian + λI). Default 0. */
  l2?: number;
}

/**
 * The mean logistic loss of weights w ∈ ℝᵈ on data X (N×d) with labels
 * yᵢ ∈ {0, 1}:
 * f(w) = (1/N) Σᵢ [log(1 + e^{zᵢ}) − yᵢ zᵢ] + (λ/2)‖w‖², zᵢ = xᵢᵀw,
 * computed stably. ∇f = (1/N) Xᵀ(σ(z) − y) + λw and
 * ∇²f = (1/N) Xᵀ diag(σ(z)(1 − σ(z))) X + λI. No intercept: add a column of
 * ones to X for one. Mini-batch access as in {@linkcode Objective}.
 *
 * @example At w = 0 the loss is log 2 and the Hessian is XᵀX/(4N)
 * ```ts
 * import { logisticRegressionObjective } from "./logisticRegressionObjective.ts";
 * const lr = logisticRegressionObjective([[1, 2], [1, -1]], [1, 0]);
 * const w = new Float64Array(2);
 * if (Math.abs(lr.f(w) - Math.log(2)) > 1e-15) throw new Error("wrong value");
 * const H = lr.hessian!(w);
 * if (Math.abs(H[1][1] - 5 / 8) > 1e-15) throw new Error(String(H));
 * ```
 */
export function logisticRegressionObjective(
  X: MatrixLike,
  y: ArrayLike<number>,
  options: LogisticRegressionObjectiveOptions = {},
): Objective & { readonly size: number; readonly samples: number } {
  const what = "build a logistic-regression objective";
  const { x, y: labels, N, d, all, batch } = sampleData(X, y, what);
  checkIndices(labels, 2, what, "y"); // labels 0 or 1
  const lambda = numberOption(options, "l2", { what, min: 0, default: 0 });
  const z = (w: Float64Array, i: number) => {
    let s = 0;
    const o = i * d;
    for (let j = 0; j < d; j++) s += x[o + j] * w[j];
    return s;
  };
  const sigmoid = (t: number) => t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
  const softplus = (t: number) => Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
  const penalty = (w: Float64Array) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += w[j] * w[j];
    return 0.5 * lambda * s;
  };
  const value = (w: Float64Array, idx: ArrayLike<number>) => {
    checkVector(w, d, "evaluate logistic regression", "w");
    let s = 0;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      const zi = z(w, i);
      s += softplus(zi) - labels[i] * zi;
    }
    return s / idx.length + penalty(w);
  };
  const gradient = (w: Float64Array, idx: ArrayLike<number>) => {
    checkVector(w, d, "evaluate logistic regression", "w");
    const g = new Float64Array(d);
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      const r = sigmoid(z(w, i)) - labels[i];
      const o = i * d;
      for (let j = 0; j < d; j++) g[j] += r * x[o + j];
    }
    for (let j = 0; j < d; j++) g[j] = g[j] / idx.length + lambda * w[j];
    return g;
  };
  return {
    size: d,
    samples: N,
    f: (w) => value(w, all),
    grad: (w) => gradient(w, all),
    hessian: (w) => {
      checkVector(w, d, "evaluate logistic regression", "w");
      const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
      for (let i = 0; i < N; i++) {
        const s = sigmoid(z(w, i));
        const c = s * (1 - s) / N;
        const o = i * d;
        for (let j = 0; j < d; j++) {
          const cj = c * x[o + j];
          for (let k = j; k < d; k++) h[j][k] += cj * x[o + k];
        }
      }
      for (let j = 0; j < d; j++) {
        h[j][j] += lambda;
        for (let k = j + 1; k < d; k++) h[k][j] = h[j][k];
      }
      return h;
    },
    hvp: (w, v) => {
      checkVector(w, d, "evaluate logistic regression", "w");
      checkVector(v, d, "evaluate logistic regression", "v");
      const out = new Float64Array(d);
      for (let i = 0; i < N; i++) {
        const s = sigmoid(z(w, i));
        const c = s * (1 - s) * z(v, i) / N;
        const o = i * d;
        for (let j = 0; j < d; j++) out[j] += c * x[o + j];
      }
      for (let j = 0; j < d; j++) out[j] += lambda * v[j];
      return out;
    },
    gradBatch: (w, idx) => gradient(w, batch(idx)),
    fBatch: (w, idx) => value(w, batch(idx)),
  };
}

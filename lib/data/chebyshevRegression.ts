/**
 * A one-dimensional regression target: a Chebyshev polynomial sampled on
 * [−1, 1].
 *
 * @module
 */
import type { RegressionData } from "./types.ts";
import { numberOption } from "../validate/numberOption.ts";

/** Options of {@linkcode chebyshevRegression}. */
export interface ChebyshevRegressionOptions {
  /** The number of samples N ≥ 2. Default 20. */
  points?: number;
  /** The degree k of the target T_k. Default 6. */
  degree?: number;
}

/**
 * N equally spaced inputs tᵢ = −1 + 2i/(N − 1) and targets T_k(tᵢ), the
 * Chebyshev polynomial of degree k (T₀ = 1, T₁ = t,
 * T_{j+1} = 2tT_j − T_{j−1}), as `{x: [[tᵢ]], y: [[T_k(tᵢ)]]}`: the data of
 * an `mse` spec with one input and one output. T_k oscillates between −1
 * and 1 with k − 1 turning points inside the interval, so a small network
 * needs many steps to fit it (a classic setting for edge-of-stability
 * experiments). Deterministic; there is no noise.
 *
 * @example T₂(t) = 2t² − 1 on three points
 * ```ts
 * import { chebyshevRegression } from "./chebyshevRegression.ts";
 * const { x, y } = chebyshevRegression({ points: 3, degree: 2 });
 * if (x.map((r) => r[0]).join() !== "-1,0,1" || y.map((r) => r[0]).join() !== "1,-1,1") {
 *   throw new Error(JSON.stringify(y));
 * }
 * ```
 */
export function chebyshevRegression(options: ChebyshevRegressionOptions = {}): RegressionData {
  const what = "generate the Chebyshev regression data";
  const N = numberOption(options, "points", { what, integer: true, min: 2, default: 20 });
  const k = numberOption(options, "degree", { what, integer: true, min: 0, default: 6 });
  const x: number[][] = [], y: number[][] = [];
  for (let i = 0; i < N; i++) {
    const t = -1 + (2 * i) / (N - 1);
    let prev = 1, cur = t;
    for (let j = 1; j < k; j++) [prev, cur] = [cur, 2 * t * cur - prev];
    x.push([t]);
    y.push([k === 0 ? 1 : cur]);
  }
  return { x, y };
}

/**
 * The stochastic diagonal estimator of Bekas, Kokiopoulou and Saad (2007).
 *
 * @module
 */
import type { MatrixLike } from "../linalg/matrix.ts";
import { countedOperator, type LinearOperator } from "../linalg/operator.ts";
import { forEachProduct, probe, probeOptions, samplesOption } from "./_probes.ts";
import type { ProbeDistribution } from "./hutchinson.ts";

/** Options for {@linkcode hutchinsonDiagonal}. */
export interface HutchinsonDiagonalOptions {
  /** Number of probes (= operator applications), at least 2. Default 100. */
  samples?: number;
  /** Probe distribution. Default "rademacher". */
  distribution?: ProbeDistribution;
  /** Seed. Default 0. */
  seed?: number;
}

/** Result of {@linkcode hutchinsonDiagonal}. */
export interface HutchinsonDiagonalResult {
  /** The estimated diagonal. */
  diagonal: Float64Array;
  /**
   * Per-entry standard errors. With Rademacher probes, entry i is the mean of
   * zᵢ(Az)ᵢ and this is its sample standard deviation over √samples; with
   * Gaussian probes it is the same formula applied to the ratio's terms
   * (an approximation).
   */
  standardError: Float64Array;
  /** Number of probes. */
  samples: number;
  /** Operator applications. */
  matvecs: number;
}

const WHAT = "estimate the diagonal";

/**
 * A stochastic estimate of diag(A): diag ≈ Σₖ zₖ⊙Azₖ / Σₖ zₖ⊙zₖ over random
 * probes (Bekas et al. 2007), the diagonal analogue of Hutchinson's trace
 * estimator. With Rademacher probes zₖ⊙zₖ = 1, so entry i is the mean of
 * zᵢ(Az)ᵢ = aᵢᵢ + Σⱼ≠ᵢ aᵢⱼzᵢzⱼ: unbiased, with variance Σⱼ≠ᵢ aᵢⱼ²/samples.
 * An exactly diagonal matrix is recovered from a single probe.
 *
 * @example
 * ```ts
 * import { hutchinsonDiagonal } from "./hutchinsonDiagonal.ts";
 * const r = hutchinsonDiagonal([[2, 0], [0, -3]], { samples: 2 });
 * if (r.diagonal.join() !== "2,-3") throw new Error(String(r.diagonal));
 * ```
 */
export function hutchinsonDiagonal(
  op: MatrixLike | LinearOperator,
  options: HutchinsonDiagonalOptions = {},
): HutchinsonDiagonalResult {
  const A = countedOperator(op, WHAT);
  const n = A.size;
  const samples = samplesOption(options, WHAT);
  const { distribution: dist, rng } = probeOptions(options, WHAT);
  const num = new Float64Array(n), den = new Float64Array(n);
  // Welford's running mean and sum of squared deviations of zᵢ(Az)ᵢ
  const mean = new Float64Array(n), m2 = new Float64Array(n);
  forEachProduct(A, samples, () => probe(rng, n, dist), (z, az, k) => {
    const count = k + 1;
    for (let i = 0; i < n; i++) {
      const t = z[i] * az[i];
      num[i] += t;
      den[i] += z[i] * z[i];
      const delta = t - mean[i];
      mean[i] += delta / count;
      m2[i] += delta * (t - mean[i]);
    }
  });
  const diagonal = new Float64Array(n), standardError = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    diagonal[i] = num[i] / den[i];
    standardError[i] = Math.sqrt(m2[i] / (samples - 1) / samples);
  }
  return { diagonal, standardError, samples, matvecs: A.count };
}

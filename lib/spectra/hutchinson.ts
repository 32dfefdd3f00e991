/**
 * Hutchinson's stochastic trace estimator.
 *
 * @module
 */
import type { MatrixLike } from "../linalg/matrix.ts";
import { countedOperator, type LinearOperator } from "../linalg/operator.ts";
import {
  confidenceInterval,
  confidenceOption,
  forEachProduct,
  probe,
  probeOptions,
  samplesOption,
} from "./_probes.ts";
import { meanAndStandardError } from "../stats/meanAndStandardError.ts";
import { dot } from "./_vector.ts";

/**
 * The distribution of random probe vectors: Rademacher (independent ±1
 * entries, the minimum-variance choice for trace estimation) or standard
 * Gaussian.
 */
export type ProbeDistribution = "rademacher" | "gaussian";

/** Options for {@linkcode hutchinson}. */
export interface HutchinsonOptions {
  /** Number of probe vectors (= operator applications), at least 2. Default 100. */
  samples?: number;
  /** Probe distribution. Default "rademacher" (the minimum-variance choice for real probes). */
  distribution?: ProbeDistribution;
  /** Confidence level of the interval. Default 0.95. */
  confidence?: number;
  /** Seed of the probes. Default 0. */
  seed?: number;
}

/** Result of {@linkcode hutchinson}. */
export interface TraceEstimate {
  /** The trace estimate. */
  estimate: number;
  /** Its standard error: the sample standard deviation of the per-probe values over √samples. */
  standardError: number;
  /** estimate ± z·standardError, with z the normal critical value of `confidence`. */
  confidenceInterval: [number, number];
  /** The confidence level of the interval. */
  confidence: number;
  /** Number of random probes averaged. */
  samples: number;
  /** Operator applications. */
  matvecs: number;
}

/** Result of {@linkcode hutchinson}, with the per-probe values. */
export interface HutchinsonResult extends TraceEstimate {
  /** zᵀAz for each probe z, in order (their running mean shows the convergence). */
  sampleValues: number[];
}

const WHAT = "estimate the trace";

/**
 * Hutchinson's estimator of tr(A): the mean of zᵀAz over random probes z
 * with E[zzᵀ] = I, matrix-free. With Rademacher probes its variance is
 * 2(‖A‖_F² − Σᵢaᵢᵢ²)/samples, so the error shrinks like 1/√samples. The
 * standard error and confidence interval come from the sample variance of
 * the per-probe values (a normal approximation).
 *
 * Products are batched when the operator provides `applyBatch` (as the
 * Hessian operator does).
 *
 * @example
 * ```ts
 * import { hutchinson } from "./hutchinson.ts";
 * const A = [[3, 1, 0], [1, 2, 0], [0, 0, 1]]; // trace 6
 * const r = hutchinson(A, { samples: 400, seed: 1 });
 * if (Math.abs(r.estimate - 6) > 4 * r.standardError) throw new Error(String(r.estimate));
 * if (r.matvecs !== 400) throw new Error();
 * ```
 */
export function hutchinson(
  op: MatrixLike | LinearOperator,
  options: HutchinsonOptions = {},
): HutchinsonResult {
  const A = countedOperator(op, WHAT);
  const samples = samplesOption(options, WHAT);
  const { distribution: dist, rng } = probeOptions(options, WHAT);
  const confidence = confidenceOption(options, WHAT);
  const sampleValues: number[] = [];
  forEachProduct(A, samples, () => probe(rng, A.size, dist), (z, az) => {
    sampleValues.push(dot(z, az));
  });
  const { mean, se } = meanAndStandardError(sampleValues);
  return {
    estimate: mean,
    standardError: se,
    confidenceInterval: confidenceInterval(mean, se, confidence),
    confidence,
    samples,
    matvecs: A.count,
    sampleValues,
  };
}

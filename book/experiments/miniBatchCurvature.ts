/**
 * Mini-batch Hessians: λmax and the trace of the Hessian of a mini-batch
 * loss, against the batch size, over seeds.
 *
 * @module
 */
import type { ScalarFunction } from "../../lib/autodiff/differentiate.ts";
import { hessianOperator } from "../../lib/autodiff/hessianOperator.ts";
import { Rng } from "../../lib/random.ts";
import { hessianDiagonal } from "../../lib/spectra/hessianDiagonal.ts";
import { lanczos } from "../../lib/spectra/lanczos.ts";

/** Options of {@linkcode miniBatchCurvature}. */
export interface MiniBatchCurvatureOptions {
  /** Batch sizes B, each in [1, N]. Default [4, 8, 16, 32, 64]. */
  batchSizes?: number[];
  /** Seeds of the batches. Default [1, …, 32]. */
  seeds?: number[];
  /** Lanczos tolerance for λmax. Default 1e-8. */
  tol?: number;
}

/** One mini-batch Hessian. */
export interface MiniBatchCurvatureRow {
  /** Batch size B. */
  batchSize: number;
  /** Seed of the batch (its B samples are the first B of a seeded permutation). */
  seed: number;
  /** λmax(H_B), by Lanczos. */
  lambdaMax: number;
  /** tr(H_B) = (1/B)Σ_{i∈B} tr(Hᵢ), exact, from the per-sample traces. */
  trace: number;
  /** Hessian-vector products of the mini-batch loss used by Lanczos. */
  matvecs: number;
}

/** The result of {@linkcode miniBatchCurvature}. */
export interface MiniBatchCurvature {
  /** N. */
  samples: number;
  /** λmax and trace of the full-batch Hessian. */
  full: { lambdaMax: number; trace: number };
  /** One row per (batch size, seed). */
  rows: MiniBatchCurvatureRow[];
  /** tr(Hᵢ) for each sample i (exact: the sum of the exact diagonal of the one-sample Hessian). */
  perSampleTraces: number[];
  /**
   * The exact standard deviation of tr(H_B) over random batches drawn without
   * replacement, σ·√((N − B)/(B(N − 1))), with σ² the population variance of
   * the per-sample traces.
   */
  predictedTraceStd: { batchSize: number; std: number }[];
}

/**
 * For a loss that is a mean over N samples, f = (1/N)Σᵢfᵢ, the mini-batch
 * loss f_B = (1/B)Σ_{i∈B}fᵢ has Hessian H_B = (1/B)Σ_{i∈B}Hᵢ, an unbiased
 * estimate of H when B is drawn uniformly without replacement. For each
 * batch size and seed this draws a batch and computes λmax(H_B) by
 * {@linkcode lanczos} on the mini-batch HVP operator. The trace is linear in
 * H, so tr(H_B) is the mean of the per-sample traces tr(Hᵢ) over the batch;
 * these are computed once, exactly (n products each, {@linkcode hessianDiagonal}
 * on the one-sample Hessian), so every batch's trace is exact and cheap.
 *
 * tr(H_B) is unbiased with the variance of a sample mean drawn without
 * replacement (`predictedTraceStd`). λmax is convex in H, so by Jensen
 * E[λmax(H_B)] ≥ λmax(H): the mini-batch sharpness is biased upward, the
 * more so the smaller B.
 *
 * Memoized in-process by (`lossOn`, `params`, `samples`, options): a chapter's
 * figure and a claim that pass the same function and options share one run.
 *
 * @example Two samples of a one-parameter loss ½aᵢx²: Hᵢ = aᵢ
 * ```ts
 * import { miniBatchCurvature } from "./miniBatchCurvature.ts";
 * import { mul, sum } from "../../lib/autodiff/ops/mod.ts";
 * import type { Tensor } from "../../lib/autodiff/tensor.ts";
 * const a = [1, 3];
 * const lossOn = (I: readonly number[]) => (x: Tensor) =>
 *   sum(mul(mul(x, x), I.reduce((s, i) => s + a[i], 0) / (2 * I.length)));
 * const r = miniBatchCurvature(lossOn, [0.5], 2, { batchSizes: [1, 2], seeds: [1, 2, 3] });
 * if (Math.abs(r.full.trace - 2) > 1e-15 || r.perSampleTraces.join() !== "1,3") throw new Error();
 * // B = 1: each batch is one sample, std = σ = 1; B = N: no spread.
 * if (r.predictedTraceStd[0].std !== 1 || r.predictedTraceStd[1].std !== 0) throw new Error();
 * ```
 */
export function miniBatchCurvature(
  lossOn: (indices: readonly number[]) => ScalarFunction,
  params: ArrayLike<number>,
  samples: number,
  options: MiniBatchCurvatureOptions = {},
): MiniBatchCurvature {
  if (typeof lossOn !== "function") {
    throw new TypeError("Cannot measure mini-batch curvature: lossOn must be a function");
  }
  const key = JSON.stringify([Array.from(params), samples, options]);
  let byKey = memo.get(lossOn);
  if (!byKey) memo.set(lossOn, byKey = new Map());
  const hit = byKey.get(key);
  if (hit) return hit;
  const result = compute(lossOn, params, samples, options);
  byKey.set(key, result);
  return result;
}

const memo = new WeakMap<object, Map<string, MiniBatchCurvature>>();

function compute(
  lossOn: (indices: readonly number[]) => ScalarFunction,
  params: ArrayLike<number>,
  samples: number,
  options: MiniBatchCurvatureOptions,
): MiniBatchCurvature {
  const what = "measure mini-batch curvature";
  const N = samples;
  if (!Number.isInteger(N) || N < 1) {
    throw new RangeError(`Cannot ${what}: samples must be a positive integer, got ${N}`);
  }
  const batchSizes = options.batchSizes ?? [4, 8, 16, 32, 64];
  const seeds = options.seeds ?? Array.from({ length: 32 }, (_, i) => i + 1);
  const tol = options.tol ?? 1e-8;
  if (
    !Array.isArray(batchSizes) || !batchSizes.every((B) => Number.isInteger(B) && B >= 1 && B <= N)
  ) {
    throw new RangeError(`Cannot ${what}: option batchSizes must be integers in [1, ${N}]`);
  }
  if (!Array.isArray(seeds) || seeds.length === 0) {
    throw new RangeError(`Cannot ${what}: option seeds must be a non-empty array`);
  }
  const lambdaMaxOf = (indices: readonly number[]) => {
    const op = hessianOperator(lossOn(indices), params);
    const lambdaMax = lanczos(op, { top: 1, tol, seed: 0 }).top.values[0];
    return { lambdaMax, matvecs: op.count };
  };
  const all = Array.from({ length: N }, (_, i) => i);
  const perSampleTraces = all.map((i) =>
    hessianDiagonal(hessianOperator(lossOn([i]), params)).diagonal.reduce((s, x) => s + x, 0)
  );
  const meanTrace = (indices: readonly number[]) =>
    indices.reduce((s, i) => s + perSampleTraces[i], 0) / indices.length;
  const full = { lambdaMax: lambdaMaxOf(all).lambdaMax, trace: meanTrace(all) };
  const rows: MiniBatchCurvatureRow[] = [];
  for (const B of batchSizes) {
    for (const seed of seeds) {
      const batch = new Rng(seed).permutation(N).slice(0, B).sort((a, b) => a - b);
      rows.push({ batchSize: B, seed, ...lambdaMaxOf(batch), trace: meanTrace(batch) });
    }
  }
  const sigma2 = perSampleTraces.reduce((s, t) => s + (t - full.trace) ** 2, 0) / N;
  const predictedTraceStd = batchSizes.map((B) => ({
    batchSize: B,
    std: N === 1 ? 0 : Math.sqrt((sigma2 * (N - B)) / (B * (N - 1))),
  }));
  return { samples: N, full, rows, perSampleTraces, predictedTraceStd };
}

/**
 * What the exact parts of a curvature report cost, estimated from the
 * network's shape before anything runs.
 *
 * @module
 */
import { mlpLayout } from "../nn/layout.ts";

/** The shape of a model as far as its cost is concerned. */
export interface ModelShape {
  /** Widths [d0, …, dL]. */
  layers: readonly number[];
  /** BatchNorm on the hidden layers. */
  batchnorm: boolean;
  /** Residual blocks. */
  residual: boolean;
  /** The number of training samples the loss averages over. */
  samples: number;
}

/** Estimated costs (seconds and bytes) of the exact computations for one model. */
export interface CurvatureCost {
  /** The number of parameters n. */
  n: number;
  /** One Hessian-vector product, when computed in batches (seconds). */
  hvpSeconds: number;
  /** The exact trace: n batched unit-vector Hessian-vector products (seconds). */
  exactTraceSeconds: number;
  /** The dense Hessian (n products) plus its full eigendecomposition (seconds). */
  denseSeconds: number;
  /** Peak memory of the dense path: the Hessian and the eigendecomposition's copies (bytes). */
  denseBytes: number;
  /** The part of `denseBytes` that lives in the JavaScript heap (bytes). */
  denseHeapBytes: number;
}

/** The constants of {@linkcode estimateCost} (see {@linkcode COST_MODEL}). */
export interface CostModel {
  /** Seconds per sample and parameter of one batched Hessian-vector product. */
  perSampleParameter: number;
  /** Seconds per sample and hidden unit (doubled with BatchNorm). */
  perSampleUnit: number;
  /** Seconds per parameter (vector passes). */
  perParameter: number;
  /** Seconds per product (fixed overhead). */
  perProduct: number;
  /** Seconds per n³ of the symmetric eigendecomposition. */
  eigenPerCube: number;
  /** n×n float64 arrays alive at the peak of the dense path. */
  denseCopies: number;
  /** How many of those are JS arrays in the V8 heap. */
  heapCopies: number;
  /** Memory of the runtime itself (bytes). */
  runtimeBytes: number;
}

/**
 * The constants of the cost model, measured on the reference machine (a
 * shared 2-core x86-64 VM, Deno 2.9.6; `deno run -A bench/curvatureCost.ts`
 * measures them again). They only steer decisions, so they are deliberately
 * round and on the slow side.
 *
 * - One batched Hessian-vector product of an MLP on N samples takes about
 *   `perSampleParameter`·N·n + `perSampleUnit`·N·h (×2 with BatchNorm) +
 *   `perParameter`·n + `perProduct` seconds, where h is the number of
 *   hidden units (activations and BatchNorm are elementwise passes).
 *   Measured: 0.3–2.6 ns per sample and parameter over 90 shapes (median
 *   about 1.2 ns including the unit term).
 * - ml-matrix's symmetric eigendecomposition (via `eigh`) takes
 *   `eigenPerCube`·n³ seconds: measured 2.2e-9·n³ at n = 1500 (7.3 s),
 *   2.4e-9 at 2000 (19.6 s), 2.7e-9 at 3000 (74 s).
 * - The dense path holds seven n×n float64 arrays at its peak: the Hessian
 *   (Float64Array rows), and inside `eigh` the symmetrized and scaled
 *   copies (JS arrays), ml-matrix's input and eigenvector matrices, and the
 *   eigenvectors returned twice (as vectors and as Q, JS arrays); garbage
 *   not yet collected adds more. Measured peak RSS above the runtime: 7.8·8n²
 *   bytes at n = 3000, 8.6 and (on a loaded machine) 9.3 at n = 2000, so
 *   the model counts `denseCopies` = 9. Of the copies, the JS arrays live in
 *   the V8 heap, which has its own limit: measured heap in use at the end,
 *   4.0·8n², and `heapCopies` = 5 leaves room for the transient one.
 */
export const COST_MODEL: Readonly<CostModel> = Object.freeze({
  perSampleParameter: 0.8e-9,
  perSampleUnit: 40e-9,
  perParameter: 2e-9,
  perProduct: 5e-6,
  eigenPerCube: 2.8e-9,
  denseCopies: 9,
  heapCopies: 5,
  runtimeBytes: 100 * 2 ** 20,
});

/** Memory a computation may use (bytes). */
export interface MemoryLimit {
  /** The JavaScript heap limit (V8's `heap_size_limit`). */
  heapBytes: number;
  /** The machine's memory. */
  totalBytes: number;
}

/**
 * The limits assumed when none are given: V8's default heap limit on a
 * 64-bit machine (4 GiB) and 16 GiB of memory. The command line passes the
 * real values of the machine it runs on.
 */
export const DEFAULT_MEMORY: Readonly<MemoryLimit> = Object.freeze({
  heapBytes: 4 * 2 ** 30,
  totalBytes: 16 * 2 ** 30,
});

/**
 * Estimate what the exact parts of a curvature report cost for a model of
 * this shape: one Hessian-vector product, the exact trace (n products),
 * and the dense path (n products plus an O(n³) eigendecomposition, with
 * its peak memory). The estimate depends only on the shape and the number
 * of samples, never on a clock, so decisions based on it are
 * deterministic; the constants are in {@linkcode COST_MODEL}.
 *
 * @example The 20k-parameter example is far beyond a dense run
 * ```ts
 * import { estimateCost } from "./estimateCost.ts";
 * const c = estimateCost({ layers: [12, 96, 96, 96, 3], batchnorm: false, residual: true, samples: 128 });
 * if (c.n !== 20163) throw new Error(String(c.n));
 * if (c.denseBytes < 8 * 20163 ** 2 * 7) throw new Error("at least seven n×n copies");
 * if (c.denseSeconds < 3600) throw new Error("hours, not seconds");
 * ```
 */
export function estimateCost(shape: ModelShape): CurvatureCost {
  const n = mlpLayout({
    layers: shape.layers,
    activation: "linear",
    batchnorm: shape.batchnorm,
    residual: shape.residual,
  }).size;
  const N = shape.samples;
  if (!Number.isInteger(N) || N < 1) {
    throw new RangeError(
      `Cannot estimate the cost: samples must be a positive integer, got ${N}`,
    );
  }
  const hidden = shape.layers.slice(1, -1).reduce((s, d) => s + d, 0);
  const m = COST_MODEL;
  const hvpSeconds = m.perSampleParameter * N * n +
    m.perSampleUnit * N * hidden * (shape.batchnorm ? 2 : 1) +
    m.perParameter * n + m.perProduct;
  const exactTraceSeconds = n * hvpSeconds;
  const square = 8 * n * n;
  return {
    n,
    hvpSeconds,
    exactTraceSeconds,
    denseSeconds: exactTraceSeconds + m.eigenPerCube * n ** 3,
    denseBytes: m.denseCopies * square + m.runtimeBytes,
    denseHeapBytes: m.heapCopies * square,
  };
}

/**
 * Whether the dense path of this cost fits in memory: its heap part within
 * 90% of the heap limit and its total within 80% of the machine's memory.
 *
 * @example
 * ```ts
 * import { denseFits, estimateCost } from "./estimateCost.ts";
 * const shape = { layers: [12, 96, 96, 96, 3], batchnorm: false, residual: true, samples: 128 };
 * if (denseFits(estimateCost(shape))) throw new Error("20k parameters do not fit in 4 GiB");
 * if (!denseFits(estimateCost({ ...shape, layers: [4, 8, 6, 2] }))) throw new Error();
 * ```
 */
export function denseFits(cost: CurvatureCost, memory: MemoryLimit = DEFAULT_MEMORY): boolean {
  return cost.denseHeapBytes <= 0.9 * memory.heapBytes &&
    cost.denseBytes <= 0.8 * memory.totalBytes;
}

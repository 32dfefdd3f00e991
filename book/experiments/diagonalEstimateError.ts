/**
 * How fast Hutchinson's estimate of a Hessian's diagonal converges, against
 * the exact diagonal and the error the theory predicts.
 *
 * @module
 */
import { type MatrixLike, toRows } from "../../lib/linalg/matrix.ts";
import type { LinearOperator } from "../../lib/linalg/operator.ts";
import { hutchinsonDiagonal } from "../../lib/spectra/hutchinsonDiagonal.ts";

/** Options of {@linkcode diagonalEstimateError}. */
export interface DiagonalEstimateErrorOptions {
  /** Probe counts s (each ≥ 2). Default [2, 4, 8, …, 512]. */
  samples?: number[];
  /** Seeds, one estimate per (s, seed). Default [1, 2, 3, 4, 5]. */
  seeds?: number[];
  /**
   * What the estimator multiplies by: the Hessian-vector-product operator of
   * the same H, say. Default: H itself (same products, far cheaper for a sweep).
   */
  operator?: LinearOperator;
}

/** One estimate. */
export interface DiagonalEstimateRow {
  /** Probes s. */
  samples: number;
  /** Seed. */
  seed: number;
  /** ‖d̂ − d‖ / ‖d‖ against the exact diagonal d. */
  relativeError: number;
  /** Operator applications (= s). */
  matvecs: number;
}

/** The result of {@linkcode diagonalEstimateError}. */
export interface DiagonalEstimateError {
  /** The exact diagonal d (read off H). */
  exact: Float64Array;
  /** One row per (samples, seed). */
  rows: DiagonalEstimateRow[];
  /** The predicted root-mean-square relative error ‖H − diag(H)‖_F / (‖d‖√s) at each s. */
  predicted: { samples: number; relativeError: number }[];
  /** ‖H − diag(H)‖_F / ‖H‖_F: the share of H's Frobenius norm that lies off the diagonal. */
  offDiagonalFraction: number;
}

/**
 * Run {@linkcode hutchinsonDiagonal} (Rademacher probes) with s probes for
 * every s and seed, and measure the relative error ‖d̂ − d‖/‖d‖ against the
 * exact diagonal of H.
 *
 * The theory: entry i of the estimate is the mean over probes of
 * zᵢ(Hz)ᵢ = hᵢᵢ + Σ_{j≠i} hᵢⱼzᵢzⱼ, unbiased with variance Σ_{j≠i} hᵢⱼ²/s,
 * so E‖d̂ − d‖² = ‖H − diag(H)‖_F²/s exactly: the error falls like 1/√s, with
 * a constant set by the curvature that lies off the diagonal.
 *
 * @example Off-diagonal mass sets the error; a diagonal H is exact at once
 * ```ts
 * import { diagonalEstimateError } from "./diagonalEstimateError.ts";
 * const r = diagonalEstimateError([[2, 1], [1, 3]], { samples: [2, 8], seeds: [1] });
 * // ‖offdiag‖_F = √2, ‖d‖ = √13: predicted RMS error √2/√13/√s
 * if (Math.abs(r.predicted[0].relativeError - Math.sqrt(2 / 13 / 2)) > 1e-15) throw new Error();
 * const d = diagonalEstimateError([[2, 0], [0, 3]], { samples: [2], seeds: [1] });
 * if (d.rows[0].relativeError !== 0) throw new Error(String(d.rows[0].relativeError));
 * ```
 */
export function diagonalEstimateError(
  H: MatrixLike,
  options: DiagonalEstimateErrorOptions = {},
): DiagonalEstimateError {
  const what = "measure the diagonal estimate's error";
  const rows = toRows(H, what, { square: true });
  const n = rows.length;
  const samples = options.samples ?? [2, 4, 8, 16, 32, 64, 128, 256, 512];
  const seeds = options.seeds ?? [1, 2, 3, 4, 5];
  if (
    !Array.isArray(samples) || samples.length === 0 ||
    !samples.every((s) => Number.isInteger(s) && s >= 2)
  ) {
    throw new RangeError(`Cannot ${what}: option samples must be integers ≥ 2`);
  }
  if (!Array.isArray(seeds) || seeds.length === 0) {
    throw new RangeError(`Cannot ${what}: option seeds must be a non-empty array`);
  }
  const op = options.operator ?? rows;
  if (options.operator && options.operator.size !== n) {
    throw new RangeError(
      `Cannot ${what}: option operator has size ${options.operator.size}, H has ${n} rows`,
    );
  }
  const exact = Float64Array.from({ length: n }, (_, i) => rows[i][i]);
  let diag2 = 0, off2 = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) diag2 += rows[i][j] ** 2;
      else off2 += rows[i][j] ** 2;
    }
  }
  const dNorm = Math.sqrt(diag2);
  const out: DiagonalEstimateRow[] = [];
  for (const s of samples) {
    for (const seed of seeds) {
      const r = hutchinsonDiagonal(op, { samples: s, seed });
      let e = 0;
      for (let i = 0; i < n; i++) e += (r.diagonal[i] - exact[i]) ** 2;
      out.push({ samples: s, seed, relativeError: Math.sqrt(e) / dNorm, matvecs: r.matvecs });
    }
  }
  return {
    exact,
    rows: out,
    predicted: samples.map((s) => ({ samples: s, relativeError: Math.sqrt(off2 / s) / dNorm })),
    offDiagonalFraction: Math.sqrt(off2 / (off2 + diag2)),
  };
}

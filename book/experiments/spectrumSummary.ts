/**
 * What "zero" and "near-zero" mean for a Hessian spectrum, in one place:
 * the summary every Chapter 8 experiment reports.
 *
 * @module
 */

/**
 * The relative threshold below which an eigenvalue counts as near-zero:
 * |λ| ≤ 10⁻³ · max|λ|.
 *
 * Why 10⁻³: gradient descent is stable only for steps α < 2/λmax, so with
 * the step α = 1/λmax an error component along an eigenvector with
 * λ = 10⁻³·λmax shrinks by the factor 1 − 10⁻³ per step, which takes 1000
 * steps per e-fold — more than any training run in Chapter 8 (300 steps).
 * Such directions are flat for the optimizer even when they are not flat for
 * the mathematician. This is the only near-zero threshold the chapter uses.
 *
 * @example
 * ```ts
 * import { NEAR_ZERO_RELATIVE } from "./spectrumSummary.ts";
 * if (NEAR_ZERO_RELATIVE !== 1e-3) throw new Error();
 * ```
 */
export const NEAR_ZERO_RELATIVE = 1e-3;

/**
 * The cutoff, relative to max|λ|, that defines the "nonzero spectrum" of a
 * condition number: κ = max|λ| / min{|λ| : |λ| > 10⁻⁶·max|λ|}.
 *
 * Why 10⁻⁶: the float64 Hessians of Chapter 8 carry rounding errors of about
 * 10⁻¹³·‖H‖ (sums over 120 samples), so every eigenvalue above the cutoff is
 * known to better than one part in 10⁷; and gradient descent at its largest
 * stable steps needs about 10⁶ steps per e-fold along a direction with
 * λ = 10⁻⁶·λmax, far more than any run of the book, so the optimizer cannot
 * tell such a direction from a flat one. Below the cutoff, the smallest
 * |λ| that clears the n·ε rank tolerance can be 10⁻¹⁰·max|λ| or less, and a
 * ratio divided by it measures where rounding happened to stop, not the
 * landscape. κ is then at most 10⁶.
 *
 * @example
 * ```ts
 * import { KAPPA_CUTOFF_RELATIVE } from "./spectrumSummary.ts";
 * if (KAPPA_CUTOFF_RELATIVE !== 1e-6) throw new Error();
 * ```
 */
export const KAPPA_CUTOFF_RELATIVE = 1e-6;

/**
 * The cutoffs over which Chapter 8 shows how sensitive a condition-number
 * verdict is: 10⁻⁸, 10⁻⁶ (the one used), 10⁻⁴ and 10⁻³ (the near-zero threshold).
 *
 * @example
 * ```ts
 * import { KAPPA_CUTOFF_RELATIVE, KAPPA_CUTOFFS } from "./spectrumSummary.ts";
 * if (!KAPPA_CUTOFFS.includes(KAPPA_CUTOFF_RELATIVE)) throw new Error();
 * ```
 */
export const KAPPA_CUTOFFS: readonly number[] = Object.freeze([1e-8, 1e-6, 1e-4, 1e-3]);

/**
 * The condition number of the part of a spectrum above a cutoff relative to
 * its largest magnitude: max|λ| / min{|λ| : |λ| > cutoff·max|λ|}. It is at
 * most 1/cutoff, and it never divides by an eigenvalue below the cutoff.
 * NaN for an all-zero spectrum.
 *
 * Throws `Cannot compute the condition number: …` for an empty or non-finite
 * input or a cutoff outside (0, 1).
 *
 * @example
 * ```ts
 * import { kappaAbove } from "./spectrumSummary.ts";
 * // 1e-12 is rounding-level: excluded at the cutoff 1e-6, so κ = 1 / 1e-3.
 * if (kappaAbove([1e-12, 1e-3, 0.5, 1], 1e-6) !== 1000) throw new Error();
 * ```
 */
export function kappaAbove(values: ArrayLike<number>, cutoff: number): number {
  const what = "compute the condition number";
  if (!(cutoff > 0 && cutoff < 1)) {
    throw new RangeError(`Cannot ${what}: cutoff must be in (0, 1), got ${cutoff}`);
  }
  const n = values?.length ?? 0;
  if (n === 0) throw new RangeError(`Cannot ${what}: values is empty`);
  let scale = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`Cannot ${what}: values[${i}] is ${values[i]}, not a finite number`);
    }
    scale = Math.max(scale, Math.abs(values[i]));
  }
  if (scale === 0) return NaN;
  let smallest = Infinity;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(values[i]);
    if (a > cutoff * scale && a < smallest) smallest = a;
  }
  return scale / smallest;
}

/** Options of {@linkcode spectrumSummary}. */
export interface SpectrumSummaryOptions {
  /** The near-zero threshold relative to max|λ|. Default {@linkcode NEAR_ZERO_RELATIVE}. */
  relative?: number;
}

/** Counts and ratios of one symmetric spectrum. */
export interface SpectrumSummary {
  /** The number of eigenvalues n. */
  n: number;
  /** The largest eigenvalue (signed). */
  lambdaMax: number;
  /** The smallest eigenvalue (signed). */
  lambdaMin: number;
  /** max|λ|, the spectral norm; the scale of both thresholds. */
  scale: number;
  /**
   * Numerically zero eigenvalues: |λ| ≤ n·ε·max|λ| with ε the float64 machine
   * epsilon — the rank tolerance of LAPACK and NumPy's `matrix_rank`, i.e.
   * the eigenvalues a float64 computation cannot tell from 0.
   */
  zero: number;
  /** Near-zero eigenvalues, |λ| ≤ relative·max|λ| (the zero ones included). */
  nearZero: number;
  /** nearZero / n. */
  nearZeroFraction: number;
  /** zero / n. */
  zeroFraction: number;
  /** Clearly negative eigenvalues, λ < −relative·max|λ|. */
  negative: number;
  /** The smallest |λ| that is not numerically zero (NaN when every eigenvalue is). */
  smallestNonzero: number;
  /**
   * max|λ| / smallestNonzero (NaN when every eigenvalue is zero): the ratio to
   * the smallest eigenvalue that clears the rounding tolerance. Kept for
   * reference; it can reach 10¹⁰ and more from eigenvalues barely above the
   * rounding level, so the book's verdicts use `kappa`.
   */
  kappaNonzero: number;
  /**
   * The condition number above the cutoff {@linkcode KAPPA_CUTOFF_RELATIVE}:
   * max|λ| / min{|λ| : |λ| > 10⁻⁶·max|λ|} (see {@linkcode kappaAbove}). This
   * is the κ Chapter 8 compares; `kappaNonzero` divides by rounding noise.
   */
  kappa: number;
  /** κ at each cutoff of {@linkcode KAPPA_CUTOFFS}, in that order. */
  kappaAt: number[];
  /** The median of |λ| over all n eigenvalues. */
  medianAbs: number;
  /** The threshold used for nearZero, relative to max|λ|. */
  relative: number;
}

/**
 * Summarize a spectrum: the numerically zero and the near-zero eigenvalues,
 * the condition number of the nonzero part, λmax, λmin and the median |λ|.
 * "Numerically zero" is fixed by float64 precision (n·ε·max|λ|); "near-zero"
 * uses {@linkcode NEAR_ZERO_RELATIVE} unless `relative` is given.
 *
 * Throws `Cannot summarize the spectrum: …` for an empty or non-finite input.
 *
 * @example A spectrum with one exact zero and one near-zero eigenvalue
 * ```ts
 * import { spectrumSummary } from "./spectrumSummary.ts";
 * const s = spectrumSummary([0, 5e-4, 0.2, 1]);
 * if (s.zero !== 1 || s.nearZero !== 2 || s.kappaNonzero !== 2000) throw new Error(JSON.stringify(s));
 * ```
 */
export function spectrumSummary(
  values: ArrayLike<number>,
  options: SpectrumSummaryOptions = {},
): SpectrumSummary {
  const what = "summarize the spectrum";
  const relative = options.relative ?? NEAR_ZERO_RELATIVE;
  if (!(relative >= 0 && relative < 1)) {
    throw new RangeError(`Cannot ${what}: relative must be in [0, 1), got ${relative}`);
  }
  const n = values?.length ?? 0;
  if (n === 0) throw new RangeError(`Cannot ${what}: values is empty`);
  const abs = new Float64Array(n);
  let lambdaMax = -Infinity, lambdaMin = Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      throw new RangeError(`Cannot ${what}: values[${i}] is ${v}, not a finite number`);
    }
    abs[i] = Math.abs(v);
    if (v > lambdaMax) lambdaMax = v;
    if (v < lambdaMin) lambdaMin = v;
  }
  abs.sort();
  const scale = abs[n - 1];
  const zeroTol = n * Number.EPSILON * scale;
  const nearTol = relative * scale;
  let zero = 0, nearZero = 0, negative = 0;
  for (let i = 0; i < n; i++) {
    if (abs[i] <= zeroTol) zero++;
    if (abs[i] <= nearTol) nearZero++;
    if (values[i] < -nearTol) negative++;
  }
  const smallestNonzero = zero < n ? abs[zero] : NaN;
  const medianAbs = n % 2 === 1 ? abs[(n - 1) / 2] : 0.5 * (abs[n / 2 - 1] + abs[n / 2]);
  return {
    n,
    lambdaMax,
    lambdaMin,
    scale,
    zero,
    nearZero,
    nearZeroFraction: nearZero / n,
    zeroFraction: zero / n,
    negative,
    smallestNonzero,
    kappaNonzero: scale / smallestNonzero,
    kappa: kappaAbove(values, KAPPA_CUTOFF_RELATIVE),
    kappaAt: KAPPA_CUTOFFS.map((c) => kappaAbove(values, c)),
    medianAbs,
    relative,
  };
}

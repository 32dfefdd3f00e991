/**
 * gradcheck and gradgradcheck: compare the autodiff gradient and HVP with
 * fourth-order finite differences.
 *
 * @module
 */
import { Rng } from "../random.ts";
import { differentiate, type ScalarFunction, toVector } from "./differentiate.ts";
import { formatNumber as fmt } from "../validate/formatNumber.ts";
import { Tensor } from "./tensor.ts";

/** Options for {@linkcode checkGrads}. */
export interface CheckGradsOptions {
  /** Finite-difference step h. Default 1e-3. */
  step?: number;
  /** Relative tolerance: pass when |analytic − numeric| ≤ atol + rtol·|numeric|. Default 1e-6. */
  rtol?: number;
  /** Absolute tolerance. Default 1e-7. */
  atol?: number;
  /** Also check Hessian-vector products (gradgradcheck). Default true. */
  secondOrder?: boolean;
  /** How many random unit directions v to check Hv along. Default 3. */
  directions?: number;
  /** Seed for the random directions. Default 0. */
  seed?: number;
  /** Throw a readable error when a check fails. Default true. */
  throwOnFailure?: boolean;
}

/** The outcome of one comparison (gradient, or HVPs). */
export interface CheckResult {
  /** Whether every compared entry was within tolerance. */
  passed: boolean;
  /** How many entries were compared. */
  checked: number;
  /** The largest |analytic − numeric|. */
  maxAbsError: number;
  /** The largest |analytic − numeric| / max(|numeric|, tiny). */
  maxRelError: number;
  /** The first failing entry, if any. */
  failure: { label: string; analytic: number; numeric: number; tolerance: number } | null;
}

/** The report returned by {@linkcode checkGrads}. */
export interface GradCheckReport {
  /** True when every check passed. */
  ok: boolean;
  /** f(x). */
  value: number;
  /** Gradient versus finite differences of f along each coordinate. */
  gradient: CheckResult;
  /** HVPs versus finite differences of the gradient; null when `secondOrder` is false. */
  hvp: CheckResult | null;
  /** A one-line summary. */
  message: string;
}

/**
 * Check `grad(f)` and `hvp(f)` at x against fourth-order central differences,
 * like PyTorch's gradcheck and gradgradcheck:
 * - each gradient entry against [f(x−2heᵢ) − 8f(x−heᵢ) + 8f(x+heᵢ) − f(x+2heᵢ)]/(12h);
 * - Hv, for a few seeded random unit vectors v, against the same stencil
 *   applied to the autodiff gradient along v.
 *
 * The truncation error is O(h⁴), so with h = 1e-3 agreement is typically to
 * 1e-10 or better on smooth functions. Returns a report; by default also
 * throws `Cannot verify derivatives: …` naming the first bad entry.
 * Near a kink (relu at 0) finite differences are meaningless; keep away.
 *
 * @example
 * ```ts
 * import { checkGrads } from "./checkGrads.ts";
 * import { mul, sum, tanh } from "./ops/mod.ts";
 * const report = checkGrads((x) => sum(tanh(mul(x, x))), [0.3, -0.7, 1.1]);
 * if (!report.ok) throw new Error(report.message);
 * ```
 */
export function checkGrads(
  f: ScalarFunction,
  x: ArrayLike<number>,
  options: CheckGradsOptions = {},
): GradCheckReport {
  const what = "verify derivatives";
  const {
    step: h = 1e-3,
    rtol = 1e-6,
    atol = 1e-7,
    secondOrder = true,
    directions = 3,
    seed = 0,
    throwOnFailure = true,
  } = options;
  if (!(h > 0)) throw new RangeError(`Cannot ${what}: step must be positive, got ${h}`);
  if (!Number.isInteger(directions) || directions < 0) {
    throw new RangeError(
      `Cannot ${what}: directions must be a non-negative integer, got ${directions}`,
    );
  }
  const xs = toVector(x, what, "x"), n = xs.length;
  const base = differentiate(f, xs, 0, null, what);
  const value = (p: Float64Array): number => {
    const y = f(new Tensor(p, [n]));
    if (!(y instanceof Tensor) || y.size !== 1) {
      throw new TypeError(`Cannot ${what}: f must return a scalar Tensor`);
    }
    return y.data[0];
  };
  const shifted = (dir: Float64Array, t: number): Float64Array => {
    const p = xs.slice();
    for (let i = 0; i < n; i++) p[i] += t * dir[i];
    return p;
  };

  const gradResult = newResult();
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    e.fill(0);
    e[i] = 1;
    const numeric = (value(shifted(e, -2 * h)) - 8 * value(shifted(e, -h)) +
      8 * value(shifted(e, h)) - value(shifted(e, 2 * h))) / (12 * h);
    compare(gradResult, `gradient[${i}]`, base.gradient[i], numeric, rtol, atol);
  }

  let hvpResult: CheckResult | null = null;
  if (secondOrder) {
    hvpResult = newResult();
    const rng = new Rng(seed);
    for (let d = 0; d < directions; d++) {
      const v = rng.normalVector(n);
      let norm = 0;
      for (let i = 0; i < n; i++) norm += v[i] * v[i];
      norm = Math.sqrt(norm);
      for (let i = 0; i < n; i++) v[i] /= norm;
      const hv = differentiate(f, xs, 1, v.slice(), what).hvps;
      const g = (t: number) => differentiate(f, shifted(v, t), 0, null, what).gradient;
      const gm2 = g(-2 * h), gm1 = g(-h), gp1 = g(h), gp2 = g(2 * h);
      for (let i = 0; i < n; i++) {
        const numeric = (gm2[i] - 8 * gm1[i] + 8 * gp1[i] - gp2[i]) / (12 * h);
        compare(hvpResult, `Hv (direction ${d})[${i}]`, hv[i], numeric, rtol, atol);
      }
    }
  }
  const ok = gradResult.passed && (hvpResult?.passed ?? true);
  const bad = gradResult.failure ?? hvpResult?.failure ?? null;
  const message = bad
    ? `${bad.label} is ${fmt(bad.analytic)}, but finite differences give ${fmt(bad.numeric)} ` +
      `(difference ${fmt(Math.abs(bad.analytic - bad.numeric))} > tolerance ${fmt(bad.tolerance)})`
    : `gradient (${n} entries, max error ${fmt(gradResult.maxAbsError)})` +
      (hvpResult
        ? ` and Hv (${directions} directions, max error ${fmt(hvpResult.maxAbsError)})`
        : "") +
      " match finite differences";
  if (!ok && throwOnFailure) throw new Error(`Cannot ${what}: ${message}`);
  return { ok, value: base.value, gradient: gradResult, hvp: hvpResult, message };
}

function newResult(): CheckResult {
  return { passed: true, checked: 0, maxAbsError: 0, maxRelError: 0, failure: null };
}

function compare(
  r: CheckResult,
  label: string,
  analytic: number,
  numeric: number,
  rtol: number,
  atol: number,
): void {
  const err = Math.abs(analytic - numeric);
  const tol = atol + rtol * Math.abs(numeric);
  r.checked++;
  r.maxAbsError = Math.max(r.maxAbsError, err);
  r.maxRelError = Math.max(r.maxRelError, err / Math.max(Math.abs(numeric), 1e-300));
  if (!(err <= tol)) {
    r.passed = false;
    r.failure ??= { label, analytic, numeric, tolerance: tol };
  }
}

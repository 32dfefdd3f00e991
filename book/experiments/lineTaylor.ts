/**
 * An objective restricted to a line, g(t) = f(x + tv), with its
 * second-order Taylor model and finite-difference derivatives.
 *
 * @module
 */
import type { Objective } from "../../lib/optim/objective.ts";

/** Options of {@linkcode lineTaylor}. */
export interface LineTaylorOptions {
  /** The step h of the central differences. Default 1e-4. */
  h?: number;
}

/** What {@linkcode lineTaylor} returns. */
export interface LineTaylor {
  /** The base point x. */
  x: Float64Array;
  /** The direction v (as given; not normalized). */
  v: Float64Array;
  /** g(0) = f(x). */
  value: number;
  /** g′(0) = ∇f(x)ᵀv, from the objective's gradient. */
  slope: number;
  /** g″(0) = vᵀH(x)v, from the objective's Hessian (or HVP). */
  curvature: number;
  /** (g(h) − g(−h))/(2h): g′(0) by central differences of f alone. */
  fdSlope: number;
  /** (g(h) − 2g(0) + g(−h))/h²: g″(0) by central differences of f alone. */
  fdCurvature: number;
  /** The step h used. */
  h: number;
  /** g(t) = f(x + tv). */
  g(t: number): number;
  /** The quadratic model q(t) = g(0) + g′(0)t + ½g″(0)t². */
  model(t: number): number;
}

/**
 * Restrict f to the line through x along v, g(t) = f(x + tv), and compare
 * the second-order Taylor model q(t) = g(0) + g′(0)t + ½g″(0)t² with g.
 * The chain rule gives g′(0) = ∇f(x)ᵀv and g″(0) = vᵀH(x)v; the result holds
 * both of these (from the objective's gradient and Hessian or HVP) and
 * independent central-difference estimates computed from f alone, whose
 * errors are O(h²) (plus rounding of order ε|f|/h²).
 *
 * Errors: `Cannot restrict the objective to a line: …` when the objective
 * has neither `hessian` nor `hvp`, x and v differ in length, or h is not
 * positive.
 *
 * @example g″(0) = vᵀHv on f = x² + 3xy
 * ```ts
 * import { lineTaylor } from "./lineTaylor.ts";
 * const f = {
 *   f: ([x, y]: Float64Array) => x * x + 3 * x * y,
 *   grad: ([x, y]: Float64Array) => new Float64Array([2 * x + 3 * y, 3 * x]),
 *   hessian: () => [[2, 3], [3, 0]],
 * };
 * const r = lineTaylor(f, [1, 2], [1, 1]); // vᵀHv = 2 + 3 + 3 + 0
 * if (r.curvature !== 8 || Math.abs(r.fdCurvature - 8) > 1e-6) throw new Error();
 * ```
 */
export function lineTaylor(
  objective: Objective,
  x: ArrayLike<number>,
  v: ArrayLike<number>,
  options: LineTaylorOptions = {},
): LineTaylor {
  const what = "restrict the objective to a line";
  if (objective === null || typeof objective?.f !== "function") {
    throw new TypeError(`Cannot ${what}: objective must have f`);
  }
  if (typeof objective.hessian !== "function" && typeof objective.hvp !== "function") {
    throw new TypeError(`Cannot ${what}: the objective has neither hessian nor hvp`);
  }
  const xx = Float64Array.from(x), vv = Float64Array.from(v);
  const n = xx.length;
  if (vv.length !== n) {
    throw new RangeError(`Cannot ${what}: v has length ${vv.length}, x has length ${n}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xx[i]) || !Number.isFinite(vv[i])) {
      throw new RangeError(`Cannot ${what}: x[${i}] or v[${i}] is not finite`);
    }
  }
  const h = options.h ?? 1e-4;
  if (typeof h !== "number" || !(h > 0) || !Number.isFinite(h)) {
    throw new RangeError(`Cannot ${what}: option h must be a finite number > 0, got ${h}`);
  }
  const g = (t: number) => {
    const p = new Float64Array(n);
    for (let i = 0; i < n; i++) p[i] = xx[i] + t * vv[i];
    return objective.f(p);
  };
  const value = g(0);
  const grad = objective.grad(xx);
  let slope = 0;
  for (let i = 0; i < n; i++) slope += grad[i] * vv[i];
  let hv: ArrayLike<number>;
  if (typeof objective.hvp === "function") hv = objective.hvp(xx, vv);
  else {
    const H = objective.hessian!(xx);
    hv = Array.from({ length: n }, (_, i) => {
      let s = 0;
      for (let j = 0; j < n; j++) s += H[i][j] * vv[j];
      return s;
    });
  }
  let curvature = 0;
  for (let i = 0; i < n; i++) curvature += vv[i] * hv[i];
  const gp = g(h), gm = g(-h);
  return {
    x: xx,
    v: vv,
    value,
    slope,
    curvature,
    fdSlope: (gp - gm) / (2 * h),
    fdCurvature: (gp - 2 * value + gm) / (h * h),
    h,
    g,
    model: (t) => value + slope * t + 0.5 * curvature * t * t,
  };
}

/**
 * The exact flat directions BatchNorm puts into the Hessian: shift
 * invariance of the bias before it, and scale invariance of the weights
 * before it.
 *
 * @module
 */
import { tensor } from "../../lib/autodiff/tensor.ts";
import { Mlp } from "../../lib/nn/mlp.ts";
import { mlpObjective } from "../../lib/optim/mlpObjective.ts";
import { networkSpectrum, type NetworkSpectrumOptions } from "./networkSpectrum.ts";

/** The two invariances, measured for one BatchNorm unit. */
export interface BatchNormUnitSymmetry {
  /** The weight layer l (1-based). */
  layer: number;
  /** The unit j within the layer. */
  unit: number;
  /** ‖H e_b‖ for the unit's bias b_l[j]: 0 because the mean subtraction removes any shift. */
  shiftNorm: number;
  /** ‖H w‖ for w = the unit's incoming weights W_l[:, j] (padded with zeros). */
  scaleHvNorm: number;
  /** ‖g_w‖, the gradient restricted to those weights. */
  gradientNorm: number;
  /** ‖H w + g_w‖: the scale-invariance identity H w = −g_w says this is 0 (up to BatchNorm's ε). */
  scaleResidual: number;
  /** wᵀ H w / ‖w‖², the curvature along w: 0 up to ε, because wᵀg_w = 0. */
  curvatureAlongW: number;
  /** gᵀw, which scale invariance (Euler's relation for degree 0) makes 0. */
  gradientDotW: number;
  /**
   * σ², the batch variance of the unit's pre-activation before normalization.
   * The ε in √(σ² + ε) breaks the scale invariance by a relative amount of
   * order ε/σ², which bounds the scale residuals.
   */
  preNormVariance: number;
  /** ‖w‖. */
  weightNorm: number;
}

/** What {@linkcode batchNormSymmetry} returns. */
export interface BatchNormSymmetry {
  /** One entry per hidden BatchNorm unit. */
  units: BatchNormUnitSymmetry[];
  /** ‖H‖₂ = max|λ|, the scale for the relative numbers. */
  hessianNorm: number;
  /** The loss gradient's norm at the point. */
  gradientNorm: number;
  /** max over units of ‖H e_b‖ / ‖H‖. */
  maxShiftRelative: number;
  /** max over units of ‖H w + g_w‖ / (‖H‖ ‖w‖). */
  maxScaleResidualRelative: number;
  /** max over units of |wᵀHw| / (‖H‖ ‖w‖²). */
  maxCurvatureRelative: number;
  /** The number of numerically zero eigenvalues of H. */
  zeroEigenvalues: number;
}

/**
 * Measure BatchNorm's invariances on a network with `batchnorm: true` (the
 * same options as `networkSpectrum`, which trains it and is cached).
 *
 * For a hidden unit j of layer l followed by BatchNorm, the loss L does not
 * change when the pre-activation column z_j = h·W[:, j] + b_j is shifted
 * (the batch mean absorbs it) or, but for ε in √(σ² + ε), scaled. Hence:
 * - **shift:** L(θ + t e_b) = L(θ) for all t, so H e_b = 0 exactly;
 * - **scale:** L(θ with w → αw) = L(θ); differentiating in α at α = 1 gives
 *   gᵀw = 0, and differentiating that identity in θ gives H w + g_w = 0,
 *   where g_w is the gradient restricted to w's coordinates. So wᵀHw = 0
 *   always, and H w = 0 exactly where g_w = 0 (at a critical point).
 *
 * Throws `Cannot measure the BatchNorm symmetry: …` if the network has no BatchNorm.
 *
 * @example One hidden BatchNorm layer
 * ```ts
 * import { batchNormSymmetry } from "./batchNormSymmetry.ts";
 * const data = { x: [[0, 1], [1, 0], [1, 1], [0, 0], [2, 1]], y: [0, 1, 1, 0, 1] };
 * const s = batchNormSymmetry({ layers: [2, 3, 2], activation: "tanh", batchnorm: true, data, seed: 1 });
 * if (s.units.length !== 3 || !(s.maxShiftRelative < 1e-12)) throw new Error(JSON.stringify(s));
 * ```
 */
export function batchNormSymmetry(options: NetworkSpectrumOptions): BatchNormSymmetry {
  const what = "measure the BatchNorm symmetry";
  if (!options.batchnorm) {
    throw new RangeError(`Cannot ${what}: the network has no BatchNorm (set batchnorm: true)`);
  }
  const r = networkSpectrum(options);
  const net = new Mlp({
    layers: options.layers,
    activation: options.activation,
    batchnorm: true,
    residual: options.residual ?? false,
  });
  const obj = mlpObjective(net, options.data, options.loss ?? "cross_entropy");
  const p = r.params;
  const g = obj.grad(p);
  const n = p.length;
  const norm = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));
  const hNorm = r.summary.scale;
  const units: BatchNormUnitSymmetry[] = [];
  let maxShift = 0, maxScale = 0, maxCurv = 0;
  const X = tensor(Array.from(options.data.x, (r) => Array.from(r)));
  for (const l of net.layout.layers) {
    if (!l.gamma) continue;
    // pre-normalization z of this layer: the network truncated after it (a prefix of θ)
    const sub = new Mlp({
      layers: options.layers.slice(0, l.layer + 1),
      activation: options.activation,
      batchnorm: true,
      residual: options.residual ?? false,
    });
    const z = sub.forward(p.subarray(0, sub.size), X).data;
    const N = z.length / l.output;
    for (let j = 0; j < l.output; j++) {
      const eb = new Float64Array(n);
      eb[l.b.offset + j] = 1;
      const shiftNorm = norm(obj.hvp(p, eb));
      const w = new Float64Array(n), gw = new Float64Array(n);
      for (let i = 0; i < l.input; i++) {
        const k = l.W.offset + i * l.output + j;
        w[k] = p[k];
        gw[k] = g[k];
      }
      const Hw = obj.hvp(p, w);
      const wNorm = norm(w);
      let wHw = 0, gDotW = 0;
      for (let k = 0; k < n; k++) wHw += w[k] * Hw[k], gDotW += g[k] * w[k];
      const scaleResidual = norm(Hw.map((v, k) => v + gw[k]));
      let mu = 0, v2 = 0;
      for (let i = 0; i < N; i++) mu += z[i * l.output + j] / N;
      for (let i = 0; i < N; i++) v2 += (z[i * l.output + j] - mu) ** 2 / N;
      units.push({
        layer: l.layer,
        unit: j,
        shiftNorm,
        scaleHvNorm: norm(Hw),
        gradientNorm: norm(gw),
        scaleResidual,
        curvatureAlongW: wHw / (wNorm * wNorm),
        gradientDotW: gDotW,
        preNormVariance: v2,
        weightNorm: wNorm,
      });
      maxShift = Math.max(maxShift, shiftNorm / hNorm);
      maxScale = Math.max(maxScale, scaleResidual / (hNorm * wNorm));
      maxCurv = Math.max(maxCurv, Math.abs(wHw) / (hNorm * wNorm * wNorm));
    }
  }
  return {
    units,
    hessianNorm: hNorm,
    gradientNorm: norm(g),
    maxShiftRelative: maxShift,
    maxScaleResidualRelative: maxScale,
    maxCurvatureRelative: maxCurv,
    zeroEigenvalues: r.summary.zero,
  };
}

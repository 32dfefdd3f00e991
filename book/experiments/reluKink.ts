/**
 * What automatic differentiation returns when a relu sits exactly on its
 * kink: a worked example with its one-sided limits and the other convention.
 *
 * @module
 */
import type { Activation } from "../../lib/activations/activation.ts";
import { reluRightDerivative } from "../../lib/activations/reluRightDerivative.ts";
import { relu } from "../../lib/activations/relu.ts";
import type { ScalarFunction } from "../../lib/autodiff/differentiate.ts";
import { valueAndGrad } from "../../lib/autodiff/grad.ts";
import { hessian } from "../../lib/autodiff/hessian.ts";
import { activate } from "../../lib/autodiff/ops/activate.ts";
import { add } from "../../lib/autodiff/ops/add.ts";
import { matmul } from "../../lib/autodiff/ops/matmul.ts";
import { mse } from "../../lib/autodiff/ops/mse.ts";
import { view } from "../../lib/autodiff/ops/view.ts";
import { tensor } from "../../lib/autodiff/tensor.ts";
import { mlp } from "../../lib/nn/mlp.ts";

/** Options of {@linkcode reluKink}. */
export interface ReluKinkOptions {
  /** The offset δ of the one-sided points θ ± δ·e. Default 1e-7. */
  delta?: number;
  /** Points on the line θ + t·e for the figure, t in [−span, span]. Default 81. */
  points?: number;
  /** Half-width of the line. Default 0.5. */
  span?: number;
}

/** One point on the line through the kink. */
export interface ReluKinkLinePoint {
  /** The offset t along e. */
  t: number;
  /** L(θ + t e). */
  loss: number;
  /** The autodiff directional derivative eᵀ∇L. */
  slope: number;
  /** The autodiff directional curvature eᵀHe. */
  curvature: number;
}

/** The kink example and everything measured on it. */
export interface ReluKink {
  /** The network's layers: [1, 2, 1], relu, mean squared error. */
  layers: number[];
  /** The data x (3 samples). */
  x: number[][];
  /** The targets y. */
  y: number[][];
  /** θ, where unit 1's pre-activation on sample 1 is exactly 0. */
  params: Float64Array;
  /** The index of b₁[0] in θ: the direction e crosses the kink. */
  index: number;
  /** That pre-activation (exactly 0). */
  preactivation: number;
  /** Autodiff gradient at θ (relu′(0) = 0), and the gradients just left and right of the kink. */
  gradient: { autodiff: Float64Array; left: Float64Array; right: Float64Array };
  /** Autodiff Hessian at θ, the Hessians just left and right, and autodiff with relu′(0) = 1. */
  hessian: {
    autodiff: Float64Array[];
    left: Float64Array[];
    right: Float64Array[];
    rightConvention: Float64Array[];
  };
  /** max |H_autodiff − H_left| (entries). */
  gapToLeft: number;
  /** max |H_autodiff − H_right|. */
  gapToRight: number;
  /** max |H(relu′(0) = 1) − H_right|. */
  rightConventionGap: number;
  /** ‖∇L_right − ∇L_left‖: the jump of the gradient across the kink. */
  gradientJump: number;
  /** The jump of the slope eᵀ∇L across the kink. */
  slopeJump: number;
  /** The line θ + t e through the kink. */
  line: ReluKinkLinePoint[];
}

/**
 * A tiny relu network (layers [1, 2, 1], mean squared error, 3 samples) at
 * parameters θ where unit 1's pre-activation on the first sample is exactly
 * 0. The loss has a crease there: moving the unit's bias b₁[0] by t switches
 * the unit on (t > 0) or leaves it off (t < 0), so the gradient jumps and no
 * Hessian exists at θ. The example measures what the library's autodiff
 * returns at θ (relu′(0) = 0, relu″ = 0), the Hessians at θ ∓ δe (the
 * limits from either side), and the Hessian under the other convention
 * relu′(0) = 1, through the same autodiff ops.
 *
 * Throws `Cannot build the relu kink example: …` for bad options.
 *
 * @example The autodiff Hessian at the kink is the "unit off" one
 * ```ts
 * import { reluKink } from "./reluKink.ts";
 * const k = reluKink();
 * if (k.preactivation !== 0 || !(k.gapToLeft < 1e-6) || !(k.gapToRight > 0.1)) throw new Error();
 * ```
 */
export function reluKink(options: ReluKinkOptions = {}): ReluKink {
  const what = "build the relu kink example";
  const { delta = 1e-7, points = 81, span = 0.5 } = options;
  if (!(delta > 0 && delta < 0.1)) {
    throw new RangeError(`Cannot ${what}: delta must be in (0, 0.1), got ${delta}`);
  }
  if (!Number.isInteger(points) || points < 3) {
    throw new RangeError(`Cannot ${what}: points must be an integer ≥ 3, got ${points}`);
  }
  if (!(span > 0) || !Number.isFinite(span)) {
    throw new RangeError(`Cannot ${what}: span must be a positive number, got ${span}`);
  }
  const layers = [1, 2, 1];
  const x = [[1], [2], [-1]], y = [[1], [0], [1]];
  const net = mlp({ layers, activation: "relu" });
  // W1 = [1, −1], b1 = [−1, 0.5], W2 = [2, 1]ᵀ, b2 = 0: sample 1 puts unit 1 at z = 1·1 − 1 = 0
  const params = net.pack([{ W: [[1, -1]], b: [-1, 0.5] }, { W: [[2], [1]], b: [0] }]);
  const index = net.layout.layers[0].b.offset;
  const preactivation = x[0][0] * params[0] + params[index];
  const data = { x, y };
  const L = net.lossFunction(data, "mse");
  const X = tensor(x), Y = tensor(y);
  const byHand = (act: Activation): ScalarFunction => (p) => {
    const h = activate(add(matmul(X, view(p, 0, [1, 2])), view(p, 2, [2])), act);
    return mse(add(matmul(h, view(p, 4, [2, 1])), view(p, 6, [1])), Y);
  };
  const at = (t: number) => {
    const q = Float64Array.from(params);
    q[index] += t;
    return q;
  };
  const gradOf = valueAndGrad(L), H = hessian(L);
  const gradient = {
    autodiff: gradOf(params).gradient,
    left: gradOf(at(-delta)).gradient,
    right: gradOf(at(delta)).gradient,
  };
  const hess = {
    autodiff: H(params),
    left: H(at(-delta)),
    right: H(at(delta)),
    rightConvention: hessian(byHand(reluRightDerivative))(params),
  };
  // the hand-written network is the library's network: same Hessian with relu′(0) = 0
  const check = hessian(byHand(relu))(params);
  if (maxGap(check, hess.autodiff) > 1e-12) {
    throw new Error(`Cannot ${what}: the hand-written network does not match the MLP`);
  }
  const line: ReluKinkLinePoint[] = [];
  for (let k = 0; k < points; k++) {
    const t = -span + (2 * span * k) / (points - 1);
    const q = at(Math.abs(t) < 1e-15 ? 0 : t);
    const { value, gradient: g } = gradOf(q);
    line.push({
      t: Math.abs(t) < 1e-15 ? 0 : t,
      loss: value,
      slope: g[index],
      curvature: H(q)[index][index],
    });
  }
  return {
    layers,
    x,
    y,
    params,
    index,
    preactivation,
    gradient,
    hessian: hess,
    gapToLeft: maxGap(hess.autodiff, hess.left),
    gapToRight: maxGap(hess.autodiff, hess.right),
    rightConventionGap: maxGap(hess.rightConvention, hess.right),
    gradientJump: Math.hypot(...gradient.right.map((v, i) => v - gradient.left[i])),
    slopeJump: gradient.right[index] - gradient.left[index],
    line,
  };
}

function maxGap(A: Float64Array[], B: Float64Array[]): number {
  let m = 0;
  for (let i = 0; i < A.length; i++) {
    for (let j = 0; j < A.length; j++) m = Math.max(m, Math.abs(A[i][j] - B[i][j]));
  }
  return m;
}

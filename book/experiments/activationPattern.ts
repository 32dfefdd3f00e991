/**
 * Which hidden units of an MLP are on, off or dead on a data set.
 *
 * @module
 */
import { batchNorm } from "../../lib/autodiff/ops/batchNorm.ts";
import { view } from "../../lib/autodiff/ops/view.ts";
import { tensor } from "../../lib/autodiff/tensor.ts";
import type { Mlp } from "../../lib/nn/mlp.ts";
import { mlp } from "../../lib/nn/mlp.ts";

/** The hidden activity of a network on N samples, layer by layer. */
export interface ActivationPattern {
  /** The number of samples N. */
  samples: number;
  /** The hidden widths d_1 … d_{L−1}. */
  widths: number[];
  /**
   * The input u of each hidden layer's activation, N×d row-major: the
   * pre-activation z = h·W + b, after BatchNorm when the network has it.
   */
  inputs: Float64Array[];
  /** Each hidden layer's output h_l (after the residual sum when there is one), N×d row-major. */
  outputs: Float64Array[];
  /** Per hidden layer, N×d: 1 where the activation's derivative f′(u) is nonzero, else 0. */
  active: Uint8Array[];
  /** Per hidden layer, the units with f′(u) = 0 on every sample (dead units). */
  deadUnits: number[][];
  /** The total number of dead units. */
  dead: number;
  /** How many activation inputs are exactly 0 (a relu kink), over all layers and samples. */
  kinks: number;
}

/**
 * Run the network on `x` and record, for every hidden unit and sample, the
 * input of its activation and whether the activation's derivative is
 * nonzero there. A unit is **dead** when f′(u) = 0 on every sample: for relu,
 * u ≤ 0 everywhere (relu′(0) = 0 by the library's convention). Dead units
 * only exist for activations with flat pieces (relu); tanh, sigmoid and
 * softplus have f′ > 0 everywhere, though it can underflow to 0 for |u| in
 * the hundreds.
 *
 * The pre-activations come from the library's own forward pass
 * (`Mlp.forward` on the network truncated after layer l, whose parameters
 * are a prefix of the flat vector), then BatchNorm (ε = 1e-5, as in `Mlp`).
 *
 * @example One relu unit that is off on both samples
 * ```ts
 * import { activationPattern } from "./activationPattern.ts";
 * import { mlp } from "../../lib/nn/mlp.ts";
 * const net = mlp({ layers: [1, 2, 1], activation: "relu" });
 * // W1 = [[1, -1]], b1 = [0, -5], W2 = [[1], [1]], b2 = [0]
 * const p = net.pack([{ W: [[1, -1]], b: [0, -5] }, { W: [[1], [1]], b: [0] }]);
 * const a = activationPattern(net, p, [[1], [2]]);
 * if (a.deadUnits[0].join() !== "1" || a.dead !== 1) throw new Error(JSON.stringify(a.deadUnits));
 * ```
 */
export function activationPattern(
  net: Mlp,
  params: ArrayLike<number>,
  x: ArrayLike<ArrayLike<number>>,
): ActivationPattern {
  const what = "compute the activation pattern";
  if (params.length !== net.size) {
    throw new RangeError(
      `Cannot ${what}: params has ${params.length} entries, expected ${net.size}`,
    );
  }
  const { layers, activation, batchnorm, residual } = net.config;
  const p = Float64Array.from(params);
  const X = tensor(Array.from(x, (r) => Array.from(r)));
  const N = X.shape[0];
  const act = net.activation;
  const inputs: Float64Array[] = [], outputs: Float64Array[] = [], active: Uint8Array[] = [];
  const deadUnits: number[][] = [];
  let kinks = 0, dead = 0;
  for (let l = 1; l < layers.length - 1; l++) {
    const sub = mlp({ layers: layers.slice(0, l + 1), activation, batchnorm, residual });
    let u = sub.forward(p.subarray(0, sub.size), X);
    const lay = net.layout.layers[l - 1];
    if (lay.gamma && lay.beta) {
      u = batchNorm(
        u,
        view(p, lay.gamma.offset, lay.gamma.shape),
        view(p, lay.beta.offset, lay.beta.shape),
        { eps: 1e-5 },
      );
    }
    const d = layers[l], ud = Float64Array.from(u.data);
    const f = new Float64Array(N * d), df = new Float64Array(N * d);
    act.evaluate(ud, f, df, null);
    const h = lay.residual ? f.map((v, i) => v + outputs[l - 2][i]) : f;
    const on = new Uint8Array(N * d);
    const deadHere: number[] = [];
    for (let j = 0; j < d; j++) {
      let alive = false;
      for (let i = 0; i < N; i++) {
        const k = i * d + j;
        if (df[k] !== 0) on[k] = 1, alive = true;
        if (ud[k] === 0) kinks++;
      }
      if (!alive) deadHere.push(j);
    }
    dead += deadHere.length;
    inputs.push(ud);
    outputs.push(h);
    active.push(on);
    deadUnits.push(deadHere);
  }
  return {
    samples: N,
    widths: layers.slice(1, -1),
    inputs,
    outputs,
    active,
    deadUnits,
    dead,
    kinks,
  };
}

/**
 * The parameters of a network that no training sample can see: the
 * structural explanation of exactly zero Hessian rows.
 *
 * @module
 */
import type { Mlp } from "../../lib/nn/mlp.ts";
import { type ActivationPattern, activationPattern } from "./activationPattern.ts";

/** What {@linkcode inactiveParameters} returns. */
export interface InactiveParameters {
  /** Indices (into the flat parameter vector) of the parameters the loss cannot see, ascending. */
  indices: number[];
  /** How many of them belong to each weight layer l = 1..L (W and b together). */
  perLayer: number[];
  /** The activation pattern the answer was read from. */
  pattern: ActivationPattern;
}

/**
 * Find the parameters on which the loss does not depend in a neighbourhood
 * of `params`, from the activation pattern alone (no derivatives). Each such
 * parameter has an exactly zero Hessian row and column, hence contributes
 * one exactly zero eigenvalue.
 *
 * The rule, for a plain MLP (no residual, no BatchNorm): say unit j of hidden
 * layer l *reaches the output* on sample n when f′(u_j) ≠ 0 there and some
 * nonzero weight W_{l+1}[j, k] leads to a unit k that reaches the output on
 * sample n (output units always do). Then
 * - W_l[i, j] of a hidden layer is invisible when, on every sample, its input
 *   h_{l−1}[i] (or x_i for l = 1) is 0 or unit j does not reach the output;
 * - b_l[j] of a hidden layer is invisible when unit j reaches the output on no sample;
 * - W_L[i, k] of the output layer is invisible when its input is 0 on every sample.
 * A dead unit (off on every sample) makes its whole fan-in, its bias and its
 * fan-out invisible; a *dead path* (unit i and unit j never on together)
 * makes the single weight between them invisible.
 *
 * The answer is local: it holds on the open set where no activation input
 * sits exactly on a relu kink, so a pattern with kinks is refused.
 *
 * Throws `Cannot find the inactive parameters: …` for residual or BatchNorm
 * networks (their skip and normalization paths need another rule) and at kinks.
 *
 * @example A dead second unit hides its fan-in, bias and fan-out
 * ```ts
 * import { inactiveParameters } from "./inactiveParameters.ts";
 * import { mlp } from "../../lib/nn/mlp.ts";
 * const net = mlp({ layers: [1, 2, 1], activation: "relu" });
 * const p = net.pack([{ W: [[1, -1]], b: [0.5, -5] }, { W: [[1], [1]], b: [0] }]);
 * // layout: W1 = p[0..1], b1 = p[2..3], W2 = p[4..5], b2 = p[6]
 * const r = inactiveParameters(net, p, [[1], [2]]);
 * if (r.indices.join() !== "1,3,5") throw new Error(r.indices.join());
 * ```
 */
export function inactiveParameters(
  net: Mlp,
  params: ArrayLike<number>,
  x: ArrayLike<ArrayLike<number>>,
): InactiveParameters {
  const what = "find the inactive parameters";
  if (net.config.residual || net.config.batchnorm) {
    throw new RangeError(
      `Cannot ${what}: the rule covers plain MLPs; this one has ${
        net.config.residual ? "residual connections" : "BatchNorm"
      }`,
    );
  }
  const pattern = activationPattern(net, params, x);
  if (pattern.kinks > 0) {
    throw new RangeError(
      `Cannot ${what}: ${pattern.kinks} activation inputs are exactly 0 (relu kinks), where the loss is not locally smooth`,
    );
  }
  const { layers } = net.config;
  const L = layers.length - 1, N = pattern.samples;
  // reach[l-1][n·d + j] for hidden layers l = 1..L−1, computed from the top down
  const reach: Uint8Array[] = new Array(L - 1);
  for (let l = L - 1; l >= 1; l--) {
    const d = layers[l], next = layers[l + 1];
    const Wn = net.layout.layers[l].W.offset; // W_{l+1}, shape [d, next]
    const on = pattern.active[l - 1];
    const r = new Uint8Array(N * d);
    for (let n = 0; n < N; n++) {
      for (let j = 0; j < d; j++) {
        if (!on[n * d + j]) continue;
        for (let k = 0; k < next; k++) {
          if (params[Wn + j * next + k] === 0) continue;
          if (l + 1 === L || reach[l][n * next + k]) {
            r[n * d + j] = 1;
            break;
          }
        }
      }
    }
    reach[l - 1] = r;
  }
  const indices: number[] = [], perLayer: number[] = [];
  for (let l = 1; l <= L; l++) {
    const lay = net.layout.layers[l - 1];
    const din = layers[l - 1], dout = layers[l];
    const input = (n: number, i: number) => l === 1 ? x[n][i] : pattern.outputs[l - 2][n * din + i];
    let count = 0;
    for (let i = 0; i < din; i++) {
      for (let j = 0; j < dout; j++) {
        let seen = false;
        for (let n = 0; n < N && !seen; n++) {
          seen = input(n, i) !== 0 && (l === L || reach[l - 1][n * dout + j] === 1);
        }
        if (!seen) indices.push(lay.W.offset + i * dout + j), count++;
      }
    }
    if (l < L) {
      for (let j = 0; j < dout; j++) {
        let seen = false;
        for (let n = 0; n < N && !seen; n++) seen = reach[l - 1][n * dout + j] === 1;
        if (!seen) indices.push(lay.b.offset + j), count++;
      }
    }
    perLayer.push(count);
  }
  indices.sort((a, b) => a - b);
  return { indices, perLayer, pattern };
}

/**
 * Where each weight of an MLP lives in its flat parameter vector — the layout
 * of the `params` array in a model spec, shared by the autodiff network, the
 * spec parser and the tfjs weight import.
 *
 * @module
 */
import { validateLayers } from "./_validate.ts";

/** The architecture of a multilayer perceptron. */
export interface MlpConfig {
  /** Widths [d0, …, dL]: d0 inputs, dL outputs, L ≥ 1 weight layers. */
  layers: readonly number[];
  /** Hidden-layer activation: relu, sigmoid, tanh, softplus, gelu or linear. */
  activation: string;
  /** BatchNorm (training mode) on every hidden pre-activation. Default false. */
  batchnorm?: boolean;
  /** Skip connections h_l = h_{l−1} + act(z_l) where widths allow (l ≥ 2). Default false. */
  residual?: boolean;
}

/** A block of consecutive entries in the flat parameter vector. */
export interface ParamBlock {
  /** Index of the first entry. */
  offset: number;
  /** Number of entries. */
  length: number;
  /** The block's shape: [d_{l−1}, d_l] for W (row-major), [d_l] for vectors. */
  shape: number[];
}

/** The parameters and wiring of weight layer l (1-based). */
export interface LayerLayout {
  /** The layer index l, from 1 to L. */
  layer: number;
  /** Input width d_{l−1}. */
  input: number;
  /** Output width d_l. */
  output: number;
  /** True for hidden layers (l < L), false for the output layer. */
  hidden: boolean;
  /** W_l, shape [d_{l−1}, d_l], element (i, j) at offset + i·d_l + j. */
  W: ParamBlock;
  /** b_l, right after W_l. */
  b: ParamBlock;
  /** γ_l (BatchNorm scale), right after b_l; hidden layers with batchnorm only. */
  gamma: ParamBlock | null;
  /** β_l (BatchNorm shift), right after γ_l; hidden layers with batchnorm only. */
  beta: ParamBlock | null;
  /** Whether this layer adds its input back: h_l = h_{l−1} + a. */
  residual: boolean;
}

/** The full layout: one entry per weight layer and the total parameter count. */
export interface MlpLayout {
  /** Total number of parameters n. */
  size: number;
  /** Layers 1..L in order. */
  layers: LayerLayout[];
}

/**
 * The parameter layout of an MLP, exactly as the model spec defines it: for
 * each layer l = 1..L in order, W_l (row-major [d_{l−1}, d_l]), then b_l,
 * then — for hidden layers with batchnorm — γ_l and β_l. Hidden layer l ≥ 2
 * is residual when `residual` is set and d_l = d_{l−1}; layer 1 and the output
 * layer never are.
 *
 * @example layers [2, 3, 1] with batchnorm
 * ```ts
 * import { mlpLayout } from "./layout.ts";
 * const L = mlpLayout({ layers: [2, 3, 1], activation: "tanh", batchnorm: true });
 * // W1: 6, b1: 3, γ1: 3, β1: 3, W2: 3, b2: 1
 * if (L.size !== 19 || L.layers[0].gamma?.offset !== 9 || L.layers[1].W.offset !== 15) {
 *   throw new Error(JSON.stringify(L));
 * }
 * ```
 */
export function mlpLayout(config: MlpConfig): MlpLayout {
  const { layers, batchnorm = false, residual = false } = config;
  validateLayers(layers, "compute the MLP layout", "layers");
  const L = layers.length - 1;
  const out: LayerLayout[] = [];
  let at = 0;
  const block = (shape: number[]): ParamBlock => {
    const length = shape.reduce((a, b) => a * b, 1);
    const b = { offset: at, length, shape };
    at += length;
    return b;
  };
  for (let l = 1; l <= L; l++) {
    const din = layers[l - 1], dout = layers[l], hidden = l < L;
    const W = block([din, dout]);
    const b = block([dout]);
    const gamma = hidden && batchnorm ? block([dout]) : null;
    const beta = hidden && batchnorm ? block([dout]) : null;
    out.push({
      layer: l,
      input: din,
      output: dout,
      hidden,
      W,
      b,
      gamma,
      beta,
      residual: hidden && residual && l >= 2 && dout === din,
    });
  }
  return { size: at, layers: out };
}

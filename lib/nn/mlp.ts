/**
 * Multilayer perceptrons as differentiable functions of one flat parameter
 * vector, with BatchNorm and residual options, seeded He/Xavier
 * initialization, and packing to and from per-layer weights.
 *
 * @module
 */
import type { Activation } from "../activations/activation.ts";
import { getActivation } from "../activations/activations.ts";
import type { ScalarFunction } from "../autodiff/differentiate.ts";
import { activate } from "../autodiff/ops/activate.ts";
import { add } from "../autodiff/ops/add.ts";
import { batchNorm } from "../autodiff/ops/batchNorm.ts";
import { matmul } from "../autodiff/ops/matmul.ts";
import { mse } from "../autodiff/ops/mse.ts";
import { residualAdd } from "../autodiff/ops/residualAdd.ts";
import { softmaxCrossEntropy } from "../autodiff/ops/softmaxCrossEntropy.ts";
import { view } from "../autodiff/ops/view.ts";
import { Tensor, tensor, type TensorLike } from "../autodiff/tensor.ts";
import { Rng } from "../random.ts";
import { checkIndices } from "../validate/checkIndices.ts";
import { toFlatMatrix } from "../validate/toFlatMatrix.ts";
import { type MlpConfig, type MlpLayout, mlpLayout } from "./layout.ts";

/** The losses a model spec can name. */
export type LossName = "mse" | "cross_entropy";

/** Training data: x is N rows of d0 inputs; y is N rows of dL targets (mse) or N labels (cross_entropy). */
export interface Dataset {
  /** Inputs, one row of d0 numbers per sample. */
  x: ArrayLike<ArrayLike<number>>;
  /** Targets: rows of dL numbers for mse, integer class labels for cross_entropy. */
  y: ArrayLike<ArrayLike<number>> | ArrayLike<number>;
}

/** The weights of one layer, unpacked from the flat vector. */
export interface LayerParams {
  /** W_l as rows: d_{l−1} rows of d_l numbers. */
  W: number[][];
  /** b_l. */
  b: number[];
  /** γ_l, for hidden layers with batchnorm. */
  gamma?: number[];
  /** β_l, for hidden layers with batchnorm. */
  beta?: number[];
}

/** Options for {@linkcode Mlp.init}. */
export interface InitOptions {
  /** Seed for the weights. Default 0. */
  seed?: number;
  /**
   * "he": W ~ N(0, 2/d_in); "xavier" (Glorot normal): W ~ N(0, 2/(d_in + d_out)).
   * Default "he" for relu and gelu, "xavier" otherwise.
   */
  scheme?: "he" | "xavier";
}

/**
 * A multilayer perceptron following the model-spec contract: hidden layer
 * l computes z = h·W_l + b_l, optionally BatchNorm (batch statistics,
 * ε = 1e-5) then γ⊙ẑ + β, then a = act(z), and h_l = h_{l−1} + a when the
 * layer is residual; the output layer is h·W_L + b_L. Parameters live in one
 * flat vector laid out by {@linkcode mlpLayout}.
 *
 * @example The Hessian of a tiny network's loss
 * ```ts
 * import { Mlp } from "./mlp.ts";
 * import { hessian } from "../autodiff/hessian.ts";
 * const net = new Mlp({ layers: [2, 3, 1], activation: "tanh" });
 * const p = net.init({ seed: 1 });
 * const data = { x: [[0, 1], [1, 0], [1, 1]], y: [[1], [0], [2]] };
 * const H = hessian(net.lossFunction(data, "mse"))(p);
 * if (H.length !== net.size || net.size !== 13) throw new Error();
 * ```
 */
export class Mlp {
  /** The architecture, with defaults filled in. */
  readonly config: Readonly<Required<MlpConfig>>;
  /** Where every W_l, b_l, γ_l, β_l lives in the flat parameter vector. */
  readonly layout: MlpLayout;
  /** The hidden activation. */
  readonly activation: Activation;

  /** Build the network; throws a `Cannot …` error naming the bad field of `config`. */
  constructor(config: MlpConfig) {
    const layout = mlpLayout(config);
    const activation = getActivation(config.activation);
    this.config = Object.freeze({
      layers: Object.freeze(config.layers.slice()),
      activation: config.activation,
      batchnorm: config.batchnorm ?? false,
      residual: config.residual ?? false,
    });
    this.layout = layout;
    this.activation = activation;
  }

  /** The number of parameters n. */
  get size(): number {
    return this.layout.size;
  }

  /**
   * The network output [N, dL] for inputs x [N, d0]. `params` is the flat
   * vector (a Tensor inside `grad`/`hvp`/`hessian`, or plain numbers).
   */
  forward(params: Tensor | ArrayLike<number>, x: TensorLike): Tensor {
    const p = params instanceof Tensor ? params : tensor(params);
    if (p.size !== this.size) {
      throw new RangeError(
        `Cannot run the MLP: params has ${p.size} entries, expected ${this.size}`,
      );
    }
    let h = x instanceof Tensor ? x : tensor(x);
    const d0 = this.config.layers[0];
    if (h.shape.length !== 2 || h.shape[1] !== d0) {
      throw new RangeError(
        `Cannot run the MLP: x must have shape [N, ${d0}], got [${h.shape.join(", ")}]`,
      );
    }
    const linearAct = this.config.activation === "linear";
    for (const layer of this.layout.layers) {
      const W = view(p, layer.W.offset, layer.W.shape);
      const b = view(p, layer.b.offset, layer.b.shape);
      let z = add(matmul(h, W), b);
      if (!layer.hidden) return z;
      if (layer.gamma && layer.beta) {
        z = batchNorm(
          z,
          view(p, layer.gamma.offset, layer.gamma.shape),
          view(p, layer.beta.offset, layer.beta.shape),
          { eps: 1e-5 },
        );
      }
      const a = linearAct ? z : activate(z, this.activation);
      h = layer.residual ? residualAdd(h, a) : a;
    }
    return h; // unreachable: the last layer is the output layer
  }

  /** The loss (a scalar Tensor) of the network on `data`. */
  loss(params: Tensor | ArrayLike<number>, data: Dataset, loss: LossName): Tensor {
    return this.lossFunction(data, loss)(params instanceof Tensor ? params : tensor(params));
  }

  /**
   * The loss as a function of the flat parameters, ready for `grad`, `hvp`,
   * `hessian` and `hessianOperator`. The data are validated and converted
   * once, here.
   */
  lossFunction(data: Dataset, loss: LossName): ScalarFunction {
    const what = "build the loss";
    const [d0] = this.config.layers, dL = this.config.layers[this.config.layers.length - 1];
    const X = toMatrix(data?.x, d0, what, "x");
    const N = X.shape[0];
    if (loss === "mse") {
      const Y = toMatrix(data.y as ArrayLike<ArrayLike<number>>, dL, what, "y");
      if (Y.shape[0] !== N) {
        throw new RangeError(`Cannot ${what}: y has ${Y.shape[0]} rows, x has ${N}`);
      }
      return (p) => mse(this.forward(p, X), Y);
    }
    if (loss === "cross_entropy") {
      const y = data.y as ArrayLike<number>;
      if (!y || y.length !== N) {
        throw new RangeError(`Cannot ${what}: y has ${y?.length} labels, x has ${N} rows`);
      }
      const labels = Int32Array.from(checkIndices(y, dL, what, "y"));
      return (p) => softmaxCrossEntropy(this.forward(p, X), labels);
    }
    throw new RangeError(
      `Cannot ${what}: unknown loss ${JSON.stringify(loss)} (expected mse, cross_entropy)`,
    );
  }

  /**
   * Fresh parameters: weights from a seeded normal (He or Xavier scale),
   * biases 0, BatchNorm γ = 1 and β = 0.
   */
  init(options: InitOptions = {}): Float64Array {
    const { seed = 0 } = options;
    const scheme = options.scheme ??
      (this.config.activation === "relu" || this.config.activation === "gelu" ? "he" : "xavier");
    if (scheme !== "he" && scheme !== "xavier") {
      throw new RangeError(`Cannot initialize the MLP: unknown scheme ${JSON.stringify(scheme)}`);
    }
    const rng = new Rng(seed);
    const p = new Float64Array(this.size);
    for (const l of this.layout.layers) {
      const sd = Math.sqrt(scheme === "he" ? 2 / l.input : 2 / (l.input + l.output));
      for (let i = 0; i < l.W.length; i++) p[l.W.offset + i] = sd * rng.normal();
      if (l.gamma) p.fill(1, l.gamma.offset, l.gamma.offset + l.gamma.length);
    }
    return p;
  }

  /** Pack per-layer weights (W as rows) into the flat vector, checking every shape. */
  pack(parts: readonly LayerParams[]): Float64Array {
    const what = "pack the parameters";
    if (!parts || parts.length !== this.layout.layers.length) {
      throw new RangeError(
        `Cannot ${what}: expected ${this.layout.layers.length} layers, got ${parts?.length}`,
      );
    }
    const p = new Float64Array(this.size);
    this.layout.layers.forEach((l, k) => {
      const part = parts[k];
      const rows = part.W;
      if (!rows || rows.length !== l.input) {
        throw new RangeError(`Cannot ${what}: layer ${l.layer} W must have ${l.input} rows`);
      }
      rows.forEach((r, i) => {
        if (!r || r.length !== l.output) {
          throw new RangeError(
            `Cannot ${what}: layer ${l.layer} W row ${i} must have ${l.output} entries`,
          );
        }
        for (let j = 0; j < l.output; j++) p[l.W.offset + i * l.output + j] = r[j];
      });
      const put = (name: string, v: readonly number[] | undefined, at: number) => {
        if (!v || v.length !== l.output) {
          throw new RangeError(
            `Cannot ${what}: layer ${l.layer} ${name} must have ${l.output} entries`,
          );
        }
        p.set(v, at);
      };
      put("b", part.b, l.b.offset);
      if (l.gamma) put("gamma", part.gamma, l.gamma.offset);
      if (l.beta) put("beta", part.beta, l.beta.offset);
    });
    return p;
  }

  /** Split the flat vector into per-layer weights (the inverse of {@linkcode Mlp.pack}). */
  unpack(params: ArrayLike<number>): LayerParams[] {
    if (params.length !== this.size) {
      throw new RangeError(
        `Cannot unpack the parameters: got ${params.length} entries, expected ${this.size}`,
      );
    }
    const slice = (o: number, n: number) => Array.from({ length: n }, (_, i) => params[o + i]);
    return this.layout.layers.map((l) => {
      const part: LayerParams = {
        W: Array.from({ length: l.input }, (_, i) => slice(l.W.offset + i * l.output, l.output)),
        b: slice(l.b.offset, l.output),
      };
      if (l.gamma) part.gamma = slice(l.gamma.offset, l.output);
      if (l.beta) part.beta = slice(l.beta.offset, l.output);
      return part;
    });
  }

  /** A one-line description. */
  toString(): string {
    const c = this.config;
    return `Mlp [${c.layers.join(", ")}] ${c.activation}${c.batchnorm ? " +batchnorm" : ""}${
      c.residual ? " +residual" : ""
    }, ${this.size} parameters`;
  }

  /** Notebook display: a table of layers with their parameter offsets. */
  [Symbol.for("Jupyter.display")](): Record<string, string> {
    const rows = this.layout.layers.map((l) => {
      const blocks = [
        `W ${l.W.shape.join("×")} @${l.W.offset}`,
        `b @${l.b.offset}`,
        ...(l.gamma ? [`γ @${l.gamma.offset}`] : []),
        ...(l.beta ? [`β @${l.beta.offset}`] : []),
      ].join(", ");
      const kind = l.hidden
        ? `${this.config.activation}${l.gamma ? " + BN" : ""}${l.residual ? " + residual" : ""}`
        : "output";
      const count = l.W.length + l.b.length + (l.gamma?.length ?? 0) + (l.beta?.length ?? 0);
      return `| ${l.layer} | ${l.input} → ${l.output} | ${kind} | ${count} | ${blocks} |`;
    });
    const md = [
      `**${this.toString()}**`,
      "",
      "| layer | widths | kind | params | layout (offsets) |",
      "|---|---|---|---|---|",
      ...rows,
    ].join("\n");
    return { "text/markdown": md, "text/plain": this.toString() };
  }
}

/**
 * Build an {@linkcode Mlp} (same as `new Mlp(config)`).
 *
 * @example
 * ```ts
 * import { mlp } from "./mlp.ts";
 * const net = mlp({ layers: [4, 8, 8, 3], activation: "relu", residual: true });
 * if (!net.layout.layers[1].residual || net.layout.layers[0].residual) throw new Error();
 * ```
 */
export function mlp(config: MlpConfig): Mlp {
  return new Mlp(config);
}

function toMatrix(
  rows: ArrayLike<ArrayLike<number>> | undefined,
  cols: number,
  what: string,
  name: string,
): Tensor {
  const m = toFlatMatrix(rows as ArrayLike<ArrayLike<number>>, what, { name, cols });
  return new Tensor(m.data, [m.rows, cols]);
}

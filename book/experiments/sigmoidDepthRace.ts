/**
 * A deep sigmoid network with vanishing gradients, trained by full-batch
 * gradient descent and by Adam, each at its best learning rate.
 *
 * @module
 */
import { loadIris } from "../../lib/data/loadIris.ts";
import { mlp } from "../../lib/nn/mlp.ts";
import { adam } from "../../lib/optim/adam.ts";
import { gradientDescent } from "../../lib/optim/gradientDescent.ts";
import { mlpObjective } from "../../lib/optim/mlpObjective.ts";
import { median } from "../../lib/stats/median.ts";

/** Options of {@linkcode sigmoidDepthRace}. */
export interface SigmoidRaceOptions {
  /** Hidden layers. Default 6. */
  depth?: number;
  /** Hidden width. Default 5. */
  width?: number;
  /** Full-batch steps. Default 100. */
  steps?: number;
  /** Seeds. Default 1–3. */
  seeds?: readonly number[];
  /** Learning rates of gradient descent. */
  gdRates?: readonly number[];
  /** Learning rates of Adam. */
  adamRates?: readonly number[];
}

/** What {@linkcode sigmoidDepthRace} returns. */
export interface SigmoidRaceResult {
  /** The number of parameters. */
  n: number;
  /** The loss at initialization (median over seeds). */
  initialLoss: number;
  /** ‖∇_{W1} L‖ / ‖∇_{W_L} L‖ at initialization (median over seeds): the vanishing of the gradient. */
  firstToLastGradient: number;
  /** Gradient descent: median final loss at its best rate, and that rate. */
  gd: { loss: number; lr: number; perSeed: number[] };
  /** Adam: the same. */
  adam: { loss: number; lr: number; perSeed: number[] };
}

/**
 * Sigmoid MLP [4, 5 × depth, 3] on the Iris training set (cross-entropy,
 * Xavier initialization), trained from the same initializations by
 * full-batch gradient descent and by Adam (β = 0.9, 0.999, ε = 10⁻⁸);
 * each optimizer's rate is the one on its grid with the lowest median final
 * loss. Also returns how much smaller the first layer's gradient is than
 * the last layer's at initialization.
 *
 * @example
 * ```ts
 * import { sigmoidDepthRace } from "./sigmoidDepthRace.ts";
 * const r = sigmoidDepthRace({ depth: 2, steps: 5, seeds: [1], gdRates: [1], adamRates: [0.01] });
 * if (!(r.firstToLastGradient > 0 && r.gd.loss > 0)) throw new Error();
 * ```
 */
export function sigmoidDepthRace(options: SigmoidRaceOptions = {}): SigmoidRaceResult {
  const {
    depth = 6,
    width = 5,
    steps = 100,
    seeds = [1, 2, 3],
    gdRates = [0.3, 1, 3, 10],
    adamRates = [0.01, 0.03, 0.1, 0.3],
  } = options;
  const data = loadIris({ seed: 0 }).train;
  const net = mlp({ layers: [4, ...Array(depth).fill(width), 3], activation: "sigmoid" });
  const obj = mlpObjective(net, data, "cross_entropy");
  const inits = new Map(seeds.map((s) => [s, net.init({ seed: s, scheme: "xavier" })]));
  const first = net.layout.layers[0].W, last = net.layout.layers[net.layout.layers.length - 1].W;
  const norm = (g: Float64Array, o: { offset: number; length: number }) =>
    Math.hypot(...g.subarray(o.offset, o.offset + o.length));
  const ratios = seeds.map((s) => {
    const g = obj.grad(inits.get(s)!);
    return norm(g, first) / norm(g, last);
  });
  const train = (kind: "gd" | "adam", lr: number, seed: number) => {
    const optimizer = kind === "gd" ? gradientDescent({ lr }) : adam({ lr });
    const run = optimizer.start(obj, inits.get(seed)!);
    for (let t = 0; t < steps; t++) run.step();
    const f = obj.f(run.x);
    return Number.isFinite(f) ? f : Infinity;
  };
  const best = (kind: "gd" | "adam", rates: readonly number[]) => {
    let top = { loss: Infinity, lr: NaN, perSeed: [] as number[] };
    for (const lr of rates) {
      const perSeed = seeds.map((s) => train(kind, lr, s));
      const loss = median(perSeed);
      if (loss < top.loss) top = { loss, lr, perSeed };
    }
    return top;
  };
  return {
    n: net.size,
    initialLoss: median(seeds.map((s) => obj.f(inits.get(s)!))),
    firstToLastGradient: median(ratios),
    gd: best("gd", gdRates),
    adam: best("adam", adamRates),
  };
}

/**
 * Erratum (Chapter 8): a ReLU network's loss is not piecewise linear in the
 * weights.
 *
 * @module
 */
import type { Erratum } from "./claim.ts";
import { loadIris } from "../../lib/data/loadIris.ts";
import { activationPattern } from "../experiments/activationPattern.ts";
import { networkSpectrum } from "../experiments/networkSpectrum.ts";
import { mlp } from "../../lib/nn/mlp.ts";
import { mlpObjective } from "../../lib/optim/mlpObjective.ts";
import { Rng } from "../../lib/random.ts";

/**
 * The paper (§8.1) says ReLU's "resulting loss landscape is piecewise linear,
 * with flat regions where neurons are off". A relu network is piecewise
 * linear in its *input*; in its *weights* it is, on each activation region, a
 * polynomial (a product of one weight per layer along every path), and the
 * loss composes that with softmax cross-entropy. So the landscape is
 * piecewise smooth and curved, not piecewise linear.
 *
 * The check: on the trained Iris relu network with 2 hidden layers (seed 1,
 * from Chapter 8's sweep), the Hessian's top eigenvalue is far from 0, and
 * along a random unit direction v the second difference
 * (L(θ+tv) − 2L(θ) + L(θ−tv))/t² with t = 10⁻³ — a step small enough that no
 * unit switches (checked) — equals vᵀHv and is far from 0. A piecewise linear
 * function would have zero second difference inside a piece.
 *
 * @example
 * ```ts
 * import { reluLossPiecewiseLinear } from "./reluLossPiecewiseLinear.ts";
 * if (!reluLossPiecewiseLinear.check().includes("second difference")) throw new Error();
 * ```
 */
export const reluLossPiecewiseLinear: Erratum = {
  id: "relu-loss-piecewise-linear",
  chapter: 8,
  paper:
    "that with ReLU “the resulting loss landscape is piecewise linear, with flat regions where neurons are off”",
  correction:
    "a ReLU network is piecewise linear in its *input*. In its *weights* it is, on each activation region, a polynomial (products of one weight per layer along each path), and the loss is curved there; only the parameters that no active path reaches are flat.",
  check(): string {
    const data = loadIris({ seed: 0 }).train;
    const layers = [4, 5, 5, 3];
    const r = networkSpectrum({ layers, activation: "relu", data, seed: 1, steps: 300 });
    const net = mlp({ layers, activation: "relu" });
    const obj = mlpObjective(net, data, "cross_entropy");
    const p = r.params, n = p.length;
    const v = new Rng(7).normalVector(n);
    const norm = Math.hypot(...v);
    for (let i = 0; i < n; i++) v[i] /= norm;
    const t = 1e-3;
    const shift = (s: number) => p.map((x, i) => x + s * v[i]);
    const before = activationPattern(net, p, data.x).active;
    for (const s of [t, -t]) {
      const after = activationPattern(net, shift(s), data.x).active;
      if (after.some((a, l) => a.some((x, i) => x !== before[l][i]))) {
        throw new Error("Cannot check the erratum: the step changes the activation pattern");
      }
    }
    const second = (obj.f(shift(t)) - 2 * obj.f(p) + obj.f(shift(-t))) / (t * t);
    const Hv = obj.hvp(p, v);
    const vHv = Hv.reduce((s, x, i) => s + x * v[i], 0);
    if (!(r.summary.scale > 1)) {
      throw new Error(`Cannot check the erratum: max|λ| = ${r.summary.scale} is not large`);
    }
    if (!(Math.abs(second - vHv) <= 1e-4 * Math.abs(vHv) + 1e-8 && Math.abs(vHv) > 1e-3)) {
      throw new Error(`Cannot check the erratum: second difference ${second} vs vᵀHv ${vHv}`);
    }
    return `On the trained Iris relu network with 2 hidden layers (${n} parameters), the Hessian's
largest eigenvalue is ${r.summary.lambdaMax.toFixed(2)} and ${
      r.n - r.summary.nearZero
    } of its ${n} eigenvalues exceed $10^{-3}\\max|\\lambda|$. Along a random direction, inside one
activation region, the second difference of the loss is ${second.toExponential(3)} and
$v^\\top H v$ = ${vHv.toExponential(3)}: curved, not linear.`;
  },
};

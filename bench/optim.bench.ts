// Cost per optimizer step against the dimension n (the paper's Table 1,
// measured), and a TensorFlow.js (wasm, float32) training step against the
// library's float64 step on the same MLP.
//
// `deno task bench` runs the Deno.bench cases below; on load this file also
// prints a summary with the exponent p of t ≈ c·nᵖ fitted over ≥ 4 sizes.
import type * as tfjs from "@tensorflow/tfjs";
import {
  adam,
  leastSquaresObjective,
  measureStepCost,
  newton,
  type Objective,
  sgd,
} from "../lib/optim/mod.ts";
import { Rng } from "../lib/random.ts";
import { Mlp } from "../lib/nn/mod.ts";
import { valueAndGrad } from "../lib/autodiff/mod.ts";
import { getTf } from "../lib/tfjs/_tf.ts";
import { targets, tfLoss, tfNet } from "../lib/tfjs/_forward.ts";
import type { ModelSpec } from "../lib/nn/spec.ts";

// Least squares with ridge, N samples, n features: a gradient on a batch of B
// costs O(Bn); a Newton step costs O(Nn) for the gradient plus O(n³) for the
// LU solve (the Hessian (2/N)XᵀX + 2λI is constant and cached).
function leastSquares(N: number, n: number): Objective {
  const r = new Rng(1000 + n);
  const X = Array.from({ length: N }, () => Array.from(r.normalVector(n)));
  return leastSquaresObjective(X, Array.from(r.normalVector(N)), { ridge: 0.1 });
}

const FIRST_ORDER_N = 64; // samples; batch 32
const FIRST_ORDER_SIZES = [1024, 4096, 16384, 65536];
const NEWTON_N = 512;
const NEWTON_SIZES = [64, 128, 256, 512];

const firstOrder = {
  sgd: () => sgd({ lr: 1e-4, batchSize: 32, seed: 1 }),
  adam: () => adam({ lr: 1e-4, batchSize: 32, seed: 1 }),
};

for (const [name, make] of Object.entries(firstOrder)) {
  for (const n of FIRST_ORDER_SIZES) {
    const run = make().start(leastSquares(FIRST_ORDER_N, n), new Float64Array(n));
    Deno.bench({ name: `${name} step, n = ${n}`, group: `${name} per step` }, () => {
      run.step();
    });
  }
}
for (const n of NEWTON_SIZES) {
  const run = newton().start(leastSquares(NEWTON_N, n), new Float64Array(n));
  Deno.bench({ name: `newton step, n = ${n}`, group: "newton per step" }, () => {
    run.step();
  });
}

// --- Summary with fitted exponents (printed once when the file loads). ---
const rows: string[] = [];
for (const [name, make] of Object.entries(firstOrder)) {
  const c = measureStepCost((n) => leastSquares(FIRST_ORDER_N, n), make(), {
    sizes: FIRST_ORDER_SIZES,
  });
  rows.push(fmtRow(`${name} (batch 32, N = ${FIRST_ORDER_N})`, c));
}
{
  const c = measureStepCost((n) => leastSquares(NEWTON_N, n), newton(), { sizes: NEWTON_SIZES });
  rows.push(fmtRow(`newton (LU solve, N = ${NEWTON_N})`, c));
}
function fmtRow(
  label: string,
  c: { sizes: number[]; seconds: number[]; exponent: number; r2: number },
): string {
  const t = c.sizes.map((n, i) => `n=${n}: ${(c.seconds[i] * 1e6).toFixed(1)} µs`).join(", ");
  return `${label.padEnd(34)} p = ${c.exponent.toFixed(2)} (R² ${c.r2.toFixed(3)})  ${t}`;
}

// --- TensorFlow.js (wasm, float32) training step against ours (float64). ---
function mlpSpec(layers: number[], N: number, residual: boolean): ModelSpec {
  const model = { layers, activation: "tanh" as const, batchnorm: false, residual };
  const r = new Rng(7);
  const x = Array.from({ length: N }, () => Array.from(r.normalVector(layers[0])));
  const y = Array.from({ length: N }, () => r.int(layers[layers.length - 1]));
  const params = Array.from(new Mlp(model).init({ seed: 3 }));
  return { model, loss: "cross_entropy", params, data: { x, y } };
}

const { tf, backend, note } = await getTf("wasm");
const specs: [string, ModelSpec][] = [
  ["iris-sized [4,16,16,3], N=120", mlpSpec([4, 16, 16, 3], 120, false)],
  ["20k spec [12,96,96,96,3], N=128", mlpSpec([12, 96, 96, 96, 3], 128, true)],
];
for (const [label, spec] of specs) {
  // Ours: float64 value-and-gradient plus the SGD update.
  const mlp = new Mlp(spec.model);
  const vg = valueAndGrad(mlp.lossFunction(spec.data, spec.loss));
  const p = Float64Array.from(spec.params);
  const oursStep = () => {
    const { gradient: grad } = vg(p);
    for (let i = 0; i < p.length; i++) p[i] -= 1e-3 * grad[i];
  };
  // tfjs: the same flat-parameter forward pass and tf.train.sgd.
  const net = tfNet(spec);
  const theta = tf.variable(tf.tensor1d(spec.params));
  const X = tf.tensor2d(spec.data.x);
  const Y = targets(tf, net, spec.data.y);
  const opt = tf.train.sgd(1e-3);
  const tfStep = () => {
    const cost = opt.minimize(
      () => tfLoss(tf, net, theta as unknown as tfjs.Tensor1D, X, Y),
      true,
      [theta],
    );
    cost!.dataSync();
    cost!.dispose();
  };
  Deno.bench(
    { name: `float64 (ours) SGD step, ${label}`, group: `training step ${label}` },
    oursStep,
  );
  Deno.bench(
    { name: `tfjs ${backend} SGD step, ${label}`, group: `training step ${label}` },
    tfStep,
  );
  const time = (fn: () => void) => {
    for (let i = 0; i < 5; i++) fn();
    const per: number[] = [];
    for (let r = 0; r < 7; r++) {
      let k = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < 30) {
        fn();
        k++;
      }
      per.push((performance.now() - t0) / k);
    }
    return per.sort((a, b) => a - b)[3];
  };
  const ours = time(oursStep), theirs = time(tfStep);
  rows.push(
    `training step ${label} (${spec.params.length} params): float64 ours ${ours.toFixed(3)} ms, ` +
      `tfjs ${backend} ${theirs.toFixed(3)} ms (ratio ours/tfjs ${(ours / theirs).toFixed(2)})`,
  );
}
console.log(`\nOptimizer step cost, t ≈ c·nᵖ (${note}):\n  ${rows.join("\n  ")}\n`);

import assert from "node:assert/strict";
import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { gaussianBlobs } from "../../lib/data/mod.ts";
import { Mlp } from "../../lib/nn/mod.ts";
import { Rng } from "../../lib/random.ts";
import {
  adam,
  empiricalFisherDiagonal,
  gradientDescent,
  logisticRegressionObjective,
  measureStepCost,
  minimize,
  mlpObjective,
  quadraticObjective,
} from "../../lib/optim/mod.ts";
import { fitPowerLaw } from "../../lib/stats/fitPowerLaw.ts";

const blobs = gaussianBlobs({ perClass: 6, classes: 3, seed: 2 }).data;

Deno.test("mlpObjective: f is the network loss; grad and hvp agree with finite differences", () => {
  for (const batchnorm of [false, true]) {
    const model = { layers: [2, 4, 3], activation: "tanh", batchnorm, residual: false };
    const obj = mlpObjective(model, blobs, "cross_entropy");
    const p = new Mlp(model).init({ seed: 3 });
    assertClose(obj.f(p), new Mlp(model).loss(p, blobs, "cross_entropy").value, { rtol: 1e-15 });
    const g = obj.grad(p);
    const v = new Rng(1).normalVector(p.length);
    const h = 1e-5;
    const along = (t: number) => obj.f(p.map((pi, i) => pi + t * v[i]));
    const gradAlong = (t: number) => obj.grad(p.map((pi, i) => pi + t * v[i]));
    const dirDeriv = (along(-2 * h) - 8 * along(-h) + 8 * along(h) - along(2 * h)) / (12 * h);
    assertClose(g.reduce((s, gi, i) => s + gi * v[i], 0), dirDeriv, { rtol: 1e-7, atol: 1e-9 });
    const a = gradAlong(-h), b = gradAlong(h);
    assertAllClose(obj.hvp!(p, v), a.map((ai, i) => (b[i] - ai) / (2 * h)), {
      rtol: 1e-5,
      atol: 1e-7,
    });
    const H = obj.hessian!(p);
    assertAllClose(obj.hvp!(p, v), H.map((row) => row.reduce((s, hij, j) => s + hij * v[j], 0)), {
      rtol: 1e-10,
      atol: 1e-12,
    });
    const all = Array.from({ length: obj.samples }, (_, i) => i);
    assertAllClose(obj.gradBatch!(p, all), g, { rtol: 1e-12, atol: 1e-14 });
    assertClose(obj.fBatch!(p, all), obj.f(p), { rtol: 1e-14 });
    if (!batchnorm) {
      // Without BatchNorm, equal halves average to the full gradient.
      const lo = obj.gradBatch!(p, all.slice(0, 9)), hi = obj.gradBatch!(p, all.slice(9));
      assertAllClose(lo.map((x, i) => (x + hi[i]) / 2), g, { rtol: 1e-12, atol: 1e-14 });
    }
  }
});

Deno.test("mlpObjective: mini-batch Adam trains it, reproducibly", () => {
  const model = { layers: [2, 5, 3], activation: "tanh", batchnorm: false, residual: false };
  const obj = mlpObjective(model, blobs, "cross_entropy");
  const p0 = new Mlp(model).init({ seed: 4 });
  const run = () => minimize(obj, p0, adam({ lr: 0.05, batchSize: 6, seed: 1 }), { maxSteps: 60 });
  const a = run(), b = run();
  check(a.f < 0.5 * a.fs[0], `loss ${a.fs[0]} → ${a.f}`);
  assertAllClose(a.x, b.x, { rtol: 0, atol: 0 });
  check(a.evaluations.gradBatch === 60, JSON.stringify(a.evaluations));
});

Deno.test("empiricalFisherDiagonal: mean of squared per-sample gradients (logistic closed form)", () => {
  const r = new Rng(8);
  const X = Array.from({ length: 15 }, () => Array.from(r.normalVector(3)));
  const y = X.map((row) => (row[0] + 0.5 * r.normal() > 0 ? 1 : 0));
  const obj = logisticRegressionObjective(X, y);
  const w = r.normalVector(3);
  const sig = (t: number) => 1 / (1 + Math.exp(-t));
  const expected = [0, 1, 2].map((j) =>
    X.reduce((s, row, i) => {
      const z = row.reduce((a, xk, k) => a + xk * w[k], 0);
      return s + ((sig(z) - y[i]) * row[j]) ** 2;
    }, 0) / 15
  );
  assertAllClose(empiricalFisherDiagonal(obj, w), expected, { rtol: 1e-12 });
  let msg = "";
  try {
    empiricalFisherDiagonal(quadraticObjective([[1]]), [1]);
  } catch (e) {
    msg = (e as Error).message;
  }
  check(msg.includes("no mini-batch access"), msg);
});

Deno.test("fitPowerLaw recovers c·nᵖ exactly; measureStepCost reports one timing per size", () => {
  const sizes = [10, 20, 40, 80];
  const fit = fitPowerLaw(sizes, sizes.map((n) => 3e-6 * n ** 2.5));
  assertClose(fit.exponent, 2.5, { rtol: 1e-12 });
  assertClose(fit.prefactor, 3e-6, { rtol: 1e-10 });
  assertClose(fit.r2, 1, { rtol: 1e-12 });
  const cost = measureStepCost(
    (n) =>
      quadraticObjective(
        Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))),
      ),
    gradientDescent({ lr: 0.1 }),
    {
      sizes: [4, 8],
      repeats: 1,
      minTime: 0,
    },
  );
  check(cost.sizes.join() === "4,8" && cost.seconds.length === 2, JSON.stringify(cost));
  check(cost.seconds.every((t) => t >= 0) && cost.optimizer === "gradientDescent(lr=0.1)", "shape");
  let msg = "";
  try {
    measureStepCost(() => quadraticObjective([[1]]), gradientDescent({ lr: 0.1 }), { sizes: [3] });
  } catch (e) {
    msg = (e as Error).message;
  }
  check(msg.startsWith("Cannot measure the step cost: option sizes"), msg);
});

Deno.test("fitPowerLaw rejects too few or non-positive values, naming them", () => {
  assert.throws(() => fitPowerLaw([1], [1]), /at least 2/);
  assert.throws(
    () => fitPowerLaw([1, 2], [1, 0]),
    /values\[1\] must be a finite number > 0, got 0/,
  );
  assert.throws(() => fitPowerLaw([2, 2], [1, 3]), /all sizes are equal/);
});

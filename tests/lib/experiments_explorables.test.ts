// The book's explorables compute what they say, checked against independent answers: closed
// forms, hand-written recurrences, and the experiments they generalize. (The browser tests then
// check that the page shows exactly these numbers.)
import assert from "node:assert/strict";
import { assertAllClose, assertClose } from "../../lib/assert.ts";
import { Rng } from "../../lib/random.ts";
import { ADAM_CURVATURES, adamSteps } from "../../book/explorables/adamSteps.ts";
import {
  ESCAPE_MAX_STEPS,
  ESCAPE_START,
  escapeTimeDistribution,
} from "../../book/explorables/escapeTimeDistribution.ts";
import { GRID, hessian2x2, hessian2x2State } from "../../book/explorables/hessian2x2.ts";
import { ridgeLambda } from "../../book/explorables/ridgeLambda.ts";
import { saddleEscape, saddleEscapeState } from "../../book/explorables/saddleEscape.ts";
import { stepSize } from "../../book/explorables/stepSize.ts";
import { escapeTimeSweep } from "../../book/experiments/escapeTimeSweep.ts";
import { irisRidgeDesign } from "../../book/experiments/irisRidgeDesign.ts";

const values = (v: { readouts: { key: string; value: unknown }[] }) =>
  Object.fromEntries(v.readouts.map((r) => [r.key, r.value])) as Record<string, number & string>;

Deno.test("hessian-2x2: eigenpairs, trace, determinant and convexity of random H", () => {
  const rng = new Rng(11);
  for (let s = 0; s < 200; s++) {
    const [a, b, c] = [0, 0, 0].map(() => Math.round(120 * rng.uniform() - 60) / 20);
    const r = hessian2x2State({ a, b, c });
    const root = Math.sqrt((a - c) ** 2 + 4 * b * b);
    assertAllClose(r.closedForm, [(a + c - root) / 2, (a + c + root) / 2], { atol: 1e-13 });
    assertAllClose(r.values, r.closedForm, { atol: 1e-13, label: "eigh vs closed form" });
    r.vectors.forEach((q, i) => {
      const Hq = [a * q[0] + b * q[1], b * q[0] + c * q[1]];
      assertAllClose(Hq, q.map((x) => r.values[i] * x), { atol: 1e-13, label: "Hq = λq" });
    });
    assertClose(r.trace, a + c, { atol: 1e-15 });
    assertClose(r.det, a * c - b * b, { atol: 1e-13 });
    // Convex ⇔ vᵀHv ≥ 0 for all v ⇔ a ≥ 0, c ≥ 0, ac − b² ≥ 0 (away from the tolerance).
    if (Math.abs(a * c - b * b) > 1e-6 && Math.abs(a) > 1e-6 && Math.abs(c) > 1e-6) {
      assert.equal(r.convex, a > 0 && c > 0 && a * c - b * b > 0, `${a} ${b} ${c}`);
    }
  }
  // The contour grid is ½vᵀHv at the cell centres.
  const r = hessian2x2State({ a: 1, b: -0.5, c: -2 });
  const x = -2.25 + 4.5 * (3 + 0.5) / GRID, y = -2.25 + 4.5 * (40 + 0.5) / GRID;
  assertClose(r.grid[40 * GRID + 3], 0.5 * (x * x - x * y - 2 * y * y), { rtol: 1e-14 });
  assert.equal(values(hessian2x2.view({ a: 1, b: 1, c: 1 })).test, "degenerate");
});

Deno.test("saddle-escape: the measured escape is escapeTime's, the exit leaves the unit ball", () => {
  for (
    const p of [
      { noise: 1e-6, lr: 0.1, seed: 1, start: [0.9, 0] as const },
      { noise: 1e-3, lr: 0.2, seed: 7, start: [0.5, 0.05] as const },
    ]
  ) {
    const r = saddleEscapeState(p);
    assert.ok(r.escape.escaped);
    assert.equal(r.path.length, r.escape.steps + 1);
    assert.ok(r.path[r.escape.steps].d > 1 && r.path[r.escape.steps - 1].d <= 1);
    // The distance recursion of plain GD: x_k = (1 − 2α)^k x₀, y_k = (1 + 2α)^k y₀.
    r.gdPath.slice(0, 50).forEach(({ k, d }) => {
      const x = (1 - 2 * p.lr) ** k * p.start[0], y = (1 + 2 * p.lr) ** k * p.start[1];
      assertClose(d, Math.hypot(x, y), { rtol: 1e-12, atol: 1e-300 });
    });
  }
  // Off the manifold, plain GD escapes within a step of ln(1/|y₀|)/ln q once x has decayed.
  const off = saddleEscapeState({ noise: 1e-12, lr: 0.1, seed: 1, start: [0.2, 1e-4] });
  assert.ok(off.gdEscape.escaped);
  assert.ok(Math.abs(off.gdEscape.steps - off.offsetPrediction) <= 1, `${off.gdEscape.steps}`);
  // On it, the seeds' escape steps scatter around the predicted median.
  const steps = Array.from(
    { length: 41 },
    (_, s) =>
      saddleEscapeState({ noise: 1e-8, lr: 0.1, seed: s + 1, start: [0.9, 0] }).escape.steps,
  ).sort((a, b) => a - b);
  const pred = saddleEscapeState({ noise: 1e-8, lr: 0.1, seed: 1, start: [0.9, 0] }).predicted;
  assert.ok(Math.abs(steps[20] - pred.median) <= 3, `median ${steps[20]} vs ${pred.median}`);
  assert.equal(values(saddleEscape.view()).escape, 76); // the chapter's five-seed figure, seed 1
});

Deno.test("ridge-lambda: spectrum shifted by λ, κ three ways, β solves the normal equations", () => {
  for (const [lambda, design] of [[1e-3, "collinear"], [3, "plain"], [1e3, "collinear"]] as const) {
    const v = values(ridgeLambda.view({ lambda, design }));
    const { X, y } = irisRidgeDesign({ collinear: design === "collinear" });
    const p = X[0].length;
    const A = Array.from(
      { length: p },
      (_, i) =>
        Array.from(
          { length: p },
          (_, j) => X.reduce((s, r) => s + r[i] * r[j], 0) + (i === j ? lambda : 0),
        ),
    );
    const rhs = Array.from({ length: p }, (_, j) => X.reduce((s, r, k) => s + r[j] * y[k], 0));
    const beta = Array.from({ length: p }, (_, j) => v[`beta-${j + 1}`]);
    assertAllClose(A.map((row) => row.reduce((s, a, j) => s + a * beta[j], 0)), rhs, {
      rtol: 1e-9,
      atol: 1e-9,
      label: "(XᵀX + λI)β = Xᵀy",
    });
    assert.ok(v["shifted-1"] >= lambda * (1 - 1e-9), "the smallest eigenvalue is lifted to ≥ λ");
    assertClose(v["kappa-computed"], v["kappa-formula"], { rtol: 1e-8 });
    assertClose(v["kappa-library"], v["kappa-formula"], { rtol: 1e-8 });
    if (design === "collinear") assertClose(v["kappa-paper"], v["kappa-formula"], { rtol: 1e-8 });
  }
});

Deno.test("step-size: factors, thresholds and the loss in closed form", () => {
  const lams = [0.25, 1, 2.5, 4];
  for (
    const [lr, state] of [[0.2, "converges monotonically"], [
      0.3,
      "converges, oscillating in 1 mode",
    ], [0.55, "diverges: 1 mode grows"]] as const
  ) {
    const v = values(stepSize.view({ lr, steps: 40 }));
    lams.forEach((l, i) => assertClose(v[`factor-${i + 1}`], 1 - lr * l, { atol: 1e-14 }));
    assertClose(v["oscillate-at"], 0.25, { rtol: 1e-14 });
    assertClose(v["diverge-at"], 0.5, { rtol: 1e-14 });
    assertClose(v.best, 2 / 4.25, { rtol: 1e-14 });
    // Every mode starts at 1: f(x_K) = ½Σλᵢ(1 − αλᵢ)^{2K}.
    const f = lams.reduce((s, l) => s + 0.5 * l * (1 - lr * l) ** 80, 0);
    assertClose(v["final-loss"], f, { rtol: 1e-10 });
    assert.equal(v.state, state);
  }
});

Deno.test("adam-steps: first updates with and without bias correction, GD's loss, lockstep", () => {
  const p = { lr: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-8, steps: 30, biasCorrection: true };
  const v = values(adamSteps.view(p));
  const g = ADAM_CURVATURES[0]; // the first gradient of coordinate 1 at x₀ = 1
  assertClose(v["first-corrected"], (p.lr * g) / (g + p.epsilon), { rtol: 1e-13 });
  assertClose(
    v["first-uncorrected"],
    (p.lr * (1 - p.beta1) * g) / (Math.sqrt(1 - p.beta2) * g + p.epsilon),
    { rtol: 1e-12 },
  );
  const gd = ADAM_CURVATURES.reduce((s, l) => s + 0.5 * l * (1 - p.lr * l) ** (2 * p.steps), 0);
  assertClose(v["loss-gd"], gd, { rtol: 1e-10 });
  // With ε = 0 every coordinate from distance 1 follows one path: step × λ is the same for all.
  const exact = values(adamSteps.view({ ...p, epsilon: 1e-12 }));
  const ratios = ADAM_CURVATURES.map((_, i) => exact[`step-${i + 1}`]);
  assertAllClose(ratios, ratios.map(() => ratios[0]), { rtol: 1e-8, label: "lockstep" });
});

Deno.test("escape-time lab: after n runs it equals escapeTimeSweep with seeds 1…n, however sliced", () => {
  const p = { noise: 1e-7, lr: 0.15, runs: 300 };
  const sweep = escapeTimeSweep(
    { f: ([x, y]) => x * x - y * y, grad: ([x, y]) => new Float64Array([2 * x, -2 * y]) },
    ESCAPE_START,
    { lr: p.lr, noises: [p.noise], seeds: 120, firstSeed: 1, maxSteps: ESCAPE_MAX_STEPS },
  ).summary[0];
  const v = values(escapeTimeDistribution.view(p, 120));
  assert.equal(v.done, 120);
  assert.equal(v.escaped, sweep.escaped);
  assert.deepEqual([v["measured-q1"], v["measured-median"], v["measured-q3"]], [
    sweep.q1,
    sweep.median,
    sweep.q3,
  ]);
  // Slicing: 45 units, then 75 more on the same state, give the same as 120 at once.
  const c = escapeTimeDistribution.chunked!;
  const params = escapeTimeDistribution.params(p);
  const state = c.init(params);
  for (let i = 0; i < 45; i++) c.step(state, i, params);
  for (let i = 45; i < 120; i++) c.step(state, i, params);
  assert.deepEqual(c.result(state, 120, params).measured, {
    q1: sweep.q1,
    median: sweep.median,
    q3: sweep.q3,
  });
});

Deno.test("edge-of-stability lab: after T steps it is trackSharpness on the section's network, however sliced", async () => {
  const { edgeOfStabilityLab } = await import("../../book/explorables/edgeOfStabilityLab.ts");
  const { edgeOfStabilityRuns } = await import("../../book/experiments/edgeOfStabilityRuns.ts");
  const { Mlp } = await import("../../lib/nn/mlp.ts");
  const { mlpObjective } = await import("../../lib/optim/mlpObjective.ts");
  const { trackSharpness } = await import("../../lib/optim/trackSharpness.ts");
  // The network built here from the section's description, not through the lab's helper.
  const net = new Mlp({ layers: [1, 30, 20, 1], activation: "tanh" });
  const xs = Array.from({ length: 20 }, (_, i) => -1 + (2 * i) / 19);
  const t6 = (t: number) => 32 * t ** 6 - 48 * t ** 4 + 18 * t ** 2 - 1;
  const obj = mlpObjective(net, { x: xs.map((t) => [t]), y: xs.map((t) => [t6(t)]) }, "mse");
  const p = edgeOfStabilityLab.params({ lr: 0.13, steps: 500, every: 30 });
  const want = trackSharpness(obj, net.init({ seed: 1 }), {
    lr: 0.13,
    steps: 500,
    every: 30,
    lanczos: { seed: 1 },
  });
  const c = edgeOfStabilityLab.chunked!;
  const state = c.init(p);
  for (let i = 0; i < 97; i++) c.step(state, i, p); // two uneven slices
  for (let i = 97; i < 500; i++) c.step(state, i, p);
  const got = c.result(state, 500, p).trace;
  assert.deepEqual(got.sharpnessSteps, [...want.sharpnessSteps]);
  assert.deepEqual(got.sharpnessSteps.slice(-2), [480, 500], "measured at the last step too");
  assertAllClose(got.sharpness, want.sharpness, { rtol: 1e-12, label: "sharpness trace" });
  assertAllClose(got.loss, want.loss, { rtol: 1e-12, label: "loss trace" });
  // The view's data table and readouts show that trace.
  const view = edgeOfStabilityLab.view(p);
  const table = view.tables![0];
  assert.equal(table.key, "sharpness-trace");
  assert.deepEqual(table.rows.map((r) => r[0]), want.sharpnessSteps);
  assertAllClose(table.rows.map((r) => r[1] as number), want.sharpness, { rtol: 1e-12 });
  const v = values(view);
  assert.equal(v.step, 500);
  assertClose(v.threshold, 2 / 0.13, { rtol: 1e-15 });
  assertClose(v.sharpness, want.sharpness.at(-1)!, { rtol: 1e-12 });
  assertClose(v.loss, want.loss[500], { rtol: 1e-12 });
  // A shorter default-η run equals the section's experiment at the same η (shared implementation).
  const section = edgeOfStabilityRuns({ lrs: [0.1], time: 50, every: 50 }).gd[0];
  const lab = edgeOfStabilityLab.view({ lr: 0.1, steps: 500, every: 50 }).tables![0];
  assert.deepEqual(lab.rows.map((r) => r[1]), section.sharpness);
});

Deno.test("edge-of-stability lab: a step size far past the edge diverges and the remaining steps do nothing", async () => {
  const { edgeOfStabilityLab } = await import("../../book/explorables/edgeOfStabilityLab.ts");
  const v = values(edgeOfStabilityLab.view({ lr: 0.5, steps: 600 }));
  assert.equal(v.diverged, true);
  assert.ok(v.step > 100 && v.step < 600, `diverged at step ${v.step}`);
  assert.ok(Number.isNaN(v.loss), "no loss after divergence");
  // Well below the edge, the sharpness starts near 8 (about 0.2 of 2/η at η = 0.05) and rises.
  const slow = edgeOfStabilityLab.view({ lr: 0.05, steps: 1000, every: 100 }).tables![0].rows;
  assert.ok((slow.at(-1)![1] as number) > (slow[0][1] as number), "progressive sharpening");
});

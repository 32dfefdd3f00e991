import assert from "node:assert/strict";
import { gradientDescent, quadraticObjective, Rng } from "../../lib/mod.ts";
import { escapeTime } from "../../book/experiments/escapeTime.ts";
import { escapeTimeSweep } from "../../book/experiments/escapeTimeSweep.ts";
import { predictedEscapeTime } from "../../book/experiments/predictedEscapeTime.ts";
import { perturbedGradientDescent } from "../../lib/optim/perturbedGradientDescent.ts";

const saddle = quadraticObjective([[2, 0], [0, -2]]);

Deno.test("escapeTime: GD on x² − y² leaves at the first k with ‖(0.8ᵏx₀, 1.2ᵏy₀)‖ > 1", () => {
  for (const [x0, y0] of [[0.5, 1e-3], [-0.7, -1e-6], [0, 0.3]]) {
    const r = escapeTime(saddle, [x0, y0], gradientDescent({ lr: 0.1 }), { record: true });
    let k = 0;
    while (Math.hypot(x0 * 0.8 ** k, y0 * 1.2 ** k) <= 1) k++;
    assert.equal(r.steps, k);
    assert.ok(r.escaped);
    assert.equal(r.distances.length, k + 1);
    r.distances.forEach((d, j) => {
      const exact = Math.hypot(x0 * 0.8 ** j, y0 * 1.2 ** j);
      assert.ok(Math.abs(d - exact) <= 1e-12 * exact, `${d} vs ${exact}`);
    });
    assert.equal(r.closest, Math.min(...r.distances.slice(0, -1)));
  }
});

Deno.test("escapeTime: on the stable manifold GD never escapes, and tiny distances do not underflow", () => {
  const r = escapeTime(saddle, [0.5, 0], gradientDescent({ lr: 0.1 }), { maxSteps: 2000 });
  assert.equal(r.escaped, false);
  assert.equal(r.steps, 2000);
  // 0.5·0.8²⁰⁰⁰ ≈ 7.6e-195 squares to 0 in float64; the distance must still be right.
  const exact = 0.5 * 0.8 ** 2000;
  assert.ok(Math.abs(r.closest - exact) <= 1e-9 * exact, `${r.closest} vs ${exact}`);
});

Deno.test("escapeTime: a shifted saddle with a centre, and a radius", () => {
  const shifted = {
    f: ([x, y]: Float64Array) => (x - 1) ** 2 - (y - 2) ** 2,
    grad: ([x, y]: Float64Array) => new Float64Array([2 * (x - 1), -2 * (y - 2)]),
  };
  const r = escapeTime(shifted, [1, 2.001], gradientDescent({ lr: 0.1 }), {
    center: [1, 2],
    radius: 0.5,
  });
  let k = 0;
  while (0.001 * 1.2 ** k <= 0.5) k++;
  assert.equal(r.steps, k);
});

Deno.test("escapeTime: errors", () => {
  const gd = gradientDescent({ lr: 0.1 });
  assert.throws(
    () => escapeTime(saddle, [2, 0], gd),
    /Cannot measure the escape time: x0 starts outside/,
  );
  assert.throws(() => escapeTime(saddle, [0, 0], gd, { center: [0] }), /center has length 1/);
  assert.throws(() => escapeTime(saddle, [0, 0], gd, { radius: 0 }), /option radius/);
  assert.throws(() => escapeTime(saddle, [0, 0], gd, { maxSteps: -1 }), /option maxSteps/);
  assert.throws(() => escapeTime(saddle, [], gd), /x0 must be a non-empty array/);
});

Deno.test("escapeTimeSweep: each run equals escapeTime with the same seed; quartiles are those of the runs", () => {
  const noises = [1e-6, 1e-3];
  const { runs, summary } = escapeTimeSweep(saddle, [0.5, 0], {
    lr: 0.1,
    noises,
    seeds: 9,
    firstSeed: 4,
  });
  assert.equal(runs.length, 18);
  for (const r of runs.slice(0, 3)) {
    const direct = escapeTime(
      saddle,
      [0.5, 0],
      perturbedGradientDescent({ lr: 0.1, noise: r.noise, seed: r.seed }),
    );
    assert.equal(direct.steps, r.steps);
  }
  summary.forEach((s, i) => {
    const steps = runs.filter((r) => r.noise === noises[i]).map((r) => r.steps).sort((a, b) =>
      a - b
    );
    assert.equal(s.median, steps[4]);
    assert.equal(s.q1, steps[2]);
    assert.equal(s.q3, steps[6]);
    assert.equal(s.min, steps[0]);
    assert.equal(s.max, steps[8]);
    assert.equal(s.escaped, 9);
  });
});

Deno.test("escapeTimeSweep: zero noise never escapes from the manifold (median ∞, min NaN)", () => {
  const { summary } = escapeTimeSweep(saddle, [0.5, 0], {
    lr: 0.1,
    noises: [0],
    seeds: 3,
    maxSteps: 200,
  });
  assert.equal(summary[0].escaped, 0);
  assert.equal(summary[0].median, Infinity);
  assert.ok(Number.isNaN(summary[0].min));
});

Deno.test("escapeTimeSweep: errors", () => {
  assert.throws(
    () => escapeTimeSweep(saddle, [0, 0], { lr: 0.1, noises: [] }),
    /Cannot sweep escape times: option noises/,
  );
  assert.throws(() => escapeTimeSweep(saddle, [0, 0], { lr: 0.1, noises: [-1] }), /noises\[0\]/);
  assert.throws(
    () => escapeTimeSweep(saddle, [0, 0], { lr: 0.1, noises: [1], seeds: 0 }),
    /option seeds/,
  );
});

Deno.test("predictedEscapeTime: quantiles match a hand Monte Carlo of u ← qu + σz", () => {
  const rng = new Rng(9);
  for (const [lr, curvature, noise] of [[0.1, -2, 1e-6], [0.05, -1, 1e-3], [0.2, -0.5, 1e-8]]) {
    const q = 1 - lr * curvature;
    const times: number[] = [];
    for (let s = 0; s < 2000; s++) {
      let u = 0, k = 0;
      while (Math.abs(u) <= 1) {
        u = q * u + noise * rng.normal();
        k++;
      }
      times.push(k);
    }
    times.sort((a, b) => a - b);
    for (const [p, idx] of [[0.25, 500], [0.5, 1000], [0.75, 1500]]) {
      const predicted = predictedEscapeTime({ lr, curvature, noise, quantile: p });
      // The measured step is an integer at or just above the real-valued prediction.
      assert.ok(
        Math.abs(times[idx] - predicted) <= 2,
        `${lr} ${curvature} ${noise} p=${p}: ${times[idx]} vs ${predicted}`,
      );
    }
  }
});

Deno.test("predictedEscapeTime: the median uses med|Z| = Φ⁻¹(3/4) and grows by ln(10⁶)/ln q per 10⁻⁶", () => {
  const T = predictedEscapeTime({ lr: 0.1, curvature: -2, noise: 1e-6 });
  const sd = 1 / Math.sqrt(1 - 1 / 1.44);
  // Invert T = 1 + ln(1/(σ s))/ln q for s, which must be 0.6744897501960817·sd.
  const s = 1 / (1e-6 * 1.2 ** (T - 1));
  assert.ok(Math.abs(s / sd - 0.6744897501960817) < 1e-12, String(s / sd));
  const T2 = predictedEscapeTime({ lr: 0.1, curvature: -2, noise: 1e-12 });
  assert.ok(Math.abs(T2 - T - Math.log(1e6) / Math.log(1.2)) < 1e-9);
  const r2 = predictedEscapeTime({ lr: 0.1, curvature: -2, noise: 1e-6, radius: 2 });
  assert.ok(Math.abs(r2 - T - Math.log(2) / Math.log(1.2)) < 1e-9);
  assert.ok(
    predictedEscapeTime({ lr: 0.1, curvature: -2, noise: 1e-6, quantile: 0.9 }) > T,
  );
});

Deno.test("predictedEscapeTime: errors", () => {
  const ok = { lr: 0.1, curvature: -2, noise: 1e-6 };
  assert.throws(
    () => predictedEscapeTime({ ...ok, curvature: 1 }),
    /Cannot predict the escape time: option curvature/,
  );
  assert.throws(() => predictedEscapeTime({ ...ok, lr: 0 }), /option lr/);
  assert.throws(() => predictedEscapeTime({ ...ok, noise: 0 }), /option noise/);
  assert.throws(() => predictedEscapeTime({ ...ok, radius: -1 }), /option radius/);
  assert.throws(() => predictedEscapeTime({ ...ok, quantile: 1 }), /option quantile/);
});

// Tests of the Chapter 6 experiment modules (book/experiments) against independent computations.
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  adam,
  assertAllClose,
  assertClose,
  dampedNewton,
  eigh,
  gradientDescent,
  leastSquaresObjective,
  newton,
  quadraticObjective,
  Rng,
  sgd,
} from "../../lib/mod.ts";
import { averageRanks, rankCorrelation } from "../../lib/stats/rankCorrelation.ts";
import { lossBands } from "../../book/experiments/lossBands.ts";
import { illConditionedLeastSquares } from "../../book/experiments/illConditionedLeastSquares.ts";
import { irisMlp } from "../../book/experiments/irisMlp.ts";
import { subsampledNewton } from "../../lib/optim/subsampledNewton.ts";
import { adamOnDiagonalQuadratic } from "../../book/experiments/adamOnDiagonalQuadratic.ts";
import { adamMomentsVsCurvature } from "../../book/experiments/adamMomentsVsCurvature.ts";
import { sgdVersusAdam } from "../../book/experiments/sgdVersusAdam.ts";
import { stochasticNewtonStudy } from "../../book/experiments/stochasticNewtonStudy.ts";
import { stepCostScaling } from "../../book/experiments/stepCostScaling.ts";

/** Pearson correlation, written out. */
function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

Deno.test("rankCorrelation: ties get mean ranks; ρ equals 1 − 6Σd²/(n(n²−1)) without ties", () => {
  assert.deepEqual(Array.from(averageRanks([3, 1, 3, 2, 3])), [3, 0, 3, 1, 3]);
  const rng = new Rng(4);
  const a = Array.from(rng.normalVector(30)), b = Array.from(rng.normalVector(30));
  const ra = averageRanks(a), rb = averageRanks(b);
  const d2 = ra.reduce((s, r, i) => s + (r - rb[i]) ** 2, 0);
  assertClose(rankCorrelation(a, b), 1 - (6 * d2) / (30 * (30 * 30 - 1)), { rtol: 1e-12 });
  // With ties: Pearson of mean ranks.
  const t = [1, 1, 2, 3, 3, 3], u = [5, 4, 4, 1, 2, 2];
  assertClose(rankCorrelation(t, u), pearson(averageRanks(t), averageRanks(u)), { rtol: 1e-14 });
});

Deno.test("rankCorrelation: invariant under increasing maps, flips sign under decreasing ones (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 25 }),
      fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 25 }),
      (x, y) => {
        const n = Math.min(x.length, y.length);
        const a = x.slice(0, n), b = y.slice(0, n);
        if (new Set(a).size < 2 || new Set(b).size < 2) return;
        const r = rankCorrelation(a, b);
        assert.ok(r >= -1 - 1e-12 && r <= 1 + 1e-12);
        assertClose(rankCorrelation(a.map((v) => Math.exp(v / 100) + v ** 3), b), r, {
          atol: 1e-12,
        });
        assertClose(rankCorrelation(a.map((v) => -v), b), -r, { atol: 1e-12 });
        assertClose(rankCorrelation(b, a), r, { atol: 1e-12 });
      },
    ),
    { seed: 42, numRuns: 200 },
  );
});

Deno.test("rankCorrelation: errors name the problem", () => {
  assert.throws(() => rankCorrelation([1, 2], [1]), /Cannot compute a rank correlation: a has 2/);
  assert.throws(() => rankCorrelation([1], [1]), /at least 2 entries/);
  assert.throws(() => rankCorrelation([1, 1], [1, 2]), /a is constant/);
  assert.throws(() => averageRanks([1, NaN]), /Cannot rank values: entry 1 is NaN/);
});

Deno.test("lossBands: median, min and max over seeds against runs recomputed by hand", () => {
  const bowl = quadraticObjective([[2, 0], [0, 0.5]]);
  const b = lossBands(
    (seed) => ({ objective: bowl, x0: [seed, -seed], optimizer: gradientDescent({ lr: 0.3 }) }),
    { seeds: [1, 2, 3, 4], steps: 7, every: 3, offset: 0.25 },
  );
  assert.deepEqual(b.steps, [0, 3, 6, 7]);
  // GD on a diagonal quadratic: each coordinate scales by (1 − αλ) per step.
  const f = (s: number, k: number) =>
    0.5 * (2 * (s * 0.4 ** k) ** 2 + 0.5 * (s * 0.85 ** k) ** 2) - 0.25;
  b.steps.forEach((k, j) => {
    const vals = [1, 2, 3, 4].map((s) => f(s, k));
    vals.forEach((v, s) => assertClose(b.runs[s][j], v, { rtol: 1e-12 }));
    assertClose(b.low[j], Math.min(...vals), { rtol: 1e-12 });
    assertClose(b.high[j], Math.max(...vals), { rtol: 1e-12 });
    const sorted = [...vals].sort((p, q) => p - q);
    assertClose(b.median[j], (sorted[1] + sorted[2]) / 2, { rtol: 1e-12 });
  });
  assert.equal(b.rows.length, 4);
  assert.deepEqual(b.diverged, []);
});

Deno.test("lossBands: a diverging seed is NaN from then on and excluded from the summary", () => {
  const line = {
    f: ([x]: Float64Array) => x * x,
    grad: ([x]: Float64Array) => new Float64Array([2 * x]),
  };
  const b = lossBands(
    (seed) => ({
      objective: line,
      x0: [1],
      optimizer: gradientDescent({ lr: seed === 2 ? 1e200 : 0.25 }),
    }),
    { seeds: [1, 2], steps: 4 },
  );
  assert.deepEqual(b.diverged, [2]);
  assert.ok(b.runs[1].slice(2).every(Number.isNaN));
  assertClose(b.median[4], 1 / 256, { rtol: 1e-15 });
  assert.throws(
    () =>
      lossBands(() => ({ objective: line, x0: [1], optimizer: gradientDescent({ lr: 0.1 }) }), {
        seeds: [],
        steps: 1,
      }),
    /Cannot compute loss bands: option seeds/,
  );
  assert.throws(
    () =>
      lossBands(() => ({ objective: line, x0: [1], optimizer: gradientDescent({ lr: 0.1 }) }), {
        seeds: [1],
        steps: 0,
      }),
    /option steps/,
  );
});

Deno.test("illConditionedLeastSquares: prescribed spectrum, exact minimizer, diagonal Hessian without rotation", () => {
  const p = illConditionedLeastSquares({
    dimension: 6,
    samples: 30,
    condition: 50,
    lambdaMax: 4,
    seed: 2,
  });
  const H = Array.from(p.objective.hessian!(p.minimizer), (r) => Array.from(r));
  const { values } = eigh(H);
  assertAllClose([...values].reverse(), p.eigenvalues, { rtol: 1e-10 });
  assertClose(p.eigenvalues[0] / p.eigenvalues[5], 50, { rtol: 1e-12 });
  p.eigenvectors.forEach((q, k) => {
    const Hq = H.map((row) => row.reduce((s, h, j) => s + h * q[j], 0));
    assertAllClose(Hq, q.map((v) => p.eigenvalues[k] * v), { atol: 1e-10 });
  });
  assertAllClose(p.objective.grad(p.minimizer), new Float64Array(6), { atol: 1e-12 });
  // Newton from anywhere lands on the minimizer in one step.
  const run = newton().start(p.objective, new Float64Array(6).fill(3));
  run.step();
  assertAllClose(run.x, p.minimizer, { rtol: 1e-9, atol: 1e-10 });
  const axis = illConditionedLeastSquares({ dimension: 4, samples: 8, rotate: false, seed: 1 });
  const Ha = Array.from(axis.objective.hessian!(axis.minimizer), (r) => Array.from(r));
  Ha.forEach((row, i) =>
    row.forEach((h, j) => {
      if (i === j) assertClose(h, axis.eigenvalues[i], { rtol: 1e-10 });
      else assert.ok(Math.abs(h) < 1e-12);
    })
  );
  assert.throws(
    () => illConditionedLeastSquares({ dimension: 5, samples: 4 }),
    /option samples must be an integer ≥ dimension/,
  );
  assert.throws(() => illConditionedLeastSquares({ condition: 0.5 }), /option condition/);
});

Deno.test("irisMlp: batches of single samples average to the loss; errors for bad indices", () => {
  const p = irisMlp();
  assert.equal(p.objective.size, 67);
  assert.equal(p.data.x.length, 120);
  const x = p.init(3);
  const g = new Float64Array(67);
  for (let i = 0; i < 120; i++) p.batch([i]).grad(x).forEach((v, j) => (g[j] += v / 120));
  assertAllClose(g, p.objective.grad(x), { atol: 1e-14 });
  assertAllClose(p.batch([4, 9]).grad(x), p.objective.gradBatch(x, [4, 9]), { rtol: 1e-14 });
  assert.throws(
    () => p.batch([]),
    /Cannot build a batch objective: indices must be a non-empty array/,
  );
  assert.throws(() => p.batch([120]), /index 120 is not in \[0, 120\)/);
  assert.equal(
    irisMlp({ hidden: [5, 4], activation: "relu" }).objective.size,
    4 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3,
  );
});

Deno.test("subsampledNewton: B = N is Newton; a batch step is the damped Newton step on that batch", () => {
  const rng = new Rng(8);
  const X = Array.from({ length: 12 }, () => Array.from(rng.normalVector(3)));
  const y = Array.from(rng.normalVector(12));
  const full = leastSquaresObjective(X, y);
  const batch = (I: readonly number[]) =>
    leastSquaresObjective(I.map((i) => X[i]), I.map((i) => y[i]));
  const a = subsampledNewton({ batch, batchSize: 12 }).start(full, [1, 2, 3]);
  const b = newton().start(full, [1, 2, 3]);
  a.step();
  b.step();
  assertAllClose(a.x, b.x, { rtol: 1e-10 });
  // One step with B = 4, ε = 0.5, η = 0.7 equals dampedNewton on one of the 4-sample batches of
  // the seeded epoch; the three steps of an epoch use disjoint batches.
  const opt = subsampledNewton({ batch, batchSize: 4, damping: 0.5, stepSize: 0.7, seed: 3 });
  const run = opt.start(full, [0, 0, 0]);
  const info = run.step().info;
  assert.equal(info.batchSize, 4);
  assert.equal(info.epoch, 1);
  const order = new Rng(3).permutation(12);
  const expected = dampedNewton({ damping: 0.5, stepSize: 0.7 }).start(batch(order.slice(0, 4)), [
    0,
    0,
    0,
  ]);
  expected.step();
  assertAllClose(run.x, expected.x, { rtol: 1e-12 });
  assert.throws(
    () => subsampledNewton({ batch, batchSize: 0 }),
    /option batchSize must be a positive integer/,
  );
  assert.throws(
    () =>
      subsampledNewton({ batch, batchSize: 2 }).start({
        f: () => 0,
        grad: () => new Float64Array(3),
      }, [0, 0, 0]),
    /must say how many samples/,
  );
  // A singular batch Hessian (2 samples, 3 unknowns) throws the library's error.
  assert.throws(
    () => subsampledNewton({ batch, batchSize: 2 }).start(full, [0, 0, 0]).step(),
    /Cannot run sub-sampled Newton: the batch Hessian H_I \+ εI is singular/,
  );
});

Deno.test("adamOnDiagonalQuadratic: the same run as the library's Adam on quadraticObjective(diag λ)", () => {
  const lam = [3, 0.2, 50], x0 = [1, -2, 0.5];
  const r = adamOnDiagonalQuadratic(lam, x0, { lr: 0.05, steps: 30 });
  const run = adam({ lr: 0.05 }).start(
    quadraticObjective([[3, 0, 0], [0, 0.2, 0], [0, 0, 50]]),
    x0,
  );
  for (let t = 1; t <= 30; t++) {
    run.step();
    assertAllClose(r.xs[t], run.x, { rtol: 1e-14, atol: 1e-16 });
    assertAllClose(r.effectiveSteps[t - 1], run.effectiveStep(), { rtol: 1e-14 });
  }
  assert.deepEqual(r.initialGradient, [3, -0.4, 25]);
  assert.throws(() => adamOnDiagonalQuadratic([1], [1, 2]), /must be non-empty and equally long/);
  assert.throws(() => adamOnDiagonalQuadratic([1], [1], { steps: 0 }), /option steps/);
});

Deno.test("adamMomentsVsCurvature: rows per (batch, seed, checkpoint); v̂ from a separate Adam run; cached by options", () => {
  const opts = { seeds: [2], batchSizes: [10, 120], checkpoints: [5, 15] };
  const r = adamMomentsVsCurvature(opts);
  assert.equal(r.checkpoints.length, 4);
  assert.equal(r.final.length, 2);
  assert.equal(adamMomentsVsCurvature({ ...opts }), r, "same options, same (cached) result");
  const p = irisMlp();
  const run = adam({ lr: 0.01, batchSize: 10, seed: 2 }).start(p.objective, p.init(2));
  for (let t = 0; t < 15; t++) run.step();
  assertAllClose(run.vHat(), r.final[0].vHat, { rtol: 1e-14 });
  assertAllClose(run.x, r.final[0].x, { rtol: 1e-14 });
  const H = p.objective.hessian(run.x);
  assertAllClose(r.final[0].hessianDiagonal, H.map((row, i) => row[i]), { rtol: 1e-14 });
  const row = r.checkpoints.find((c) => c.batchSize === 10 && c.step === 15)!;
  assertClose(row.rhoVH, rankCorrelation(run.vHat(), H.map((q, i) => q[i])), { rtol: 1e-14 });
  assertClose(row.loss, p.objective.f(run.x), { rtol: 1e-14 });
  assert.throws(
    () => adamMomentsVsCurvature({ checkpoints: [5, 3] }),
    /ascending positive integers/,
  );
});

Deno.test("sgdVersusAdam: the envelope is the pointwise minimum of medians; tuned rates minimize the final median", () => {
  const r = sgdVersusAdam({
    seeds: [1, 2, 3],
    sgdRates: [0.1, 0.3, 1e3],
    adamRates: [0.003, 0.03],
    quadraticSteps: 40,
    mlpSteps: 20,
    every: 10,
  });
  assert.deepEqual(r.map((p) => p.problem), [
    "rotated quadratic",
    "axis-aligned quadratic",
    "Iris MLP",
  ]);
  for (const p of r) {
    for (const name of ["SGD", "Adam"] as const) {
      const ok = p.runs.filter((q) => q.optimizer === name && q.bands.diverged.length === 0);
      p.recorded.forEach((_, k) =>
        assert.equal(p.envelope[name][k], Math.min(...ok.map((q) => q.bands.median[k])))
      );
      const last = p.recorded.length - 1;
      const best = ok.reduce((a, b) => (b.bands.median[last] < a.bands.median[last] ? b : a));
      assert.equal(p.tuned[name], best.lr);
    }
    // α = 1000 blows SGD up: it is never the tuned rate.
    assert.notEqual(p.tuned.SGD, 1e3);
  }
  // The SGD runs are the library's sgd from the stated starts.
  const q = illConditionedLeastSquares({ rotate: true, seed: 3 });
  const run = sgd({ lr: 0.1, batchSize: 10, seed: 2 }).start(
    q.objective,
    new Rng(102).normalVector(20),
  );
  for (let t = 0; t < 40; t++) run.step();
  const rec = r[0].runs.find((x) => x.optimizer === "SGD" && x.lr === 0.1)!;
  assertClose(rec.bands.runs[1][4], q.objective.f(run.x) - q.minimum, { rtol: 1e-12 });
});

Deno.test("stochasticNewtonStudy: shapes, flat directions at initialization, pure Newton failures", () => {
  const s = stochasticNewtonStudy({
    seeds: [1, 2],
    quadraticSteps: 4,
    mlpSteps: 3,
    sgdRates: [0.3],
    adamRates: [0.03],
    dampings: [1],
  });
  assert.equal(s.quadratic.newton.median.length, 5);
  assert.equal(s.mlp.damped[0].bands.median.length, 4);
  assert.deepEqual(s.mlp.pureNewtonFailures, [1, 2]);
  assert.match(s.mlp.pureNewtonMessage, /^Cannot take a Newton step: the Hessian is singular/);
  for (const sp of s.mlp.initialSpectra) {
    assert.equal(sp.negative + sp.zero + sp.positive, 67);
    assert.equal(sp.zero, 9);
  }
  assert.ok(s.quadratic.newton.median[4] < s.quadratic.newton.median[0]);
});

Deno.test("stepCostScaling: the shape of the evidence (timings themselves are not asserted)", () => {
  const c = stepCostScaling({
    firstOrderSizes: [512, 1024],
    newtonSizes: [16, 32],
    repeats: 1,
    minTime: 1,
    rounds: 2,
  });
  for (const m of [c.sgd, c.adam, c.newton]) {
    assert.equal(m.seconds.length, 2);
    assert.ok(m.seconds.every((t) => t > 0));
    // The fit passes through both points when there are only two.
    m.sizes.forEach((n, i) =>
      assertClose(m.prefactor * n ** m.exponent, m.seconds[i], { rtol: 1e-9 })
    );
  }
  assert.match(c.newton.optimizer, /^newton/);
  assert.throws(() => stepCostScaling({ rounds: 0 }), /option rounds must be a positive integer/);
});

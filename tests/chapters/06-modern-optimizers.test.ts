import assert from "node:assert/strict";
import fc from "fast-check";
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import {
  adam,
  assertAllClose,
  assertClose,
  eigh,
  empiricalFisherDiagonal,
  leastSquaresObjective,
  loadIris,
  logisticRegressionObjective,
  momentum,
  newton,
  type Objective,
  quadraticObjective,
  Rng,
  sgd,
} from "../../lib/mod.ts";
import { compareOptimizerWithTfjs } from "../../lib/tfjs/mod.ts";
import { adamOnDiagonalQuadratic } from "../../book/experiments/adamOnDiagonalQuadratic.ts";
import { adamMomentsVsCurvature } from "../../book/experiments/adamMomentsVsCurvature.ts";
import { illConditionedLeastSquares } from "../../book/experiments/illConditionedLeastSquares.ts";
import { irisMlp } from "../../book/experiments/irisMlp.ts";
import { adamBiasCorrection } from "../../book/claims/adamBiasCorrection.ts";
import { adamFasterInitially } from "../../book/claims/adamFasterInitially.ts";
import { adamInverseCurvature } from "../../book/claims/adamInverseCurvature.ts";
import { adamSecondMomentDiagonal } from "../../book/claims/adamSecondMomentDiagonal.ts";
import { secondOrderStochasticPoor } from "../../book/claims/secondOrderStochasticPoor.ts";
import { table1StepCost, table1Verdict } from "../../book/claims/table1StepCost.ts";
import { adamTracksEmpiricalFisher } from "../../book/claims/adamTracksEmpiricalFisher.ts";

// The six-sample fit of §1: f(β) = (1/6) Σ (β₀ + β₁tᵢ − yᵢ)².
const tinyX = [[1, 0], [1, 1], [1, 2], [1, 3], [1, 4], [1, 5]];
const tinyY = [1, 2, 2, 4, 5, 5];

function allSubsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    for (const rest of allSubsets(n, k - 1)) if (rest.every((j) => j > i)) out.push([i, ...rest]);
  }
  return out;
}

Deno.test("ch6 §1 eq. E[g_B] = ∇f and E[g_B²] = (∇f)² + (N−B)/(B(N−1))·(F − (∇f)²), every B, by enumeration", () => {
  const tiny = leastSquaresObjective(tinyX, tinyY);
  const rng = new Rng(3);
  for (const beta of [[0, 0], [0.5, 1], Array.from(rng.normalVector(2))]) {
    const b = Float64Array.from(beta);
    // Closed-form per-sample gradients 2(xᵢᵀβ − yᵢ)xᵢ.
    const per = tinyX.map((x, i) => x.map((xj) => 2 * (x[0] * b[0] + x[1] * b[1] - tinyY[i]) * xj));
    const grad = [0, 1].map((k) => per.reduce((s, g) => s + g[k], 0) / 6);
    const F = [0, 1].map((k) => per.reduce((s, g) => s + g[k] ** 2, 0) / 6);
    assertAllClose(tiny.grad(b), grad, { rtol: 1e-14 });
    assertAllClose(empiricalFisherDiagonal(tiny, b), F, { rtol: 1e-14 });
    for (let B = 1; B <= 6; B++) {
      const batches = allSubsets(6, B);
      const gs = batches.map((I) => tiny.gradBatch!(b, I));
      for (let k = 0; k < 2; k++) {
        const mean = gs.reduce((s, g) => s + g[k], 0) / gs.length;
        const second = gs.reduce((s, g) => s + g[k] ** 2, 0) / gs.length;
        assertClose(mean, grad[k], { rtol: 1e-13, atol: 1e-13 });
        const c = (6 - B) / (B * 5);
        assertClose(second, grad[k] ** 2 + c * (F[k] - grad[k] ** 2), { rtol: 1e-12, atol: 1e-12 });
      }
    }
  }
});

Deno.test("ch6 §1 eq. x_{k+1} = x_k − α g_B: each SGD step is one batch's gradient step, an epoch partitions the data", () => {
  const tiny = leastSquaresObjective(tinyX, tinyY);
  const pairs = allSubsets(6, 2);
  for (const seed of [1, 5, 9]) {
    const run = sgd({ lr: 0.02, batchSize: 2, seed }).start(tiny, [0, 0]);
    const seen: number[] = [];
    for (let t = 0; t < 3; t++) {
      const before = run.x;
      run.step();
      const fits = pairs.filter((I) => {
        const g = tiny.gradBatch!(before, I);
        return g.every((gk, k) => Math.abs(before[k] - 0.02 * gk - run.x[k]) < 1e-15);
      });
      assert.equal(fits.length, 1);
      seen.push(...fits[0]);
    }
    assert.deepEqual(seen.sort(), [0, 1, 2, 3, 4, 5]);
  }
});

Deno.test("ch6 §2 eq. Adam m_t, v_t, m̂_t, v̂_t and momentum a_{t+1} = βa_t + g_t on 5x² + 0.05y²: three steps by hand", () => {
  const bowl = quadraticObjective([[10, 0], [0, 0.1]]);
  const run = adam({ lr: 0.1 }).start(bowl, [1, 1]);
  const mom = momentum({ lr: 0.1, momentum: 0.9 }).start(bowl, [1, 1]);
  let x = [1, 1], m = [0, 0], v = [0, 0], y = [1, 1], a = [0, 0];
  for (let t = 1; t <= 3; t++) {
    const g = [10 * x[0], 0.1 * x[1]];
    m = m.map((mi, i) => 0.9 * mi + 0.1 * g[i]);
    v = v.map((vi, i) => 0.999 * vi + 0.001 * g[i] ** 2);
    const mh = m.map((mi) => mi / (1 - 0.9 ** t)), vh = v.map((vi) => vi / (1 - 0.999 ** t));
    x = x.map((xi, i) => xi - (0.1 * mh[i]) / (Math.sqrt(vh[i]) + 1e-8));
    run.step();
    assertAllClose(run.mHat(), mh, { rtol: 1e-14 });
    assertAllClose(run.vHat(), vh, { rtol: 1e-14 });
    assertAllClose(run.effectiveStep(), vh.map((q) => 0.1 / (Math.sqrt(q) + 1e-8)), {
      rtol: 1e-14,
    });
    assertAllClose(run.x, x, { rtol: 1e-14 });
    const gy = [10 * y[0], 0.1 * y[1]];
    a = a.map((ai, i) => 0.9 * ai + gy[i]);
    y = y.map((yi, i) => yi - 0.1 * a[i]);
    mom.step();
    assertAllClose(mom.x, y, { rtol: 1e-14, atol: 1e-15 });
  }
  // Momentum's first step lands on x = 0 exactly (α·λ = 1); the second overshoots to −0.9.
  const m2 = momentum({ lr: 0.1, momentum: 0.9 }).start(bowl, [1, 1]);
  m2.step();
  assert.equal(m2.x[0], 0);
  m2.step();
  assertClose(m2.x[0], -0.9, { rtol: 1e-15 });
});

Deno.test("ch6 §2 erratum adam-bias-correction: uncorrected/corrected step = (1−β₁ᵗ)/√(1−β₂ᵗ), 3.16 at t = 1", () => {
  const sentence = adamBiasCorrection.check();
  assert.ok(sentence.includes("3.16"), sentence);
  assert.equal(adamBiasCorrection.chapter, 6);
  // Independently: constant gradient, both variants, many (β₁, β₂).
  for (const [b1, b2] of [[0.9, 0.999], [0.5, 0.9], [0.99, 0.9999]]) {
    const obj = { f: (x: Float64Array) => 2 * x[0], grad: () => new Float64Array([2]) };
    const on = adam({ lr: 0.01, beta1: b1, beta2: b2, epsilon: 0 }).start(obj, [0]);
    const off = adam({ lr: 0.01, beta1: b1, beta2: b2, epsilon: 0, biasCorrection: false }).start(
      obj,
      [0],
    );
    for (let t = 1; t <= 20; t++) {
      const x0n = on.x[0], x0f = off.x[0];
      on.step();
      off.step();
      assertClose(x0n - on.x[0], 0.01, { rtol: 1e-12 });
      assertClose((x0f - off.x[0]) / (x0n - on.x[0]), (1 - b1 ** t) / Math.sqrt(1 - b2 ** t), {
        rtol: 1e-12,
      });
    }
  }
});

Deno.test("ch6 §3 SGD, momentum and Adam match tf.train.sgd/momentum/adam on Iris logistic regression (100 steps)", async () => {
  const iris = loadIris({ seed: 0 });
  const x = iris.train.x.flatMap((r, i) => (iris.train.y[i] === 0 ? [] : [[1, ...r]]));
  const y = iris.train.y.filter((c) => c !== 0).map((c) => (c === 2 ? 1 : 0));
  const w0 = Array.from(new Rng(1).normalVector(5), (v) => 0.1 * v);
  for (const optimizer of ["sgd", "momentum", "adam"] as const) {
    const c = await compareOptimizerWithTfjs({ optimizer, lr: 0.1, x, y, w0, steps: 100 });
    assert.ok(c.maxRelDiff < 1e-4, `${optimizer}: ${c.maxRelDiff}`);
    assert.equal(c.diffs[0], 0);
  }
  // The w = 0 trap: balanced classes make the intercept gradient exactly zero.
  assert.equal(y.filter((v) => v === 1).length * 2, y.length);
  assert.equal(logisticRegressionObjective(x, y).grad(new Float64Array(5))[0], 0);
});

Deno.test("ch6 §4 eq. first Adam step = α·g/(|g|+ε) = α·sign(g) up to αε/|g|, over twelve decades of |g|", () => {
  const g = [1e-6, -1e-3, 1, -1e3, 1e6];
  for (const eps of [0, 1e-8]) {
    const r = adamOnDiagonalQuadratic(g.map(() => 1), g, { lr: 0.01, steps: 1, epsilon: eps });
    g.forEach((gi, i) => {
      const step = r.xs[0][i] - r.xs[1][i];
      // x₀ − x₁ is rounded to a few ulps of x₀ = g.
      assertClose(step, (0.01 * gi) / (Math.abs(gi) + eps), {
        rtol: 1e-12,
        atol: 1e-15 * Math.abs(gi),
      });
      assertClose(r.effectiveSteps[0][i], 0.01 / (Math.abs(gi) + eps), { rtol: 1e-14 });
    });
  }
});

Deno.test("ch6 §4 eq. Adam on c·f equals Adam on f with ε/c (exact iterates for ε = 0), on the Iris MLP", () => {
  const iris = irisMlp();
  const scaled = (c: number): Objective => ({
    samples: iris.objective.samples,
    f: (x) => c * iris.objective.f(x),
    grad: (x) => iris.objective.grad(x).map((g) => c * g),
    gradBatch: (x, I) => iris.objective.gradBatch(x, I).map((g) => c * g),
  });
  const train = (obj: Objective, epsilon: number) => {
    const run = adam({ lr: 0.01, batchSize: 8, seed: 2, epsilon }).start(obj, iris.init(2));
    for (let t = 0; t < 40; t++) run.step();
    return run;
  };
  const base0 = train(iris.objective, 0);
  for (const c of [1e-3, 7, 1e3]) {
    const r0 = train(scaled(c), 0);
    assertAllClose(r0.x, base0.x, { atol: 1e-12 });
    assertAllClose(r0.effectiveStep().map((s) => s * c), base0.effectiveStep(), { rtol: 1e-10 });
    // With ε: c·f with ε behaves like f with ε/c.
    const rc = train(scaled(c), 1e-8);
    const equivalent = train(iris.objective, 1e-8 / c);
    assertAllClose(rc.x, equivalent.x, { atol: 1e-10 });
  }
});

Deno.test("ch6 §4 separable ½Σλᵢxᵢ²: equal gradients give equal steps; with ε = 0 each coordinate's path ignores λ (property)", () => {
  const r = adamOnDiagonalQuadratic([100, 1, 0.01, 100, 0.01], [0.01, 1, 100, 1, 1], { steps: 1 });
  const s = r.effectiveSteps[0];
  assertClose(s[0], s[1], { rtol: 1e-15 });
  assertClose(s[1], s[2], { rtol: 1e-15 });
  assertClose(s[0] / s[3], (100 + 1e-8) / (1 + 1e-8), { rtol: 1e-12 });
  fc.assert(
    fc.property(
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: 0.1, max: 10, noNaN: true }).filter((x) => Math.abs(x) > 1e-3),
      (logA, logB, x0) => {
        const run = adamOnDiagonalQuadratic([10 ** logA, 10 ** logB], [x0, x0], {
          steps: 200,
          epsilon: 0,
        });
        for (const x of run.xs) assertClose(x[0], x[1], { rtol: 1e-9, atol: 1e-12 });
      },
    ),
    { seed: 42, numRuns: 40 },
  );
});

Deno.test("ch6 §4 claim adam-step-inverse-curvature: qualified; ρ(step, λ) = −1 at equal distances", () => {
  const r = adamInverseCurvature.evaluate();
  assert.equal(r.verdict, adamInverseCurvature.expected);
  assert.equal(r.numbers.equalRhoCurvatureMax, -1);
  assert.ok(r.numbers.spreadRhoGradientMax < r.numbers.spreadRhoCurvatureMin);
});

Deno.test("ch6 §5 v_t vs diag H: the snapshot's diag H (finite differences), F (per-sample loop) and ρ (rank formula)", () => {
  const r = adamMomentsVsCurvature({ seeds: [4], batchSizes: [8], checkpoints: [60] });
  const iris = irisMlp();
  const snap = r.final[0];
  const n = snap.x.length;
  const h = 1e-5;
  const fd = Array.from({ length: n }, (_, i) => {
    const xp = snap.x.slice(), xm = snap.x.slice();
    xp[i] += h;
    xm[i] -= h;
    return (iris.objective.grad(xp)[i] - iris.objective.grad(xm)[i]) / (2 * h);
  });
  assertAllClose(fd, snap.hessianDiagonal, { atol: 1e-7 });
  const F = new Float64Array(n);
  for (let i = 0; i < r.samples; i++) {
    iris.batch([i]).grad(snap.x).forEach((g, j) => (F[j] += (g * g) / r.samples));
  }
  assertAllClose(F, snap.fisherDiagonal, { rtol: 1e-12 });
  // v̂ from an independent Adam run with the same settings.
  const run = adam({ lr: 0.01, batchSize: 8, seed: 4 }).start(iris.objective, iris.init(4));
  for (let t = 0; t < 60; t++) run.step();
  assertAllClose(run.vHat(), snap.vHat, { rtol: 1e-14 });
  const rank = (a: ArrayLike<number>) => {
    const o = Array.from(a, (_, i) => i).sort((i, j) => a[i] - a[j]);
    const out = new Array<number>(a.length);
    o.forEach((i, k) => (out[i] = k));
    return out;
  };
  const ra = rank(snap.vHat), rb = rank(snap.hessianDiagonal);
  const d2 = ra.reduce((s, q, i) => s + (q - rb[i]) ** 2, 0);
  assertClose(r.checkpoints[0].rhoVH, 1 - (6 * d2) / (n * (n * n - 1)), { rtol: 1e-12 });
});

Deno.test("ch6 §5 claim adam-second-moment-hessian-diagonal: qualified; small-batch ρ above full-batch ρ", () => {
  const r = adamSecondMomentDiagonal.evaluate();
  assert.equal(r.verdict, adamSecondMomentDiagonal.expected);
  assert.ok(r.numbers.rhoVHSmallMin > r.numbers.rhoVHFullMax);
  assert.ok(r.numbers.rhoFisherHessianMin >= 0.8);
});

Deno.test("ch6 §6 ill-conditioned least squares: κ(2XᵀX/N) = 10³ and β̂ solves the normal equations (Cholesky)", () => {
  for (const rotate of [true, false]) {
    const p = illConditionedLeastSquares({ rotate, seed: 3 });
    const X = new Matrix(p.x);
    const XtX = X.transpose().mmul(X);
    const Xty = X.transpose().mmul(Matrix.columnVector(p.y));
    const beta = new CholeskyDecomposition(XtX).solve(Xty).getColumn(0);
    assertAllClose(p.minimizer, beta, { rtol: 1e-8, atol: 1e-10 });
    const { values } = eigh(XtX.mul(2 / p.x.length).to2DArray());
    assertClose(values[values.length - 1] / values[0], 1000, { rtol: 1e-9 });
    assertAllClose([...values].reverse(), p.eigenvalues, { rtol: 1e-9 });
    if (!rotate) {
      const H = p.objective.hessian!(p.minimizer);
      for (let i = 0; i < 20; i++) {
        for (let j = 0; j < 20; j++) if (i !== j) assert.ok(Math.abs(H[i][j]) < 1e-12);
      }
    }
  }
});

Deno.test("ch6 §6 claim adam-faster-initially: qualified (Adam ahead early on some problems, not all)", () => {
  const r = adamFasterInitially.evaluate();
  assert.equal(r.verdict, adamFasterInitially.expected);
  assert.equal(r.numbers.problems, 3);
  assert.ok(r.numbers.adamWins > 0 && r.numbers.adamWins < r.numbers.problems);
});

Deno.test("ch6 §7 softmax flat directions: H v = 0 along the 1 + 8 shifts of the output layer; pure Newton refuses", () => {
  const iris = irisMlp();
  const layout = iris.net.layout.layers;
  const out = layout[layout.length - 1];
  const x0 = iris.init(1);
  const n = iris.objective.size;
  const dirs: Float64Array[] = [];
  const bias = new Float64Array(n);
  for (let k = 0; k < 3; k++) bias[out.b.offset + k] = 1;
  dirs.push(bias);
  for (let j = 0; j < out.input; j++) {
    const v = new Float64Array(n);
    for (let k = 0; k < 3; k++) v[out.W.offset + j * 3 + k] = 1;
    dirs.push(v);
  }
  for (const v of dirs) {
    assertAllClose(iris.objective.hvp(x0, v), new Float64Array(n), { atol: 1e-12 });
    assertClose(iris.objective.f(x0.map((p, i) => p - 0.7 * v[i])), iris.objective.f(x0), {
      rtol: 1e-13,
    });
  }
  const { values } = eigh(iris.objective.hessian(x0));
  const tol = 1e-9 * Math.max(...values.map(Math.abs));
  assert.equal(values.filter((v) => Math.abs(v) <= tol).length, dirs.length);
  assert.throws(
    () => newton().start(iris.objective, x0).step(),
    /Cannot take a Newton step: the Hessian is singular/,
  );
});

Deno.test("ch6 §7 claim second-order-stochastic-poor: qualified; Newton wins per step on the convex quadratic", () => {
  const r = secondOrderStochasticPoor.evaluate();
  assert.equal(r.verdict, secondOrderStochasticPoor.expected);
  assert.ok(r.numbers.quadraticNewtonGap < r.numbers.quadraticBestFirstOrderGap);
  assert.equal(r.numbers.zeroEigenvalues, 9);
  assert.ok(r.numbers.lightDampingWorstLossRatio > 1);
});

Deno.test("ch6 §7 Table 1 cost: the verdict rule on exponents, and the measured claim reports finite exponents", () => {
  assert.equal(table1Verdict(1, 1, 3), "confirmed");
  assert.equal(table1Verdict(0.9, 1.1, 2.5), "confirmed");
  assert.equal(table1Verdict(1, 1, 2), "qualified");
  assert.equal(table1Verdict(1, 2.5, 3), "refuted");
  assert.equal(table1Verdict(1, 1, 1.2), "refuted");
  // The claim reads the recorded timings (bench/results/costs.json); no timing is asserted.
  const r = table1StepCost.evaluate();
  for (const k of ["sgdExponent", "adamExponent", "newtonExponent"]) {
    assert.ok(Number.isFinite(r.numbers[k]), k);
  }
  assert.equal(
    r.verdict,
    table1Verdict(r.numbers.sgdExponent, r.numbers.adamExponent, r.numbers.newtonExponent),
  );
});

Deno.test("ch6 exercises: β₁ = 0.9, β₂ = 0.99 uncorrected first step is α; step ratio 10⁴ from (1, 1), 1 from (0.01, 100)", () => {
  const obj = { f: (x: Float64Array) => x[0] + x[1], grad: () => new Float64Array([3, -0.2]) };
  const run = adam({ lr: 0.05, beta1: 0.9, beta2: 0.99, epsilon: 0, biasCorrection: false })
    .start(obj, [0, 0]);
  run.step();
  assertAllClose(run.x, [-0.05, 0.05], { rtol: 1e-14 });
  const a =
    adamOnDiagonalQuadratic([100, 0.01], [1, 1], { steps: 1, epsilon: 0 }).effectiveSteps[0];
  const b =
    adamOnDiagonalQuadratic([100, 0.01], [0.01, 100], { steps: 1, epsilon: 0 }).effectiveSteps[0];
  assertClose(a[1] / a[0], 1e4, { rtol: 1e-12 });
  assertClose(b[1] / b[0], 1, { rtol: 1e-12 });
});

Deno.test("ch6 beyond the paper: adam-tracks-empirical-fisher is refuted; v̂ ranks like the true Fisher in most of the 15 rows", () => {
  const r = adamTracksEmpiricalFisher.evaluate();
  assert.equal(r.verdict, adamTracksEmpiricalFisher.expected);
  assert.equal(r.numbers.rows, 15);
  assert.ok(15 - r.numbers.empiricalBeatsFisher >= 10);
  assert.ok(r.numbers.medianRhoFisher > r.numbers.medianRhoEmpirical);
  assert.ok(r.numbers.medianRhoEmpirical > r.numbers.medianRhoHessian);
  // Recount the paired wins from the experiment's rows.
  const rows = adamMomentsVsCurvature().checkpoints.filter((c) => c.batchSize === 8);
  assert.equal(rows.filter((c) => c.rhoVF > c.rhoVTrueF).length, r.numbers.empiricalBeatsFisher);
  assert.equal(rows.filter((c) => c.rhoVF > c.rhoVH).length, r.numbers.empiricalBeatsHessian);
});

Deno.test("ch6 saddle noise: full-batch descent on the stable line follows x_k = 0.9^k exactly; SGD escapes; the offset start escapes when 1.1^k·10⁻⁸ nears 0.5", async () => {
  const { saddleNoiseEscape } = await import("../../book/experiments/saddleNoiseEscape.ts");
  const { saddleNoiseVerdict } = await import("../../book/claims/sgdNoiseEscapesSaddles.ts");
  const r = saddleNoiseEscape();
  // on y = 0 the y-gradient is exactly 0 and x_{k+1} = (1 − 0.1)x_k
  assert.equal(r.fullBatchMaxAbsY, 0);
  assertClose(r.fullBatchDistanceToSaddle, 0.9 ** 300, { rtol: 1e-9 });
  // near y = 0, y grows by 1.1 per step: log(0.5/1e-8)/log(1.1) ≈ 186 steps, a few more as y³ brakes
  const linear = Math.log(0.5 / 1e-8) / Math.log(1.1);
  assert.ok(r.fullBatchOffsetEscapeStep >= linear && r.fullBatchOffsetEscapeStep < linear + 10);
  assert.equal(r.escaped, r.runs);
  assert.equal(saddleNoiseVerdict(r), "confirmed");
});

Deno.test("ch6 races: the verdict rules on known inputs, and the best rates reproduce their scores", async () => {
  const { sparseVerdict } = await import("../../book/claims/adamWinsSparseGradients.ts");
  const { nonStationaryVerdict } = await import("../../book/claims/adamWinsNonStationary.ts");
  const { noisyCurvatureVerdict } = await import(
    "../../book/claims/adamSmoothingNoisyCurvature.ts"
  );
  const { race, sparseFeatureData, trainLinear, sparseGradientRace } = await import(
    "../../book/experiments/optimizerRaces.ts"
  );
  assert.equal(sparseVerdict([1, 1, 1], [0.4, 0.1, 0.2]), "confirmed");
  assert.equal(sparseVerdict([1, 1, 1], [0.6, 0.1, 0.2]), "qualified");
  assert.equal(sparseVerdict([1, 1, 1], [2, 2, 2]), "refuted");
  const b = (sgd: number, adam: number) => ({ best: { sgd, adam } });
  assert.equal(nonStationaryVerdict([b(2, 1), b(3, 1)]), "confirmed");
  assert.equal(nonStationaryVerdict([b(1, 2), b(1, 3)]), "refuted");
  const n = { adam: 1, newton: 3, batchDiagonalSpread: 0.4, adamPreconditionerSpread: 0.01 };
  assert.equal(noisyCurvatureVerdict(n), "confirmed");
  assert.equal(noisyCurvatureVerdict({ ...n, newton: 1 }), "qualified");
  assert.equal(
    noisyCurvatureVerdict({ ...n, newton: 1, adamPreconditionerSpread: 0.2 }),
    "refuted",
  );
  // race picks the grid's minimizer of the median
  const r = race(
    (kind, lr) => (kind === "sgd" ? (Math.log10(lr) + 1) ** 2 : (Math.log10(lr) + 2) ** 2),
    [1],
  );
  assert.equal(r.bestLr.sgd, 0.1);
  assert.equal(r.bestLr.adam, 0.01);
  // the sparse data: feature frequencies match p_j (binomial, 2000 rows, 4 standard errors)
  const { data, p } = sparseFeatureData({ seed: 1 });
  p.forEach((pj, j) => {
    const share = data.x.reduce((s, x) => s + x[j], 0) / data.x.length;
    assert.ok(Math.abs(share - pj) < 4 * Math.sqrt(pj * (1 - pj) / data.x.length) + 1e-3, `${j}`);
  });
  // the score is ½ mean (x·w − y)²: at w = 0 (no steps) it is ½ mean y²
  const half = 0.5 * data.y.reduce((s, y) => s + y * y, 0) / data.y.length;
  assertClose(trainLinear(data, "sgd", 0.1, { seed: 1, steps: 0 }), half, { rtol: 1e-12 });
  const s = sparseGradientRace({ steps: 200 });
  assertClose(
    trainLinear(sparseFeatureData({ seed: 2 }).data, "adam", s.sparse.bestLr.adam, {
      seed: 2,
      steps: 200,
    }),
    s.sparse.perSeed.adam[1],
    { rtol: 1e-12 },
  );
});

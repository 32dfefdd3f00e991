import assert from "node:assert/strict";
import fc from "fast-check";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import {
  assertAllClose,
  assertClose,
  gradientDescent,
  matrixWithSpectrum,
  minimize,
  quadraticObjective,
  rosenbrockObjective,
} from "../../lib/mod.ts";
import { gdEigenModes } from "../../book/experiments/gdEigenModes.ts";
import { gdGrowthRate } from "../../book/experiments/gdGrowthRate.ts";
import { stabilityThreshold } from "../../book/experiments/stabilityThreshold.ts";
import { lineTaylor } from "../../book/experiments/lineTaylor.ts";
import { overshootStep } from "../../book/experiments/overshootStep.ts";
import { stepSizeCap } from "../../book/claims/stepSizeCap.ts";
import { largeStepOvershoots } from "../../book/claims/largeStepOvershoots.ts";
import { edgeOfStability, judgeEdgeRun } from "../../book/claims/edgeOfStability.ts";
import { edgeOfStabilityMomentum } from "../../book/claims/edgeOfStabilityMomentum.ts";
import {
  edgeOfStabilityRuns,
  localQuadraticRun,
} from "../../book/experiments/edgeOfStabilityRuns.ts";

/** The chapter's test matrix: eigenvalues 0.25, 1, 2.5, 4 in a random basis. */
const spectrum = [0.25, 1, 2.5, 4];
const H = matrixWithSpectrum(spectrum, { seed: 5 });

/** Eigenpairs by ml-matrix directly (ascending), independent of lib/linalg/eigh. */
function mlEigh(A: number[][]): { values: number[]; vectors: number[][] } {
  const e = new EigenvalueDecomposition(new Matrix(A), { assumeSymmetric: true });
  const order = e.realEigenvalues.map((_, i) => i).sort((a, b) =>
    e.realEigenvalues[a] - e.realEigenvalues[b]
  );
  return {
    values: order.map((i) => e.realEigenvalues[i]),
    vectors: order.map((i) => e.eigenvectorMatrix.getColumn(i)),
  };
}

Deno.test("ch5 §5 eq. z_{k+1,i} = (1 − αλᵢ)z_{k,i}: gradient descent in ml-matrix's eigenbasis, 500 steps, to 1e-12", () => {
  const { values, vectors } = mlEigh(H);
  for (const lr of [0.1, 0.3, 0.49, 0.5]) {
    const run = minimize(quadraticObjective(H), [1, -2, 0.5, 3], gradientDescent({ lr }), {
      maxSteps: 500,
      gradTol: 0,
    });
    const z = run.xs.map((x) => vectors.map((q) => q.reduce((s, v, j) => s + v * x[j], 0)));
    for (let k = 0; k < 500; k++) {
      for (let i = 0; i < 4; i++) {
        assertClose(z[k + 1][i], (1 - lr * values[i]) * z[k][i], { rtol: 0, atol: 1e-12 });
      }
    }
    // The library's experiment agrees, and its own recurrence error is tiny.
    const modes = gdEigenModes(H, [1, -2, 0.5, 3], { lr, steps: 500 });
    assert.ok(modes.maxStepError <= 1e-12 && modes.maxPathError <= 1e-12);
    assertAllClose(modes.factors, values.map((l) => 1 - lr * l), { rtol: 1e-12, atol: 1e-14 });
  }
});

Deno.test("ch5 §5 eq. f(x_k) = Σ ½λᵢ z²_{k,i}: the loss splits by eigen-direction (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 2, maxLength: 5 }),
      fc.double({ min: 0.01, max: 0.3, noNaN: true }),
      fc.integer({ min: 0, max: 1000 }),
      (values, lr, seed) => {
        const M = matrixWithSpectrum(values, { seed });
        const x0 = values.map((_, i) => Math.cos(i + seed));
        const r = gdEigenModes(M, x0, { lr, steps: 20 });
        r.modeLoss.forEach((losses, k) => {
          const total = losses.reduce((s, v) => s + v, 0);
          assertClose(total, r.loss[k], { rtol: 1e-10, atol: 1e-12 });
        });
      },
    ),
    { seed: 42, numRuns: 100 },
  );
});

Deno.test("ch5 §5 eq. |1 − αλᵢ| < 1 ⇔ 0 < α < 2/λᵢ: convergence iff α < 2/λmax, on a grid of α", () => {
  const lmax = 4;
  for (let k = 0; k <= 55; k++) {
    const lr = 0.05 + 0.01 * k + 0.003; // never exactly on the boundary 0.5
    const run = minimize(quadraticObjective(H), [1, 1, 1, 1], gradientDescent({ lr }), {
      maxSteps: 6000,
      gradTol: 1e-10,
    });
    const expected = lr < 2 / lmax ? "converged" : "diverged";
    assert.equal(run.stopReason, expected, `α = ${lr}: ${run.message}`);
  }
});

Deno.test("ch5 §5 stability threshold by bisection equals 2/λmax to 1e-6 (several spectra)", () => {
  for (const [values, seed] of [[spectrum, 5], [[0.5, 3, 7], 1], [[1, 2], 9]] as const) {
    const M = matrixWithSpectrum(values, { seed });
    const lmax = Math.max(...values);
    const r = stabilityThreshold(M);
    assertClose(r.threshold, 2 / lmax, { rtol: 0, atol: 1e-6 });
    assert.ok(r.lo < 2 / lmax + 1e-12 && r.hi > 2 / lmax - 1e-12);
  }
});

Deno.test("ch5 §5 erratum: at α = 2/λmax the top mode alternates with constant size (|1 − 2| = 1)", () => {
  assert.match(stepSizeCap.check(), /1000 steps/);
  // Exactly representable case: H = diag(1, 4), α = 0.5, top factor exactly −1.
  const r = gdEigenModes([[1, 0], [0, 4]], [1, 1], { lr: 0.5, steps: 200 });
  r.z.forEach((zk, k) => assert.equal(zk[1], k % 2 === 0 ? 1 : -1));
  assert.ok(r.loss.every((f) => f >= 2));
});

Deno.test("ch5 §5 eq. zero eigenvalue: z_{k+1,i} = z_{k,i}, x_k → projection of x₀ onto the null space", () => {
  const M = matrixWithSpectrum([0, 0.5, 2, 4], { seed: 6 });
  const { values, vectors } = mlEigh(M);
  assert.ok(Math.abs(values[0]) < 1e-14);
  const x0 = [0.3, -1.2, 2.2, 0.7];
  const r = gdEigenModes(M, x0, { lr: 0.3, steps: 400 });
  const q = vectors[0];
  const c = q.reduce((s, v, j) => s + v * x0[j], 0);
  r.xs.forEach((x) => assertClose(q.reduce((s, v, j) => s + v * x[j], 0), c, { atol: 1e-12 }));
  assertAllClose(r.xs[400], q.map((v) => c * v), { atol: 1e-12 });
});

Deno.test("ch5 §5 optimal step α* = 2/(λmin + λmax): measured factor = (κ − 1)/(κ + 1), and it beats nearby α", () => {
  const kappa = 16;
  const alphaStar = 2 / (0.25 + 4);
  const at = gdGrowthRate(H, alphaStar).rate;
  assertClose(at, (kappa - 1) / (kappa + 1), { rtol: 1e-9 });
  for (const d of [-0.02, -0.005, 0.005, 0.02]) assert.ok(gdGrowthRate(H, alphaStar + d).rate > at);
  // A second, diagonal instance: κ = 100.
  const r = gdEigenModes([[1, 0], [0, 100]], [1, 1], { lr: 2 / 101, steps: 50 });
  r.z.forEach((zk, k) => assertAllClose(zk.map(Math.abs), [(99 / 101) ** k, (99 / 101) ** k]));
});

Deno.test("ch5 §5 eq. g″(0) = vᵀHv on Rosenbrock: exact Hessian vs finite differences, error g⁗h²/12", () => {
  const rosen = rosenbrockObjective();
  fc.assert(
    fc.property(
      fc.double({ min: -1.5, max: 1.5, noNaN: true }),
      fc.double({ min: -0.5, max: 2, noNaN: true }),
      fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
      (x, y, angle) => {
        const v = [Math.cos(angle), Math.sin(angle)];
        const line = lineTaylor(rosen, [x, y], v);
        const h = rosen.hessian!(new Float64Array([x, y]));
        const vHv = v[0] * (h[0][0] * v[0] + h[0][1] * v[1]) +
          v[1] * (h[1][0] * v[0] + h[1][1] * v[1]);
        assertClose(line.curvature, vHv, { rtol: 1e-12, atol: 1e-12 });
        // g(t) is a quartic with t⁴ coefficient 100·v_x⁴, so the second difference errs by 200 v_x⁴ h².
        const step = 1e-2;
        const fd = (line.g(step) - 2 * line.g(0) + line.g(-step)) / step ** 2;
        assertClose(fd - vHv, 200 * v[0] ** 4 * step ** 2, { rtol: 1e-3, atol: 1e-8 });
        assertClose(line.fdCurvature, vHv, { rtol: 1e-6, atol: 1e-5 });
      },
    ),
    { seed: 42, numRuns: 200 },
  );
});

Deno.test("ch5 §5 Taylor model at the origin: g(t) = (1 − t)² + 100t⁴, model best step 1, true overshoot root of 100t³ + t − 2", () => {
  const rosen = rosenbrockObjective();
  const line = lineTaylor(rosen, [0, 0], [1, 0]);
  for (const t of [-0.3, 0.1, 0.5, 1]) assertClose(line.g(t), (1 - t) ** 2 + 100 * t ** 4);
  assert.equal(line.slope, -2);
  assert.equal(line.curvature, 2);
  const o = overshootStep(line, { tMax: 4, points: 4000 });
  assert.equal(o.modelMinimizer, 1);
  // The real root of 100t³ + t − 2 by Cardano's formula.
  const p = 1 / 100, q = -2 / 100;
  const disc = Math.sqrt((q / 2) ** 2 + (p / 3) ** 3);
  const root = Math.cbrt(-q / 2 + disc) + Math.cbrt(-q / 2 - disc);
  assertClose(o.actual, root, { rtol: 1e-9 });
});

Deno.test("ch5 claim check large-step-overshoots is qualified; the origin ratio is 2/root", () => {
  const r = largeStepOvershoots.evaluate();
  assert.equal(r.verdict, largeStepOvershoots.expected);
  assert.equal(r.numbers.overshooting, r.numbers.points);
  const p = 1 / 100, q = -2 / 100;
  const disc = Math.sqrt((q / 2) ** 2 + (p / 3) ** 3);
  const root = Math.cbrt(-q / 2 + disc) + Math.cbrt(-q / 2 - disc);
  assertClose(r.numbers.originRatio, 2 / root, { rtol: 1e-6 });
});

Deno.test("ch5 exercises: α = 1/λmax kills the top mode; κ = 100 needs ⌈6 ln10/ln(101/99)⌉ steps; Rosenbrock threshold 2/(501 + √250601)", () => {
  const one = gdEigenModes([[1, 0], [0, 4]], [1, 1], { lr: 0.25, steps: 1 });
  assert.equal(one.z[1][1], 0);
  const k = Math.ceil((6 * Math.log(10)) / Math.log(101 / 99));
  const r = gdEigenModes([[1, 0], [0, 100]], [1, 1], { lr: 2 / 101, steps: k + 2 });
  const norms = r.xs.map((x) => Math.hypot(x[0], x[1]) / Math.SQRT2);
  assert.equal(norms.findIndex((v) => v <= 1e-6 * (1 + 1e-12)), k);
  const Hmin = rosenbrockObjective().hessian!(new Float64Array([1, 1]));
  const t = stabilityThreshold(Hmin, { start: 0.01, steps: 5000, tol: 1e-8 });
  assertClose(t.threshold, 2 / (501 + Math.sqrt(250601)), { rtol: 1e-6 });
});

Deno.test("ch5 beyond the paper: edge-of-stability claims confirmed; every run rises to its threshold and hovers within ±10%", () => {
  const gd = edgeOfStability.evaluate();
  assert.equal(gd.verdict, edgeOfStability.expected);
  assert.equal(gd.numbers.runs, 3);
  assert.ok(Math.abs(gd.numbers.ratioMin - 1) < 0.1 && Math.abs(gd.numbers.ratioMax - 1) < 0.1);
  assert.ok(gd.numbers.initialRatioMax <= 0.8);
  assert.equal(gd.numbers.lossFellIn, 3);
  const hb = edgeOfStabilityMomentum.evaluate();
  assert.equal(hb.verdict, edgeOfStabilityMomentum.expected);
  assertClose(hb.numbers.threshold, (2 + 2 * 0.5) / 0.1, { rtol: 1e-12 });
  assert.ok(Math.abs(hb.numbers.ratio - 1) < 0.1);
  // The heavy-ball run is past plain gradient descent's edge 2/η at the same η.
  const runs = edgeOfStabilityRuns();
  const late = runs.momentum.sharpness.filter((_, i) =>
    runs.momentum.sharpnessSteps[i] >= 0.75 * runs.momentum.steps
  );
  assert.ok(Math.min(...late) > 2 / runs.momentum.lr * 1.2);
});

Deno.test("ch5 beyond the paper: from the edge, the quadratic model diverges while the network's loss stays bounded", () => {
  const runs = edgeOfStabilityRuns();
  const mid = runs.gd.find((t) => t.lr === 0.1)!;
  const snap = mid.snapshot!;
  assert.ok(snap.sharpness > mid.threshold);
  assert.ok(judgeEdgeRun(mid).hovers);
  const model = localQuadraticRun(runs.objective, snap.x, mid.lr, 100, snap.vector);
  // Along the top eigenvector the model's displacement grows by |1 − ηλ| per step (its fixed
  // point is −(gᵀq)/λ): the increments alternate in sign and grow geometrically.
  const factor = 1 - mid.lr * snap.sharpness;
  for (let k = 1; k < 20; k++) {
    const ratio = (model.along[k + 1] - model.along[k]) / (model.along[k] - model.along[k - 1]);
    assertClose(ratio, factor, { rtol: 1e-3 });
  }
  assert.ok(model.loss[100] > 100 * model.loss[0]);
  const losses = Array.from(mid.loss.slice(snap.t, snap.t + 101));
  assert.ok(Math.max(...losses) < 3 * losses[0]);
});

Deno.test("ch5 boundary caption: its words (shrinks, stays, grows) agree with the factors and with the runs", async () => {
  const { modeFate, modeFateClauses } = await import("../../book/figures/modeFate.ts");
  // Independently: iterate z ← r·z 1000 times and read the amplitude.
  for (const r of [-0.98, -1, -1.02, 0.5, 1.5, 0.999, -1 + 1e-12]) {
    let z = 1;
    for (let k = 0; k < 1000; k++) z *= r;
    const expected = Math.abs(Math.abs(z) - 1) < 1e-6
      ? "stays"
      : Math.abs(z) < 1
      ? "shrinks"
      : "grows";
    assert.equal(modeFate(r), expected, `factor ${r}`);
  }
  // The chapter's three cases: α = c · 2/λmax gives the top factor 1 − 2c.
  const lmax = Math.max(...spectrum);
  const cases = [0.99, 1, 1.01].map((c) => ({
    label: `c = ${c}`,
    factor: 1 - c * (2 / lmax) * lmax,
  }));
  const text = modeFateClauses(cases);
  assert.match(text, /factor −0\.980, above −1, so the amplitude shrinks/);
  assert.match(text, /factor −1\.000, exactly −1, so the amplitude stays/);
  assert.match(text, /factor −1\.020, below −1, so the amplitude grows/);
  // And the chapter builds its caption from the computed factors, not from typed words.
  const { chapterSource } = await import("./_prose.ts");
  const src = chapterSource("05-gradient-descent-dynamics.md");
  const cell = src.slice(
    src.indexOf('label: "gd-boundary"') - 2000,
    src.indexOf('label: "gd-boundary"') + 1500,
  );
  assert.match(cell, /modeFateClauses\(/);
  assert.doesNotMatch(cell, /shrinks, stays, or grows/);
});

// Tests of the Chapter 7 experiments (computational trade-offs) against
// independent answers: finite differences, dense EVDs, closed forms and
// exhaustive enumeration.
import fc from "fast-check";
import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { grad, hessian, hessianOperator } from "../../lib/autodiff/mod.ts";
import { choleskySolve, eigh, matrixWithSpectrum } from "../../lib/linalg/mod.ts";
import { Mlp } from "../../lib/nn/mod.ts";
import { quadraticObjective } from "../../lib/optim/mod.ts";
import { Rng } from "../../lib/random.ts";
import { cgSolveStudy } from "../../book/experiments/cgSolveStudy.ts";
import { correlatedQuadratic } from "../../book/experiments/correlatedQuadratic.ts";
import { diagonalEstimateError } from "../../book/experiments/diagonalEstimateError.ts";
import { diagonalNewton } from "../../lib/optim/diagonalNewton.ts";
import { frobeniusCapture } from "../../book/experiments/frobeniusCapture.ts";
import { hessianCostScaling } from "../../book/experiments/hessianCostScaling.ts";
import { lanczosTopK } from "../../book/experiments/lanczosTopK.ts";
import { miniBatchCurvature } from "../../book/experiments/miniBatchCurvature.ts";
import { traceEstimatorStudy } from "../../book/experiments/traceEstimatorStudy.ts";
import { tradeoffTestbed } from "../../book/experiments/tradeoffTestbed.ts";
import { errorOf, randomSymmetric } from "./_helpers.ts";

const matvec = (A: ArrayLike<ArrayLike<number>>, v: ArrayLike<number>) =>
  Array.from(A, (row) => Array.from(row).reduce((s, a, j) => s + a * v[j], 0));
const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

// ---------------------------------------------------------------- tradeoffTestbed

Deno.test("tradeoffTestbed: dense Hessian equals central differences of the gradient and HVPs", () => {
  const t = tradeoffTestbed({ hidden: [4], adamSteps: 5 });
  const g = grad(t.loss);
  const h = 1e-5;
  for (const j of [0, 7, 20, 34]) {
    const xp = Float64Array.from(t.params), xm = Float64Array.from(t.params);
    xp[j] += h;
    xm[j] -= h;
    const gp = g(xp), gm = g(xm);
    const fd = Array.from(gp, (v, i) => (v - gm[i]) / (2 * h));
    assertAllClose(t.hessian[j], fd, { atol: 1e-7, rtol: 1e-5, label: `column ${j}` });
  }
  const v = new Rng(3).normalVector(t.n);
  const op = t.operator();
  assertAllClose(op.apply(v), matvec(t.hessian, v), { atol: 1e-12, rtol: 1e-10 });
  check(op.count === 1 && t.operator().count === 0, "fresh operators count from 0");
  // eigenpairs: H q = λ q
  const i = t.n - 1;
  assertAllClose(
    matvec(t.hessian, t.eigenvectors[i]),
    Array.from(t.eigenvectors[i], (x) => x * t.eigenvalues[i]),
    { atol: 1e-10 },
  );
});

Deno.test("tradeoffTestbed: training lowers the loss, is memoized, and validates options", () => {
  const a = tradeoffTestbed({ hidden: [4], adamSteps: 0 });
  const b = tradeoffTestbed({ hidden: [4], adamSteps: 20 });
  check(b.lossValue < a.lossValue, `${b.lossValue} should be below ${a.lossValue}`);
  check(tradeoffTestbed({ hidden: [4], adamSteps: 20 }) === b, "memoized");
  assertClose(a.lossValue, a.problem.objective.f(a.problem.init(1)), { rtol: 1e-14 });
  // the batch loss over all samples is the loss
  const all = Array.from({ length: b.samples }, (_, i) => i);
  assertAllClose(grad(b.batchLoss(all))(b.params), b.gradient, { atol: 1e-14 });
  check(errorOf(() => tradeoffTestbed({ adamSteps: -1 })).startsWith("Cannot build"), "steps");
  check(errorOf(() => b.batchLoss([b.samples])).includes("not in [0, 120)"), "index");
});

// ---------------------------------------------------------------- hessianCostScaling

Deno.test("hessianCostScaling: memory is exactly 8n² bytes; rows and fits have the documented shape", () => {
  const s = hessianCostScaling({
    widths: [2, 3, 5],
    firstOrderWidths: [2, 6],
    evdMaxSize: 40,
    budgetMs: 0,
    minRepeats: 1,
  });
  check(s.rows.map((r) => r.n).join() === "25,39,73", s.rows.map((r) => r.n).join());
  for (const r of s.rows) {
    check(r.hessianBytes === 8 * r.n * r.n && r.gradientBytes === 8 * r.n, "bytes");
    check(r.hessianMs > 0 && r.solveMs > 0, "timed");
    check((r.evdMs === null) === (r.n > 40), "EVD only up to evdMaxSize");
  }
  assertClose(s.fits.memory.exponent, 2, { atol: 1e-12 });
  assertClose(s.fits.memory.prefactor, 8, { rtol: 1e-12 });
  check(s.firstOrder.length === 2 && s.firstOrder.every((r) => r.gradientMs > 0), "first order");
  check(s.dampings.every((d) => d > 0), "Gershgorin shifts");
  check(
    errorOf(() => hessianCostScaling({ widths: [3] })).includes("option widths"),
    "widths validated",
  );
});

// ---------------------------------------------------------------- correlated quadratic, diagonal Newton

Deno.test("correlatedQuadratic: D^(-1/2) H D^(-1/2) is the equicorrelation matrix; factors match EVDs", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 8 }),
      fc.double({ min: -0.1, max: 0.95, noNaN: true }),
      fc.integer({ min: 0, max: 1e6 }),
      (n, rho, seed) => {
        fc.pre(rho > -1 / (n - 1) + 1e-3);
        const r = new Rng(seed);
        const scales = Array.from({ length: n }, () => Math.exp(4 * r.uniform()));
        const q = correlatedQuadratic({ rho, scales });
        const C = q.hessian.map((row, i) =>
          row.map((h, j) => h / Math.sqrt(scales[i] * scales[j]))
        );
        const expected = [...Array(n - 1).fill(1 - rho), 1 + (n - 1) * rho].sort((a, b) => a - b);
        assertAllClose(eigh(C).values, expected, { atol: 1e-12 });
        // I − D⁻¹H is similar to I − C
        const radius = Math.max(...eigh(C).values.map((l) => Math.abs(1 - l)));
        assertClose(q.diagonalNewtonFactor, radius, { atol: 1e-12 });
        const best = Math.max(...eigh(C).values.map((l) => Math.abs(1 - q.bestDiagonalStep * l)));
        assertClose(q.bestDiagonalFactor, best, { atol: 1e-12 });
      },
    ),
    { seed: 42, numRuns: 60 },
  );
  check(errorOf(() => correlatedQuadratic({ rho: 1 })).includes("option rho"), "rho range");
  check(
    errorOf(() => correlatedQuadratic({ rho: -0.5, scales: [1, 1, 1] })).includes("(-0.5, 1)"),
    "rho lower bound for n = 3",
  );
});

Deno.test("diagonalNewton: iterates x ← (I − ηD⁻¹H)x on a quadratic; HVP-only objective agrees", () => {
  const q = correlatedQuadratic({ rho: 0.6, scales: [1, 10, 100] });
  const H = q.hessian;
  const eta = 0.7;
  const run = diagonalNewton({ stepSize: eta }).start(q.objective, [1, -2, 0.5]);
  let x = [1, -2, 0.5];
  for (let k = 0; k < 5; k++) {
    const Hx = matvec(H, x);
    x = x.map((xi, i) => xi - (eta * Hx[i]) / H[i][i]);
    const s = run.step();
    assertAllClose(s.x, x, { atol: 1e-13, rtol: 1e-13 });
    check(s.info.matvecs === 0, "dense diagonal needs no products");
  }
  const hvpOnly = { f: q.objective.f, grad: q.objective.grad, hvp: q.objective.hvp! };
  const r2 = diagonalNewton({ stepSize: eta }).start(hvpOnly, [1, -2, 0.5]);
  const s2 = r2.step();
  check(s2.info.matvecs === 3, "n products for the exact diagonal");
  assertAllClose(
    s2.x,
    diagonalNewton({ stepSize: eta }).start(q.objective, [1, -2, 0.5]).step().x,
    {
      atol: 1e-14,
    },
  );
  // damping shifts the diagonal
  const d = diagonalNewton({ damping: 1 }).start(quadraticObjective([[1, 0], [0, 3]]), [1, 1]);
  assertAllClose(d.step().x, [1 - 1 / 2, 1 - 3 / 4], { atol: 1e-15 });
  check(
    errorOf(() => diagonalNewton().start(quadraticObjective([[-1, 0], [0, 1]]), [1, 1]).step())
      .startsWith("Cannot take a diagonal Newton step: diag(H) + εI has the non-positive entry -1"),
    "non-positive diagonal",
  );
  check(
    errorOf(() =>
      diagonalNewton().start({ f: () => 0, grad: () => new Float64Array(1) }, [1]).step()
    )
      .includes("neither hessian nor hvp"),
    "no curvature",
  );
  check(errorOf(() => diagonalNewton({ stepSize: 0 })).includes("option stepSize"), "stepSize");
});

Deno.test("diagonalNewton: on a diagonal Hessian one step solves any quadratic (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 0, max: 1e6 }),
      (d, seed) => {
        const r = new Rng(seed);
        const H = d.map((x, i) => d.map((_, j) => (i === j ? x : 0)));
        const b = Array.from(r.normalVector(d.length));
        const run = diagonalNewton().start(quadraticObjective(H, { b }), r.normalVector(d.length));
        assertAllClose(run.step().x, b.map((bi, i) => bi / d[i]), { atol: 1e-9, rtol: 1e-9 });
      },
    ),
    { seed: 42, numRuns: 50 },
  );
});

// ---------------------------------------------------------------- diagonal estimate

Deno.test("diagonalEstimateError: mean squared error over seeds matches ‖H − diag H‖²_F / s", () => {
  const r = new Rng(5);
  const H = randomSymmetric(r, 12);
  const seeds = Array.from({ length: 400 }, (_, i) => i + 1);
  const s = diagonalEstimateError(H, { samples: [4], seeds });
  const d2 = H.reduce((a, row, i) => a + row[i] ** 2, 0);
  let off2 = 0;
  H.forEach((row, i) => row.forEach((x, j) => (off2 += i === j ? 0 : x * x)));
  const mse = s.rows.reduce((a, row) => a + row.relativeError ** 2, 0) / seeds.length;
  assertClose(mse, off2 / 4 / d2, { rtol: 0.15, label: "MSE vs theory" });
  assertClose(s.predicted[0].relativeError, Math.sqrt(off2 / 4 / d2), { rtol: 1e-14 });
  assertClose(s.offDiagonalFraction, Math.sqrt(off2 / (off2 + d2)), { rtol: 1e-14 });
  assertAllClose(s.exact, H.map((row, i) => row[i]));
  // the operator option gives the same estimates as the matrix
  const op = { size: 12, apply: (v: Float64Array) => Float64Array.from(matvec(H, v)) };
  const a = diagonalEstimateError(H, { samples: [6], seeds: [3] });
  const b = diagonalEstimateError(H, { samples: [6], seeds: [3], operator: op });
  assertClose(a.rows[0].relativeError, b.rows[0].relativeError, { rtol: 1e-12 });
  check(errorOf(() => diagonalEstimateError(H, { samples: [1] })).includes("≥ 2"), "samples");
});

// ---------------------------------------------------------------- low rank

Deno.test("frobeniusCapture: equals ‖H_k‖_F/‖H‖_F of the dense truncation (Eckart–Young order)", () => {
  const r = new Rng(8);
  const H = randomSymmetric(r, 9);
  const { values, vectors } = eigh(H);
  const fro = norm(H.flat());
  const byMagnitude = values.map((_, i) => i).sort((a, b) =>
    Math.abs(values[b]) - Math.abs(values[a])
  );
  const f = frobeniusCapture(values);
  for (let k = 0; k <= 9; k++) {
    const keep = byMagnitude.slice(0, k);
    const Hk = H.map((_, i) =>
      H.map((_, j) => keep.reduce((s, m) => s + values[m] * vectors[m][i] * vectors[m][j], 0))
    );
    const residual = norm(H.flat().map((x, idx) => x - Hk.flat()[idx]));
    assertClose(f[k], Math.sqrt(1 - (residual / fro) ** 2), { atol: 1e-10, label: `k = ${k}` });
  }
  const top = frobeniusCapture(values, { order: "top" });
  assertClose(top[1], Math.abs(values[8]) / fro, { rtol: 1e-12 });
  check(f.every((x, i) => i === 0 || x >= f[i - 1]), "monotone");
  check(errorOf(() => frobeniusCapture([])).startsWith("Cannot compute"), "empty");
});

Deno.test("lanczosTopK: Ritz values match a known spectrum with fewer products than n", () => {
  const values = Array.from({ length: 80 }, (_, i) => (i < 5 ? 10 + i : Math.sin(i)));
  const A = matrixWithSpectrum(values, { seed: 2 });
  const exact = [...values].sort((a, b) => a - b);
  const rows = lanczosTopK(A, exact, { ks: [1, 3, 5] });
  for (const r of rows) {
    check(r.maxRelativeError < 1e-9 && r.matvecs < 80 && r.converged, JSON.stringify(r.k));
    assertAllClose(r.values, [14, 13, 12, 11, 10].slice(0, r.k), { atol: 1e-8 });
  }
  check(errorOf(() => lanczosTopK(A, exact, { ks: [0] })).includes("option ks"), "ks");
});

// ---------------------------------------------------------------- CG

Deno.test("cgSolveStudy: products within the κ bound, error ≤ κ·tol, indefinite systems caught", () => {
  const values = Array.from({ length: 60 }, (_, i) => -0.5 + (i / 59) * 20.5);
  const A = matrixWithSpectrum(values, { seed: 4 });
  const b = Array.from(new Rng(1).normalVector(60));
  const s = cgSolveStudy(A, b, { dampings: [0, 1, 5], tolerances: [1e-3, 1e-8] });
  check(s.rows.length === 6 && s.systems.length === 3, "one row per (ε, tol)");
  check(!s.systems[0].positiveDefinite && s.rows[0].negativeCurvature, "ε = 0 is indefinite");
  for (const r of s.rows.filter((x) => x.damping > 0)) {
    const sys = s.systems.find((x) => x.damping === r.damping)!;
    assertClose(sys.conditionNumber, (20 + r.damping) / (-0.5 + r.damping), { rtol: 1e-10 });
    check(r.converged && r.matvecs <= r.bound, `${r.matvecs} ≤ ${r.bound}`);
    check(r.relativeError <= sys.conditionNumber * r.tol * 1.001, `error ${r.relativeError}`);
    const exact = choleskySolve(
      A.map((row, i) => row.map((x, j) => x + (i === j ? r.damping : 0))),
      b,
    );
    check(norm(exact) > 0, "exact solution");
  }
  const op = { size: 60, apply: (v: Float64Array) => Float64Array.from(matvec(A, v)) };
  const viaOp = cgSolveStudy(A, b, { dampings: [1], tolerances: [1e-8], operator: op });
  const dense = s.rows.find((r) => r.damping === 1 && r.tol === 1e-8)!;
  check(viaOp.rows[0].matvecs === dense.matvecs, "same products through an operator");
  check(errorOf(() => cgSolveStudy(A, [1])).includes("b has length 1"), "b length");
});

// ---------------------------------------------------------------- trace estimators

Deno.test("traceEstimatorStudy: Hutch++ is exact on low rank; Hutchinson is unbiased with the known variance", () => {
  const r = new Rng(6);
  const u = r.normalVector(30), w = r.normalVector(30);
  const low = Array.from(
    { length: 30 },
    (_, i) => Array.from({ length: 30 }, (_, j) => 3 * u[i] * u[j] - w[i] * w[j]),
  );
  const exactLow = low.reduce((s, row, i) => s + row[i], 0);
  const a = traceEstimatorStudy(low, exactLow, { budgets: [12], seeds: [1, 2] });
  for (const row of a.rows.filter((x) => x.method === "Hutch++")) {
    assertClose(row.estimate, exactLow, { rtol: 1e-10, label: "rank 2 captured by the sketch" });
  }
  const H = randomSymmetric(r, 20);
  const exact = H.reduce((s, row, i) => s + row[i], 0);
  const seeds = Array.from({ length: 300 }, (_, i) => i + 1);
  const s = traceEstimatorStudy(H, exact, { budgets: [10], seeds });
  const est = s.rows.filter((x) => x.method === "Hutchinson").map((x) => x.estimate);
  const mean = est.reduce((p, q) => p + q, 0) / est.length;
  const variance = est.reduce((p, q) => p + (q - mean) ** 2, 0) / (est.length - 1);
  const fro2 = H.flat().reduce((p, q) => p + q * q, 0);
  const diag2 = H.reduce((p, row, i) => p + row[i] ** 2, 0);
  assertClose(variance, (2 * (fro2 - diag2)) / 10, { rtol: 0.2, label: "Var zᵀHz / m" });
  check(Math.abs(mean - exact) < 4 * Math.sqrt(variance / est.length), "unbiased");
  const hutch = s.summary.find((x) => x.method === "Hutchinson")!;
  check(hutch.coverage > 0.85 && hutch.coverage <= 1, `coverage ${hutch.coverage}`);
  check(errorOf(() => traceEstimatorStudy(H, 0)).includes("nonzero"), "exact trace validated");
});

// ---------------------------------------------------------------- mini-batch Hessians

Deno.test("miniBatchCurvature: over ALL batches, E tr(H_B) = tr H with the predicted variance, and E λmax(H_B) ≥ λmax(H)", () => {
  // A tiny network and data set, so every batch of size 2 of N = 6 can be enumerated.
  const net = new Mlp({ layers: [2, 3, 2], activation: "tanh" });
  const r = new Rng(11);
  const x = Array.from({ length: 6 }, () => Array.from(r.normalVector(2)));
  const y = [0, 1, 1, 0, 1, 0];
  const lossOn = (I: readonly number[]) =>
    net.lossFunction({ x: I.map((i) => x[i]), y: I.map((i) => y[i]) }, "cross_entropy");
  const p = net.init({ seed: 3 });
  const batches: number[][] = [];
  for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) batches.push([i, j]);
  const traces: number[] = [], tops: number[] = [];
  for (const B of batches) {
    const { values } = eigh(hessian(lossOn(B))(p));
    traces.push(values.reduce((s, v) => s + v, 0));
    tops.push(values[values.length - 1]);
  }
  const full = eigh(hessian(lossOn([0, 1, 2, 3, 4, 5]))(p)).values;
  const fullTrace = full.reduce((s, v) => s + v, 0);
  const m = traces.reduce((s, t) => s + t, 0) / traces.length;
  const popStd = Math.sqrt(traces.reduce((s, t) => s + (t - m) ** 2, 0) / traces.length);
  const study = miniBatchCurvature(lossOn, p, 6, { batchSizes: [2, 6], seeds: [1, 2, 3] });
  assertClose(m, fullTrace, { rtol: 1e-10, label: "unbiased trace" });
  assertClose(study.full.trace, fullTrace, { rtol: 1e-10 });
  assertClose(study.full.lambdaMax, full[full.length - 1], { rtol: 1e-8 });
  assertClose(study.predictedTraceStd[0].std, popStd, { rtol: 1e-10, label: "σ√((N−B)/(B(N−1)))" });
  check(study.predictedTraceStd[1].std === 0, "B = N has no spread");
  const meanTop = tops.reduce((s, t) => s + t, 0) / tops.length;
  check(meanTop >= full[full.length - 1] - 1e-12, `Jensen: ${meanTop} ≥ ${full[full.length - 1]}`);
  // each row's batch trace equals the trace of that batch's Hessian
  for (const row of study.rows.filter((q) => q.batchSize === 2)) {
    const batch = new Rng(row.seed).permutation(6).slice(0, 2).sort((a, b) => a - b);
    const { values } = eigh(hessian(lossOn(batch))(p));
    assertClose(row.trace, values.reduce((s, v) => s + v, 0), { rtol: 1e-10 });
    assertClose(row.lambdaMax, values[values.length - 1], { rtol: 1e-7 });
  }
  check(
    miniBatchCurvature(lossOn, p, 6, { batchSizes: [2, 6], seeds: [1, 2, 3] }) === study,
    "memo",
  );
  const op = hessianOperator(lossOn([0]), p);
  check(op.size === net.size, "operator size");
  check(
    errorOf(() => miniBatchCurvature(lossOn, p, 6, { batchSizes: [7] })).includes("[1, 6]"),
    "batch sizes validated",
  );
});

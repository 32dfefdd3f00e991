// Chapter 7 (computational trade-offs and approximations): the worked examples,
// recomputed with the library and checked against independent answers.
import assert from "node:assert/strict";
import {
  ad,
  assertAllClose,
  assertClose,
  choleskySolve,
  conjugateGradient,
  eigh,
  exactDensity,
  grad,
  hessian,
  hessianDiagonal,
  hessianOperator,
  hutchinson,
  hutchinsonDiagonal,
  hutchPlusPlus,
  lanczos,
  newton,
  slqDensity,
} from "../../lib/mod.ts";
import { tfjsSecondDerivativeDemo } from "../../lib/tfjs/mod.ts";
import { tradeoffTestbed } from "../../book/experiments/tradeoffTestbed.ts";
import { hessianCostScaling } from "../../book/experiments/hessianCostScaling.ts";
import { correlatedQuadratic } from "../../book/experiments/correlatedQuadratic.ts";
import { diagonalNewton } from "../../lib/optim/diagonalNewton.ts";
import { cgSolveStudy } from "../../book/experiments/cgSolveStudy.ts";
import { frobeniusCapture } from "../../book/experiments/frobeniusCapture.ts";

const tb = tradeoffTestbed();
const n = tb.n;
const lambda = tb.eigenvalues;
const H = tb.hessian;
const frob2 = H.reduce((s, row) => s + row.reduce((a, x) => a + x * x, 0), 0);
const diag2 = H.reduce((s, row, i) => s + row[i] ** 2, 0);
const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

Deno.test("ch7 §1 test problem: H = ∇²f equals central differences of ∇f, tr H = Σλ, ‖H‖²_F = Σλ²", () => {
  assert.equal(n, 255);
  const g = grad(tb.loss), h = 1e-5;
  for (const j of [3, 128, 250]) {
    const xp = Float64Array.from(tb.params), xm = Float64Array.from(tb.params);
    xp[j] += h;
    xm[j] -= h;
    const gp = g(xp), gm = g(xm);
    assertAllClose(H[j], Array.from(gp, (x, i) => (x - gm[i]) / (2 * h)), {
      rtol: 1e-5,
      atol: 1e-7,
    });
  }
  assertClose(lambda.reduce((s, v) => s + v, 0), H.reduce((s, r, i) => s + r[i], 0), {
    rtol: 1e-12,
  });
  assertClose(lambda.reduce((s, v) => s + v * v, 0), frob2, { rtol: 1e-12 });
  assert.ok(lambda[0] < 0, "indefinite");
});

Deno.test("ch7 §2 eq. memory(H) = 8n² bytes; forming H takes exactly n HVPs", () => {
  const s = hessianCostScaling({
    widths: [3, 4],
    firstOrderWidths: [3, 4],
    budgetMs: 0,
    minRepeats: 1,
  });
  for (const r of s.rows) assert.equal(r.hessianBytes, 8 * r.n * r.n);
  const op = tb.operator();
  const cols = op.applyBatch(Array.from({ length: n }, (_, j) => {
    const e = new Float64Array(n);
    e[j] = 1;
    return e;
  }));
  assert.equal(op.count, n);
  assertAllClose(cols, H, { atol: 1e-12, rtol: 1e-10 });
});

Deno.test("ch7 §3 eq. exact diagonal hᵢᵢ = eᵢᵀHeᵢ costs n HVPs; E‖d̂ − d‖² = ‖H − diag H‖²_F / s", () => {
  const exact = hessianDiagonal(tb.operator());
  assert.equal(exact.matvecs, n);
  assertAllClose(exact.diagonal, H.map((r, i) => r[i]), { atol: 1e-12 });
  // Mean squared error over 120 seeds at s = 16 (dense products = the same products).
  const s = 16, seeds = 120;
  let mse = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const d = hutchinsonDiagonal(H, { samples: s, seed }).diagonal;
    mse += d.reduce((a, x, i) => a + (x - H[i][i]) ** 2, 0) / seeds;
  }
  assertClose(mse, (frob2 - diag2) / s, { rtol: 0.15, label: "MSE vs theory" });
  assert.ok(Math.sqrt((frob2 - diag2) / frob2) > 0.9, "nearly all of ‖H‖_F is off the diagonal");
});

Deno.test("ch7 §4 eq. x_{k+1} = (I − ηD⁻¹H)x_k: eigenvalues ρ and −(n−1)ρ; diagonal Newton diverges ×4.5, Newton needs one step", () => {
  const q10 = correlatedQuadratic({
    rho: 0.5,
    scales: Array.from({ length: 10 }, (_, i) => 10 ** (i / 3)),
  });
  // independent: eigenvalues of the symmetric I − D^(−1/2) H D^(−1/2)
  const d = q10.hessian.map((r, i) => r[i]);
  const M = q10.hessian.map((r, i) =>
    r.map((h, j) => (i === j ? 1 : 0) - h / Math.sqrt(d[i] * d[j]))
  );
  assertAllClose(eigh(M).values, [-4.5, ...Array(9).fill(0.5)], { atol: 1e-12 });
  const run = diagonalNewton().start(q10.objective, Array(10).fill(1));
  let prev = Math.sqrt(10), ratio = 0;
  for (let k = 0; k < 30; k++) {
    run.step();
    const e = norm(run.x);
    ratio = e / prev;
    prev = e;
  }
  assertClose(ratio, 4.5, { rtol: 1e-6, label: "growth per step" });
  const nw = newton().start(q10.objective, Array(10).fill(1));
  nw.step();
  assert.ok(norm(nw.x) < 1e-12);
  // n = 2, ρ = 0.9: exactly 0.9 per step in ‖D^(1/2)x‖
  const q2 = correlatedQuadratic({ rho: 0.9, scales: [1, 100] });
  const r2 = diagonalNewton().start(q2.objective, [1, 1]);
  const scaled = (x: ArrayLike<number>) => Math.hypot(x[0], 10 * x[1]);
  for (let k = 1; k <= 10; k++) {
    const before = scaled(r2.x);
    r2.step();
    assertClose(scaled(r2.x) / before, 0.9, { rtol: 1e-12 });
  }
});

Deno.test("ch7 §5 eq. ‖H − H_k‖²_F = Σ_{i∉K} λᵢ² for the Lanczos top-k model (Eckart–Young)", () => {
  const top = frobeniusCapture(lambda, { order: "top" });
  for (const k of [1, 4, 8]) {
    const r = lanczos(tb.operator(), { top: k, tol: 1e-10 });
    assertAllClose(r.top.values, [...lambda].reverse().slice(0, k), { atol: 1e-9 });
    assert.ok(r.matvecs < n / 2);
    let res = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let hk = 0;
        for (let m = 0; m < k; m++) {
          hk += r.top.values[m] * r.top.vectors[m][i] * r.top.vectors[m][j];
        }
        res += (H[i][j] - hk) ** 2;
      }
    }
    // independent: the tail of the exact spectrum
    const tail = [...lambda].sort((a, b) => b - a).slice(k).reduce((s, v) => s + v * v, 0);
    assertClose(res, tail, { rtol: 1e-6 });
    assertClose(Math.sqrt(1 - res / frob2), top[k], { rtol: 1e-6 });
  }
  assert.ok(
    Math.min(...lanczos(tb.operator(), { top: 8 }).top.values) > 0,
    "no negative curvature",
  );
});

Deno.test("ch7 §6 eq. CG: ‖r_k‖/‖r_0‖ ≤ 2√κ((√κ−1)/(√κ+1))ᵏ; ε = 0 meets negative curvature; damped solve = Cholesky", () => {
  const plain = conjugateGradient(tb.operator(), tb.gradient, { tol: 1e-10 });
  assert.ok(plain.negativeCurvature && !plain.converged);
  assert.ok(plain.curvature! <= 0);
  for (const eps of [0.1, 0.3, 1]) {
    const x = conjugateGradient(tb.operator(), tb.gradient, { damping: eps, tol: 1e-10 });
    const exact = choleskySolve(
      H.map((r, i) => Array.from(r, (v, j) => v + (i === j ? eps : 0))),
      tb.gradient,
    );
    assertAllClose(x.x, exact, { rtol: 1e-7, atol: 1e-10 });
    const kappa = (lambda[n - 1] + eps) / (lambda[0] + eps);
    const s = Math.sqrt(kappa);
    const bound = Math.ceil(Math.log((2 * s) / 1e-10) / Math.log((s + 1) / (s - 1)));
    assert.ok(x.matvecs <= bound && x.matvecs < n, `${x.matvecs} ≤ ${bound}`);
  }
  const study = cgSolveStudy(H, tb.gradient, { dampings: [0.1], tolerances: [1e-4, 1e-8] });
  assert.ok(study.rows[0].matvecs < study.rows[1].matvecs);
});

Deno.test("ch7 §7 eq. Var zᵀHz = 2(‖H‖²_F − Σhᵢᵢ²)/m, Hutch++ beats Hutchinson, SLQ density integrates to 1", () => {
  const trace = lambda.reduce((s, v) => s + v, 0);
  const m = 24, seeds = 150;
  const est = Array.from(
    { length: seeds },
    (_, i) => hutchinson(H, { samples: m, seed: i + 1 }).estimate,
  );
  const mean = est.reduce((a, b) => a + b, 0) / seeds;
  const variance = est.reduce((a, e) => a + (e - mean) ** 2, 0) / (seeds - 1);
  assertClose(variance, (2 * (frob2 - diag2)) / m, { rtol: 0.25, label: "variance" });
  assert.ok(Math.abs(mean - trace) < 4 * Math.sqrt(variance / seeds), "unbiased");
  let errH = 0, errPP = 0;
  for (let seed = 1; seed <= 8; seed++) {
    errH += (hutchinson(H, { samples: 192, seed }).estimate - trace) ** 2;
    errPP += (hutchPlusPlus(H, { budget: 192, seed }).estimate - trace) ** 2;
  }
  assert.ok(errPP * 25 < errH, `Hutch++ ${errPP} vs Hutchinson ${errH}`);
  const ex = exactDensity(lambda);
  const slq = slqDensity(tb.operator(), {
    probes: 8,
    steps: 60,
    sigma: ex.sigma,
    grid: ex.grid,
    seed: 1,
  });
  assertClose(slq.integral, 1, { atol: 1e-4 });
  const h = ex.grid[1] - ex.grid[0];
  const l1 = slq.density.reduce((s, v, i) => s + Math.abs(v - ex.values[i]) * h, 0);
  assert.ok(l1 < 0.1, `L1 ${l1}`);
});

Deno.test("ch7 §8 eq. tr H_B = (1/B)Σ tr Hᵢ with Var = σ²(N−B)/(B(N−1)); E λmax(H_B) ≥ λmax(H) (all batches of 2 of 8 samples)", () => {
  const pool = [0, 15, 30, 45, 60, 75, 90, 105];
  const traceOf = (I: number[]) => eigh(hessian(tb.batchLoss(I))(tb.params)).values;
  const perSample = pool.map((i) => traceOf([i]).reduce((s, v) => s + v, 0));
  const full = traceOf(pool);
  const fullTrace = full.reduce((s, v) => s + v, 0);
  assertClose(fullTrace, perSample.reduce((a, b) => a + b, 0) / 8, { rtol: 1e-10 });
  const traces: number[] = [], tops: number[] = [];
  for (let a = 0; a < 8; a++) {
    for (let b = a + 1; b < 8; b++) {
      const v = traceOf([pool[a], pool[b]]);
      const t = v.reduce((s, x) => s + x, 0);
      assertClose(t, (perSample[a] + perSample[b]) / 2, { rtol: 1e-10, atol: 1e-12 });
      traces.push(t);
      tops.push(v[v.length - 1]);
    }
  }
  const mean = traces.reduce((a, b) => a + b, 0) / traces.length;
  const popVar = traces.reduce((s, t) => s + (t - mean) ** 2, 0) / traces.length;
  const sigma2 = perSample.reduce((s, t) => s + (t - fullTrace) ** 2, 0) / 8;
  assertClose(mean, fullTrace, { rtol: 1e-10 });
  assertClose(popVar, (sigma2 * (8 - 2)) / (2 * 7), {
    rtol: 1e-9,
    label: "finite-population variance",
  });
  const meanTop = tops.reduce((a, b) => a + b, 0) / tops.length;
  assert.ok(meanTop >= full[full.length - 1], `Jensen: ${meanTop} ≥ ${full[full.length - 1]}`);
  // the HVP operator of a batch is the batch's Hessian
  const op = hessianOperator(tb.batchLoss([0, 15]), tb.params);
  const v = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
  const Hb = hessian(tb.batchLoss([0, 15]))(tb.params);
  assertAllClose(op.apply(v), Hb.map((r) => r.reduce((s, x, j) => s + x * v[j], 0)), {
    atol: 1e-12,
  });
});

Deno.test("ch7 §9 eq. d²/dx² tanh(x²) = 2 sech²(x²)(1 − 4x² tanh x²): tfjs returns 2 sech²(1); softmax CE Hessian diag(p) − ppᵀ, tfjs throws", async () => {
  const t = Math.tanh(1);
  const exact = 2 * (1 - t * t) * (1 - 4 * t);
  assertClose(hessian((x) => ad.sum(ad.tanh(ad.mul(x, x))))([1])[0][0], exact, { rtol: 1e-14 });
  const demo = await tfjsSecondDerivativeDemo();
  assert.ok(demo.broken);
  const [tanhCase, ceCase] = demo.cases;
  assertClose(tanhCase.exact[0], exact, { rtol: 1e-14 });
  assert.ok(tanhCase.tfjs !== null && ceCase.threw);
  assertClose(tanhCase.tfjs![0], 2 * (1 - t * t), { rtol: 1e-5 });
  const z = [0.5, -1, 2];
  const e = z.map(Math.exp), s = e.reduce((a, b) => a + b, 0), p = e.map((v) => v / s);
  const Hce = hessian((w) => ad.softmaxCrossEntropy(ad.reshape(w, [1, 3]), [1]))(z);
  const expected = p.map((pi, i) => p.map((pj, j) => (i === j ? pi : 0) - pi * pj));
  assertAllClose(Hce, expected, { atol: 1e-15 });
  assertAllClose(ceCase.exact, expected.flat(), { atol: 1e-15 });
});

Deno.test("ch7 exercises: 132 diagonal Newton steps for 10⁻⁶ at ρ = 0.9; the damping ε* ≈ 0.55 for a 20-product CG bound", () => {
  assert.equal(Math.ceil(Math.log(1e-6) / Math.log(0.9)), 132);
  const bound = (kappa: number) => {
    const s = Math.sqrt(kappa);
    return Math.ceil(Math.log((2 * s) / 1e-6) / Math.log((s + 1) / (s - 1)));
  };
  // κ* by scanning (independent of the chapter's bisection)
  let kappaStar = 1;
  for (let k = 1.001; k < 50; k += 0.001) if (bound(k) <= 20) kappaStar = k;
  assert.ok(kappaStar > 7.2 && kappaStar < 7.4, String(kappaStar));
  const eps = (lambda[n - 1] - kappaStar * lambda[0]) / (kappaStar - 1);
  assert.ok(eps > 0.5 && eps < 0.6, String(eps));
  assertClose((lambda[n - 1] + eps) / (lambda[0] + eps), kappaStar, { rtol: 1e-12 });
  const r = conjugateGradient(H, tb.gradient, { damping: eps * 1.0001, tol: 1e-6 });
  assert.ok(r.converged && r.matvecs <= 20);
  assert.equal(8 * 255 * 255, 520200);
});

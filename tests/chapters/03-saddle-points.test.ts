import assert from "node:assert/strict";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import {
  ad,
  assertAllClose,
  assertClose,
  eigh,
  gradientDescent,
  hessianOperator,
  lanczos,
  matrixWithSpectrum,
  minimize,
  newton,
  type Objective,
  perturbedGradientDescent,
  quadraticForm,
  quadraticObjective,
  Rng,
  saddleFreeNewton,
  type Tensor,
} from "../../lib/mod.ts";
import { analyzeExpression } from "../../lib/expression/mod.ts";
import { escapeTime } from "../../book/experiments/escapeTime.ts";
import { escapeTimeSweep } from "../../book/experiments/escapeTimeSweep.ts";
import { predictedEscapeTime } from "../../book/experiments/predictedEscapeTime.ts";

const f = (x: number, y: number) => x * x - y * y;
const saddle = quadraticObjective([[2, 0], [0, -2]]);
const alpha = 0.1;

function mlEigenvalues(rows: ArrayLike<ArrayLike<number>>): number[] {
  const m = new Matrix(Array.from(rows, (r) => Array.from(r)));
  return [...new EigenvalueDecomposition(m, { assumeSymmetric: true }).realEigenvalues]
    .sort((a, b) => a - b);
}

/** The escape step of the scalar recursion u ← q·u (+ σz), written out by hand. */
function scalarEscape(q: number, u0: number, noise: number, rng: Rng | null, max = 100000) {
  let u = u0;
  for (let k = 1; k <= max; k++) {
    u = q * u + (rng ? noise * rng.normal() : 0);
    if (Math.abs(u) > 1) return k;
  }
  return Infinity;
}

Deno.test("ch3 §3 eq. H(x²−y²) = [[2,0],[0,−2]], eigenvalues λ₁ = −2, λ₂ = 2", () => {
  const r = analyzeExpression({ expression: "x^2 - y^2", at: { x: 0, y: 0 } });
  assertAllClose(r.hessian, [[2, 0], [0, -2]]);
  assert.deepEqual(mlEigenvalues(r.hessian), [-2, 2]);
  // Central finite differences, which only evaluate f.
  const h = 1e-3;
  for (const [x, y] of [[0, 0], [1.5, -0.3]]) {
    const fxx = (f(x + h, y) - 2 * f(x, y) + f(x - h, y)) / (h * h);
    const fyy = (f(x, y + h) - 2 * f(x, y) + f(x, y - h)) / (h * h);
    const fxy = (f(x + h, y + h) - f(x + h, y - h) - f(x - h, y + h) + f(x - h, y - h)) /
      (4 * h * h);
    assertAllClose([[fxx, fxy], [fxy, fyy]], [[2, 0], [0, -2]], { atol: 1e-6 });
  }
});

Deno.test("ch3 §3 ∇f(0,0) = 0 for x²−y², the origin classifies as a saddle, and e₂ᵀHe₂ = −2 < 0", () => {
  const r = analyzeExpression({ expression: "x^2 - y^2", at: { x: 0, y: 0 } });
  assert.deepEqual(r.gradient, [0, 0]);
  assert.equal(r.classification, "saddle");
  assert.equal(quadraticForm(r.hessian, [0, 1]), -2);
  assert.equal(f(0, 0.1) < f(0, 0) && f(0.1, 0) > f(0, 0), true);
});

Deno.test("ch3 §3 GD on the stable manifold y₀ = 0 converges to the saddle: x_k = (1−2α)ᵏx₀", () => {
  const run = minimize(saddle, [0.9, 0], gradientDescent({ lr: alpha }), {
    maxSteps: 1000,
    gradTol: 1e-10,
  });
  assert.equal(run.stopReason, "converged");
  run.xs.forEach(([x, y], k) => {
    assertClose(x, 0.9 * 0.8 ** k, { rtol: 1e-12, atol: 0 });
    assert.equal(y, 0);
  });
  assert.ok(Math.hypot(run.x[0], run.x[1]) < 1e-10);
  const e = escapeTime(saddle, [0.9, 0], gradientDescent({ lr: alpha }), { maxSteps: 2000 });
  assert.equal(e.escaped, false);
});

Deno.test("ch3 §3 GD off the manifold escapes along the λ = −2 eigenvector after ⌈ln(1/y₀)/ln(1+2α)⌉ steps", () => {
  const q = eigh([[2, 0], [0, -2]]).vectors[0];
  for (const y0 of [1e-2, 1e-4, 1e-8, -1e-6]) {
    const e = escapeTime(saddle, [0, y0], gradientDescent({ lr: alpha }));
    // Independent: the scalar recursion y ← 1.2y by hand.
    assert.equal(e.steps, scalarEscape(1 + 2 * alpha, y0, 0, null));
    assert.ok(Math.abs(e.steps - Math.ceil(Math.log(1 / Math.abs(y0)) / Math.log(1.2))) <= 1);
    const started = escapeTime(saddle, [0.9, y0], gradientDescent({ lr: alpha }));
    const [x, y] = started.x;
    assert.ok(Math.abs(x * q[0] + y * q[1]) / Math.hypot(x, y) > 1 - 1e-5);
  }
});

Deno.test("ch3 §3 eq. x_{k+1} = x_k − α∇f(x_k) + ξ_k escapes from y₀ = 0 for every seed; plain GD never does", () => {
  const gd = escapeTime(saddle, [0.9, 0], gradientDescent({ lr: alpha }), { maxSteps: 3000 });
  assert.equal(gd.escaped, false);
  for (let seed = 0; seed < 30; seed++) {
    const e = escapeTime(
      saddle,
      [0.9, 0],
      perturbedGradientDescent({ lr: alpha, noise: 1e-8, seed }),
      { maxSteps: 3000 },
    );
    assert.ok(e.escaped, `seed ${seed}`);
  }
});

Deno.test("ch3 §3 PGD escape times against noise scale: lib sweep, hand simulation and 1 + ln(1/(σ|S|))/ln(1+2α) agree", () => {
  const noises = [1e-10, 1e-6, 1e-3];
  const { summary } = escapeTimeSweep(saddle, [0.9, 0], { lr: alpha, noises, seeds: 300 });
  const rng = new Rng(77);
  noises.forEach((noise, i) => {
    // Independent Monte Carlo of the unstable coordinate alone.
    const times = Array.from({ length: 300 }, () => scalarEscape(1.2, 0, noise, rng))
      .sort((a, b) => a - b);
    const handMedian = (times[149] + times[150]) / 2;
    const predicted = predictedEscapeTime({ lr: alpha, curvature: -2, noise });
    assert.ok(
      Math.abs(summary[i].median - handMedian) <= 2,
      `${summary[i].median} vs ${handMedian}`,
    );
    assert.ok(Math.abs(summary[i].median - predicted) <= 2, `${summary[i].median} vs ${predicted}`);
    assert.equal(summary[i].escaped, 300);
  });
  // Escape time grows like ln(1/σ) with slope 1/ln 1.2 (three decades apart: 4 decades then 3).
  assertClose(
    (summary[0].median - summary[1].median) / Math.log(1e4),
    1 / Math.log(1.2),
    { rtol: 0.05 },
  );
});

Deno.test("ch3 §3 claim check: Newton jumps onto the saddle of x²−y², saddle-free Newton moves downhill", () => {
  const n = newton().start(saddle, [0.7, -0.4]);
  n.step();
  assert.deepEqual([...n.x], [0, 0]);
  const s = saddleFreeNewton().start(saddle, [0.7, -0.4]);
  s.step();
  // |H| = 2I: x − ∇f/2 = (x − x, y + y).
  assertAllClose(s.x, [0, -0.8], { atol: 1e-15 });
});

Deno.test("ch3 §3 negative-curvature step on x²+3xy+y²+x⁴+y⁴: g(tq) − g(0) = ½λt² + t⁴/2 with λ = −1", () => {
  const r = analyzeExpression({ expression: "x^2 + 3*x*y + y^2 + x^4 + y^4", at: { x: 0, y: 0 } });
  assertAllClose(r.hessian, [[2, 3], [3, 2]]);
  assertAllClose(mlEigenvalues(r.hessian), [-1, 5], { atol: 1e-14 });
  const { vectors } = eigh(r.hessian);
  const q = vectors[0];
  assertAllClose(q.map(Math.abs), [Math.SQRT1_2, Math.SQRT1_2], { rtol: 1e-14 });
  const g = (x: number, y: number) => x * x + 3 * x * y + y * y + x ** 4 + y ** 4;
  for (const t of [0.5, 0.1, 0.01, -0.2]) {
    const drop = g(t * q[0], t * q[1]);
    assertClose(drop, -0.5 * t * t + 0.5 * t ** 4, { rtol: 1e-12 });
    assert.ok(drop < 0);
  }
  // The minimizing step t = 1/√2 lands on the minimum −1/8 at ±(½, −½).
  assertClose(g(0.5, -0.5), -0.125);
  assert.equal(
    analyzeExpression({ expression: "x^2 + 3*x*y + y^2 + x^4 + y^4", at: { x: 0.5, y: -0.5 } })
      .classification,
    "minimum",
  );
});

Deno.test("ch3 §3 negative-curvature direction in n = 80 from HVPs: Lanczos = dense EVD, drop = ½λt² + ¼t⁴Σvᵢ⁴", () => {
  const n = 80;
  const spectrum = [
    -1,
    -0.3,
    ...Array.from({ length: n - 2 }, (_, i) => 0.5 + (4.5 * i) / (n - 3)),
  ];
  const A = matrixWithSpectrum(spectrum, { seed: 21 });
  const fn = (x: Tensor) =>
    ad.add(
      ad.mul(0.5, ad.sum(ad.mul(x, ad.matmul(A, x)))),
      ad.mul(0.25, ad.sum(ad.mul(ad.mul(x, x), ad.mul(x, x)))),
    );
  const r = lanczos(hessianOperator(fn, new Float64Array(n)), { bottom: 1, seed: 3 });
  assertClose(r.bottom.values[0], -1, { atol: 1e-9 });
  assertClose(mlEigenvalues(A)[0], -1, { atol: 1e-12 });
  const v = r.bottom.vectors[0];
  const t = 0.1;
  const drop = fn(ad.tensor(Array.from(v, (vi) => t * vi))).value;
  const quartic = Array.from(v).reduce((s, vi) => s + vi ** 4, 0);
  assertClose(drop, -0.5 * t * t + 0.25 * t ** 4 * quartic, { rtol: 1e-7 });
});

Deno.test("ch3 §3 monkey saddle x³−3xy²: ∇f(0) = 0, H(0) = 0, the second-order test is silent; f = r³cos 3θ", () => {
  const m = (x: number, y: number) => x ** 3 - 3 * x * y * y;
  for (const expression of ["x^3 - 3*x*y^2", "x^4 + y^4", "-(x^4 + y^4)", "x^4 - y^4"]) {
    const r = analyzeExpression({ expression, at: { x: 0, y: 0 } });
    assertAllClose(r.gradient, [0, 0], { atol: 0 });
    assertAllClose(r.hessian, [[0, 0], [0, 0]], { atol: 0 });
    assert.equal(r.classification, "degenerate");
  }
  for (const [r, t] of [[0.3, 0.2], [1.1, 2.5], [0.7, -1.3]]) {
    assertClose(m(r * Math.cos(t), r * Math.sin(t)), r ** 3 * Math.cos(3 * t), { atol: 1e-14 });
  }
  // Three valleys: negative at θ = 60°, 180°, 300°, positive at 0°, 120°, 240°.
  for (let k = 0; k < 6; k++) {
    const t = (k * Math.PI) / 3;
    assert.equal(Math.sign(m(Math.cos(t), Math.sin(t))), k % 2 === 0 ? 1 : -1);
  }
});

Deno.test("ch3 §3 degenerate escape: GD leaves the monkey saddle from (−ε, 0) in ≈ (1/ε − 1)/(3α) steps", () => {
  const monkey: Objective = {
    f: ([x, y]) => x ** 3 - 3 * x * y * y,
    grad: ([x, y]) => new Float64Array([3 * x * x - 3 * y * y, -6 * x * y]),
  };
  for (const eps of [1e-1, 1e-2, 1e-3]) {
    const e = escapeTime(monkey, [-eps, 0], gradientDescent({ lr: alpha }), { maxSteps: 20000 });
    // Independent: the scalar recursion u ← u + 3αu² by hand.
    let u = eps, k = 0;
    while (u <= 1) {
      u += 3 * alpha * u * u;
      k++;
    }
    assert.equal(e.steps, k);
    const ratio = k / ((1 / eps - 1) / (3 * alpha));
    assert.ok(ratio >= 1 && ratio < 1.15, String(ratio));
  }
});

Deno.test("ch3 exercise 1: x² − 4y² escapes from (0, 10⁻⁶) in ⌈ln(10⁶)/ln 1.8⌉ = 24 steps (x² − y²: 76)", () => {
  const steeper = quadraticObjective([[2, 0], [0, -8]]);
  assert.equal(escapeTime(steeper, [0, 1e-6], gradientDescent({ lr: alpha })).steps, 24);
  assert.equal(Math.ceil(Math.log(1e6) / Math.log(1.8)), 24);
  assert.equal(escapeTime(saddle, [0, 1e-6], gradientDescent({ lr: alpha })).steps, 76);
});

Deno.test("ch3 exercise 2: one Newton step on ½xᵀHx − bᵀx lands on H⁻¹b, saddle or not", () => {
  const H = matrixWithSpectrum([-2, 0.5, 3], { seed: 5 });
  const b = [1, -2, 0.5];
  const q = quadraticObjective(H, { b });
  const run = newton().start(q, [4, -1, 2]);
  run.step();
  // Hx = b, checked by multiplying out.
  const Hx = H.map((row) => row.reduce((s, h, j) => s + h * run.x[j], 0));
  assertAllClose(Hx, b, { atol: 1e-12 });
});

Deno.test("ch3 exercise 3: σ = 1.2⁻⁴⁹/med|S| gives a median escape of 50 steps", () => {
  const m = 0.6744897501960817 / Math.sqrt(1 - 1 / 1.44);
  const sigma = 1.2 ** -49 / m;
  assertClose(predictedEscapeTime({ lr: alpha, curvature: -2, noise: sigma }), 50, { rtol: 1e-9 });
  const { summary } = escapeTimeSweep(saddle, [0.9, 0], { lr: alpha, noises: [sigma], seeds: 200 });
  assert.ok(Math.abs(summary[0].median - 50) <= 2, String(summary[0].median));
});

// The shared stepper (lib/optim/_stepper.ts, _secondOrder.ts): every optimizer's trajectory
// against an independent closed form, and the stepper's contract (copies, step count).
import assert from "node:assert/strict";
import { EigenvalueDecomposition, Matrix, solve } from "ml-matrix";
import { assertAllClose } from "../../lib/assert.ts";
import {
  adam,
  dampedNewton,
  gradientDescent,
  leastSquaresObjective,
  momentum,
  nesterov,
  newton,
  perturbedGradientDescent,
  quadraticObjective,
  rmsprop,
  saddleFreeNewton,
  sgd,
  subsampledNewton,
} from "../../lib/optim/mod.ts";
import { Rng } from "../../lib/random.ts";
import { randomSymmetric } from "./_helpers.ts";

const rng = new Rng(17);
const n = 4;
// A positive definite H (random symmetric plus a shift) and a linear term.
const H = randomSymmetric(rng, n).map((r, i) => r.map((v, j) => v + (i === j ? 3 : 0)));
const b = Array.from(rng.normalVector(n));
const x0 = Array.from(rng.normalVector(n));
const bowl = quadraticObjective(H, { b });
const evd = new EigenvalueDecomposition(new Matrix(H), { assumeSymmetric: true });
const lambdas = evd.realEigenvalues;
const Q = evd.eigenvectorMatrix;
const xStar = solve(new Matrix(H), Matrix.columnVector(b)).to1DArray();

/** Q f(Λ) Qᵀ v, the spectral function of H applied to v. */
function spectral(f: (l: number) => number, v: number[]): number[] {
  const D = Matrix.diag(lambdas.map(f));
  return Q.mmul(D).mmul(Q.transpose()).mmul(Matrix.columnVector(v)).to1DArray();
}

Deno.test("gradientDescent on ½xᵀHx − bᵀx is x_k = x* + (I − αH)ᵏ(x₀ − x*)", () => {
  const lr = 0.9 / Math.max(...lambdas);
  const run = gradientDescent({ lr }).start(bowl, x0);
  const e0 = x0.map((v, i) => v - xStar[i]);
  for (let k = 1; k <= 40; k++) {
    const { x } = run.step();
    const expected = spectral((l) => (1 - lr * l) ** k, e0).map((v, i) => v + xStar[i]);
    assertAllClose(x, expected, { rtol: 1e-10, atol: 1e-12, label: `x_${k}` });
    assert.equal(run.t, k);
  }
});

Deno.test("SGD with a batch of all samples is gradient descent; a smaller batch follows its seeded epochs", () => {
  const X = Array.from({ length: 9 }, () => Array.from(rng.normalVector(3)));
  const y = Array.from(rng.normalVector(9));
  const ls = leastSquaresObjective(X, y);
  const lr = 0.05, start = [0.3, -0.2, 0.1];
  const full = sgd({ lr, batchSize: 9, seed: 4 }).start(ls, start);
  const gd = gradientDescent({ lr }).start(ls, start);
  for (let k = 0; k < 25; k++) {
    const s = full.step();
    assertAllClose(s.x, gd.step().x, { rtol: 1e-12, atol: 1e-14, label: `step ${k + 1}` });
    assert.deepEqual(s.info, { batchSize: 9, epoch: k + 1 });
  }
  // B = 4: batches are consecutive slices of a fresh permutation per epoch (4, 4, then 1).
  const run = sgd({ lr, batchSize: 4, seed: 7 }).start(ls, start);
  const order = new Rng(7).permutation(9);
  let x = start.slice();
  for (const [from, to] of [[0, 4], [4, 8], [8, 9]]) {
    const I = order.slice(from, to);
    // mean over i ∈ I of the per-sample gradient 2(xᵢᵀβ − yᵢ)xᵢ
    const g = x.map((_, j) =>
      I.reduce((s, i) => s + 2 * (X[i].reduce((r, v, c) => r + v * x[c], 0) - y[i]) * X[i][j], 0) /
      I.length
    );
    x = x.map((v, j) => v - lr * g[j]);
    const s = run.step();
    assertAllClose(s.x, x, { rtol: 1e-12, atol: 1e-14 });
    assert.deepEqual(s.info, { batchSize: I.length, epoch: 1 });
  }
  assert.equal(run.step().info.epoch, 2);
});

Deno.test("momentum and Nesterov on a diagonal quadratic follow their 2×2 linear recurrences", () => {
  const lam = [0.5, 2, 7];
  const diag = quadraticObjective(lam.map((l, i) => lam.map((_, j) => (i === j ? l : 0))));
  const start = [1, -1, 0.5];
  const lr = 0.1, beta = 0.8;
  for (const variant of ["heavy ball", "nesterov"] as const) {
    const opt = variant === "nesterov"
      ? nesterov({ lr, momentum: beta })
      : momentum({ lr, momentum: beta });
    const run = opt.start(diag, start);
    // (x, a)ᵀ ← M (x, a)ᵀ per coordinate, with the accumulator a₀ = 0.
    const M = lam.map((l) =>
      variant === "nesterov"
        ? new Matrix([[1 - lr * l * (1 + beta), -lr * beta * beta], [l, beta]])
        : new Matrix([[1 - lr * l, -lr * beta], [l, beta]])
    );
    let P = lam.map(() => Matrix.eye(2));
    for (let k = 1; k <= 30; k++) {
      P = P.map((p, i) => M[i].mmul(p));
      const s = run.step();
      const expected = start.map((v, i) => P[i].get(0, 0) * v);
      const velocity = start.map((v, i) => P[i].get(1, 0) * v);
      assertAllClose(s.x, expected, { rtol: 1e-11, atol: 1e-13, label: `${variant} x_${k}` });
      assertAllClose(run.velocity, velocity, { rtol: 1e-11, atol: 1e-13, label: `${variant} a` });
    }
  }
});

Deno.test("Adam and RMSProp match their update rules written out coordinate by coordinate", () => {
  const lr = 0.05, b1 = 0.85, b2 = 0.99, eps = 1e-6, rho = 0.7;
  const a = adam({ lr, beta1: b1, beta2: b2, epsilon: eps }).start(bowl, x0);
  const r = rmsprop({ lr, decay: rho, epsilon: eps }).start(bowl, x0);
  let xa = x0.slice(), xr = x0.slice();
  const m = new Array(n).fill(0), v = new Array(n).fill(0), s = new Array(n).fill(0);
  const grad = (x: number[]) => H.map((row, i) => row.reduce((t, h, j) => t + h * x[j], 0) - b[i]);
  for (let t = 1; t <= 30; t++) {
    const ga = grad(xa), gr = grad(xr);
    xa = xa.map((x, i) => {
      m[i] = b1 * m[i] + (1 - b1) * ga[i];
      v[i] = b2 * v[i] + (1 - b2) * ga[i] ** 2;
      return x - lr * (m[i] / (1 - b1 ** t)) / (Math.sqrt(v[i] / (1 - b2 ** t)) + eps);
    });
    xr = xr.map((x, i) => {
      s[i] = rho * s[i] + (1 - rho) * gr[i] ** 2;
      return x - lr * gr[i] / (Math.sqrt(s[i]) + eps);
    });
    const sa = a.step(), sr = r.step();
    assertAllClose(sa.x, xa, { rtol: 1e-12, atol: 1e-14, label: `adam x_${t}` });
    assertAllClose(sr.x, xr, { rtol: 1e-12, atol: 1e-14, label: `rmsprop x_${t}` });
    assertAllClose(a.mHat(), m.map((mi) => mi / (1 - b1 ** t)), { rtol: 1e-12, label: "m̂" });
    assertAllClose(a.vHat(), v.map((vi) => vi / (1 - b2 ** t)), { rtol: 1e-12, label: "v̂" });
    assertAllClose(sa.info.effectiveStep as Float64Array, a.effectiveStep(), { rtol: 0, atol: 0 });
  }
});

Deno.test("perturbed GD with zero noise is gradient descent, step for step", () => {
  const lr = 0.1;
  const p = perturbedGradientDescent({ lr, noise: 0, seed: 3 }).start(bowl, x0);
  const g = gradientDescent({ lr }).start(bowl, x0);
  for (let k = 0; k < 20; k++) {
    const s = p.step();
    assertAllClose(s.x, g.step().x, { rtol: 0, atol: 0 });
    assert.equal(s.info.noiseNorm, 0);
  }
});

Deno.test("Newton, damped Newton and saddle-free Newton steps against a direct solve", () => {
  const eta = 0.6, eps = 0.4;
  const g0 = H.map((row, i) => row.reduce((t, h, j) => t + h * x0[j], 0) - b[i]);
  const step = (A: number[][]) =>
    solve(new Matrix(A), Matrix.columnVector(g0)).to1DArray().map((d, i) => x0[i] - eta * d);
  const shifted = H.map((r, i) => r.map((v, j) => v + (i === j ? eps : 0)));
  assertAllClose(newton().start(bowl, x0).step().x, xStar, { rtol: 1e-12, atol: 1e-13 });
  assertAllClose(newton({ stepSize: eta }).start(bowl, x0).step().x, step(H), { rtol: 1e-12 });
  const d = dampedNewton({ damping: eps, stepSize: eta }).start(bowl, x0).step();
  assertAllClose(d.x, step(shifted), { rtol: 1e-12, atol: 1e-13 });
  // On a positive definite H, |H| = H: saddle-free Newton is Newton.
  const sf = saddleFreeNewton({ stepSize: eta }).start(bowl, x0).step();
  assertAllClose(sf.x, step(H), { rtol: 1e-11, atol: 1e-13 });
  const dx = d.x.map((v, i) => v - x0[i]);
  assertAllClose(d.info.stepNorm as number, Math.hypot(...dx), { rtol: 1e-12 });
});

Deno.test("subsampledNewton: each step is the damped Newton step on that step's batch, by normal equations", () => {
  const N = 10, p = 3, eps = 0.2, eta = 0.9, B = 4;
  const X = Array.from({ length: N }, () => Array.from(rng.normalVector(p)));
  const y = Array.from(rng.normalVector(N));
  const batch = (I: readonly number[]) =>
    leastSquaresObjective(I.map((i) => X[i]), I.map((i) => y[i]));
  const run = subsampledNewton({ batch, batchSize: B, damping: eps, stepSize: eta, seed: 5 })
    .start(leastSquaresObjective(X, y), [0, 0, 0]);
  const order = new Rng(5).permutation(N);
  let x = [0, 0, 0];
  for (const [from, to] of [[0, 4], [4, 8], [8, 10]]) {
    const I = order.slice(from, to);
    const XI = new Matrix(I.map((i) => X[i])), yI = Matrix.columnVector(I.map((i) => y[i]));
    // f_I = (1/|I|)‖X_I β − y_I‖²: gradient (2/|I|)X_Iᵀ(X_I β − y_I), Hessian (2/|I|)X_IᵀX_I.
    const c = 2 / I.length;
    const g = XI.transpose().mmul(XI.mmul(Matrix.columnVector(x)).sub(yI)).mul(c);
    const Hd = XI.transpose().mmul(XI).mul(c).add(Matrix.eye(p).mul(eps));
    const dir = solve(Hd, g).to1DArray();
    x = x.map((v, i) => v - eta * dir[i]);
    const s = run.step();
    assertAllClose(s.x, x, { rtol: 1e-11, atol: 1e-13 });
    assert.equal(s.info.batchSize, I.length);
    assert.equal(s.info.epoch, 1);
  }
});

Deno.test("the stepper owns its copies: x₀ untouched, each step a new array, info a snapshot", () => {
  const start = Float64Array.from(x0);
  const run = adam({ lr: 0.1 }).start(bowl, start);
  assert.deepEqual(Array.from(run.x), x0);
  assert.notEqual(run.x, start, "x₀ is copied");
  const s1 = run.step();
  const kept = Array.from(s1.x);
  const m1 = Array.from(s1.info.m as Float64Array);
  const s2 = run.step();
  assert.notEqual(s2.x, s1.x, "a fresh array per step");
  assert.equal(run.x, s2.x, "run.x is the latest iterate");
  assert.deepEqual(Array.from(s1.x), kept, "an earlier iterate is not overwritten");
  assert.deepEqual(Array.from(s1.info.m as Float64Array), m1, "info arrays are copies");
  assert.notDeepEqual(Array.from(run.m), m1);
  assert.deepEqual(Array.from(start), x0, "x₀ is not modified");
  assert.equal(run.t, 2);
});

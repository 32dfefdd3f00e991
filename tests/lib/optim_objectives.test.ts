import fc from "fast-check";
import { Matrix } from "ml-matrix";
import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { assertErrors } from "./_helpers.ts";
import { Rng } from "../../lib/random.ts";
import {
  leastSquaresObjective,
  logisticRegressionObjective,
  type Objective,
  quadraticObjective,
  rosenbrockObjective,
} from "../../lib/optim/mod.ts";

/** Fourth-order central-difference gradient of f at x. */
function fdGrad(f: (x: Float64Array) => number, x: Float64Array, h = 1e-4): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const at = (d: number) => {
      const y = x.slice();
      y[i] += d;
      return f(y);
    };
    g[i] = (at(-2 * h) - 8 * at(-h) + 8 * at(h) - at(2 * h)) / (12 * h);
  }
  return g;
}

/** The Hessian by fourth-order differences of the gradient, as rows. */
function fdHessian(obj: Objective, x: Float64Array, h = 1e-4): number[][] {
  const n = x.length;
  const cols: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const at = (d: number) => {
      const y = x.slice();
      y[j] += d;
      return obj.grad(y);
    };
    const a = at(-2 * h), b = at(-h), c = at(h), e = at(2 * h);
    cols.push(a.map((_, i) => (a[i] - 8 * b[i] + 8 * c[i] - e[i]) / (12 * h)));
  }
  return Array.from({ length: n }, (_, i) => cols.map((col) => col[i]));
}

function checkDerivatives(obj: Objective, x: Float64Array, label: string, tol = 1e-7) {
  assertAllClose(obj.grad(x), fdGrad(obj.f, x), { rtol: tol, atol: tol, label: `${label} grad` });
  const H = obj.hessian!(x);
  assertAllClose(H as number[][], fdHessian(obj, x), {
    rtol: tol,
    atol: tol,
    label: `${label} hessian`,
  });
  const v = new Rng(5).normalVector(x.length);
  const Hv = new Matrix(H as number[][]).mmul(Matrix.columnVector(Array.from(v))).to1DArray();
  assertAllClose(obj.hvp!(x, v), Hv, { rtol: 1e-12, atol: 1e-12, label: `${label} hvp` });
}

function randomData(seed: number, N: number, d: number) {
  const r = new Rng(seed);
  const X = Array.from({ length: N }, () => Array.from(r.normalVector(d)));
  return { r, X };
}

Deno.test("quadraticObjective: value, gradient, Hessian and HVP against closed forms and FD", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      const r = new Rng(seed);
      const A = Array.from({ length: n }, () => Array.from(r.normalVector(n)));
      const b = r.normalVector(n);
      const q = quadraticObjective(A, { b, c: 1.5 });
      const x = r.normalVector(n);
      // f = ½xᵀAx − bᵀx + c with the non-symmetric A (only its symmetric part matters)
      let xAx = 0, bx = 0;
      for (let i = 0; i < n; i++) {
        bx += b[i] * x[i];
        for (let j = 0; j < n; j++) xAx += x[i] * A[i][j] * x[j];
      }
      assertClose(q.f(x), 0.5 * xAx - bx + 1.5, { rtol: 1e-12, atol: 1e-12 });
      const sym = A.map((row, i) => row.map((a, j) => 0.5 * (a + A[j][i])));
      assertAllClose(q.hessian!(x) as number[][], sym, { rtol: 1e-15, atol: 1e-15 });
      checkDerivatives(q, x, "quadratic", 1e-6);
    }),
    { seed: 42, numRuns: 30 },
  );
});

Deno.test("leastSquaresObjective: Hessian (2/N)XᵀX + 2λI, mean and sum reductions, FD", () => {
  const { r, X } = randomData(1, 12, 4);
  const y = Array.from(r.normalVector(12));
  const Xm = new Matrix(X);
  const XtX = Xm.transpose().mmul(Xm);
  for (const [reduction, s] of [["mean", 2 / 12], ["sum", 2]] as const) {
    const ls = leastSquaresObjective(X, y, { ridge: 0.3, reduction });
    const expected = XtX.clone().mul(s).add(Matrix.eye(4).mul(0.6));
    const beta = r.normalVector(4);
    assertAllClose(ls.hessian!(beta) as number[][], expected, { rtol: 1e-13, atol: 1e-13 });
    const res = Xm.mmul(Matrix.columnVector(Array.from(beta))).to1DArray().map((v, i) => v - y[i]);
    const rss = res.reduce((a, v) => a + v * v, 0);
    const pen = 0.3 * beta.reduce((a, v) => a + v * v, 0);
    assertClose(ls.f(beta), (reduction === "mean" ? rss / 12 : rss) + pen, { rtol: 1e-13 });
    checkDerivatives(ls, beta, `least squares (${reduction})`, 1e-6);
  }
});

Deno.test("logisticRegressionObjective: closed-form Hessian (1/N)XᵀDX + λI and FD", () => {
  const { r, X } = randomData(2, 20, 3);
  const y = X.map((row) => (row[0] - row[1] + 0.3 * r.normal() > 0 ? 1 : 0));
  const lr = logisticRegressionObjective(X, y, { l2: 0.1 });
  const w = r.normalVector(3);
  const sig = (t: number) => 1 / (1 + Math.exp(-t));
  const Xm = new Matrix(X);
  const z = Xm.mmul(Matrix.columnVector(Array.from(w))).to1DArray();
  const D = Matrix.diag(z.map((t) => sig(t) * (1 - sig(t)) / 20));
  const H = Xm.transpose().mmul(D).mmul(Xm).add(Matrix.eye(3).mul(0.1));
  assertAllClose(lr.hessian!(w) as number[][], H, { rtol: 1e-13, atol: 1e-14 });
  const f = z.reduce((a, t, i) => a + Math.log(1 + Math.exp(t)) - y[i] * t, 0) / 20 +
    0.05 * w.reduce((a, v) => a + v * v, 0);
  assertClose(lr.f(w), f, { rtol: 1e-13 });
  checkDerivatives(lr, w, "logistic", 1e-7);
  // Stable for huge margins: no Infinity or NaN.
  const big = logisticRegressionObjective([[1000], [-1000]], [1, 0]);
  const v = big.f(new Float64Array([1]));
  check(Number.isFinite(v) && v < 1e-300, `f at a huge margin is ${v}`);
});

Deno.test("rosenbrockObjective: derivatives against FD, minimum and the 2D closed form", () => {
  const r2 = rosenbrockObjective();
  const one = new Float64Array([1, 1]);
  assertAllClose(r2.hessian!(one) as number[][], [[802, -400], [-400, 200]]);
  for (const size of [2, 3, 5]) {
    const ros = rosenbrockObjective({ size, a: 1, b: 100 });
    const x = new Rng(size).normalVector(size).map((v) => 0.5 * v);
    checkDerivatives(ros, x, `rosenbrock ${size}`, 1e-6);
    check(ros.f(new Float64Array(size).fill(1)) === 0, "minimum is at ones");
  }
});

Deno.test("mini-batch access: gradBatch over all samples equals grad, batches average to it", () => {
  const { r, X } = randomData(3, 10, 3);
  const y = Array.from(r.normalVector(10));
  const labels = y.map((v) => (v > 0 ? 1 : 0));
  const all = Array.from({ length: 10 }, (_, i) => i);
  for (
    const obj of [
      leastSquaresObjective(X, y, { ridge: 0.2 }),
      leastSquaresObjective(X, y, { ridge: 0.2, reduction: "sum" }),
      logisticRegressionObjective(X, labels, { l2: 0.2 }),
    ]
  ) {
    const w = r.normalVector(3);
    assertAllClose(obj.gradBatch!(w, all), obj.grad(w), { rtol: 1e-13, atol: 1e-14 });
    assertClose(obj.fBatch!(w, all), obj.f(w), { rtol: 1e-13 });
    // Two halves average to the full gradient.
    const a = obj.gradBatch!(w, all.slice(0, 5)), b = obj.gradBatch!(w, all.slice(5));
    assertAllClose(a.map((v, i) => (v + b[i]) / 2), obj.grad(w), { rtol: 1e-12, atol: 1e-14 });
  }
});

Deno.test("objectives reject bad input with a clear error", () => {
  const cases: [() => unknown, string][] = [
    [() => leastSquaresObjective([[1], [2]], [1]), "y has length 1"],
    [() => leastSquaresObjective([[1], [2]], [1, 2], { ridge: -1 }), "option ridge"],
    [() => logisticRegressionObjective([[1]], [2]), "y[0] is 2"],
    [() => quadraticObjective([[1, 2]]), "not square"],
    [() => quadraticObjective([[1]], { b: [1, 2] }), "b has length 2"],
    [() => rosenbrockObjective({ size: 1 }), "option size"],
    [
      () => leastSquaresObjective([[1], [2]], [1, 2]).gradBatch!(new Float64Array(1), [2]),
      "indices[0] is 2, not an integer in [0, 2)",
    ],
    [() => quadraticObjective([[1]]).grad(new Float64Array(2)), "x has length 2"],
  ];
  assertErrors(cases);
});

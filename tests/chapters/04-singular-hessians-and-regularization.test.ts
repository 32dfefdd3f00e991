import assert from "node:assert/strict";
import fc from "fast-check";
import {
  determinant as mlDeterminant,
  EigenvalueDecomposition,
  inverse,
  Matrix,
  pseudoInverse,
  QrDecomposition,
} from "ml-matrix";
import { analyzeExpression } from "../../lib/expression/mod.ts";
import {
  assertAllClose,
  assertClose,
  dampedNewton,
  eigh,
  gradientDescent,
  leastSquaresObjective,
  matrixWithSpectrum,
  minimize,
  newton,
  quadraticForm,
  quadraticObjective,
  regularize,
  ridgeConditionNumber,
  ridgeRegression,
  shiftMatrix,
} from "../../lib/mod.ts";
import { irisRidgeDesign } from "../../book/experiments/irisRidgeDesign.ts";
import { ridgePath } from "../../book/experiments/ridgePath.ts";
import { newtonSign } from "../../book/claims/newtonSign.ts";
import { zeroEigenvalueStalls } from "../../book/claims/zeroEigenvalueStalls.ts";
import { shiftMakesPositiveDefinite } from "../../book/claims/shiftMakesPositiveDefinite.ts";
import { ridgeKappaFormula } from "../../book/claims/ridgeKappaFormula.ts";

/** Eigenvalues by ml-matrix directly (ascending), independent of lib/linalg/eigh. */
function mlEigenvalues(A: number[][]): number[] {
  const e = new EigenvalueDecomposition(new Matrix(A), { assumeSymmetric: true });
  return [...e.realEigenvalues].sort((a, b) => a - b);
}

function gramOf(X: number[][]): number[][] {
  return new Matrix(X).transpose().mmul(new Matrix(X)).to2DArray();
}

const flatH = [[2, 0], [0, 0]];

Deno.test("ch4 §4 eq. H of f(x,y) = x² is [[2,0],[0,0]] everywhere: eigenvalues {0, 2}, det H = 0", () => {
  for (const [x, y] of [[1, 1], [-2.5, 0.3], [0, 0]]) {
    const r = analyzeExpression({ expression: "x^2", variables: ["x", "y"], at: { x, y } });
    assert.deepEqual(r.hessian, flatH);
    assert.deepEqual(r.gradient, [2 * x, 0]);
    assert.equal(r.definiteness, "positive semidefinite");
    // the second-derivative test speaks only where ∇f = 0: on the line x = 0
    assert.equal(r.classification, x === 0 ? "degenerate" : "not a critical point");
  }
  assert.deepEqual(mlEigenvalues(flatH), [0, 2]);
  assert.equal(mlDeterminant(new Matrix(flatH)), 0);
});

Deno.test("ch4 §4 gradient descent on x²: y_k = y₀ exactly and x_k = (1 − 2α)^k x₀ (no progress along y)", () => {
  const alpha = 0.1;
  const run = minimize(quadraticObjective(flatH), [1.8, 1.5], gradientDescent({ lr: alpha }), {
    maxSteps: 60,
    gradTol: 0,
  });
  run.xs.forEach((p, k) => {
    assert.equal(p[1], 1.5);
    assertClose(p[0], 1.8 * 0.8 ** k, { rtol: 1e-12, atol: 1e-300 });
  });
});

Deno.test("ch4 §4 Newton x_{k+1} = x_k − H⁻¹∇f on x² fails: 'Cannot take a Newton step: the Hessian is singular'", () => {
  assert.throws(
    () => newton().start(quadraticObjective(flatH), [1, 1]).step(),
    (e: Error) => e.message.startsWith("Cannot take a Newton step: the Hessian is singular"),
  );
});

Deno.test("ch4 §4 erratum: x − H⁻¹∇f lands on the minimizer, the sign-dropped x + H⁻¹∇f multiplies f − f* by 4", () => {
  // The erratum's evidence, then an independent instance with ml-matrix's inverse.
  assert.match(newtonSign.check(), /factor 4/);
  const A = [[4, 1, 0], [1, 3, 1], [0, 1, 2]];
  const b = [1, -2, 0.5];
  const x0 = [0.3, 0.7, -1.1];
  const q = quadraticObjective(A, { b });
  const Ainv = inverse(new Matrix(A));
  const xStar = Ainv.mmul(Matrix.columnVector(b)).to1DArray();
  const fStar = q.f(Float64Array.from(xStar));
  const g = q.grad(Float64Array.from(x0));
  const d = Ainv.mmul(Matrix.columnVector(Array.from(g))).to1DArray();
  const corrected = x0.map((v, i) => v - d[i]);
  const dropped = x0.map((v, i) => v + d[i]);
  assertAllClose(corrected, xStar, { rtol: 1e-12, atol: 1e-14 });
  const f0 = q.f(Float64Array.from(x0));
  assertClose((q.f(Float64Array.from(dropped)) - fStar) / (f0 - fStar), 4, { rtol: 1e-10 });
  const run = minimize(q, x0, newton(), { maxSteps: 1, gradTol: 0 });
  assertAllClose(run.xs[1], xStar, { rtol: 1e-12, atol: 1e-14 });
});

Deno.test("ch4 §4 eq. H' = H + εI: λ' = λ + ε, det(H') = Π(λ + ε) > 0, tr(H') = tr(H) + εn (property, PSD spectra)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 6 }),
      fc.double({ min: 1e-6, max: 100, noNaN: true }),
      fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 0, max: 5 }),
      (spectrum, eps, seed, zeros) => {
        const values = spectrum.map((v, i) => (i < zeros ? 0 : v));
        const H = matrixWithSpectrum(values, { seed });
        const n = H.length;
        const shifted = shiftMatrix(H, eps);
        const expected = [...values].sort((a, b) => a - b).map((l) => l + eps);
        const scale = Math.max(1, ...values) + eps;
        assertAllClose(mlEigenvalues(shifted), expected, { rtol: 1e-10, atol: 1e-12 * scale });
        const det = mlDeterminant(new Matrix(shifted));
        assertClose(det, expected.reduce((p, l) => p * l, 1), { rtol: 1e-8 });
        assert.ok(det > 0);
        let trH = 0, trShift = 0;
        for (let i = 0; i < n; i++) {
          trH += H[i][i];
          trShift += shifted[i][i];
        }
        assertClose(trShift, trH + eps * n, { rtol: 1e-12, atol: 1e-12 });
        const r = regularize(H, eps);
        assert.ok(r.positiveDefinite);
        assertClose(r.trace, trH + eps * n, { rtol: 1e-12, atol: 1e-12 });
      },
    ),
    { seed: 42, numRuns: 200 },
  );
});

Deno.test("ch4 §4 regularized Newton on x²: x₁ = ε/(2 + ε)·x₀, y₁ = y₀ (the step against ε)", () => {
  const obj = quadraticObjective(flatH);
  for (const eps of [1e-4, 0.01, 0.5, 1, 100, 1e4]) {
    const { x } = dampedNewton({ damping: eps }).start(obj, [1.5, -0.7]).step();
    assertClose(x[0], (eps / (2 + eps)) * 1.5, { rtol: 1e-12, atol: 1e-16 });
    assert.equal(x[1], -0.7);
  }
});

Deno.test("ch4 §4 eq. (XᵀX + λI)β = Xᵀy on Iris (λ = 0, 10): Cholesky vs QR of the augmented system [X; √λ I]", () => {
  const { X, y } = irisRidgeDesign();
  const p = X[0].length;
  for (const lambda of [0, 10]) {
    const A = new Matrix([
      ...X,
      ...Array.from(
        { length: p },
        (_, i) => Array.from({ length: p }, (_, j) => (i === j ? Math.sqrt(lambda) : 0)),
      ),
    ]);
    const rhs = Matrix.columnVector([...y, ...new Array(p).fill(0)]);
    const byQr = new QrDecomposition(A).solve(rhs).to1DArray();
    assertAllClose(ridgeRegression(X, y, lambda).beta, byQr, { rtol: 1e-10, atol: 1e-12 });
  }
});

Deno.test("ch4 §4 eq. ∇² = 2(XᵀX + λI) on Iris: library vs ml-matrix XᵀX vs central differences of the gradient", () => {
  const { X, y } = irisRidgeDesign();
  const G = gramOf(X);
  for (const lambda of [0, 10]) {
    const closed = G.map((r, i) => r.map((g, j) => 2 * (g + (i === j ? lambda : 0))));
    assertAllClose(ridgeRegression(X, y, lambda).hessian, closed, { rtol: 1e-12 });
    const obj = leastSquaresObjective(X, y, { ridge: lambda, reduction: "sum" });
    const beta = Float64Array.from([0.3, -0.2, 0.9]);
    const h = 1e-3;
    for (let j = 0; j < 3; j++) {
      const bp = beta.slice(), bm = beta.slice();
      bp[j] += h;
      bm[j] -= h;
      const gp = obj.grad(bp), gm = obj.grad(bm);
      assertAllClose(Array.from(gp, (v, i) => (v - gm[i]) / (2 * h)), closed.map((r) => r[j]), {
        rtol: 1e-8,
        atol: 1e-8,
      });
    }
  }
});

Deno.test("ch4 §4 eq. vᵀ(2(XᵀX + λI))v = 2(vᵀXᵀXv + λ‖v‖²) on Iris (property)", () => {
  const { X, y } = irisRidgeDesign();
  const hessians = new Map<number, number[][]>();
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 3, maxLength: 3 }),
      fc.constantFrom(0, 0.1, 10, 1000),
      (v, lambda) => {
        if (!hessians.has(lambda)) hessians.set(lambda, ridgeRegression(X, y, lambda).hessian);
        const Xv = X.map((r) => r[0] * v[0] + r[1] * v[1] + r[2] * v[2]);
        const rhs = 2 *
          (Xv.reduce((s, a) => s + a * a, 0) + lambda * v.reduce((s, a) => s + a * a, 0));
        assertClose(quadraticForm(hessians.get(lambda)!, v), rhs, { rtol: 1e-11, atol: 1e-11 });
      },
    ),
    { seed: 42, numRuns: 300 },
  );
});

Deno.test("ch4 §4 collinear Iris feature: XᵀX singular, κ = ∞, λ = 0 refused, nᵀ·2(XᵀX + λI)·n = 2λ", () => {
  const c = irisRidgeDesign({ collinear: true });
  const values = mlEigenvalues(gramOf(c.X));
  assert.ok(values[0] / values[3] < 1e-14, String(values));
  assert.equal(ridgeConditionNumber(c.X, 0), Infinity);
  assert.throws(() => ridgeRegression(c.X, c.y, 0), /not positive definite.*collinear/);
  for (const lambda of [1e-2, 1, 100]) {
    const H = ridgeRegression(c.X, c.y, lambda).hessian;
    assertClose(quadraticForm(H, c.nullVector!), 2 * lambda, { rtol: 1e-9, atol: 1e-12 });
  }
});

Deno.test("ch4 §4 eq. κ = (λmax + λ)/λ for the collinear Iris design, λ ∈ [1e-4, 1e4], against ml-matrix's EVD", () => {
  const c = irisRidgeDesign({ collinear: true });
  const G = gramOf(c.X);
  const lmax = mlEigenvalues(G)[3];
  for (let k = 0; k <= 16; k++) {
    const lambda = 10 ** (-4 + k / 2);
    const v = mlEigenvalues(G.map((r, i) => r.map((g, j) => (i === j ? g + lambda : g))));
    const formula = (lmax + lambda) / lambda;
    assertClose(v[3] / v[0], formula, { rtol: 1e-8 });
    assertClose(ridgeConditionNumber(c.X, lambda), formula, { rtol: 1e-8 });
  }
});

Deno.test("ch4 §4 shrinkage: ‖β(λ)‖ decreases and β(λ) → X⁺y (ml-matrix pseudo-inverse) as λ → 0", () => {
  const c = irisRidgeDesign({ collinear: true });
  const lambdas = Array.from({ length: 17 }, (_, k) => 10 ** (-6 + k / 2));
  const { points, singular } = ridgePath(c.X, c.y, lambdas);
  assert.ok(singular);
  for (let i = 1; i < points.length; i++) assert.ok(points[i].betaNorm < points[i - 1].betaNorm);
  const pinv = pseudoInverse(new Matrix(c.X)).mmul(Matrix.columnVector(c.y)).to1DArray();
  assertAllClose(points[0].beta, pinv, { rtol: 1e-6, atol: 1e-7 });
});

Deno.test("ch4 claim checks: zero-eigenvalue-stalls, shift-makes-positive-definite, ridge-kappa-formula are qualified", () => {
  const z = zeroEigenvalueStalls.evaluate();
  assert.equal(z.verdict, zeroEigenvalueStalls.expected);
  // Independent count: x_k = 0.8^k, f = x² ≤ 1e-12 ⇔ k ≥ ln(1e-12)/(2 ln 0.8).
  assert.equal(z.numbers.stepsFlat, Math.ceil(Math.log(1e-12) / (2 * Math.log(0.8))));
  assert.equal(z.numbers.yMoved, 0);
  const s = shiftMakesPositiveDefinite.evaluate();
  assert.equal(s.verdict, shiftMakesPositiveDefinite.expected);
  assert.equal(s.numbers.saddleLambdaMinAt1, -1);
  const r = ridgeKappaFormula.evaluate();
  assert.equal(r.verdict, ridgeKappaFormula.expected);
  const full = mlEigenvalues(gramOf(irisRidgeDesign().X));
  assertClose(r.numbers.fullLambdaMin, full[0], { rtol: 1e-10 });
  // The largest overstatement is at λ = 1e-4: ((λmax + λ)/λ) / ((λmax + λ)/(λmin + λ)).
  assertClose(r.numbers.fullMaxOverstatement, (full[0] + 1e-4) / 1e-4, { rtol: 1e-8 });
});

Deno.test("ch4 exercises: pseudo-inverse step lands on x = 0; saddle needs ε > 2 with κ = (4+δ)/δ; 9 damped steps", () => {
  const pinv = pseudoInverse(new Matrix(flatH)).to2DArray();
  assertAllClose(pinv, [[0.5, 0], [0, 0]]);
  const saddle = [[2, 0], [0, -2]];
  assert.ok(!regularize(saddle, 2).positiveDefinite);
  assertClose(regularize(saddle, 2.5).conditionNumber, 4.5 / 0.5, { rtol: 1e-12 });
  const run = minimize(quadraticObjective(flatH), [1, 1], dampedNewton({ damping: 0.5 }), {
    maxSteps: 20,
    gradTol: 0,
  });
  assert.equal(run.xs.findIndex((p) => Math.abs(p[0]) < 1e-6), 9);
  assertClose(eigh(shiftMatrix(flatH, 0.5)).values[0], 0.5);
});

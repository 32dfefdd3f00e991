import fc from "fast-check";
import { Matrix, solve } from "ml-matrix";
import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { ad, grad, hessian } from "../../lib/autodiff/mod.ts";
import { linearRegressionData } from "../../lib/data/mod.ts";
import { mimeBundle } from "../../lib/display.ts";
import {
  cholesky,
  conditionNumber,
  definiteness,
  determinant,
  eigh,
  matrixWithSpectrum,
  trace,
} from "../../lib/linalg/mod.ts";
import { Rng } from "../../lib/random.ts";
import {
  positiveDefiniteThreshold,
  regularize,
  ridgeConditionNumber,
  ridgeRegression,
  shiftMatrix,
  shiftOperator,
} from "../../lib/regularize/mod.ts";
import { lanczos } from "../../lib/spectra/mod.ts";
import { errorOf, randomSymmetric } from "./_helpers.ts";

const EPS = Number.EPSILON;

const caseArb = fc.record({
  n: fc.integer({ min: 1, max: 8 }),
  seed: fc.integer({ min: 0, max: 1e9 }),
  eps: fc.double({ min: -5, max: 5, noNaN: true }),
});

Deno.test("H + εI shifts every eigenvalue by exactly ε (independent EVD of H + εI)", () => {
  fc.assert(
    fc.property(caseArb, ({ n, seed, eps }) => {
      const H = randomSymmetric(new Rng(seed), n);
      const before = eigh(H).values;
      const after = eigh(shiftMatrix(H, eps)).values;
      const s = Math.max(...before.map(Math.abs), Math.abs(eps));
      assertAllClose(after, before.map((l) => l + eps), { atol: 50 * n * EPS * s, rtol: 0 });
      const r = regularize(H, eps);
      assertAllClose(r.eigenvalues, after, { atol: 50 * n * EPS * s, rtol: 0 });
    }),
    { seed: 42, numRuns: 300 },
  );
});

Deno.test("regularize: det = Π(λ+ε) against LU, trace + εn against the diagonal, PD iff ε > −λmin", () => {
  fc.assert(
    fc.property(caseArb, ({ n, seed, eps }) => {
      const H = randomSymmetric(new Rng(seed), n);
      const r = regularize(H, eps);
      const shifted = shiftMatrix(H, eps);
      const s = Math.max(...r.eigenvalues.map(Math.abs), 1e-300);
      assertClose(r.determinant, determinant(shifted), {
        atol: 100 * n * n * EPS * s ** n,
        rtol: 0,
      });
      assertClose(r.trace, trace(H) + eps * n, { rtol: 1e-14, atol: 1e-13 });
      assertClose(r.trace, trace(shifted), { rtol: 1e-14, atol: 1e-13 });
      const star = positiveDefiniteThreshold(H);
      check(r.positiveDefinite === (eps > star), "PD exactly when ε > −λmin");
      if (r.positiveDefinite) {
        assertClose(r.conditionNumber, conditionNumber(shifted, { tol: 0 }), { rtol: 1e-8 });
      }
    }),
    { seed: 42, numRuns: 300 },
  );
});

Deno.test("positiveDefiniteThreshold is the exact boundary: ε* + δ is PD, ε* − δ is not, ε* is singular", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 8 }),
      fc.integer({ min: 0, max: 1e6 }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      (n, seed, lmin) => {
        const r = new Rng(seed);
        const spectrum = [
          lmin,
          ...Array.from({ length: n - 1 }, () => lmin + 0.5 + 3 * r.uniform()),
        ];
        const H = matrixWithSpectrum(spectrum, { seed });
        const star = positiveDefiniteThreshold(H);
        assertClose(star, -lmin, { atol: 1e-13, rtol: 0 });
        const delta = 1e-6;
        // Cholesky (independent of eigenvalues) succeeds just above and fails just below
        cholesky(shiftMatrix(H, star + delta), { tol: 0 });
        check(
          errorOf(() => cholesky(shiftMatrix(H, star - delta), { tol: 0 })).includes(
            "not positive definite",
          ),
          "ε* − δ is not PD",
        );
        check(definiteness(shiftMatrix(H, star)) === "positive semidefinite", "ε* is singular");
        // on an operator, by Lanczos
        const opStar = positiveDefiniteThreshold(shiftOperator(H, 0));
        assertClose(opStar, star, { atol: 1e-10, rtol: 0 });
      },
    ),
    { seed: 42, numRuns: 100 },
  );
  check(positiveDefiniteThreshold([[2, 0], [0, -2]]) === 2, "saddle needs ε > 2");
  check(positiveDefiniteThreshold([[2, 0], [0, 0]]) === 0, "x² needs ε > 0");
});

Deno.test("shiftOperator: (H+εI)v = Hv + εv, spectral routines see λ + ε, batches preserved", () => {
  const r = new Rng(4);
  const H = randomSymmetric(r, 20);
  const eps = 0.7;
  const op = shiftOperator(H, eps);
  const v = r.normalVector(20);
  const dense = shiftMatrix(H, eps).map((row) => row.reduce((s, a, j) => s + a * v[j], 0));
  assertAllClose(op.apply(v), dense, { rtol: 1e-14, atol: 1e-14 });
  check(op.applyBatch === undefined, "no batch on a dense matrix");
  const { values } = eigh(H);
  const l = lanczos(op, { top: 2, bottom: 2 });
  assertAllClose(l.top.values, [values[19] + eps, values[18] + eps], { rtol: 1e-10 });
  assertAllClose(l.bottom.values, [values[0] + eps, values[1] + eps], { rtol: 1e-10 });
  // an operator with applyBatch keeps it
  const batched = {
    size: 2,
    apply: (x: Float64Array) => Float64Array.from([2 * x[0], -x[1]]),
    applyBatch: (xs: readonly Float64Array[]) =>
      xs.map((x) => Float64Array.from([2 * x[0], -x[1]])),
  };
  const s = shiftOperator(batched, 1);
  const out = s.applyBatch!([new Float64Array([1, 1]), new Float64Array([0, 2])]);
  check(out[0].join() === "3,0" && out[1].join() === "0,0", String(out));
  check(
    errorOf(() => shiftOperator(H, NaN)).includes("epsilon must be a finite number, got NaN"),
    "NaN ε",
  );
  check(errorOf(() => shiftMatrix([[1, 2]], 1)).includes("not square"), "non-square");
});

Deno.test("ridge regression: β matches a dense solve and zeroes the gradient; Hessian is 2(XᵀX+λI) by autodiff", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 0, max: 1e6 }),
      fc.double({ min: 0.001, max: 10, noNaN: true }),
      (p, seed, lambda) => {
        const r = new Rng(seed);
        const N = p + 1 + r.int(10);
        const X = Array.from({ length: N }, () => Array.from(r.normalVector(p)));
        const y = Array.from(r.normalVector(N));
        const fit = ridgeRegression(X, y, lambda);
        const Xm = new Matrix(X);
        const A = Xm.transpose().mmul(Xm).add(Matrix.eye(p).mul(lambda));
        const ref = solve(A, Xm.transpose().mmul(Matrix.columnVector(y))).to1DArray();
        assertAllClose(fit.beta, ref, { rtol: 1e-9, atol: 1e-11 });
        // the objective ‖y − Xβ‖² + λ‖β‖², differentiated by autodiff
        const f = (b: ad.Tensor) => {
          const res = ad.sub(ad.matmul(X, b), y);
          return ad.add(ad.sum(ad.mul(res, res)), ad.mul(ad.sum(ad.mul(b, b)), lambda));
        };
        const g = grad(f)(fit.beta);
        const scale = Math.max(1, ...fit.hessian.flat().map(Math.abs));
        assertAllClose(g, new Array(p).fill(0), { atol: 1e-10 * scale, rtol: 0 });
        assertAllClose(hessian(f)(fit.beta), fit.hessian, { rtol: 1e-12, atol: 1e-12 });
        assertAllClose(fit.hessian, A.mul(2).to2DArray(), { rtol: 1e-14, atol: 1e-14 });
        // κ(λ) against the EVD of XᵀX + λI
        const ev = eigh(A.to2DArray()).values;
        if (!fit.singular) assertClose(fit.conditionNumber, ev[p - 1] / ev[0], { rtol: 1e-9 });
      },
    ),
    { seed: 42, numRuns: 150 },
  );
});

Deno.test("ridge with collinear X: λ = 0 fails clearly, κ(λ) = (λmax+λ)/λ against the EVD", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const { data } = linearRegressionData({ samples: 40, features: 5, exactCollinear: 2, seed });
    const X = data.x, y = data.y;
    const msg = errorOf(() => ridgeRegression(X, y, 0));
    check(msg.startsWith("Cannot fit ridge regression: XᵀX + λI is not positive definite"), msg);
    check(msg.includes("collinear"), msg);
    const Xm = new Matrix(X);
    const G = Xm.transpose().mmul(Xm).to2DArray();
    const gram = eigh(G).values;
    check(gram[0] <= 1e-12 * gram[4] && gram[1] <= 1e-12 * gram[4], "two zero eigenvalues");
    for (const lambda of [1e-6, 0.01, 1, 100]) {
      const fit = ridgeRegression(X, y, lambda);
      check(fit.singular, "XᵀX is singular");
      const expected = (gram[4] + lambda) / lambda;
      assertClose(fit.conditionNumber, expected, { rtol: 1e-9 });
      assertClose(ridgeConditionNumber(X, lambda), expected, { rtol: 1e-9 });
      // and the actual EVD of XᵀX + λI
      const ev = eigh(shiftMatrix(G, lambda)).values;
      assertClose(fit.conditionNumber, ev[4] / ev[0], { rtol: 1e-6 });
      // the regularized system is solved: (XᵀX + λI)β = Xᵀy
      const lhs = shiftMatrix(G, lambda).map((row) =>
        row.reduce((s, a, j) => s + a * fit.beta[j], 0)
      );
      const rhs = Xm.transpose().mmul(Matrix.columnVector(y.map((r) => r[0]))).to1DArray();
      assertAllClose(lhs, rhs, { rtol: 1e-8, atol: 1e-8 });
    }
    check(ridgeConditionNumber(X, 0) === Infinity, "κ(0) = ∞");
    // κ(λ) decreases in λ
    const ks = [0.01, 0.1, 1, 10].map((l) => ridgeConditionNumber(X, l));
    check(ks.every((k, i) => i === 0 || k < ks[i - 1]), "κ decreasing in λ");
  }
  // more features than samples is singular too
  const wide = ridgeRegression([[1, 2, 3]], [1], 0.5);
  check(wide.singular, "p > N");
  check(
    errorOf(() => ridgeRegression([[1, 2]], [1, 2], 1)).includes("y has length 2, expected 1"),
    "y length",
  );
  check(errorOf(() => ridgeRegression([[1, 2]], [1], -1)).includes("lambda"), "λ < 0");
  check(errorOf(() => ridgeRegression([[1, 2]], [NaN], 1)).includes("y[0] is NaN"), "NaN y");
  check(errorOf(() => ridgeRegression([[1, 2], [1]], [1, 1], 1)).includes("ragged"), "ragged X");
});

Deno.test("regularize displays richly: KaTeX matrix and a table", () => {
  const r = regularize([[2, 0], [0, 0]], 0.5);
  const b = mimeBundle(r as never);
  check(
    b["text/markdown"].includes("\\begin{bmatrix} 2.5 & 0 \\\\ 0 & 0.5 \\end{bmatrix}"),
    b["text/markdown"],
  );
  check(b["text/markdown"].includes("| positive definite | yes |"), "table");
  check(b["text/plain"].includes("det(H + εI): 1.25"), b["text/plain"]);
  check(!Object.keys(r).some((k) => k.includes("display")), "display is not an enumerable key");
  check(JSON.parse(JSON.stringify(r)).determinant === 1.25, "JSON-serializable");
});

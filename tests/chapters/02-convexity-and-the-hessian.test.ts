import assert from "node:assert/strict";
import fc from "fast-check";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { analyzeExpression } from "../../lib/expression/mod.ts";
import {
  assertAllClose,
  assertClose,
  determinant,
  eigenvalues2x2,
  eigh,
  matrixWithSpectrum,
  quadraticForm,
  reconstruct,
  trace,
} from "../../lib/mod.ts";
import { convexityGap } from "../../book/experiments/convexityGap.ts";
import { convexityNonStrict } from "../../book/claims/convexityNonStrict.ts";
import { pdHessianStrongConvexity } from "../../book/claims/pdHessianStrongConvexity.ts";

const lse = (p: ArrayLike<number>) => Math.log(Math.exp(p[0]) + Math.exp(p[1]) + Math.exp(p[2]));
const doubleWell = (p: ArrayLike<number>) => (p[0] ** 2 - 1) ** 2 + p[1] ** 2;
const coordinate = fc.double({ min: -3, max: 3, noNaN: true });
const unit = fc.double({ min: 0, max: 1, noNaN: true });

/** ml-matrix's symmetric EVD, ascending: an independent route to the eigenvalues. */
function mlEigenvalues(rows: number[][]): number[] {
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  return [...evd.realEigenvalues].sort((a, b) => a - b);
}

Deno.test("ch2 §2 eq. f(λx+(1−λ)y) ≤ λf(x)+(1−λ)f(y): log-sum-exp has no violation", () => {
  const r = convexityGap(lse, { dimension: 3, samples: 5000, radius: 3, seed: 1 });
  assert.equal(r.violations, 0);
  assert.ok(r.maxGap <= 1e-14, String(r.maxGap));
  fc.assert(
    fc.property(fc.array(coordinate, { minLength: 6, maxLength: 6 }), unit, (p, l) => {
      const x = p.slice(0, 3), y = p.slice(3);
      const z = x.map((xi, i) => l * xi + (1 - l) * y[i]);
      return lse(z) <= l * lse(x) + (1 - l) * lse(y) + 1e-12;
    }),
    { seed: 42, numRuns: 500 },
  );
});

Deno.test("ch2 §2 eq. convexity inequality fails for the double well (x²−1)²+y²", () => {
  // Exact counterexample: the midpoint of the two minima (±1, 0) has f = 1 > 0 = chord.
  assert.equal(doubleWell([0, 0]), 1);
  assert.equal(0.5 * doubleWell([-1, 0]) + 0.5 * doubleWell([1, 0]), 0);
  const r = convexityGap(doubleWell, { dimension: 2, samples: 5000, radius: 1.5, seed: 1 });
  assert.ok(r.violations > 100, String(r.violations));
  const { x, y, lambda, gap } = r.worst;
  const z = [lambda * x[0] + (1 - lambda) * y[0], lambda * x[1] + (1 - lambda) * y[1]];
  assertClose(gap, doubleWell(z) - lambda * doubleWell(x) - (1 - lambda) * doubleWell(y));
  // Second-order view: a negative eigenvalue at the hump.
  const hump = analyzeExpression({ expression: "(x^2 - 1)^2 + y^2", at: { x: 0, y: 0 } });
  assertAllClose(hump.hessian, [[-4, 0], [0, 2]]);
});

Deno.test("ch2 §2 eq. convex ⇔ vᵀHv ≥ 0: ∇²lse = diag(p) − ppᵀ is PSD with null vector 1", () => {
  for (const at of [{ x: 0.3, y: -1, z: 2 }, { x: -2.5, y: 2.9, z: 0 }, { x: 1, y: 1, z: 1 }]) {
    const r = analyzeExpression({ expression: "log(exp(x) + exp(y) + exp(z))", at });
    const e = [at.x, at.y, at.z].map(Math.exp);
    const p = e.map((v) => v / (e[0] + e[1] + e[2]));
    const closed = p.map((pi, i) => p.map((pj, j) => (i === j ? pi : 0) - pi * pj));
    assertAllClose(r.hessian, closed, { rtol: 1e-12, atol: 1e-15 });
    assert.ok(mlEigenvalues(closed)[0] > -1e-15);
    assertClose(quadraticForm(closed, [1, 1, 1]), 0, { atol: 1e-15 });
    // vᵀHv is the variance of v under p: check one direction by hand.
    const v = [1, -2, 0.5];
    const mean = p.reduce((s, pi, i) => s + pi * v[i], 0);
    const variance = p.reduce((s, pi, i) => s + pi * (v[i] - mean) ** 2, 0);
    assertClose(quadraticForm(closed, v), variance, { rtol: 1e-12 });
  }
});

Deno.test("ch2 §2 eq. vᵢᵀHvᵢ = λᵢ: bowl [[2,1],[1,2]] has q = (1,∓1)/√2 with λ = 1, 3", () => {
  const H = [[2, 1], [1, 2]];
  const s = Math.SQRT1_2;
  assertClose(quadraticForm(H, [s, -s]), 1, { rtol: 1e-15 });
  assertClose(quadraticForm(H, [s, s]), 3, { rtol: 1e-15 });
  const { values, vectors } = eigh(H);
  assertAllClose(values, [1, 3], { rtol: 1e-15 });
  vectors.forEach((q, i) => assertClose(quadraticForm(H, q), values[i], { rtol: 1e-14 }));
  // A 5×5 matrix with a known spectrum.
  const spectrum = [-3, -0.5, 0, 1, 4];
  const H5 = matrixWithSpectrum(spectrum, { seed: 3 });
  const e5 = eigh(H5);
  e5.vectors.forEach((q, i) => assertClose(quadraticForm(H5, q), spectrum[i], { atol: 1e-13 }));
});

Deno.test("ch2 §2 eq. g''(0) = vᵀHv along a sweep of directions (bowl 2 + sin 2θ, saddle 2cos 2θ, valley 2cos²θ)", () => {
  const cases = [
    {
      H: [[2, 1], [1, 2]],
      f: (x: number, y: number) => x * x + x * y + y * y,
      c: (t: number) => 2 + Math.sin(2 * t),
    },
    {
      H: [[2, 0], [0, -2]],
      f: (x: number, y: number) => x * x - y * y,
      c: (t: number) => 2 * Math.cos(2 * t),
    },
    {
      H: [[2, 0], [0, 0]],
      f: (x: number, _y: number) => x * x,
      c: (t: number) => 2 * Math.cos(t) ** 2,
    },
  ];
  for (const { H, f, c } of cases) {
    const { values } = eigh(H);
    let lo = Infinity, hi = -Infinity;
    for (let deg = 0; deg <= 180; deg++) {
      const t = (deg * Math.PI) / 180, v = [Math.cos(t), Math.sin(t)];
      const q = quadraticForm(H, v);
      assertClose(q, c(t), { atol: 1e-14 });
      const h = 1e-3, b = [0.3, -0.7];
      const g = (s: number) => f(b[0] + s * v[0], b[1] + s * v[1]);
      assertClose((g(h) - 2 * g(0) + g(-h)) / (h * h), q, { atol: 1e-6 });
      lo = Math.min(lo, q);
      hi = Math.max(hi, q);
    }
    assertClose(lo, values[0], { atol: 1e-14 });
    assertClose(hi, values[1], { atol: 1e-14 });
  }
});

Deno.test("ch2 §2 erratum: convex ⇔ vᵀHv ≥ 0, not > 0 — f(x,y) = x² is convex with vᵀHv = 0 along y", () => {
  const evidence = convexityNonStrict.check();
  assert.match(evidence, /0 violations/);
  assert.equal(convexityNonStrict.chapter, 2);
  assert.equal(quadraticForm([[2, 0], [0, 0]], [0, 1]), 0);
  // The exact gap of x² is −λ(1−λ)(x₁−y₁)² ≤ 0.
  fc.assert(
    fc.property(coordinate, coordinate, unit, (x, y, l) => {
      const gap = (l * x + (1 - l) * y) ** 2 - l * x * x - (1 - l) * y * y;
      return Math.abs(gap + l * (1 - l) * (x - y) ** 2) <= 1e-12 && gap <= 1e-12;
    }),
    { seed: 42, numRuns: 500 },
  );
});

Deno.test("ch2 §2 eq. λ = (a+c ± √((a−c)²+4b²))/2 on [[a,b],[b,c]] agrees with ml-matrix EVD", () => {
  const paper = (a: number, b: number, c: number) => {
    const r = Math.sqrt((a - c) ** 2 + 4 * b * b);
    return [(a + c - r) / 2, (a + c + r) / 2];
  };
  for (const H of [[[2, 1], [1, 2]], [[2, 0], [0, -2]], [[2, 0], [0, 0]], [[82, -40], [-40, 20]]]) {
    assertAllClose(paper(H[0][0], H[0][1], H[1][1]), mlEigenvalues(H), {
      rtol: 1e-14,
      atol: 1e-14,
    });
  }
  // No subnormal entries: ml-matrix's tql2 breaks down on them (eigh rescales first).
  const entry = fc.double({ min: -1e3, max: 1e3, noNaN: true })
    .filter((x) => x === 0 || Math.abs(x) > 1e-100);
  fc.assert(
    fc.property(entry, entry, entry, (a, b, c) => {
      const ref = mlEigenvalues([[a, b], [b, c]]);
      const size = Math.max(1e-300, ...ref.map(Math.abs));
      const p = paper(a, b, c), l = eigenvalues2x2(a, b, c);
      return [0, 1].every((i) =>
        Math.abs(p[i] - ref[i]) <= 1e-13 * size && Math.abs(l[i] - ref[i]) <= 1e-13 * size
      );
    }),
    { seed: 42, numRuns: 1000 },
  );
});

Deno.test("ch2 §2 eq. ∇²(a·x²+2b·xy+c·y²) = [[2a,2b],[2b,2c]] with λ = a+c ± √((a−c)²+4b²), twice the formula on (a,b,c)", () => {
  for (const [a, b, c] of [[3, -1, 0.5], [1, 2, 1], [-2, 0.25, 5]]) {
    const r = analyzeExpression({
      expression: `${a}*x^2 + 2*(${b})*x*y + ${c}*y^2`,
      at: { x: 0.4, y: -1.3 },
    });
    assertAllClose(r.hessian, [[2 * a, 2 * b], [2 * b, 2 * c]]);
    const root = Math.sqrt((a - c) ** 2 + 4 * b * b);
    assertAllClose(mlEigenvalues(r.hessian), [a + c - root, a + c + root], { rtol: 1e-14 });
    assertAllClose(eigenvalues2x2(a, b, c).map((v) => 2 * v), [a + c - root, a + c + root], {
      rtol: 1e-14,
    });
  }
});

Deno.test("ch2 §2 eq. trace(H) = Σh_ii = Σλᵢ and det(H) = Πλᵢ on random symmetric matrices", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 2, maxLength: 7 }),
      fc.integer({ min: 0, max: 1e6 }),
      (spectrum, seed) => {
        const n = spectrum.length;
        const H = matrixWithSpectrum(spectrum, { seed });
        const sum = spectrum.reduce((s, v) => s + v, 0);
        const prod = spectrum.reduce((s, v) => s * v, 1);
        const diag = H.reduce((s, row, i) => s + row[i], 0);
        return Math.abs(trace(H) - sum) <= 1e-12 && Math.abs(diag - sum) <= 1e-12 &&
          Math.abs(determinant(H) - prod) <= 1e-12 * 3 ** n;
      },
    ),
    { seed: 42, numRuns: 200 },
  );
});

Deno.test("ch2 §2 eq. H = QΛQᵀ with QᵀQ = I (eigh on random symmetric matrices)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 16, maxLength: 16 }),
      (entries) => {
        const A = [0, 1, 2, 3].map((i) => entries.slice(4 * i, 4 * i + 4));
        const H = A.map((row, i) => row.map((_, j) => (A[i][j] + A[j][i]) / 2));
        const { values, vectors, Q } = eigh(H);
        const R = reconstruct({ values, vectors });
        // QΛQᵀ by hand from Q's columns, independent of reconstruct.
        for (let i = 0; i < 4; i++) {
          for (let j = 0; j < 4; j++) {
            let qlq = 0, qtq = 0;
            for (let k = 0; k < 4; k++) {
              qlq += Q[i][k] * values[k] * Q[j][k];
              qtq += Q[k][i] * Q[k][j];
            }
            if (Math.abs(qlq - H[i][j]) > 1e-12 || Math.abs(R[i][j] - H[i][j]) > 1e-12) {
              return false;
            }
            if (Math.abs(qtq - (i === j ? 1 : 0)) > 1e-13) return false;
          }
        }
        assertAllClose(values, mlEigenvalues(H), { atol: 1e-12 });
        return true;
      },
    ),
    { seed: 42, numRuns: 200 },
  );
});

Deno.test("ch2 §2 eq. det(H) = Πλᵢ = 0 for a singular H: the Hessian of x², and spectrum {0,1,2,5}", () => {
  const valley = analyzeExpression({
    expression: "x^2",
    variables: ["x", "y"],
    at: { x: 1.5, y: -2 },
  }).hessian;
  assertAllClose(valley, [[2, 0], [0, 0]]);
  assert.equal(determinant(valley), 0);
  assert.deepEqual(mlEigenvalues(valley), [0, 2]);
  const S = matrixWithSpectrum([0, 1, 2, 5], { seed: 9 });
  assert.ok(Math.abs(determinant(S)) < 1e-12, String(determinant(S)));
  assert.ok(Math.abs(mlEigenvalues(S)[0]) < 1e-14);
  // A non-singular comparison: det ≠ 0.
  assertClose(determinant(matrixWithSpectrum([0.5, 1, 2, 5], { seed: 9 })), 5, { rtol: 1e-12 });
});

Deno.test("ch2 §2 eq. strong convexity with m = λmin on a quadratic: equality along the bottom eigenvector", () => {
  const H = [[2, 1], [1, 2]];
  const f = (p: number[]) => 0.5 * quadraticForm(H, p);
  const g = (p: number[]) => [2 * p[0] + p[1], p[0] + 2 * p[1]];
  fc.assert(
    fc.property(coordinate, coordinate, coordinate, coordinate, (a, b, c, d) => {
      const x = [a, b], y = [c, d], dx = [c - a, d - b];
      const excess = f(y) - f(x) - (g(x)[0] * dx[0] + g(x)[1] * dx[1]);
      // The exact excess is ½dᵀHd ≥ ½λmin‖d‖² with λmin = 1.
      return Math.abs(excess - 0.5 * quadraticForm(H, dx)) <= 1e-12 &&
        excess >= 0.5 * (dx[0] ** 2 + dx[1] ** 2) - 1e-12;
    }),
    { seed: 42, numRuns: 500 },
  );
  const u = [Math.SQRT1_2, -Math.SQRT1_2];
  assertClose(f(u) - f([0, 0]), 0.5 * 1, { rtol: 1e-15 });
});

Deno.test("ch2 §2 eq. strong convexity of x²+xy+y²+ln(1+e^(x−2y)): λmin(H) ≥ 1 so m = 1, and m = 3 fails", () => {
  const F = (p: number[]) =>
    p[0] ** 2 + p[0] * p[1] + p[1] ** 2 + Math.log1p(Math.exp(p[0] - 2 * p[1]));
  const G = (p: number[]) => {
    const s = 1 / (1 + Math.exp(-(p[0] - 2 * p[1])));
    return [2 * p[0] + p[1] + s, p[0] + 2 * p[1] - 2 * s];
  };
  for (const [x, y] of [[0.5, 0.1], [-2, 1.5], [4, -4], [-4, 4]]) {
    const r = analyzeExpression({
      expression: "x^2 + x*y + y^2 + log(1 + exp(x - 2*y))",
      at: { x, y },
    });
    const sig = 1 / (1 + Math.exp(-(x - 2 * y))), s = sig * (1 - sig);
    assertAllClose(r.hessian, [[2 + s, 1 - 2 * s], [1 - 2 * s, 2 + 4 * s]], { rtol: 1e-12 });
    assert.ok(r.eigenvalues[0] >= 1 - 1e-12);
    assertAllClose(r.gradient, G([x, y]), { rtol: 1e-12 });
  }
  const excess = (m: number, x: number[], y: number[]) => {
    const g = G(x), d = [y[0] - x[0], y[1] - x[1]];
    return F(y) - F(x) - (g[0] * d[0] + g[1] * d[1]) - (m / 2) * (d[0] ** 2 + d[1] ** 2);
  };
  fc.assert(
    fc.property(coordinate, coordinate, coordinate, coordinate, (a, b, c, d) => {
      return excess(1, [a, b], [c, d]) >= -1e-12;
    }),
    { seed: 42, numRuns: 1000 },
  );
  // m = 3 fails along the bottom eigenvector (1, −1) of the bowl.
  assert.ok(excess(3, [0, 0], [1, -1]) < 0);
});

Deno.test("ch2 §2 claim: 'PD Hessian implies strong convexity' is qualified (eˣ¹+eˣ² is a counterexample)", () => {
  const r = pdHessianStrongConvexity.evaluate();
  assert.equal(r.verdict, pdHessianStrongConvexity.expected);
  assertClose(r.numbers.mAtL20, 2 * (Math.E - 2) * Math.exp(-20), { rtol: 1e-6 });
});

Deno.test("ch2 §2 figure: the bowl, the saddle and the flat valley have λ = (1, 3), (−2, 2), (0, 2)", () => {
  const cases = [
    ["x^2 + x*y + y^2", [1, 3], "minimum"],
    ["x^2 - y^2", [-2, 2], "saddle"],
    ["x^2", [0, 2], "degenerate"],
  ] as const;
  for (const [expression, values, kind] of cases) {
    const r = analyzeExpression({ expression, variables: ["x", "y"], at: { x: 0, y: 0 } });
    assertAllClose(mlEigenvalues(r.hessian), [...values], { atol: 1e-14 });
    assert.equal(r.classification, kind);
  }
});

Deno.test("ch2 exercise 1: x⁴ is strictly convex although f''(0) = 0", () => {
  const r = convexityGap(([x]) => x ** 4, { dimension: 1, samples: 2000, radius: 2, seed: 4 });
  assert.equal(r.violations, 0);
  assert.ok(r.maxGap < 0);
  assert.equal(analyzeExpression({ expression: "x^4", at: { x: 0 } }).hessian[0][0], 0);
});

Deno.test("ch2 exercise 2: x² + 4xy + y² has H = [[2,4],[4,2]], λ = −2, 6: a saddle", () => {
  const r = analyzeExpression({ expression: "x^2 + 4*x*y + y^2", at: { x: 0, y: 0 } });
  assertAllClose(r.hessian, [[2, 4], [4, 2]]);
  assertAllClose(mlEigenvalues(r.hessian), [-2, 6], { atol: 1e-14 });
  assertAllClose(eigenvalues2x2(1, 2, 1), [-1, 3], { atol: 1e-15 });
  assert.equal(r.classification, "saddle");
});

Deno.test("ch2 exercise 3: [[a,b],[b,c]] is PD ⇔ a > 0 and ac − b² > 0", () => {
  const entry = fc.double({ min: -10, max: 10, noNaN: true })
    .filter((x) => x === 0 || Math.abs(x) > 1e-100);
  fc.assert(
    fc.property(entry, entry, entry, (a, b, c) => {
      const ev = mlEigenvalues([[a, b], [b, c]]);
      const det = a * c - b * b;
      // Skip the measure-zero boundary where rounding decides.
      if (Math.abs(det) < 1e-9 || Math.abs(a) < 1e-9) return true;
      return (ev[0] > 0) === (a > 0 && det > 0);
    }),
    { seed: 42, numRuns: 2000 },
  );
});

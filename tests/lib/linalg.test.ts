import fc from "fast-check";
import { all, create } from "mathjs";
import { Matrix, QrDecomposition, solve } from "ml-matrix";
import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import {
  cholesky,
  choleskySolve,
  classifyCriticalPoint,
  classifyEigenvalues,
  conditionNumber,
  definiteness,
  determinant,
  eigenvalues2x2,
  eigh,
  matrixWithSpectrum,
  quadraticForm,
  randomOrthogonal,
  reconstruct,
  trace,
} from "../../lib/linalg/mod.ts";
import { Rng } from "../../lib/random.ts";
import { errorOf, randomSymmetric } from "./_helpers.ts";

const EPS = Number.EPSILON;

/** Random symmetric matrices of size 1..8 with entries spanning several decades. */
const symmetricArb = fc.record({
  n: fc.integer({ min: 1, max: 8 }),
  seed: fc.integer({ min: 0, max: 1e9 }),
  logScale: fc.integer({ min: -3, max: 3 }),
}).map(({ n, seed, logScale }) => randomSymmetric(new Rng(seed), n, 10 ** logScale));

const norm2 = (H: number[][]) => Math.max(...eigh(H).values.map(Math.abs));

Deno.test("trace = Σλ on random symmetric matrices", () => {
  fc.assert(
    fc.property(symmetricArb, (H) => {
      const { values } = eigh(H);
      const n = H.length, s = Math.max(norm2(H), Number.MIN_VALUE);
      assertClose(trace(H), values.reduce((a, b) => a + b, 0), { atol: 50 * n * EPS * s, rtol: 0 });
    }),
    { seed: 42, numRuns: 200 },
  );
});

Deno.test("det (by LU) = Πλ (by EVD) on random symmetric matrices", () => {
  fc.assert(
    fc.property(symmetricArb, (H) => {
      const { values } = eigh(H);
      const n = H.length, s = norm2(H);
      // |Δdet| ≤ Σᵢ |Πⱼ≠ᵢ λⱼ|·|Δλᵢ| ≤ n·‖H‖ⁿ⁻¹·(c·ε·‖H‖)
      const prod = values.reduce((a, b) => a * b, 1);
      assertClose(determinant(H), prod, { atol: 100 * n * n * EPS * s ** n, rtol: 0 });
    }),
    { seed: 42, numRuns: 200 },
  );
  // exact cases
  check(determinant([[0, 1], [1, 0]]) === -1, "a swap has det −1");
  check(determinant([[1, 2, 3], [2, 4, 6], [1, 0, 1]]) === 0, "dependent rows");
  assertClose(determinant([[2, 0, 0], [0, 3, 0], [0, 0, 4]]), 24);
});

Deno.test("QΛQᵀ = H and QᵀQ = I on random symmetric matrices", () => {
  fc.assert(
    fc.property(symmetricArb, (H) => {
      const e = eigh(H);
      const n = H.length, s = norm2(H);
      assertAllClose(reconstruct(e), H, { atol: 100 * n * EPS * s, rtol: 0, label: "QΛQᵀ" });
      const Q = new Matrix(e.Q);
      const QtQ = Q.transpose().mmul(Q).to2DArray();
      assertAllClose(QtQ, Matrix.eye(n).to2DArray(), { atol: 100 * n * EPS, rtol: 0 });
      // each column of Q is the eigenvector vectors[k], and H v = λ v
      for (let k = 0; k < n; k++) {
        const v = e.vectors[k];
        assertClose(quadraticForm(H, v), e.values[k], { atol: 100 * n * EPS * s, rtol: 0 });
        for (let i = 0; i < n; i++) check(e.Q[i][k] === v[i], "Q[i][k] = vectors[k][i]");
      }
    }),
    { seed: 42, numRuns: 200 },
  );
});

Deno.test("eigh recovers a prescribed spectrum; randomOrthogonal is orthogonal and seeded", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 9 }),
      fc.integer({ min: 0, max: 1e6 }),
      (values, seed) => {
        const n = values.length;
        const Q = randomOrthogonal(n, { seed });
        const QtQ = new Matrix(Q).transpose().mmul(new Matrix(Q)).to2DArray();
        assertAllClose(QtQ, Matrix.eye(n).to2DArray(), { atol: 50 * n * EPS, rtol: 0 });
        const H = matrixWithSpectrum(values, { seed });
        const sorted = values.slice().sort((a, b) => a - b);
        const s = Math.max(1e-300, ...values.map(Math.abs));
        assertAllClose(eigh(H).values, sorted, { atol: 100 * n * EPS * s, rtol: 0 });
      },
    ),
    { seed: 42, numRuns: 150 },
  );
  assertAllClose(randomOrthogonal(4, { seed: 9 }), randomOrthogonal(4, { seed: 9 }), {
    rtol: 0,
    atol: 0,
  });
  // Q from a QR of a Gaussian matrix in ml-matrix, for comparison: same structure
  const qr = new QrDecomposition(new Matrix(randomOrthogonal(5, { seed: 2 })));
  const R = qr.upperTriangularMatrix;
  for (let i = 0; i < 5; i++) assertClose(Math.abs(R.get(i, i)), 1, { rtol: 1e-13 });
});

// An independent high-precision reference for the 2×2 closed form.
const big = create(all, { number: "BigNumber", precision: 1000 });
function reference2x2(a: number, b: number, c: number): [number, number] {
  const scope = { a: big.bignumber(a), b: big.bignumber(b), c: big.bignumber(c) };
  const lo = big.evaluate("((a + c) - sqrt((a - c)^2 + 4 b^2)) / 2", scope);
  const hi = big.evaluate("((a + c) + sqrt((a - c)^2 + 4 b^2)) / 2", scope);
  return [Number(lo), Number(hi)];
}

Deno.test("2×2 closed form agrees with the EVD on random symmetric 2×2 matrices", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      (a, b, c) => {
        const closed = eigenvalues2x2(a, b, c);
        const H = [[a, b], [b, c]];
        const s = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), 1e-300);
        assertAllClose(closed, eigh(H).values, { atol: 8 * EPS * s, rtol: 0 });
        check(closed[0] <= closed[1], "ascending");
      },
    ),
    { seed: 42, numRuns: 500 },
  );
});

Deno.test("2×2 closed form stays accurate for tiny b and huge dynamic range", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -150, max: 150 }),
      fc.integer({ min: -150, max: 150 }),
      fc.integer({ min: -300, max: 0 }),
      fc.double({ min: 1, max: 10, noNaN: true }),
      fc.double({ min: 1, max: 10, noNaN: true }),
      fc.double({ min: -1, max: 1, noNaN: true }),
      fc.boolean(),
      fc.boolean(),
      (ea, ec, eb, ma, mc, mb, na, nc) => {
        const a = (na ? -1 : 1) * ma * 10 ** ea;
        const c = (nc ? -1 : 1) * mc * 10 ** ec;
        // b tiny relative to the smaller diagonal entry
        const b = mb * Math.min(Math.abs(a), Math.abs(c)) * 10 ** (eb / 20 - 1);
        const closed = eigenvalues2x2(a, b, c);
        const ref = reference2x2(a, b, c);
        // both roots to a few ulps, relatively, even the small one
        for (let i = 0; i < 2; i++) {
          assertClose(closed[i], ref[i], { rtol: 8 * EPS, atol: 0, label: `λ${i}` });
        }
        // and the EVD agrees to its own (absolute, ε‖H‖) accuracy
        const s = Math.max(Math.abs(a), Math.abs(c));
        assertAllClose(closed, eigh([[a, b], [b, c]]).values, { atol: 8 * EPS * s, rtol: 0 });
      },
    ),
    { seed: 42, numRuns: 400 },
  );
  // The textbook form cancels; the closed form here does not.
  const [small] = eigenvalues2x2(1, 1e-30, 1e-20);
  assertClose(small, 1e-20, { rtol: 1e-15, atol: 0 });
  const naive = (1 + 1e-20 - Math.sqrt((1 - 1e-20) ** 2 + 4e-60)) / 2;
  check(naive === 0, "the naive formula loses the small root entirely");
  // no overflow with entries near the float64 limit
  const [lo, hi] = eigenvalues2x2(1e300, 1e300, 1e300);
  assertClose(hi, 2e300, { rtol: 1e-15 });
  assertClose(lo, 0, { atol: 1e285 });
  assertAllClose(eigenvalues2x2(2, 0, -2), [-2, 2], { rtol: 0, atol: 0 });
  assertAllClose(eigenvalues2x2(0, 0, 0), [0, 0], { rtol: 0, atol: 0 });
  assertAllClose(eigenvalues2x2(3, 0, 3), [3, 3], { rtol: 0, atol: 0 });
  check(
    errorOf(() => eigenvalues2x2(1, NaN, 2)).startsWith("Cannot compute 2×2 eigenvalues: b"),
    "NaN",
  );
});

Deno.test("quadratic form vᵀHv: eigenvectors give eigenvalues, and it matches Σᵢⱼ vᵢhᵢⱼvⱼ via ml-matrix", () => {
  const r = new Rng(5);
  for (let t = 0; t < 30; t++) {
    const n = 1 + r.int(7);
    const H = randomSymmetric(r, n), v = Array.from(r.normalVector(n));
    const mv = new Matrix([v]).mmul(new Matrix(H)).mmul(Matrix.columnVector(v)).get(0, 0);
    assertClose(quadraticForm(H, v), mv, { rtol: 1e-12, atol: 1e-12 });
  }
  check(quadraticForm([[2, 0], [0, -2]], [1, 1]) === 0, "x² − y² is flat along the diagonal");
});

Deno.test("condition number: known spectra, ∞ when singular, |λ| ratio when indefinite", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      fc.integer({ min: 0, max: 1e6 }),
      (mags, negs, seed) => {
        const values = mags.map((m, i) => (negs[i] ? -m : m));
        const H = matrixWithSpectrum(values, { seed });
        const expected = Math.max(...mags) / Math.min(...mags);
        assertClose(conditionNumber(H), expected, { rtol: 1e-11 });
      },
    ),
    { seed: 42, numRuns: 150 },
  );
  check(conditionNumber(matrixWithSpectrum([0, 1, 2], { seed: 1 })) === Infinity, "λ = 0");
  check(conditionNumber([[0]]) === Infinity, "zero matrix");
  check(conditionNumber([[1, 1], [1, 1]]) === Infinity, "rank one");
  // tol 0: the raw ratio of a nearly singular matrix
  assertClose(conditionNumber([[1, 0], [0, 1e-17]], { tol: 0 }), 1e17, { rtol: 1e-12 });
  check(conditionNumber([[1, 0], [0, 1e-17]]) === Infinity, "below n·ε counts as singular");
  assertClose(conditionNumber([[1, 0], [0, 1e-12]]), 1e12, { rtol: 1e-12 });
  check(errorOf(() => conditionNumber([[1]], { tol: -1 })).includes("tol"), "bad tol");
});

Deno.test("classifyCriticalPoint and definiteness on known spectra and the paper's examples", () => {
  const cases: [number[], string, string][] = [
    [[1, 2, 3], "minimum", "positive definite"],
    [[-1, -2, -3], "maximum", "negative definite"],
    [[-1, 2, 3], "saddle", "indefinite"],
    [[0, 2, 3], "degenerate", "positive semidefinite"],
    [[0, -2, -3], "degenerate", "negative semidefinite"],
    [[0, -2, 3], "degenerate", "indefinite"],
    [[0, 0], "degenerate", "zero"],
    [[1e-10, 1], "degenerate", "positive semidefinite"], // ≤ 1e-9·max(1, 1)
    [[1e-8, 1], "minimum", "positive definite"],
    [[1e-4, 1e6], "degenerate", "positive semidefinite"], // 1e-4 ≤ 1e-9·1e6
    [[2e-3, 1e6], "minimum", "positive definite"],
  ];
  cases.push([[-5e-10, 0.5], "degenerate", "positive semidefinite"]); // max(1, 0.5) = 1
  for (const [values, kind, def] of cases) {
    check(classifyEigenvalues(values) === kind, `${values}: ${classifyEigenvalues(values)}`);
    const H = matrixWithSpectrum(values, { seed: 3 });
    // the EVD of H gets the zero eigenvalue only to ~1e-16, well inside the rule's tolerance
    check(classifyCriticalPoint(H) === kind, `H(${values}) → ${classifyCriticalPoint(H)}`);
    check(definiteness(H) === def, `H(${values}) → ${definiteness(H)}`);
  }
  check(classifyCriticalPoint([[2, 0], [0, -2]]) === "saddle", "x² − y² at 0");
  check(classifyCriticalPoint([[2, 0], [0, 0]]) === "degenerate", "x² in 2D");
  check(errorOf(() => classifyEigenvalues([])).includes("eigenvalues is empty"), "empty");
  check(errorOf(() => classifyEigenvalues([1, NaN])).includes("eigenvalues[1] is NaN"), "NaN");
});

Deno.test("cholesky: LLᵀ = A on SPD matrices, solve matches ml-matrix, collinear Gram rejected", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      const r = new Rng(seed);
      const X = Array.from({ length: n + 3 }, () => Array.from(r.normalVector(n)));
      const A = new Matrix(X).transpose().mmul(new Matrix(X)).to2DArray();
      const L = cholesky(A);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) check(L[i][j] === 0, "lower");
      const s = norm2(A);
      assertAllClose(new Matrix(L).mmul(new Matrix(L).transpose()).to2DArray(), A, {
        atol: 50 * n * EPS * s,
        rtol: 0,
      });
      const b = Array.from(r.normalVector(n));
      const x = choleskySolve(A, b);
      const ref = solve(new Matrix(A), Matrix.columnVector(b)).to1DArray();
      assertAllClose(x, ref, { rtol: 1e-8, atol: 1e-10 });
    }),
    { seed: 42, numRuns: 100 },
  );
  // Exactly collinear columns: the last is a combination of the others.
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 0, max: 1e6 }), (p, seed) => {
      const r = new Rng(seed);
      const w = Array.from(r.normalVector(p - 1), (x) => Math.round(x * 4) / 4 || 1);
      const X = Array.from({ length: p + 5 }, () => {
        const row = Array.from(r.normalVector(p - 1));
        row.push(row.reduce((s, x, i) => s + w[i] * x, 0));
        return row;
      });
      const G = new Matrix(X).transpose().mmul(new Matrix(X)).to2DArray();
      const msg = errorOf(() => cholesky(G));
      check(msg.includes("not positive definite"), `collinear Gram accepted (${msg})`);
    }),
    { seed: 42, numRuns: 200 },
  );
  check(errorOf(() => cholesky([[1, 2], [0, 1]])).includes("not symmetric"), "asymmetric");
  check(errorOf(() => cholesky([[-1]])).includes("pivot 0 is -1"), "negative pivot");
  check(errorOf(() => choleskySolve([[1]], [1, 2])).includes("b has length 2"), "b length");
});

Deno.test("bad input is rejected clearly by every routine", () => {
  const routines: [string, (m: unknown) => unknown][] = [
    ["trace", (m) => trace(m as number[][])],
    ["determinant", (m) => determinant(m as number[][])],
    ["eigh", (m) => eigh(m as number[][])],
    ["conditionNumber", (m) => conditionNumber(m as number[][])],
    ["classifyCriticalPoint", (m) => classifyCriticalPoint(m as number[][])],
    ["definiteness", (m) => definiteness(m as number[][])],
    ["quadraticForm", (m) => quadraticForm(m as number[][], [1, 1])],
    ["cholesky", (m) => cholesky(m as number[][])],
  ];
  const bad: [unknown, string][] = [
    [[[1, 2, 3], [4, 5, 6]], "not square"],
    [[[1, 2], [3]], "ragged"],
    [[], "empty"],
    [[[1, NaN], [NaN, 1]], "NaN, not a finite number"],
    [[[1, Infinity], [0, 1]], "Infinity, not a finite number"],
    [[[1, 2], [2, "x"]], '[1][1] is "x", not a finite number'],
    ["abc", "expected a matrix"],
  ];
  for (const [name, fn] of routines) {
    for (const [m, reason] of bad) {
      const msg = errorOf(() => fn(m));
      check(
        msg.startsWith("Cannot ") && msg.includes(reason),
        `${name}: "${msg}" lacks "${reason}"`,
      );
    }
  }
  check(errorOf(() => quadraticForm([[1, 0], [0, 1]], [1])).includes("v has length 1"), "v length");
  check(errorOf(() => quadraticForm([[1, 0], [0, 1]], [1, NaN])).includes("v[1] is NaN"), "v NaN");
  check(
    errorOf(() => reconstruct({ values: [1, 2], vectors: [[1, 0]] })).includes(
      "vectors has 1 rows, expected 2",
    ),
    "reconstruct mismatch",
  );
  check(errorOf(() => matrixWithSpectrum([])).includes("values is empty"), "empty spectrum");
  check(errorOf(() => randomOrthogonal(0)).includes("positive integer"), "n = 0");
});

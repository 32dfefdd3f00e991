/**
 * Hessians from autodiff against closed forms derived by hand and coded
 * independently with plain loops (no autodiff in the reference).
 */
import fc from "fast-check";
import { assertAllClose, check } from "../../lib/assert.ts";
import { ad, grad, hessian, hvp, type Tensor, valueAndGrad } from "../../lib/autodiff/mod.ts";
import { Rng } from "../../lib/random.ts";

const seeds = fc.integer({ min: 0, max: 1e6 });
const rows = (rng: Rng, m: number, n: number) =>
  Array.from({ length: m }, () => Array.from(rng.normalVector(n)));

Deno.test("quadratic form: ∇(xᵀAx) = (A+Aᵀ)x and ∇²(xᵀAx) = A+Aᵀ for non-symmetric A", () => {
  fc.assert(
    fc.property(seeds, fc.integer({ min: 1, max: 9 }), (seed, n) => {
      const rng = new Rng(seed);
      const A = rows(rng, n, n), x = rng.normalVector(n);
      const f = (p: Tensor) => ad.matmul(p, ad.matmul(A, p));
      const S = A.map((r, i) => r.map((a, j) => a + A[j][i]));
      assertAllClose(hessian(f)(x), S, { rtol: 1e-13, atol: 1e-13 });
      const Sx = S.map((r) => r.reduce((s, a, j) => s + a * x[j], 0));
      assertAllClose(grad(f)(x), Sx, { rtol: 1e-12, atol: 1e-12 });
    }),
    { seed: 42, numRuns: 30 },
  );
});

Deno.test("linear least squares: ∇² mean((Xw − y)²) = (2/N)·XᵀX, independent of w and y", () => {
  fc.assert(
    fc.property(
      seeds,
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 6 }),
      (seed, N, d) => {
        const rng = new Rng(seed);
        const X = rows(rng, N, d), y = Array.from(rng.normalVector(N)), w = rng.normalVector(d);
        const f = (p: Tensor) => ad.mse(ad.matmul(X, p), y);
        const expected = Array.from(
          { length: d },
          (_, a) =>
            Array.from({ length: d }, (_, b) => (2 / N) * X.reduce((s, r) => s + r[a] * r[b], 0)),
        );
        assertAllClose(hessian(f)(w), expected, { rtol: 1e-12, atol: 1e-13 });
        // gradient (2/N)·Xᵀ(Xw − y)
        const r = X.map((row, i) => row.reduce((s, a, j) => s + a * w[j], 0) - y[i]);
        const g = Array.from(
          { length: d },
          (_, a) => (2 / N) * X.reduce((s, row, i) => s + row[a] * r[i], 0),
        );
        assertAllClose(grad(f)(w), g, { rtol: 1e-12, atol: 1e-13 });
      },
    ),
    { seed: 42, numRuns: 30 },
  );
});

Deno.test("logistic regression: ∇² = (1/N)·Xᵀ diag(σ(z)(1−σ(z))) X", () => {
  fc.assert(
    fc.property(
      seeds,
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 6 }),
      (seed, N, d) => {
        const rng = new Rng(seed);
        const X = rows(rng, N, d), w = rng.normalVector(d);
        const y = Array.from({ length: N }, () => rng.int(2));
        // mean over samples of log(1 + e^z) − y·z, z = x·w (the logistic negative log-likelihood)
        const f = (p: Tensor) => {
          const z = ad.matmul(X, p);
          return ad.mean(ad.sub(ad.softplus(z), ad.mul(z, y)));
        };
        const z = X.map((row) => row.reduce((s, a, j) => s + a * w[j], 0));
        const s = z.map((v) => 1 / (1 + Math.exp(-v)));
        const expected = Array.from({ length: d }, (_, a) =>
          Array.from(
            { length: d },
            (_, b) => X.reduce((acc, row, i) => acc + row[a] * row[b] * s[i] * (1 - s[i]), 0) / N,
          ));
        assertAllClose(hessian(f)(w), expected, { rtol: 1e-11, atol: 1e-14 });
        const g = Array.from(
          { length: d },
          (_, a) => X.reduce((acc, row, i) => acc + row[a] * (s[i] - y[i]), 0) / N,
        );
        assertAllClose(grad(f)(w), g, { rtol: 1e-11, atol: 1e-14 });
      },
    ),
    { seed: 42, numRuns: 30 },
  );
});

Deno.test("softmax regression: ∇² = (1/N)·Σᵢ (diag pᵢ − pᵢpᵢᵀ) ⊗ xᵢxᵢᵀ", () => {
  fc.assert(
    fc.property(
      seeds,
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 2, max: 4 }),
      (seed, N, d, C) => {
        const rng = new Rng(seed);
        const X = rows(rng, N, d), W = rng.normalVector(d * C);
        const y = Array.from({ length: N }, () => rng.int(C));
        const f = (p: Tensor) => ad.softmaxCrossEntropy(ad.matmul(X, ad.reshape(p, [d, C])), y);
        // parameter (a, c) sits at a·C + c (row-major W of shape [d, C])
        const P = X.map((row) => {
          const z = Array.from(
            { length: C },
            (_, c) => row.reduce((s, v, a) => s + v * W[a * C + c], 0),
          );
          const m = Math.max(...z);
          const e = z.map((v) => Math.exp(v - m));
          const t = e.reduce((s, v) => s + v, 0);
          return e.map((v) => v / t);
        });
        const n = d * C;
        const expected = Array.from({ length: n }, () => new Array<number>(n).fill(0));
        for (let i = 0; i < N; i++) {
          for (let a = 0; a < d; a++) {
            for (let c = 0; c < C; c++) {
              for (let b = 0; b < d; b++) {
                for (let e = 0; e < C; e++) {
                  const curv = (c === e ? P[i][c] : 0) - P[i][c] * P[i][e];
                  expected[a * C + c][b * C + e] += (X[i][a] * X[i][b] * curv) / N;
                }
              }
            }
          }
        }
        assertAllClose(hessian(f)(W), expected, { rtol: 1e-11, atol: 1e-14 });
        // loss: mean of −log p_{y_i}
        const loss = P.reduce((s, p, i) => s - Math.log(p[y[i]]), 0) / N;
        assertAllClose(valueAndGrad(f)(W).value, loss, { rtol: 1e-13 });
      },
    ),
    { seed: 42, numRuns: 30 },
  );
});

Deno.test("a separable function has the diagonal Hessian of its activations' f″", () => {
  // f(x) = Σ tanh(xᵢ) + softplus(xᵢ) + sigmoid(xᵢ): H = diag(tanh″ + softplus″ + σ″)
  fc.assert(
    fc.property(seeds, (seed) => {
      const x = new Rng(seed).normalVector(5);
      const f = (p: Tensor) => ad.sum(ad.add(ad.add(ad.tanh(p), ad.softplus(p)), ad.sigmoid(p)));
      const H = hessian(f)(x);
      const expected = Array.from({ length: 5 }, (_, i) =>
        Array.from({ length: 5 }, (_, j) => {
          if (i !== j) return 0;
          const t = Math.tanh(x[i]), s = 1 / (1 + Math.exp(-x[i]));
          return -2 * t * (1 - t * t) + s * (1 - s) + s * (1 - s) * (1 - 2 * s);
        }));
      assertAllClose(H, expected, { rtol: 1e-10, atol: 1e-14 });
    }),
    { seed: 42, numRuns: 30 },
  );
});

Deno.test("HVP equals the Hessian times v, and batched HVPs equal single ones", () => {
  const rng = new Rng(5);
  const X = rows(rng, 6, 3), y = [0, 1, 2, 1, 0, 2];
  const f = (p: Tensor) => {
    const W1 = ad.view(p, 0, [3, 4]), W2 = ad.view(p, 12, [4, 3]);
    return ad.softmaxCrossEntropy(ad.matmul(ad.tanh(ad.matmul(X, W1)), W2), y);
  };
  const x = rng.normalVector(24), v = rng.normalVector(24);
  const H = hessian(f)(x);
  const Hv = H.map((r) => r.reduce((s, a, j) => s + a * v[j], 0));
  assertAllClose(hvp(f)(x, v), Hv, { rtol: 1e-11, atol: 1e-14 });
  for (const batch of [1, 5, 24, 100]) {
    assertAllClose(hessian(f, { batch })(x), H, {
      rtol: 1e-12,
      atol: 1e-15,
      label: `batch ${batch}`,
    });
  }
  check(H.every((r, i) => r.every((a, j) => a === H[j][i])), "symmetrized");
});

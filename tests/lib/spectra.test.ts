import fc from "fast-check";
import { Matrix, solve } from "ml-matrix";
import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { eigh, type LinearOperator, matrixWithSpectrum } from "../../lib/linalg/mod.ts";
import { Rng } from "../../lib/random.ts";
import {
  conjugateGradient,
  hessianDiagonal,
  hutchinson,
  hutchinsonDiagonal,
  hutchPlusPlus,
  lanczos,
  powerIteration,
  slqDensity,
} from "../../lib/spectra/mod.ts";
import { tridiagonalEigen } from "../../lib/spectra/_tridiagonal.ts";
import { normalQuantile } from "../../lib/stats/normalQuantile.ts";
import { errorOf, randomSymmetric } from "./_helpers.ts";

function randomSpd(r: Rng, n: number): number[][] {
  const X = new Matrix(Array.from({ length: n + 5 }, () => Array.from(r.normalVector(n))));
  return X.transpose().mmul(X).to2DArray();
}

const matvec = (A: number[][], v: ArrayLike<number>) =>
  A.map((row) => row.reduce((s, a, j) => s + a * v[j], 0));
const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
const dotp = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((s, x, i) => s + x * b[i], 0);

/** An operator that only exposes apply (a "closure"), counting its own calls. */
function closure(A: number[][]): LinearOperator & { calls: number } {
  const op = {
    size: A.length,
    calls: 0,
    apply(v: Float64Array) {
      op.calls++;
      return Float64Array.from(matvec(A, v));
    },
  };
  return op;
}

Deno.test("tridiagonal QL: eigenvalues and eigenvector rows match the dense EVD", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 1e6 }), (m, seed) => {
      const r = new Rng(seed);
      const alpha = Array.from(r.normalVector(m)), beta = Array.from(r.normalVector(m - 1 || 0));
      if (m > 3) beta[1] = 0; // a split
      const T = alpha.map((a, i) =>
        alpha.map((_, j) => (i === j ? a : Math.abs(i - j) === 1 ? beta[Math.min(i, j)] : 0))
      );
      const e = eigh(T);
      const rows = Array.from({ length: m }, (_, i) => i);
      const t = tridiagonalEigen(alpha, beta, rows);
      assertAllClose(t.values, e.values, { atol: 1e-13, rtol: 0 });
      // eigenvectors up to sign: |sₖ · vₖ| = 1 (only when eigenvalues are simple)
      const gaps = e.values.slice(1).map((x, i) => x - e.values[i]);
      if (gaps.every((g) => g > 1e-6)) {
        for (let k = 0; k < m; k++) {
          let d = 0;
          for (let i = 0; i < m; i++) d += t.rows[i][k] * e.vectors[k][i];
          assertClose(Math.abs(d), 1, { rtol: 1e-9 });
        }
      }
    }),
    { seed: 42, numRuns: 150 },
  );
});

Deno.test("lanczos: extreme eigenvalues match the dense EVD to 1e-8 relative (SPD and indefinite)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 10, max: 120 }),
      fc.integer({ min: 0, max: 1e6 }),
      fc.boolean(),
      (n, seed, spd) => {
        const r = new Rng(seed);
        const A = spd ? randomSpd(r, n) : randomSymmetric(r, n);
        const { values, vectors } = eigh(A);
        const k = Math.min(3, n);
        const op = closure(A);
        const res = lanczos(op, { top: k, bottom: k, seed: seed + 1 });
        check(res.converged, `converged (n = ${n})`);
        check(res.matvecs === op.calls && res.matvecs === res.steps, "cost is the steps taken");
        const scale = Math.max(...values.map(Math.abs));
        for (let i = 0; i < k; i++) {
          assertClose(res.top.values[i], values[n - 1 - i], { rtol: 1e-8, atol: 0 });
          assertClose(res.bottom.values[i], values[i], { rtol: 1e-8, atol: 0 });
        }
        // Ritz vectors align with the eigenvectors, and the reported residuals are true ones
        for (
          const [pairs, idx] of [[res.top, (i: number) => n - 1 - i], [
            res.bottom,
            (i: number) => i,
          ]] as const
        ) {
          pairs.values.forEach((theta, i) => {
            const y = pairs.vectors[i];
            assertClose(norm(y), 1, { rtol: 1e-12 });
            assertClose(Math.abs(dotp(y, vectors[idx(i)])), 1, { rtol: 1e-7 });
            const Ay = matvec(A, y), resid = norm(Ay.map((x, j) => x - theta * y[j]));
            assertClose(pairs.residuals[i], resid, { atol: 1e-12 * scale, rtol: 0.01 });
            check(resid <= 1e-10 * scale * 1.01 + 1e-13 * scale, "residual within tolerance");
          });
        }
      },
    ),
    { seed: 42, numRuns: 40 },
  );
});

Deno.test("lanczos gap bound: stops earlier, still accurate to about tol·‖A‖", () => {
  let saved = 0;
  for (let seed = 0; seed < 20; seed++) {
    const r = new Rng(seed);
    const n = 150;
    const A = seed % 2 ? randomSpd(r, n) : randomSymmetric(r, n);
    const { values } = eigh(A);
    const scale = Math.max(...values.map(Math.abs));
    const strict = lanczos(A, { top: 2, bottom: 1, tol: 1e-6, seed: seed + 7 });
    const gap = lanczos(A, { top: 2, bottom: 1, tol: 1e-6, seed: seed + 7, convergence: "gap" });
    check(gap.converged && strict.converged, "converged");
    check(gap.steps <= strict.steps, `gap ${gap.steps} ≤ residual ${strict.steps}`);
    saved += strict.steps - gap.steps;
    for (let i = 0; i < 2; i++) {
      assertClose(gap.top.values[i], values[n - 1 - i], { atol: 1e-6 * scale, rtol: 0 });
      assertClose(strict.top.values[i], values[n - 1 - i], { atol: 1e-6 * scale, rtol: 0 });
      // the rigorous part: some eigenvalue lies within the residual of θ
      const theta = strict.top.values[i];
      const nearest = Math.min(...values.map((l) => Math.abs(l - theta)));
      check(nearest <= strict.top.residuals[i] * 1.0001 + 1e-13 * scale, "residual bound");
    }
    assertClose(gap.bottom.values[0], values[0], { atol: 1e-6 * scale, rtol: 0 });
  }
  check(saved > 0, "the gap bound saves steps");
  check(
    errorOf(() => lanczos([[1]], { convergence: "x" as never })).includes("convergence"),
    "option",
  );
});

Deno.test("lanczos: repeated eigenvalues are recovered through restarts; T's Ritz values interlace", () => {
  const A = matrixWithSpectrum([1, 1, 1, 2, 2, 3], { seed: 4 });
  const res = lanczos(A, { top: 6 });
  assertAllClose(res.top.values, [3, 2, 2, 1, 1, 1], { atol: 1e-12, rtol: 0 });
  check(res.beta.filter((b) => b === 0).length >= 1, "restarted after an invariant subspace");
  check(res.matvecs === 6, "n products");
  const id = lanczos([[5, 0], [0, 5]], { top: 2 });
  assertAllClose(id.top.values, [5, 5], { atol: 1e-14, rtol: 0 });
});

Deno.test("lanczos without reorthogonalization warns about ghosts, and ghosts do appear", () => {
  // A spectrum with well separated large eigenvalues: the top ones converge
  // early and, without reorthogonalization, come back as copies.
  const r = new Rng(7);
  const n = 200;
  const spectrum = Array.from({ length: n }, (_, i) => (i < 3 ? 100 - 10 * i : r.uniform()));
  const A = matrixWithSpectrum(spectrum, { seed: 1 });
  const plain = lanczos(A, { top: 4, reorthogonalize: false, maxSteps: 150, tol: 1e-14 });
  check(plain.warnings.some((w) => w.includes("ghost")), "warning present");
  const copiesOf100 = plain.ritzValues.filter((x) => Math.abs(x - 100) < 1e-6).length;
  check(copiesOf100 >= 2, `ghost copies of 100 expected, found ${copiesOf100}`);
  const full = lanczos(A, { top: 4, maxSteps: 150, tol: 1e-14 });
  check(full.warnings.length === 0, "no warning with reorthogonalization");
  const copies = full.ritzValues.filter((x) => Math.abs(x - 100) < 1e-6).length;
  check(copies === 1, `exactly one 100 with reorthogonalization, got ${copies}`);
  assertAllClose(full.top.values, [100, 90, 80, Math.max(...spectrum.slice(3))], {
    rtol: 1e-10,
    atol: 0,
  });
});

Deno.test("powerIteration + deflation matches the top k of the dense EVD; shift gives λmin", () => {
  fc.assert(
    fc.property(fc.integer({ min: 8, max: 40 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      // well separated ends so that power iteration converges in reasonable time
      const r = new Rng(seed);
      const mid = Array.from({ length: n - 6 }, () => r.uniform() * 2 - 1);
      const spectrum = [-9, -6.5, -5, ...mid, 6, 8, 12].map((x) => x * (1 + 0.01 * r.uniform()));
      // (a different seed for the eigenbasis: with the same seed, the first start
      // vector would be exactly the first Gaussian column, i.e. an eigenvector)
      const A = matrixWithSpectrum(spectrum, { seed: seed + 1 });
      const { values } = eigh(A);
      const top = powerIteration(A, { k: 3, seed, tol: 1e-10 });
      check(top.converged.every(Boolean), "converged");
      assertAllClose(top.values, [values[n - 1], values[n - 2], values[n - 3]], { rtol: 1e-12 });
      top.vectors.forEach((v, i) => {
        const res = norm(matvec(A, v).map((x, j) => x - top.values[i] * v[j]));
        assertClose(top.residuals[i], res, { rtol: 1e-6, atol: 1e-14 });
      });
      // cost: the iterations, plus the run that revealed a negative dominant eigenvalue
      const its = top.iterations.reduce((a, b) => a + b, 0);
      check(top.shift === 0 ? top.matvecs === its : top.matvecs > its, "cost");
      const low = powerIteration(A, { k: 2, which: "smallest", seed, tol: 1e-10 });
      assertAllClose(low.values, [values[0], values[1]], { rtol: 1e-12 });
      // |λmax| > |λmin| here, so the smallest end needs the shift −A + |λmax|·I
      assertClose(low.shift, -values[n - 1], { rtol: 1e-9 });
      const mag = powerIteration(A, { k: 2, which: "magnitude", seed, tol: 1e-10 });
      assertAllClose(mag.values, [values[n - 1], values[0]], { rtol: 1e-12 });
    }),
    { seed: 42, numRuns: 25 },
  );
  // λmax when the dominant eigenvalue is negative: a shift is needed and reported
  const B = matrixWithSpectrum([-10, -1, 0.5, 2, 3], { seed: 2 });
  const p = powerIteration(B, { k: 2, tol: 1e-12 });
  assertAllClose(p.values, [3, 2], { rtol: 1e-10 });
  check(p.shift === 10 || Math.abs(p.shift - 10) < 1e-9, `shift ${p.shift}`);
  const q = powerIteration(B.map((row) => row.map((x) => -x)), { which: "smallest", tol: 1e-12 });
  assertClose(q.values[0], -3, { rtol: 1e-10 });
});

Deno.test("hutchinson: unbiased, error shrinks like 1/√samples (slope fitted over seeds)", () => {
  const r = new Rng(3);
  const n = 40;
  const A = randomSymmetric(r, n);
  const exact = A.reduce((s, row, i) => s + row[i], 0);
  // Rademacher variance of one probe: 2(‖A‖_F² − Σ aᵢᵢ²)
  let off = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) off += A[i][j] ** 2;
  const sd1 = Math.sqrt(2 * off);
  const sizes = [8, 32, 128, 512];
  const seeds = 60;
  const rmse = sizes.map((s) => {
    let se2 = 0, reported = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const h = hutchinson(A, { samples: s, seed: 1000 * s + seed });
      se2 += (h.estimate - exact) ** 2;
      reported += h.standardError;
      check(h.matvecs === s && h.sampleValues.length === s, "one product per sample");
    }
    // the reported standard error estimates the true one
    assertClose(reported / seeds, sd1 / Math.sqrt(s), { rtol: 0.15 });
    return Math.sqrt(se2 / seeds);
  });
  // slope of log(rmse) against log(samples)
  const x = sizes.map(Math.log), y = rmse.map(Math.log);
  const mx = x.reduce((a, b) => a + b) / x.length, my = y.reduce((a, b) => a + b) / y.length;
  const slope = x.reduce((s, xi, i) => s + (xi - mx) * (y[i] - my), 0) /
    x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
  assertClose(slope, -0.5, { atol: 0.08, rtol: 0, label: "slope" });
  // and the level matches the theory σ/√s
  sizes.forEach((s, i) => assertClose(rmse[i], sd1 / Math.sqrt(s), { rtol: 0.3 }));
  // 95% intervals cover the truth about 95% of the time
  let cover = 0;
  for (let seed = 0; seed < 300; seed++) {
    const [lo, hi] = hutchinson(A, { samples: 64, seed }).confidenceInterval;
    if (lo <= exact && exact <= hi) cover++;
  }
  check(cover / 300 > 0.9 && cover / 300 < 0.99, `coverage ${cover / 300}`);
  // a diagonal matrix has zero variance with Rademacher probes
  const D = hutchinson([[1, 0], [0, 5]], { samples: 3 });
  check(D.estimate === 6 && D.standardError === 0, "exact on diagonal matrices");
  // the normal critical value used for the interval
  assertClose(normalQuantile(0.975), 1.959963984540054, { rtol: 1e-14 });
});

Deno.test("hutchPlusPlus: beats Hutchinson on a decaying spectrum, exact when the sketch spans, costs its budget", () => {
  const n = 100;
  const spectrum = Array.from({ length: n }, (_, i) => 10 / (i + 1) ** 1.5);
  const A = matrixWithSpectrum(spectrum, { seed: 5 });
  const exact = spectrum.reduce((a, b) => a + b, 0);
  let errH = 0, errPP = 0, cover = 0;
  const seeds = 100;
  for (let seed = 0; seed < seeds; seed++) {
    const h = hutchinson(A, { samples: 99, seed });
    const pp = hutchPlusPlus(A, { budget: 99, seed });
    check(pp.matvecs === 99 && pp.rank === 33 && pp.samples === 33, "budget split 33/33/33");
    assertClose(pp.estimate, pp.lowRankTrace + pp.residualTrace, { rtol: 1e-15 });
    errH += (h.estimate - exact) ** 2;
    errPP += (pp.estimate - exact) ** 2;
    const [lo, hi] = pp.confidenceInterval;
    if (lo <= exact && exact <= hi) cover++;
  }
  check(Math.sqrt(errPP) < 0.2 * Math.sqrt(errH), `Hutch++ ${errPP} vs Hutchinson ${errH}`);
  check(cover / seeds > 0.85, `coverage of the conditional interval: ${cover / seeds}`);
  // a budget of ≥ 3n would sketch everything: the trace is taken exactly
  const small = matrixWithSpectrum([3, -1, 2, 0.5], { seed: 1 });
  const full = hutchPlusPlus(small, { budget: 12 });
  assertClose(full.estimate, 4.5, { rtol: 1e-13 });
  check(full.standardError === 0 && full.matvecs === 4, "n unit vectors, no sampling");
  // a low-rank matrix is captured by the sketch: residual part ≈ 0
  const lowRank = matrixWithSpectrum([5, 3, ...new Array(48).fill(0)], { seed: 2 });
  const lr = hutchPlusPlus(lowRank, { budget: 30, seed: 3 });
  assertClose(lr.estimate, 8, { rtol: 1e-10 });
  check(errorOf(() => hutchPlusPlus(A, { budget: 2 })).includes("budget"), "budget ≥ 3");
});

Deno.test("hessianDiagonal is exact; hutchinsonDiagonal is unbiased with the right standard error", () => {
  const r = new Rng(11);
  const n = 30;
  const A = randomSymmetric(r, n);
  const diag = A.map((row, i) => row[i]);
  const op = closure(A);
  const exact = hessianDiagonal(op, { batch: 7 });
  assertAllClose(exact.diagonal, diag, { rtol: 0, atol: 1e-15 });
  check(exact.matvecs === n && op.calls === n, "n products");
  const seeds = 200, samples = 50;
  const mean = new Float64Array(n), meanSe = new Float64Array(n);
  for (let seed = 0; seed < seeds; seed++) {
    const h = hutchinsonDiagonal(A, { samples, seed });
    check(h.matvecs === samples, "cost");
    for (let i = 0; i < n; i++) {
      mean[i] += h.diagonal[i] / seeds;
      meanSe[i] += h.standardError[i] / seeds;
    }
  }
  for (let i = 0; i < n; i++) {
    const sdI = Math.sqrt(A[i].reduce((s, a, j) => s + (j === i ? 0 : a * a), 0) / samples);
    // mean over 200 seeds has standard error sdI/√200
    assertClose(mean[i], diag[i], { atol: 4.5 * sdI / Math.sqrt(seeds), rtol: 0 });
    assertClose(meanSe[i], sdI, { rtol: 0.1 });
  }
  const d = hutchinsonDiagonal([[2, 0], [0, -3]], { samples: 2, distribution: "gaussian" });
  assertAllClose(d.diagonal, [2, -3], { rtol: 1e-15 });
});

Deno.test("slqDensity: integrates to 1 within 1%, matches the histogram of exact eigenvalues, exact moments", () => {
  const r = new Rng(21);
  const n = 300;
  // a bimodal spectrum, like a Hessian's bulk plus outliers
  const spectrum = Array.from(
    { length: n },
    (_, i) => (i < 240 ? r.normal() * 0.5 : 6 + r.normal() * 0.7),
  );
  const A = matrixWithSpectrum(spectrum, { seed: 8 });
  const exact = eigh(A).values;
  const res = slqDensity(A, { probes: 30, steps: 60, seed: 4 });
  check(Math.abs(res.integral - 1) < 0.01, `integral ${res.integral}`);
  check(res.matvecs === 30 * 60, "probes × steps products");
  res.weights.forEach((w) => assertClose(w.reduce((a, b) => a + b, 0), 1, { rtol: 1e-12 }));
  // bin masses against the histogram of the exact eigenvalues
  const lo = exact[0], hi = exact[n - 1], bins = 8, width = (hi - lo) / bins;
  const h = res.grid[1] - res.grid[0];
  for (let b = 0; b < bins; b++) {
    const a = lo + b * width, c = a + width;
    const hist = exact.filter((x) => x >= a && (b === bins - 1 ? x <= c : x < c)).length / n;
    let mass = 0;
    res.grid.forEach((t, i) => {
      if (t >= a && t < c) mass += res.density[i] * h;
    });
    assertClose(mass, hist, { atol: 0.05, rtol: 0, label: `bin ${b}` });
  }
  // against the Gaussian-broadened exact density, in L1
  const sigma = res.sigma;
  const smooth = res.grid.map((t) =>
    exact.reduce((s, l) => s + Math.exp(-0.5 * ((t - l) / sigma) ** 2), 0) /
    (n * sigma * Math.sqrt(2 * Math.PI))
  );
  const l1 = res.density.reduce((s, d, i) => s + Math.abs(d - smooth[i]) * h, 0);
  check(l1 < 0.25, `L1 distance ${l1}`);
  // Gauss quadrature is exact for polynomials of degree < 2m: with one probe v,
  // Σₖ τₖ θₖʲ = vᵀAʲv. Check j = 0..5 with m = 3 steps against dense powers.
  const q = slqDensity(A, { probes: 1, steps: 3, seed: 9 });
  const v = new Rng(9).rademacherVector(n).map((x) => x / Math.sqrt(n));
  let w = Array.from(v);
  for (let j = 0; j <= 5; j++) {
    const moment = q.nodes[0].reduce((s, t, k) => s + q.weights[0][k] * t ** j, 0);
    const ref = dotp(v, w);
    assertClose(moment, ref, { rtol: 1e-9, atol: 1e-9 * 6 ** j, label: `moment ${j}` });
    w = matvec(A, w);
  }
  // with m = n the nodes are the eigenvalues
  const B = matrixWithSpectrum([1, 2, 4, 8], { seed: 1 });
  const full = slqDensity(B, { probes: 1, steps: 4 });
  assertAllClose(full.nodes[0], [1, 2, 4, 8], { rtol: 1e-12 });
  // a user grid is honoured
  const g = slqDensity(B, { grid: [0, 1, 2], sigma: 0.5 });
  check(g.grid.length === 3 && g.density.length === 3, "grid");
});

Deno.test("conjugateGradient matches a dense solve, detects negative curvature, honours damping", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      const r = new Rng(seed);
      const A = randomSpd(r, n), b = Array.from(r.normalVector(n));
      const eps = r.uniform();
      const res = conjugateGradient(closure(A), b, { damping: eps });
      check(res.converged && !res.negativeCurvature, "converged");
      const Ae = A.map((row, i) => row.map((a, j) => a + (i === j ? eps : 0)));
      const ref = solve(new Matrix(Ae), Matrix.columnVector(b)).to1DArray();
      assertAllClose(res.x, ref, { rtol: 1e-7, atol: 1e-9 });
      const trueRes = norm(matvec(Ae, res.x).map((x, i) => x - b[i]));
      check(trueRes <= 1e-9 * norm(b), `true residual ${trueRes}`);
      check(res.matvecs === res.iterations, "one product per iteration");
    }),
    { seed: 42, numRuns: 60 },
  );
  // An indefinite matrix: CG meets a direction of negative curvature.
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      const r = new Rng(seed);
      const spectrum = Array.from({ length: n }, (_, i) => (i === 0 ? -1 : 0.5 + r.uniform()));
      const A = matrixWithSpectrum(spectrum, { seed });
      const b = Array.from(r.normalVector(n));
      const res = conjugateGradient(A, b);
      check(res.negativeCurvature && !res.converged, "negative curvature detected");
      const p = res.direction!;
      const curv = dotp(p, matvec(A, p)) / dotp(p, p);
      check(curv <= 0, `pᵀAp ≤ 0 (${curv})`);
      assertClose(res.curvature!, curv, { rtol: 1e-9, atol: 1e-12 });
      // damping past −λmin makes the system positive definite again
      const damped = conjugateGradient(A, b, { damping: 1.5 });
      check(damped.converged && !damped.negativeCurvature, "damped system solved");
      const ref = solve(
        new Matrix(A.map((row, i) => row.map((a, j) => a + (i === j ? 1.5 : 0)))),
        Matrix.columnVector(b),
      ).to1DArray();
      assertAllClose(damped.x, ref, { rtol: 1e-7, atol: 1e-9 });
    }),
    { seed: 42, numRuns: 40 },
  );
  const zero = conjugateGradient([[1, 0], [0, 1]], [0, 0]);
  check(zero.converged && zero.matvecs === 0 && zero.x.every((x) => x === 0), "b = 0");
  const capped = conjugateGradient(randomSpd(new Rng(1), 30), new Rng(2).normalVector(30), {
    maxIter: 3,
  });
  check(!capped.converged && capped.iterations === 3, "maxIter respected");
  const warm = conjugateGradient([[2, 0], [0, 4]], [2, 4], { x0: [1, 1] });
  check(warm.converged && warm.iterations === 0, "x0 already solves it");
});

Deno.test("spectral routines accept dense matrices and operators alike, and reject bad input", () => {
  const A = randomSymmetric(new Rng(2), 12);
  const a = lanczos(A, { top: 2, seed: 1 }), b = lanczos(closure(A), { top: 2, seed: 1 });
  assertAllClose(a.top.values, b.top.values, { rtol: 0, atol: 0 });
  const bad = { size: 2, apply: () => new Float64Array([1, NaN]) };
  check(
    errorOf(() => lanczos(bad)).includes("Cannot run Lanczos: the operator returned NaN"),
    "NaN",
  );
  const short = { size: 3, apply: () => new Float64Array(2) };
  check(errorOf(() => hutchinson(short)).includes("length 2, expected 3"), "length");
  check(
    errorOf(() => lanczos([[1, 2], [3]])).includes("Cannot run Lanczos: the matrix is ragged"),
    "ragged",
  );
  check(
    errorOf(() => lanczos({ size: 0, apply: (v: Float64Array) => v })).includes("size"),
    "size 0",
  );
  check(errorOf(() => lanczos(A, { top: 0 })).includes("at least one"), "nothing asked");
  check(
    errorOf(() => lanczos(A, { top: 13 })).includes("top must be an integer in [0, 12]"),
    "top",
  );
  check(errorOf(() => lanczos(A, { tol: -1 })).includes("tol"), "tol");
  check(errorOf(() => lanczos(A, { start: [1] })).includes("start"), "start");
  check(errorOf(() => powerIteration(A, { which: "middle" as never })).includes("which"), "which");
  check(errorOf(() => hutchinson(A, { samples: 1 })).includes("samples"), "samples ≥ 2");
  check(
    errorOf(() => hutchinson(A, { distribution: "x" as never })).includes("distribution"),
    "dist",
  );
  check(errorOf(() => hutchinson(A, { confidence: 1 })).includes("confidence"), "confidence");
  check(errorOf(() => slqDensity(A, { grid: [2, 1] })).includes("increasing"), "grid");
  check(errorOf(() => slqDensity(A, { sigma: 0 })).includes("sigma"), "sigma");
  check(errorOf(() => conjugateGradient(A, [1])).includes("b has length 1, expected 12"), "b");
  check(
    errorOf(() => conjugateGradient(A, new Array(12).fill(0), { damping: -1 })).includes("damping"),
    "damping",
  );
  check(errorOf(() => hessianDiagonal(A, { batch: 0 })).includes("batch"), "batch");
  // seeded: same seed, same answer; other seed, other probes
  const h1 = hutchinson(A, { seed: 5 }),
    h2 = hutchinson(A, { seed: 5 }),
    h3 = hutchinson(A, { seed: 6 });
  check(h1.estimate === h2.estimate && h1.estimate !== h3.estimate, "seeded");
});

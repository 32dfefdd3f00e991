// The sharpness tools (sharpness, sharpnessTracker, trackSharpness), the outlier rule
// (spectralOutliers), the true Fisher diagonal and the Chebyshev data, against independent answers.
import assert from "node:assert/strict";
import { dirname, join, resolve } from "node:path";
import fc from "fast-check";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import {
  assertAllClose,
  assertClose,
  chebyshevRegression,
  eigh,
  fisherDiagonal,
  gradientDescent,
  matrixWithSpectrum,
  Mlp,
  mlpObjective,
  momentum,
  quadraticObjective,
  Rng,
  sharpness,
  sharpnessRecorder,
  sharpnessTracker,
  spectralOutliers,
  trackSharpness,
} from "../../lib/mod.ts";
import { ROOT } from "../../tools/project.ts";
import { errorOf, randomSymmetric } from "./_helpers.ts";

/** The edge-of-stability problem of chapter 5: tanh [1, 30, 20, 1] on T₆ at 20 points. */
function eosProblem() {
  const net = new Mlp({ layers: [1, 30, 20, 1], activation: "tanh" });
  return { net, obj: mlpObjective(net, chebyshevRegression(), "mse") };
}

/** The largest eigenvalue by ml-matrix's dense symmetric EVD (independent of lib/linalg). */
function denseLambdaMax(H: ArrayLike<ArrayLike<number>>): number {
  const n = H.length;
  const sym = Array.from(
    { length: n },
    (_, i) => Array.from({ length: n }, (_, j) => (H[i][j] + H[j][i]) / 2),
  );
  const e = new EigenvalueDecomposition(new Matrix(sym), { assumeSymmetric: true });
  return Math.max(...e.realEigenvalues);
}

Deno.test("sharpness: one value on the edge-of-stability network equals λmax of a dense EVD of the exact Hessian", () => {
  const { net, obj } = eosProblem();
  const run = sharpnessTracker(obj, net.init({ seed: 1 }), { lr: 0.1, lanczos: { seed: 1 } });
  for (let t = 0; t < 300; t++) run.step();
  const s = run.sharpness();
  assert.ok(s.converged);
  assert.equal(net.size, 701);
  assertClose(s.value, denseLambdaMax(obj.hessian(run.x)), { rtol: 1e-10 });
  // The returned vector is a unit eigenvector: one more HVP gives λq.
  const Hq = obj.hvp(run.x, s.vector);
  assertAllClose(Hq, Array.from(s.vector, (q) => s.value * q), { atol: 1e-8 * s.value });
});

Deno.test("sharpness: the algebraically largest eigenvalue of random symmetric matrices (property)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      const A = randomSymmetric(new Rng(seed), n, 3);
      const q = quadraticObjective(A);
      const s = sharpness(q, new Float64Array(n), { seed });
      assertClose(s.value, eigh(A).values[n - 1], { rtol: 1e-9, atol: 1e-9 });
    }),
    { seed: 7, numRuns: 60 },
  );
  // λmax, not max|λ|: a large negative eigenvalue does not count.
  const s = sharpness(quadraticObjective(matrixWithSpectrum([-10, 1, 2], { seed: 2 })), [0, 0, 0]);
  assertClose(s.value, 2, { rtol: 1e-12 });
  // An objective with only a dense Hessian works too; one with neither is an error.
  const dense = { f: () => 0, grad: () => new Float64Array(2), hessian: () => [[3, 1], [1, 3]] };
  assertClose(sharpness(dense, [0, 0]).value, 4, { rtol: 1e-12 });
  assert.match(
    errorOf(() => sharpness({ f: () => 0, grad: () => new Float64Array(2) }, [0, 0])),
    /Cannot compute the sharpness: the objective has neither hvp nor hessian/,
  );
  assert.match(
    errorOf(() => sharpness({ ...dense, size: 3 }, [0, 0])),
    /x has length 2 but objective.size is 3/,
  );
});

Deno.test("sharpnessTracker: iterates equal the library's gradient descent and heavy ball; measuring does not change them", () => {
  const { net, obj } = eosProblem();
  const x0 = net.init({ seed: 3 });
  for (const beta of [0, 0.5]) {
    const ref = beta === 0
      ? gradientDescent({ lr: 0.05 }).start(obj, x0)
      : momentum({ lr: 0.05, momentum: beta }).start(obj, x0);
    const measured = sharpnessTracker(obj, x0, { lr: 0.05, momentum: beta });
    const quiet = sharpnessTracker(obj, x0, { lr: 0.05, momentum: beta });
    for (let t = 0; t < 40; t++) {
      if (t % 7 === 0) measured.sharpness();
      ref.step();
      measured.step();
      quiet.step();
    }
    assert.deepEqual(measured.x, ref.x);
    assert.deepEqual(quiet.x, ref.x);
    assert.equal(measured.t, 40);
    assert.equal(measured.threshold, (2 + 2 * beta) / 0.05);
    assertClose(measured.loss(), obj.f(ref.x), { rtol: 0 });
  }
});

Deno.test("sharpnessTracker: heavy ball on ½λx² converges iff ηλ < 2 + 2β, the tracker's threshold", () => {
  for (const beta of [0, 0.3, 0.9]) {
    for (const factor of [0.98, 1.02]) {
      const lam = 2.5;
      const run = sharpnessTracker(quadraticObjective([[lam]]), [1], {
        lr: (factor * (2 + 2 * beta)) / lam,
        momentum: beta,
      });
      assertClose(run.threshold, lam / factor, { rtol: 1e-12 });
      assertClose(run.sharpness().value, lam, { rtol: 1e-12 });
      for (let t = 0; t < 1500; t++) run.step();
      assert.equal(Math.abs(run.x[0]) < 1, factor < 1, `β = ${beta}, factor ${factor}`);
    }
  }
});

Deno.test("sharpnessTracker: a diverging run is flagged, and stepping or measuring it is an error", () => {
  const run = sharpnessTracker(quadraticObjective([[4]]), [1], { lr: 10 });
  while (!run.diverged) run.step();
  assert.ok(run.t < 400);
  assert.match(errorOf(() => run.step()), /Cannot take a step: the run diverged by step/);
  assert.match(errorOf(() => run.sharpness()), /Cannot measure the sharpness: the run diverged/);
  const tr = trackSharpness(quadraticObjective([[4]]), [1], { lr: 10, steps: 1000, every: 5 });
  assert.ok(tr.diverged && tr.steps < 1000);
  assert.equal(tr.loss.length, tr.steps + 1);
  assert.ok(!Number.isFinite(tr.loss[tr.steps]));
  assert.ok(tr.sharpness.every(Number.isFinite));
});

Deno.test("sharpnessTracker and trackSharpness: bad options give Cannot … errors", () => {
  const q = quadraticObjective([[1]]);
  assert.match(
    errorOf(() => sharpnessTracker(q, [1], { lr: 0 })),
    /option lr must be a finite number > 0, got 0/,
  );
  assert.match(
    errorOf(() => sharpnessTracker(q, [1], { lr: 0.1, momentum: 1 })),
    /option momentum must be a finite number in \[0, 1\), got 1/,
  );
  assert.match(
    errorOf(() =>
      sharpnessTracker({ f: () => 0, grad: () => new Float64Array(1) }, [1], { lr: 1 })
    ),
    /neither hvp nor hessian/,
  );
  assert.match(errorOf(() => trackSharpness(q, [1], { lr: 0.1, steps: 0 })), /option steps/);
  assert.match(
    errorOf(() => trackSharpness(q, [1], { lr: 0.1, steps: 5, every: 1.5 })),
    /option every/,
  );
  assert.match(
    errorOf(() =>
      trackSharpness(q, [1], { lr: 0.1, steps: 5, onMeasure: (_t, _s, run) => run.step() })
    ),
    /onMeasure must not step the run/,
  );
});

Deno.test("trackSharpness: exactly the hand-driven loop (same numbers bit for bit), sampled every k steps and at T", () => {
  const { net, obj } = eosProblem();
  const x0 = net.init({ seed: 1 });
  const opts = { lr: 0.12, steps: 65, every: 20, lanczos: { seed: 4 } };
  const seen: number[] = [];
  const tr = trackSharpness(obj, x0, { ...opts, onMeasure: (t) => seen.push(t) });
  assert.deepEqual(tr.sharpnessSteps, [0, 20, 40, 60, 65]);
  assert.deepEqual(seen, tr.sharpnessSteps);
  const run = sharpnessTracker(obj, x0, opts);
  const loss: number[] = [], values: number[] = [];
  for (;;) {
    loss.push(run.loss());
    if (run.t % 20 === 0 || run.t === 65) values.push(run.sharpness().value);
    if (run.t === 65) break;
    run.step();
  }
  assert.deepEqual(Array.from(tr.loss), loss);
  assert.deepEqual(tr.sharpness, values);
  assert.deepEqual(tr.x, run.x);
  assert.equal(tr.matvecs, run.matvecs);
  // A quadratic's sharpness is the same everywhere.
  const bowl = trackSharpness(quadraticObjective([[3, 1], [1, 3]]), [1, -2], {
    lr: 0.1,
    steps: 9,
    every: 4,
  });
  assert.deepEqual(bowl.sharpnessSteps, [0, 4, 8, 9]);
  for (const s of bowl.sharpness) assertClose(s, 4, { rtol: 1e-12 });
});

Deno.test("sharpnessRecorder: advanced in uneven slices, it is the hand-driven loop; traces are copies; it stops at T or divergence", () => {
  const { net, obj } = eosProblem();
  const x0 = net.init({ seed: 1 });
  const opts = { lr: 0.12, steps: 47, every: 10, lanczos: { seed: 2 } };
  const rec = sharpnessRecorder(obj, x0, opts);
  assert.deepEqual(rec.trace().sharpnessSteps, [0], "measured at t = 0 on creation");
  const taken = [rec.advance(0), rec.advance(1), rec.advance(13), rec.advance(5)];
  assert.deepEqual(taken, [0, 1, 13, 5]);
  const early = rec.trace();
  assert.equal(early.steps, 19);
  assert.deepEqual(early.sharpnessSteps, [0, 10]);
  assert.equal(rec.advance(), 28, "the rest, up to T");
  assert.ok(rec.done);
  assert.equal(rec.advance(5), 0, "nothing after T");
  assert.equal(early.loss.length, 20, "an earlier trace does not grow with the run");
  const got = rec.trace();
  const run = sharpnessTracker(obj, x0, opts);
  const loss: number[] = [], values: number[] = [];
  for (;;) {
    loss.push(run.loss());
    if (run.t % 10 === 0 || run.t === 47) values.push(run.sharpness().value);
    if (run.t === 47) break;
    run.step();
  }
  assert.deepEqual(got.sharpnessSteps, [0, 10, 20, 30, 40, 47]);
  assert.deepEqual(Array.from(got.loss), loss);
  assert.deepEqual(got.sharpness, values);
  assert.deepEqual(got.x, run.x);
  // A diverging run stops where it diverges; the remaining steps are not taken.
  const wild = sharpnessRecorder(quadraticObjective([[4]]), [1], { lr: 10, steps: 1000 });
  const n = wild.advance(700);
  assert.ok(wild.done && wild.run.diverged && n < 700);
  assert.equal(wild.advance(), 0);
  assert.match(errorOf(() => wild.advance(-1)), /Cannot track the sharpness: .*≥ 0/);
});

Deno.test("sharpness tools are pure TypeScript: no Deno API anywhere in their local import graph", () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = Deno.readTextFileSync(file);
    assert.ok(!/\bDeno\./.test(text), `${file} uses a Deno API`);
    for (const m of text.matchAll(/^\s*(?:import|export)[^"']*["'](\.[^"']+)["']/gm)) {
      visit(resolve(dirname(file), m[1]));
    }
  };
  for (const f of ["sharpnessTracker.ts", "trackSharpness.ts", "sharpness.ts", "mlpObjective.ts"]) {
    visit(join(ROOT, "lib", "optim", f));
  }
  visit(join(ROOT, "lib", "data", "chebyshevRegression.ts"));
  assert.ok(seen.size > 15, `only ${seen.size} files visited`);
});

Deno.test("spectralOutliers: k planted outliers above a bulk are found, whatever the scale (property)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 20, max: 80 }),
      fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
      fc.integer({ min: 0, max: 1e6 }),
      (k, n, scale, seed) => {
        const r = new Rng(seed);
        const bulk = Array.from({ length: n }, () => scale * (r.uniform() - 0.3));
        const edge = Math.max(...bulk);
        const outliers = Array.from({ length: k }, (_, i) => edge * (3 + i + r.uniform()));
        const values = r.permutation(n + k).map((i) => [...bulk, ...outliers][i]);
        const res = spectralOutliers(values, { window: 2 * k + 4 });
        assert.equal(res.count, k);
        assert.equal(res.bulkEdge, edge);
        assertClose(res.ratio, Math.max(...outliers) / edge, { rtol: 1e-12 });
        assert.deepEqual(res.outliers, [...outliers].sort((a, b) => b - a));
      },
    ),
    { seed: 11, numRuns: 150 },
  );
});

Deno.test("spectralOutliers: no gap → no outliers; the window bounds the search; bad input is an error", () => {
  const smooth = Array.from({ length: 30 }, (_, i) => 1.1 ** -i);
  const none = spectralOutliers(smooth, { minGap: 1.5 });
  assert.equal(none.count, 0);
  assert.equal(none.ratio, 1);
  assert.equal(none.bulkEdge, 1);
  // A big gap deep in the bulk is outside a narrow window.
  const deep = [5, 2, 1.9, 1.8, 1.7, 0.001, 0.0009];
  assert.equal(spectralOutliers(deep, { window: 7 }).count, 5);
  assert.equal(spectralOutliers(deep, { window: 4 }).count, 1);
  assert.match(errorOf(() => spectralOutliers([1, -1])), /need at least 2 positive eigenvalues/);
  assert.match(errorOf(() => spectralOutliers([1, NaN, 2])), /values\[1\] is NaN/);
  assert.match(errorOf(() => spectralOutliers([3, 2, 1], { window: 1 })), /option window/);
  assert.match(errorOf(() => spectralOutliers([3, 2, 1], { minGap: 0.5 })), /option minGap/);
});

Deno.test("fisherDiagonal: equals diag(Σ Jᵀ(diag p − ppᵀ)J)/N with the logit Jacobian J from central differences", () => {
  const net = new Mlp({ layers: [3, 4, 3], activation: "tanh" });
  const r = new Rng(5);
  const data = {
    x: Array.from({ length: 7 }, () => Array.from(r.normalVector(3))),
    y: [0, 1, 2, 0, 1, 2, 0],
  };
  const theta = net.init({ seed: 2 });
  const F = fisherDiagonal(net, data, theta);
  const n = net.size, C = 3, h = 1e-6;
  const expected = new Float64Array(n);
  for (const x of data.x) {
    const z = Array.from(net.forward(theta, [x]).data);
    const e = z.map((v) => Math.exp(v - Math.max(...z)));
    const p = e.map((v) => v / e.reduce((a, b) => a + b, 0));
    for (let j = 0; j < n; j++) {
      const tp = theta.slice(), tm = theta.slice();
      tp[j] += h;
      tm[j] -= h;
      const zp = net.forward(tp, [x]).data, zm = net.forward(tm, [x]).data;
      const Jj = Array.from({ length: C }, (_, c) => (zp[c] - zm[c]) / (2 * h));
      let q = 0;
      for (let a = 0; a < C; a++) {
        for (let b = 0; b < C; b++) q += Jj[a] * ((a === b ? p[a] : 0) - p[a] * p[b]) * Jj[b];
      }
      expected[j] += q / data.x.length;
    }
  }
  assertAllClose(F, expected, { rtol: 1e-6, atol: 1e-10 });
  // It does not depend on the observed labels; the empirical Fisher does.
  assert.deepEqual(fisherDiagonal(net, { ...data, y: [2, 2, 2, 2, 2, 2, 2] }, theta), F);
  assert.match(
    errorOf(() =>
      fisherDiagonal(
        new Mlp({ layers: [3, 4, 3], activation: "tanh", batchnorm: true }),
        data,
        new Float64Array(43),
      )
    ),
    /BatchNorm/,
  );
  assert.match(errorOf(() => fisherDiagonal(net, data, [1, 2])), /params has 2 entries/);
});

Deno.test("chebyshevRegression: T_k(t) = cos(k arccos t) at N equally spaced points; T₆ in closed form", () => {
  for (const degree of [0, 1, 2, 5, 6, 9]) {
    const { x, y } = chebyshevRegression({ points: 13, degree });
    x.forEach(([t], i) => {
      assertClose(t, -1 + (2 * i) / 12, { rtol: 0, atol: 1e-15 });
      assertClose(y[i][0], Math.cos(degree * Math.acos(t)), { rtol: 0, atol: 1e-12 });
    });
  }
  const { x, y } = chebyshevRegression();
  assert.equal(x.length, 20);
  x.forEach(([t], i) =>
    assertClose(y[i][0], 32 * t ** 6 - 48 * t ** 4 + 18 * t ** 2 - 1, { rtol: 0, atol: 1e-12 })
  );
  assert.match(errorOf(() => chebyshevRegression({ points: 1 })), /option points/);
});

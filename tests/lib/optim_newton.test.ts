import fc from "fast-check";
import { Matrix, solve } from "ml-matrix";
import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import { Rng } from "../../lib/random.ts";
import {
  dampedNewton,
  leastSquaresObjective,
  minimize,
  newton,
  type Objective,
  quadraticObjective,
  rosenbrockObjective,
  saddleFreeNewton,
} from "../../lib/optim/mod.ts";
import { errorOf, randomSymmetric } from "./_helpers.ts";

Deno.test("newton converges in one step on any invertible quadratic, to the solution of Hx = b", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      const r = new Rng(seed);
      const H = randomSymmetric(r, n); // indefinite in general
      const b = r.normalVector(n);
      const q = quadraticObjective(H, { b });
      const run = newton().start(q, r.normalVector(n));
      run.step();
      const star = solve(new Matrix(H), Matrix.columnVector(Array.from(b))).to1DArray();
      assertAllClose(run.x, star, { rtol: 1e-8, atol: 1e-8 });
      assertAllClose(q.grad(run.x), new Float64Array(n), { atol: 1e-9 });
    }),
    { seed: 42, numRuns: 50 },
  );
});

Deno.test("newton is drawn to the saddle of x² − y²; saddle-free Newton moves away from it", () => {
  const saddle = quadraticObjective([[2, 0], [0, -2]]);
  const nt = newton().start(saddle, [0.5, 0.1]);
  nt.step();
  assertAllClose(nt.x, [0, 0], { atol: 1e-15 });
  const sf = minimize(saddle, [0.5, 0.1], saddleFreeNewton(), { maxSteps: 6 });
  // |H| = 2I, so x ← x − g/2: x goes to 0 at once and y doubles every step.
  for (let k = 1; k < sf.xs.length; k++) {
    assertClose(sf.xs[k][0], 0, { atol: 1e-15 });
    assertClose(sf.xs[k][1], 0.1 * 2 ** k, { rtol: 1e-14 });
    check(sf.fs[k] < sf.fs[k - 1], "saddle-free Newton decreases f");
  }
  check(sf.info[0].negativeEigenvalues === 1, "it saw one negative eigenvalue");
});

Deno.test("saddleFreeNewton solves |H| d = g with |H| = Q|Λ|Qᵀ; equals newton when H ≻ 0", () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      const r = new Rng(seed);
      const H = randomSymmetric(r, n);
      const q = quadraticObjective(H, { b: r.normalVector(n) });
      const x0 = r.normalVector(n);
      const g = q.grad(x0);
      const run = saddleFreeNewton().start(q, x0);
      run.step();
      const d = x0.map((v, i) => v - run.x[i]);
      // |H| = sqrtm(H²): check |H|² = H² for the |H| built here, then |H| d = g.
      const { values, vectors } = eigh(H);
      const absH = new Matrix(n, n);
      vectors.forEach((v, k) => {
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            absH.set(i, j, absH.get(i, j) + Math.abs(values[k]) * v[i] * v[j]);
          }
        }
      });
      const Hm = new Matrix(H);
      assertAllClose(absH.mmul(absH), Hm.mmul(Hm), { rtol: 1e-9, atol: 1e-9 });
      const lhs = absH.mmul(Matrix.columnVector(Array.from(d))).to1DArray();
      assertAllClose(lhs, g, { rtol: 1e-7, atol: 1e-7 });
      // A descent direction: gᵀd > 0 since |H| ≻ 0.
      check(g.reduce((s, gi, i) => s + gi * d[i], 0) > 0, "not a descent direction");
    }),
    { seed: 42, numRuns: 40 },
  );
  const spd = quadraticObjective([[3, 1], [1, 2]], { b: [1, -1] });
  const a = newton().start(spd, [2, 3]), b = saddleFreeNewton().start(spd, [2, 3]);
  a.step();
  b.step();
  assertAllClose(a.x, b.x, { rtol: 1e-12, atol: 1e-14 });
});

Deno.test("newton on a singular Hessian throws the book's error; from hvp alone too", () => {
  // f(x, y) = x²: H = diag(2, 0).
  const valley: Objective = {
    f: ([x]) => x * x,
    grad: ([x]) => new Float64Array([2 * x, 0]),
    hessian: () => [[2, 0], [0, 0]],
  };
  const msg = errorOf(() => newton().start(valley, [1, 1]).step());
  check(
    msg.startsWith("Cannot take a Newton step: the Hessian is singular (smallest |eigenvalue| 0"),
    msg,
  );
  const hvpOnly: Objective = {
    f: valley.f,
    grad: valley.grad,
    hvp: (_x, v) => new Float64Array([2 * v[0], 0]),
  };
  check(errorOf(() => newton().start(hvpOnly, [1, 1]).step()).includes("singular"), "hvp path");
  // Exactly collinear features: XᵀX is singular in exact arithmetic, numerically ~1e-16.
  const X = [[1, 2], [2, 4], [3, 6], [-1, -2]];
  const ls = leastSquaresObjective(X, [1, 2, 3, 4]);
  check(
    errorOf(() => newton().start(ls, [0, 0]).step()).includes("the Hessian is singular"),
    "collinear",
  );
  // minimize does not swallow it.
  check(errorOf(() => minimize(ls, [0, 0], newton())).includes("singular"), "minimize rethrows");
  // Nor does a run without curvature get far.
  const noCurv: Objective = { f: valley.f, grad: valley.grad };
  check(
    errorOf(() => newton().start(noCurv, [1, 1])).includes("neither hessian nor hvp"),
    "curvature",
  );
});

Deno.test("newton on an ill-conditioned but invertible Hessian still takes the exact step", () => {
  const H = [[1, 0], [0, 1e-9]];
  const q = quadraticObjective(H, { b: [1, 1e-9] }); // minimizer (1, 1)
  const run = newton().start(q, [5, -7]);
  const { info } = run.step();
  assertAllClose(run.x, [1, 1], { rtol: 1e-6 });
  check(info.solver === "eigh", "a tiny pivot hands the solve to the eigendecomposition");
  // Newton's Hessian from HVPs equals the one from hessian.
  const viaHvp: Objective = { f: q.f, grad: q.grad, hvp: q.hvp };
  const other = newton().start(viaHvp, [5, -7]);
  other.step();
  assertAllClose(other.x, run.x, { rtol: 1e-12 });
});

Deno.test("dampedNewton takes the (H + εI) solve; large ε tends to the gradient step g/ε", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 0, max: 1e6 }),
      fc.double({ min: 0.01, max: 10, noNaN: true }),
      (n, seed, eps) => {
        const r = new Rng(seed);
        const H = randomSymmetric(r, n);
        const q = quadraticObjective(H, { b: r.normalVector(n) });
        const x0 = r.normalVector(n);
        const shifted = new Matrix(H).add(Matrix.eye(n).mul(eps));
        const { values } = eigh(shifted.to2DArray());
        if (Math.min(...values.map(Math.abs)) < 1e-3) return; // too close to singular to compare
        const run = dampedNewton({ damping: eps }).start(q, x0);
        run.step();
        const d = solve(shifted, Matrix.columnVector(Array.from(q.grad(x0)))).to1DArray();
        assertAllClose(run.x, x0.map((v, i) => v - d[i]), { rtol: 1e-8, atol: 1e-8 });
      },
    ),
    { seed: 42, numRuns: 60 },
  );
  const q = quadraticObjective([[2, 1], [1, 3]]);
  const x0 = [1, -2];
  const g = q.grad(new Float64Array(x0));
  const big = dampedNewton({ damping: 1e8 }).start(q, x0);
  big.step();
  assertAllClose(big.x, x0.map((v, i) => v - g[i] / 1e8), { rtol: 1e-12 });
  // damping 0 is Newton
  const a = dampedNewton({ damping: 0 }).start(q, x0), b = newton().start(q, x0);
  a.step();
  b.step();
  assertAllClose(a.x, b.x, { rtol: 0, atol: 0 });
  // H + εI singular: H = diag(2, −1), ε = 1.
  const m = errorOf(() =>
    dampedNewton({ damping: 1 }).start(quadraticObjective([[2, 0], [0, -1]]), [1, 1]).step()
  );
  check(m.startsWith("Cannot take a damped Newton step: H + εI is singular"), m);
  // The paper's remedy: the x² valley becomes solvable, the flat direction stays put.
  const valley = quadraticObjective([[2, 0], [0, 0]]);
  const dn = dampedNewton({ damping: 0.5 }).start(valley, [1, 1]);
  dn.step();
  assertAllClose(dn.x, [1 - 2 / 2.5, 1], { rtol: 1e-15 });
});

Deno.test("saddleFreeNewton with a zero eigenvalue needs damping", () => {
  const valley = quadraticObjective([[2, 0], [0, 0]]);
  const m = errorOf(() => saddleFreeNewton().start(valley, [1, 1]).step());
  check(m.startsWith("Cannot take a saddle-free Newton step: |H| + δI is singular"), m);
  const ok = saddleFreeNewton({ damping: 0.5 }).start(valley, [1, 1]);
  ok.step();
  assertAllClose(ok.x, [1 - 2 / 2.5, 1], { rtol: 1e-15 });
});

Deno.test("newton converges quadratically on Rosenbrock near the minimum", () => {
  const ros = rosenbrockObjective();
  const run = minimize(ros, [1.2, 1.2], newton(), { gradTol: 1e-12, maxSteps: 50 });
  check(run.stopReason === "converged", run.message);
  const err = run.xs.map((x) => Math.hypot(x[0] - 1, x[1] - 1));
  // e_{k+1} ≤ C e_k² once close: the ratio stays bounded.
  for (let k = 0; k + 1 < err.length; k++) {
    if (err[k] < 1e-2 && err[k + 1] > 1e-14) {
      check(err[k + 1] / (err[k] * err[k]) < 1e3, `not quadratic at step ${k}: ${err}`);
    }
  }
  check(run.steps < 10, `Newton took ${run.steps} steps`);
});

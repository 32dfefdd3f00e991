import fc from "fast-check";
import { Matrix, solve } from "ml-matrix";
import { assertAllClose, check } from "../../lib/assert.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import { Rng } from "../../lib/random.ts";
import {
  dampedNewton,
  hessianFreeNewton,
  minimize,
  type Objective,
  quadraticObjective,
  rosenbrockObjective,
} from "../../lib/optim/mod.ts";

/** Q diag(λ) Qᵀ with a random orthogonal Q and the given eigenvalues. */
function withEigenvalues(r: Rng, lambdas: number[]): number[][] {
  const n = lambdas.length;
  const A = Array.from({ length: n }, () => Array.from(r.normalVector(n)));
  const { vectors } = eigh(A.map((row, i) => row.map((a, j) => a + A[j][i])));
  return Array.from(
    { length: n },
    (_, i) =>
      Array.from(
        { length: n },
        (_, j) => vectors.reduce((s, q, k) => s + lambdas[k] * q[i] * q[j], 0),
      ),
  );
}

Deno.test("hessianFreeNewton equals the exact Newton step on SPD quadratics, in ≤ n + 2 HVPs", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
      const r = new Rng(seed);
      const H = withEigenvalues(r, Array.from({ length: n }, () => 0.5 + 4 * r.uniform()));
      const b = r.normalVector(n);
      const run = hessianFreeNewton().start(quadraticObjective(H, { b }), r.normalVector(n));
      const { info } = run.step();
      const star = solve(new Matrix(H), Matrix.columnVector(Array.from(b))).to1DArray();
      assertAllClose(run.x, star, { rtol: 1e-8, atol: 1e-8 });
      check(info.converged === true && info.negativeCurvature === false, JSON.stringify(info));
      check(
        (info.cgIterations as number) <= n + 2,
        `${info.cgIterations} CG iterations for n = ${n}`,
      );
      check(info.hvps === info.cgIterations, `one HVP per iteration: ${JSON.stringify(info)}`);
    }),
    { seed: 42, numRuns: 40 },
  );
});

Deno.test("hessianFreeNewton: k distinct eigenvalues, k CG iterations (n = 30, k = 3)", () => {
  const r = new Rng(3);
  const lambdas = Array.from({ length: 30 }, (_, i) => [1, 4, 9][i % 3]);
  const q = quadraticObjective(withEigenvalues(r, lambdas), { b: r.normalVector(30) });
  const { info } = hessianFreeNewton({ tol: 1e-9 }).start(q, new Float64Array(30)).step();
  check(info.cgIterations === 3, `expected 3 iterations, got ${info.cgIterations}`);
});

Deno.test("hessianFreeNewton with damping equals dampedNewton; hessian-only objectives work too", () => {
  const r = new Rng(5);
  const H = withEigenvalues(r, [-0.5, 0.2, 1, 3, 7]); // indefinite; H + 1·I is positive definite
  const q = quadraticObjective(H, { b: r.normalVector(5) });
  const x0 = r.normalVector(5);
  const a = hessianFreeNewton({ damping: 1 }).start(q, x0);
  const b = dampedNewton({ damping: 1 }).start(q, x0);
  const hOnly: Objective = { f: q.f, grad: q.grad, hessian: q.hessian };
  const c = hessianFreeNewton({ damping: 1 }).start(hOnly, x0);
  for (let k = 0; k < 3; k++) {
    a.step();
    b.step();
    c.step();
    assertAllClose(a.x, b.x, { rtol: 1e-9, atol: 1e-10 });
    assertAllClose(c.x, a.x, { rtol: 1e-12, atol: 1e-13 });
  }
});

Deno.test("hessianFreeNewton on the saddle x² − y²: truncates to a descent step, or throws", () => {
  const saddle = quadraticObjective([[2, 0], [0, -2]]);
  // From (0, 0.1) the very first CG direction, ∇f = (0, −0.2), has curvature −2: a gradient step.
  const first = hessianFreeNewton().start(saddle, [0, 0.1]);
  const { info } = first.step();
  check(info.negativeCurvature === true && info.direction === "gradient", JSON.stringify(info));
  assertAllClose(first.x, [0, 0.3], { rtol: 1e-15 });
  // From (0.5, 0.1) CG first moves along ∇f (curvature > 0), then meets negative curvature.
  const later = hessianFreeNewton().start(saddle, [0.5, 0.1]);
  const g = saddle.grad(new Float64Array([0.5, 0.1]));
  const step = later.step();
  check(
    step.info.negativeCurvature === true && step.info.direction === "truncated",
    JSON.stringify(step.info),
  );
  const d = [0.5 - later.x[0], 0.1 - later.x[1]];
  check(g[0] * d[0] + g[1] * d[1] > 0, "the truncated step is a descent direction");
  let msg = "";
  try {
    hessianFreeNewton({ onNegativeCurvature: "throw" }).start(saddle, [0.5, 0.1]).step();
  } catch (e) {
    msg = (e as Error).message;
  }
  check(
    msg.startsWith("Cannot take a Hessian-free Newton step: H + εI has non-positive curvature"),
    msg,
  );
});

Deno.test("hessianFreeNewton on Rosenbrock: converges, using HVPs only, counted by minimize", () => {
  const ros = rosenbrockObjective({ size: 4 });
  const hvpOnly: Objective = { f: ros.f, grad: ros.grad, hvp: ros.hvp };
  const run = minimize(hvpOnly, [1.1, 1.2, 1.3, 1.5], hessianFreeNewton(), {
    gradTol: 1e-10,
    maxSteps: 100,
  });
  check(run.stopReason === "converged", run.message);
  assertAllClose(run.x, [1, 1, 1, 1], { rtol: 1e-8 });
  const hvps = run.info.reduce((s, i) => s + (i.hvps as number), 0);
  check(
    run.evaluations.hvp === hvps && run.evaluations.hessian === 0,
    JSON.stringify(run.evaluations),
  );
});

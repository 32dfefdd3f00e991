import assert from "node:assert/strict";
import { analyzeExpression } from "../../lib/expression/mod.ts";
import {
  assertAllClose,
  eigenvalues2x2,
  eigh,
  gradientDescent,
  minimize,
  rosenbrockObjective,
} from "../../lib/mod.ts";

const valley = "(1 - x)^2 + 10 * (y - x^2)^2";

Deno.test("ch1 eq. H(x, y) of (1−x)² + 10(y−x²)²: symbolic Hessian equals the hand derivation everywhere", () => {
  for (const [x, y] of [[1, 1], [-1.2, 1], [0.3, -0.7]]) {
    const r = analyzeExpression({ expression: valley, at: { x, y } });
    assertAllClose(r.hessian, [[2 - 40 * y + 120 * x * x, -40 * x], [-40 * x, 20]], {
      rtol: 1e-12,
    });
  }
});

Deno.test("ch1 eq. H(1,1) = [[82,−40],[−40,20]]: eigenvalues (102 ± √10244)/2, κ ≈ 258", () => {
  const H = rosenbrockObjective({ a: 1, b: 10 }).hessian!(new Float64Array([1, 1]));
  assertAllClose(H, [[82, -40], [-40, 20]]);
  const exact = [
    (102 - Math.sqrt(62 ** 2 + 4 * 1600)) / 2,
    (102 + Math.sqrt(62 ** 2 + 4 * 1600)) / 2,
  ];
  assertAllClose(eigh(H).values, exact, { rtol: 1e-12 });
  assertAllClose(eigenvalues2x2(82, -40, 20), exact, { rtol: 1e-12 });
  const kappa = exact[1] / exact[0];
  assert.ok(kappa > 250 && kappa < 270, String(kappa));
});

Deno.test("ch1 gradient descent with α = 0.008 < 2/λmax converges, fast phase then slow phase", () => {
  const obj = rosenbrockObjective({ a: 1, b: 10 });
  const run = minimize(obj, [-1.2, 1], gradientDescent({ lr: 0.008 }), {
    maxSteps: 5000,
    gradTol: 1e-6,
  });
  assert.equal(run.stopReason, "converged");
  const halfway = run.fs.findIndex((v) => v < 0.5 * run.fs[0]);
  const near = run.xs.findIndex((p) => Math.hypot(p[0] - 1, p[1] - 1) < 0.1);
  assert.ok(halfway > 0 && halfway < 50 && near > 10 * halfway, `${halfway} ${near}`);
});

Deno.test("ch1 exercise 2: α = 0.02 > 2/λmax makes (1,1) unstable; GD ends in a 2-cycle", () => {
  const obj = rosenbrockObjective({ a: 1, b: 10 });
  const lmax = eigh(obj.hessian!(new Float64Array([1, 1]))).values[1];
  assert.ok(0.02 > 2 / lmax);
  const run = minimize(obj, [-1.2, 1], gradientDescent({ lr: 0.02 }), { maxSteps: 2000 });
  const K = run.steps;
  const d = (a: Float64Array, b: Float64Array) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  assert.equal(run.stopReason, "max_steps");
  assert.ok(d(run.xs[K], run.xs[K - 2]) < 0.01 * d(run.xs[K], run.xs[K - 1]));
  assert.ok(run.f > 1e-3);
});

Deno.test("ch1 exercise 1: b = 100 makes κ about ten times larger", () => {
  const k = (b: number) => {
    const v = eigh(rosenbrockObjective({ a: 1, b }).hessian!(new Float64Array([1, 1]))).values;
    return v[1] / v[0];
  };
  const ratio = k(100) / k(10);
  assert.ok(ratio > 9 && ratio < 11, String(ratio));
});

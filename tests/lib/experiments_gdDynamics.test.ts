import assert from "node:assert/strict";
import fc from "fast-check";
import { assertAllClose, assertClose } from "../../lib/assert.ts";
import { matrixWithSpectrum } from "../../lib/linalg/matrixWithSpectrum.ts";
import { rosenbrockObjective } from "../../lib/optim/rosenbrockObjective.ts";
import { gdEigenModes } from "../../book/experiments/gdEigenModes.ts";
import { gdGrowthRate } from "../../book/experiments/gdGrowthRate.ts";
import { stabilityThreshold } from "../../book/experiments/stabilityThreshold.ts";
import { lineTaylor } from "../../book/experiments/lineTaylor.ts";
import { overshootStep } from "../../book/experiments/overshootStep.ts";

Deno.test("gdEigenModes: diagonal H, modes are the coordinates and follow (1 − αλ)^k exactly", () => {
  const r = gdEigenModes([[0.5, 0], [0, 2]], [3, -1], { lr: 0.25, steps: 30 });
  assert.deepEqual(r.values, [0.5, 2]);
  assert.equal(r.xs.length, 31);
  r.z.forEach((zk, k) => {
    assertClose(Math.abs(zk[0]), 3 * 0.875 ** k, { rtol: 1e-14 });
    assertClose(Math.abs(zk[1]), 0.5 ** k, { rtol: 1e-14 });
    assertClose(r.loss[k], 0.5 * 0.5 * (3 * 0.875 ** k) ** 2 + 0.5 * 2 * 0.25 ** k, {
      rtol: 1e-13,
    });
  });
  assert.equal(r.maxStepError, 0);
});

Deno.test("gdEigenModes: an unstable α overflows and stops early with a shorter trajectory", () => {
  const r = gdEigenModes([[1, 0], [0, 4]], [1, 1], { lr: 10, steps: 2000 });
  assert.ok(r.xs.length < 2001);
  assert.ok(!Number.isFinite(r.loss[r.loss.length - 1]));
});

Deno.test("gdEigenModes: errors for bad lr, steps and start", () => {
  assert.throws(
    () => gdEigenModes([[1]], [1], { lr: 0 }),
    /Cannot follow the eigenmodes of gradient descent: option lr must be a finite number > 0/,
  );
  assert.throws(
    () => gdEigenModes([[1]], [1], { lr: 0.1, steps: 1.5 }),
    /option steps must be an integer ≥ 0/,
  );
  assert.throws(() => gdEigenModes([[1]], [1, 2], { lr: 0.1 }), /x0 must have length 1/);
});

Deno.test("gdGrowthRate: equals max|1 − αλᵢ| when the top factor is well separated (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 2, maxLength: 5 }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 100 }),
      (values, scale, seed) => {
        const lmax = Math.max(...values);
        const lr = (scale * 2.5) / lmax;
        const factors = values.map((l) => Math.abs(1 - lr * l)).sort((a, b) => b - a);
        // Skip ties: the measurement needs the top factor to dominate after N steps.
        if (factors[1] > 0.97 * factors[0] || factors[0] < 1e-3) return;
        const M = matrixWithSpectrum(values, { seed });
        const r = gdGrowthRate(M, lr, { seed });
        assertClose(r.rate, factors[0], { rtol: 1e-9 });
        assertClose(r.logRate, Math.log(factors[0]), { atol: 1e-9 });
      },
    ),
    { seed: 42, numRuns: 100 },
  );
});

Deno.test("gdGrowthRate: rescaling keeps strongly divergent and convergent runs finite", () => {
  const grow = gdGrowthRate([[1, 0], [0, 4]], 5, { steps: 2000 }); // factor |1 − 20| = 19
  assertClose(grow.rate, 19, { rtol: 1e-9 });
  const shrink = gdGrowthRate([[1, 0], [0, 1]], 0.999, { steps: 500 }); // factor 0.001
  assertClose(shrink.rate, 0.001, { rtol: 1e-6 });
});

Deno.test("gdGrowthRate: errors for bad lr and steps", () => {
  assert.throws(
    () => gdGrowthRate([[1]], -1),
    /Cannot measure the growth rate of gradient descent: lr must be a finite number > 0/,
  );
  assert.throws(
    () => gdGrowthRate([[1]], 0.1, { steps: 0 }),
    /option steps must be an integer ≥ 1/,
  );
});

Deno.test("stabilityThreshold: 2/λmax from any start, bracket contains it", () => {
  const M = matrixWithSpectrum([0.3, 1, 5], { seed: 2 });
  for (const start of [1e-3, 0.1, 3, 100]) {
    const r = stabilityThreshold(M, { start, tol: 1e-10 });
    assertClose(r.threshold, 0.4, { rtol: 1e-8 });
    assert.ok(r.lo <= 0.4 + 1e-12 && r.hi >= 0.4 - 1e-12 && r.runs > r.iterations);
  }
});

Deno.test("stabilityThreshold: no stable learning rate for a negative or zero eigenvalue alone", () => {
  for (const H of [[[-1]], [[0]]]) {
    assert.throws(
      () => stabilityThreshold(H),
      /Cannot find the stability threshold: no learning rate down to .* makes the iterates shrink/,
    );
  }
  assert.throws(() => stabilityThreshold([[1]], { tol: 0 }), /option tol must be in \(0, 1\)/);
  assert.throws(() => stabilityThreshold([[1]], { start: -1 }), /option start must be/);
});

Deno.test("lineTaylor: slope and curvature against closed forms; model is exact on a quadratic", () => {
  const q = {
    f: ([x, y]: Float64Array) => 2 * x * x - x * y + 3 * y * y + x,
    grad: ([x, y]: Float64Array) => new Float64Array([4 * x - y + 1, -x + 6 * y]),
    hessian: () => [[4, -1], [-1, 6]],
  };
  const r = lineTaylor(q, [0.5, -1], [0.6, 0.8]);
  assertClose(r.slope, (4 * 0.5 + 1 + 1) * 0.6 + (-0.5 - 6) * 0.8, { rtol: 1e-14 });
  assertClose(r.curvature, 4 * 0.36 - 2 * 0.48 + 6 * 0.64, { rtol: 1e-14 });
  for (const t of [-2, 0.3, 5]) assertClose(r.model(t), r.g(t), { rtol: 1e-12 });
  // The HVP path gives the same curvature.
  const viaHvp = lineTaylor(
    { f: q.f, grad: q.grad, hvp: (_x, v) => new Float64Array([4 * v[0] - v[1], -v[0] + 6 * v[1]]) },
    [0.5, -1],
    [0.6, 0.8],
  );
  assertClose(viaHvp.curvature, r.curvature, { rtol: 1e-15 });
});

Deno.test("lineTaylor: the central-difference error on Rosenbrock shrinks like h²", () => {
  const rosen = rosenbrockObjective();
  const errors = [1e-2, 5e-3, 2.5e-3].map((h) => {
    const r = lineTaylor(rosen, [-0.7, 0.4], [0.8, -0.6], { h });
    return Math.abs(r.fdCurvature - r.curvature);
  });
  assertClose(errors[0] / errors[1], 4, { rtol: 1e-3 });
  assertClose(errors[1] / errors[2], 4, { rtol: 1e-3 });
});

Deno.test("lineTaylor: errors without curvature, with mismatched lengths or a bad h", () => {
  const f = { f: (x: Float64Array) => x[0], grad: () => new Float64Array([1]) };
  assert.throws(
    () => lineTaylor(f, [0], [1]),
    /Cannot restrict the objective to a line: the objective has neither hessian nor hvp/,
  );
  const g = { ...f, hessian: () => [[0]] };
  assert.throws(() => lineTaylor(g, [0], [1, 2]), /v has length 2, x has length 1/);
  assert.throws(() => lineTaylor(g, [0], [1], { h: 0 }), /option h must be a finite number > 0/);
});

Deno.test("overshootStep: a quartic line has its crossing where g(t) = g(0) and a line minimum below it", () => {
  const rosen = rosenbrockObjective();
  const line = lineTaylor(rosen, [0, 0], [1, 0]); // g = (1 − t)² + 100t⁴
  const o = overshootStep(line, { tMax: 2, points: 2000 });
  assertClose(line.g(o.actual), line.g(0), { rtol: 1e-10 });
  assert.ok(o.lineMinimum.t > 0 && o.lineMinimum.t < o.actual);
  // g′(t) = −2(1 − t) + 400t³ = 0 at the line minimum (grid accuracy 1e-3).
  assert.ok(Math.abs(-2 * (1 - o.lineMinimum.t) + 400 * o.lineMinimum.t ** 3) < 0.05);
  assert.equal(o.model, 2);
});

Deno.test("overshootStep: errors for an ascent direction, a missing window, and none found → ∞", () => {
  const rosen = rosenbrockObjective();
  assert.throws(
    () => overshootStep(lineTaylor(rosen, [0, 0], [-1, 0])),
    /Cannot find the overshoot step: g′\(0\) = 2 is not negative/,
  );
  const concave = {
    f: ([x]: Float64Array) => -x * x - x,
    grad: ([x]: Float64Array) => new Float64Array([-2 * x - 1]),
    hessian: () => [[-2]],
  };
  const line = lineTaylor(concave, [0], [1]);
  assert.throws(() => overshootStep(line), /option tMax must be .* no default/);
  const o = overshootStep(line, { tMax: 3 });
  assert.equal(o.actual, Infinity);
  assert.equal(o.model, Infinity);
  assertAllClose([o.lineMinimum.t], [3]);
});

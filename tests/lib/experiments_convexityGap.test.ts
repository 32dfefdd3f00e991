import assert from "node:assert/strict";
import fc from "fast-check";
import { assertClose } from "../../lib/mod.ts";
import { convexityGap } from "../../book/experiments/convexityGap.ts";

Deno.test("convexityGap: a PSD quadratic xᵀAx has no violations; its worst gap is −λ(1−λ)(x−y)ᵀA(x−y)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }),
      fc.integer({ min: 0, max: 1000 }),
      (b, seed) => {
        // A = BᵀB is positive semidefinite.
        const A = [
          [b[0] * b[0] + b[2] * b[2], b[0] * b[1] + b[2] * b[3]],
          [b[0] * b[1] + b[2] * b[3], b[1] * b[1] + b[3] * b[3]],
        ];
        const q = (p: ArrayLike<number>) =>
          A[0][0] * p[0] * p[0] + 2 * A[0][1] * p[0] * p[1] + A[1][1] * p[1] * p[1];
        const r = convexityGap(q, { dimension: 2, samples: 50, radius: 2, seed });
        const { x, y, lambda, gap } = r.worst;
        const d = [x[0] - y[0], x[1] - y[1]];
        assertClose(gap, -lambda * (1 - lambda) * q(d), { atol: 1e-12, rtol: 1e-9 });
        return r.violations === 0;
      },
    ),
    { seed: 42, numRuns: 100 },
  );
});

Deno.test("convexityGap: x² − y² violates the inequality in about half the samples (by symmetry)", () => {
  // The gap is −λ(1−λ)[(x₁−y₁)² − (x₂−y₂)²] > 0 exactly when |x₂−y₂| > |x₁−y₁|: probability ½.
  const n = 4000;
  const r = convexityGap(([x, y]) => x * x - y * y, { dimension: 2, samples: n, seed: 3 });
  assert.ok(Math.abs(r.violations / n - 0.5) < 4 * Math.sqrt(0.25 / n), String(r.violations));
  assert.ok(r.maxGap > 0);
  assert.equal(r.gaps.length, n);
  assert.equal(r.maxGap, Math.max(...r.gaps));
});

Deno.test("convexityGap: deterministic per seed, different across seeds", () => {
  const f = ([x]: Float64Array) => Math.sin(3 * x);
  const a = convexityGap(f, { dimension: 1, samples: 20, seed: 5 });
  const b = convexityGap(f, { dimension: 1, samples: 20, seed: 5 });
  const c = convexityGap(f, { dimension: 1, samples: 20, seed: 6 });
  assert.deepEqual(a.gaps, b.gaps);
  assert.notDeepEqual(a.gaps, c.gaps);
});

Deno.test("convexityGap: samples lie in the box and λ in [0, 1]", () => {
  const r = convexityGap(([x, y, z]) => x + y + z, {
    dimension: 3,
    samples: 200,
    radius: 0.5,
    seed: 1,
  });
  const { x, y, lambda } = r.worst;
  for (const v of [...x, ...y]) assert.ok(Math.abs(v) <= 0.5);
  assert.ok(lambda >= 0 && lambda <= 1);
  // A linear function has gap 0 up to rounding: no violations.
  assert.equal(r.violations, 0);
  assert.ok(Math.abs(r.maxGap) < 1e-15);
});

Deno.test("convexityGap: errors name the offending option", () => {
  const f = ([x]: Float64Array) => x * x;
  assert.throws(
    () => convexityGap(f, { dimension: 0 }),
    /Cannot sample the convexity gap: option dimension/,
  );
  assert.throws(() => convexityGap(f, { dimension: 1, samples: 0 }), /option samples/);
  assert.throws(() => convexityGap(f, { dimension: 1, radius: -1 }), /option radius/);
  assert.throws(() => convexityGap(f, { dimension: 1, tolerance: -1 }), /option tolerance/);
  assert.throws(() => convexityGap(() => NaN, { dimension: 1 }), /f\(x\) is NaN/);
  // @ts-expect-error: not a function
  assert.throws(() => convexityGap(3, { dimension: 1 }), /f must be a function/);
});

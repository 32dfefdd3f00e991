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

Deno.test("ch1 prose: every computed number in the text agrees with an independent computation", async () => {
  const { proseNumbers, agreesToDigits, chapterSource } = await import("./_prose.ts");
  // H(1,1) = [[82, −40], [−40, 20]] from the hand derivation; eigenvalues by the 2×2 closed form.
  const eig = (a: number, b: number, c: number) => {
    const r = Math.sqrt((a - c) ** 2 + 4 * b * b);
    return [(a + c - r) / 2, (a + c + r) / 2];
  };
  const [l1, l2] = eig(82, -40, 20);
  const [h1, h2] = eig(2 + 8 * 100, -4 * 100, 2 * 100); // b = 100
  const alpha = 0.008, bounceLr = 0.02;
  // Each number of the prose, by its text and a piece of its line, with the check it must pass.
  const bindings: { text: string; near: RegExp; ok: (x: string) => boolean }[] = [
    { text: "250", near: /250 and 270/, ok: () => 250 < l2 / l1 },
    { text: "270", near: /250 and 270/, ok: () => l2 / l1 < 270 },
    { text: "1.2", near: /\(-1\.2, 1\)/, ok: () => true }, // the start point, an input
    { text: "0.008", near: /alpha = 0\.008/, ok: (x) => Number(x) === alpha },
    {
      text: "0.41",
      near: /about \$0\.41\$ of the stability/,
      ok: (x) => agreesToDigits(x, alpha / (2 / l2)),
    },
    { text: "0.0197", near: /approx 0\.0197/, ok: (x) => agreesToDigits(x, 2 / l2) },
    { text: "100", near: /10 in \$f\$ to 100|b=100/, ok: () => true }, // the exercise's input
    { text: "0.02", near: /0\.02/, ok: (x) => Number(x) === bounceLr && bounceLr > 2 / l2 },
    { text: "1001.6", near: /about \$1001\.6\$/, ok: (x) => agreesToDigits(x, h2) },
    { text: "0.399", near: /\$0\.399\$/, ok: (x) => agreesToDigits(x, h1) },
    { text: "2500", near: /near 2500: ten times/, ok: () => Math.abs(h2 / h1 / 2500 - 1) < 0.02 },
  ];
  const found = proseNumbers("01-introduction.md");
  assert.ok(found.length >= 10, "the prose has numbers");
  for (const n of found) {
    const b = bindings.find((b) => b.text === n.text && b.near.test(n.context));
    assert.ok(
      b,
      `chapters/01-introduction.md:${n.line}: ${n.text} is not bound to a computed value`,
    );
    assert.ok(
      b.ok(n.text),
      `chapters/01-introduction.md:${n.line}: ${n.text} disagrees with the computation`,
    );
  }
  // The words around the numbers: α is well below the limit (not "just under"), and b = 100 is ~10× worse.
  const src = chapterSource("01-introduction.md");
  assert.doesNotMatch(src, /just under \$2\/\\lambda_\{\\max\}\$/);
  assert.ok(alpha / (2 / l2) < 0.5);
  const ratio = (h2 / h1) / (l2 / l1);
  assert.ok(ratio > 9 && ratio < 11, `b = 100 is "ten times more ill-conditioned": ×${ratio}`);
  // The matrix written in the prose is the hand-derived one.
  assert.match(src, /H\(1, 1\) = \\begin\{bmatrix\} 82 & -40 \\\\ -40 & 20 \\end\{bmatrix\}/);
  assert.deepEqual([2 - 40 + 120, -40, 20], [82, -40, 20]);
});

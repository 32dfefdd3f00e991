import assert from "node:assert/strict";
import { showErratum, showVerdict } from "../../book/mod.ts";
import { convexityNonStrict } from "../../book/claims/convexityNonStrict.ts";
import { pdHessianStrongConvexity } from "../../book/claims/pdHessianStrongConvexity.ts";
import { gdStallsAtSaddle } from "../../book/claims/gdStallsAtSaddle.ts";
import { perturbedGdEscapes } from "../../book/claims/perturbedGdEscapes.ts";
import { newtonNegativeCurvature } from "../../book/claims/newtonNegativeCurvature.ts";
import { saddlesPrevalent } from "../../book/claims/saddlesPrevalent.ts";

Deno.test("erratum convexity-non-strict: the evidence holds and the box renders", () => {
  const evidence = convexityNonStrict.check();
  assert.match(evidence, /0 violations/);
  const box = showErratum(convexityNonStrict)[Symbol.for("Jupyter.display") as never] as () =>
    Record<string, string>;
  assert.match(box()["text/markdown"], /erratum-convexity-non-strict/);
});

Deno.test("claim pd-hessian-strong-convexity: qualified; m on the eˣ segment is 2(e − 2)e^{−L}", () => {
  const r = pdHessianStrongConvexity.evaluate();
  assert.equal(r.verdict, pdHessianStrongConvexity.expected);
  for (const [L, key] of [[0, "mAtL0"], [5, "mAtL5"], [20, "mAtL20"]] as const) {
    const exact = 2 * (Math.E - 2) * Math.exp(-L);
    assert.ok(
      Math.abs(r.numbers[key] - exact) <= 1e-6 * exact,
      `${key}: ${r.numbers[key]} vs ${exact}`,
    );
  }
  assert.ok(r.numbers.worstRatio >= 1 - 1e-12);
  showVerdict(pdHessianStrongConvexity, r);
});

Deno.test("claim gd-stalls-at-saddle: qualified; escape steps are ⌈ln(1/y₀)/ln 1.2⌉", () => {
  const r = gdStallsAtSaddle.evaluate();
  assert.equal(r.verdict, gdStallsAtSaddle.expected);
  assert.equal(r.numbers.escapedOnManifold, 0);
  [1e-2, 1e-5, 1e-8, 1e-12].forEach((y0, i) => {
    // Independent count of the steps for 1.2ᵏy₀ to pass 1.
    let k = 0, y = y0;
    while (Math.abs(y) <= 1) {
      y *= 1.2;
      k++;
    }
    assert.ok(Math.abs(r.numbers[`steps${i}`] - k) <= 1, `${r.numbers[`steps${i}`]} vs ${k}`);
  });
});

Deno.test("claim perturbed-gd-escapes: confirmed; every run escapes, GD does not", () => {
  const r = perturbedGdEscapes.evaluate();
  assert.equal(r.verdict, perturbedGdEscapes.expected);
  assert.equal(r.numbers.gdEscaped, 0);
  assert.equal(r.numbers.pgdEscaped, r.numbers.pgdRuns);
  // Medians fall as the noise grows, by about ln(10⁴)/ln 1.2 per four decades.
  const step = Math.log(1e4) / Math.log(1.2);
  assert.ok(Math.abs(r.numbers.median0 - r.numbers.median1 - step) <= 4);
  assert.ok(Math.abs(r.numbers.median1 - r.numbers.median2 - step) <= 4);
});

Deno.test("claim newton-negative-curvature: qualified; saddle-free Newton always finds a minimum", () => {
  const r = newtonNegativeCurvature.evaluate();
  assert.equal(r.verdict, newtonNegativeCurvature.expected);
  assert.equal(r.numbers.landed, 0);
  assert.ok(r.numbers.newtonToSaddle > 0);
  assert.equal(r.numbers.saddleFreeToMinimum, r.numbers.starts);
  assert.equal(r.numbers.newtonToSaddle + r.numbers.newtonToMinimum, r.numbers.starts);
});

Deno.test("claim saddles-prevalent: qualified; minimum shares fall from ½ and (2 − √2)/4", () => {
  const r = saddlesPrevalent.evaluate();
  assert.equal(r.verdict, saddlesPrevalent.expected);
  assert.ok(Math.abs(r.numbers.minimum1 - 0.5) < 0.04);
  assert.ok(Math.abs(r.numbers.minimum2 - (2 - Math.SQRT2) / 4) < 0.03);
  for (let n = 2; n <= 6; n++) assert.ok(r.numbers[`minimum${n}`] <= r.numbers[`minimum${n - 1}`]);
  assert.ok(r.numbers.saddle6 > 0.99, "almost every critical point is a saddle at n = 6");
});

Deno.test("claims of chapters 2 and 3: ids, chapters and a flipped expectation throws", () => {
  const all = [
    pdHessianStrongConvexity,
    gdStallsAtSaddle,
    perturbedGdEscapes,
    newtonNegativeCurvature,
    saddlesPrevalent,
  ];
  assert.equal(new Set(all.map((c) => c.id)).size, all.length);
  for (const c of all) assert.ok(c.chapter === 2 || c.chapter === 3);
  assert.throws(
    () => showVerdict({ ...gdStallsAtSaddle, expected: "confirmed" }),
    /Cannot show the verdict/,
  );
});

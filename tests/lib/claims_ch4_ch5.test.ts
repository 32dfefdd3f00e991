import assert from "node:assert/strict";
import { mimeBundle } from "../../lib/display.ts";
import { showErratum, showVerdict } from "../../book/claims/claim.ts";
import { newtonSign } from "../../book/claims/newtonSign.ts";
import { zeroEigenvalueStalls } from "../../book/claims/zeroEigenvalueStalls.ts";
import { shiftMakesPositiveDefinite } from "../../book/claims/shiftMakesPositiveDefinite.ts";
import { ridgeKappaFormula } from "../../book/claims/ridgeKappaFormula.ts";
import { stepSizeCap } from "../../book/claims/stepSizeCap.ts";
import { largeStepOvershoots } from "../../book/claims/largeStepOvershoots.ts";

const claims = [
  zeroEigenvalueStalls,
  shiftMakesPositiveDefinite,
  ridgeKappaFormula,
  largeStepOvershoots,
];
const errata = [newtonSign, stepSizeCap];

for (const claim of claims) {
  // One shared evaluation per claim (defineClaim), run with unseeded randomness disabled
  Deno.test(`claim ${claim.id}: verdict equals expected, numbers in the summary`, () => {
    const a = claim.evaluate();
    assert.equal(a.verdict, claim.expected);
    assert.equal(claim.evaluate(), a, "evaluated once, then shared");
    assert.match(claim.id, /^[a-z]+(-[a-z]+)*$/);
    assert.ok([4, 5].includes(claim.chapter));
    for (const v of Object.values(a.numbers)) assert.ok(Number.isFinite(v) || v === Infinity);
    const md = mimeBundle(showVerdict(claim, a))["text/markdown"];
    assert.ok(md.includes(`id="claim-${claim.id}"`));
  });
}

for (const erratum of errata) {
  Deno.test(`erratum ${erratum.id}: evidence holds and is deterministic`, () => {
    const a = erratum.check();
    assert.equal(erratum.check(), a);
    assert.ok(mimeBundle(showErratum(erratum))["text/markdown"].includes(`erratum-${erratum.id}`));
  });
}

Deno.test("claim zero-eigenvalue-stalls: step counts match (1 − 2αδ)^{2k}δ ≤ 1e-12 exactly", () => {
  const r = zeroEigenvalueStalls.evaluate();
  // f = x² alone: x_k = 0.8^k, f ≤ 1e-12 first at ⌈ln 1e-12 / (2 ln 0.8)⌉.
  assert.equal(r.numbers.stepsFlat, Math.ceil(Math.log(1e-12) / (2 * Math.log(0.8))));
  assert.equal(r.numbers.steps1d, r.numbers.stepsFlat);
  // f = x² + δy² from (1, 1): count by direct iteration of the two scalar recurrences.
  for (const [d, key] of [[0.1, "stepsDelta1e1"], [0.01, "stepsDelta1e2"]] as const) {
    let x = 1, y = 1, k = 0;
    while (x * x + d * y * y > 1e-12) {
      x *= 1 - 0.2;
      y *= 1 - 0.2 * d;
      k++;
    }
    assert.equal(r.numbers[key], k);
  }
});

Deno.test("claim ridge-kappa-formula: the formula matches the EVD on the singular design", () => {
  const r = ridgeKappaFormula.evaluate();
  assert.ok(r.numbers.singularMaxRelError < 1e-8, r.summary);
});

Deno.test("claim shift-makes-positive-definite: the saddle needs ε > 2", () => {
  const r = shiftMakesPositiveDefinite.evaluate();
  assert.equal(r.numbers.saddleThreshold, 2);
  assert.equal(r.numbers.saddleLambdaMinAt1, -1);
  assert.equal(r.numbers.positive, r.numbers.cases);
});

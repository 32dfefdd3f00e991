import assert from "node:assert/strict";
import { randomHessianIndex } from "../../book/experiments/randomHessianIndex.ts";

Deno.test("randomHessianIndex: n = 1 gives ½ minima, n = 2 gives (2 − √2)/4 (exact GOE values)", () => {
  const samples = 8000;
  const one = randomHessianIndex(1, { samples, seed: 1 });
  assert.ok(Math.abs(one.minimumFraction - 0.5) < 4 * Math.sqrt(0.25 / samples));
  assert.equal(one.saddleFraction, 0);
  const p = (2 - Math.SQRT2) / 4;
  const two = randomHessianIndex(2, { samples, seed: 2 });
  assert.ok(
    Math.abs(two.minimumFraction - p) < 4 * Math.sqrt(p * (1 - p) / samples),
    String(two.minimumFraction),
  );
  // n = 2: P(index 1) = 1 − 2p = 1/√2.
  assert.ok(Math.abs(two.saddleFraction - Math.SQRT1_2) < 4 * Math.sqrt(0.25 / samples));
});

Deno.test("randomHessianIndex: counts sum to the samples, are symmetric in k ↔ n − k, and are deterministic", () => {
  const r = randomHessianIndex(5, { samples: 3000, seed: 7 });
  assert.equal(r.counts.length, 6);
  assert.equal(r.counts.reduce((a, b) => a + b), 3000);
  for (let k = 0; k <= 5; k++) {
    const a = r.counts[k], b = r.counts[5 - k];
    assert.ok(Math.abs(a - b) <= 6 * Math.sqrt(a + b + 1), `${k}: ${a} vs ${b}`);
  }
  assert.deepEqual(randomHessianIndex(5, { samples: 3000, seed: 7 }).counts, r.counts);
  assert.equal(r.minimumFraction, r.counts[0] / 3000);
  assert.equal(r.maximumFraction, r.counts[5] / 3000);
});

Deno.test("randomHessianIndex: errors", () => {
  assert.throws(() => randomHessianIndex(0), /Cannot sample random Hessians: n must be/);
  assert.throws(() => randomHessianIndex(2, { samples: 0 }), /option samples/);
});

import assert from "node:assert/strict";
import { join } from "node:path";
import {
  COSTS_FILE,
  fitSeries,
  parseRecordedCosts,
  provenance,
  recordedCosts,
  smallSizeSlope,
} from "../../book/recordedCosts.ts";
import { table1StepCost, table1Verdict } from "../../book/claims/table1StepCost.ts";
import { ROOT } from "../../tools/project.ts";

// The committed results file, as written by `deno task bench:record`. Timings are not asserted,
// only that the file is well-formed and that every consumer reads the same numbers.
const text = Deno.readTextFileSync(join(ROOT, COSTS_FILE));

Deno.test("bench/results/costs.json is well-formed: machine, date, sizes, fits that match their points", () => {
  const c = parseRecordedCosts(JSON.parse(text));
  assert.ok(
    c.machine.cores >= 1 && c.machine.cpu.length > 0 && /^\d+\.\d+\.\d+/.test(c.machine.deno),
  );
  assert.ok(Date.parse(c.recorded) > Date.parse("2025-01-01T00:00:00Z"));
  for (const s of [c.stepCost.sgd, c.stepCost.adam, c.stepCost.newton]) {
    assert.ok(s.fit.points >= 3 && s.fit.to === s.sizes.at(-1));
  }
  assert.deepEqual(c.lanczos.ks.length, c.lanczos.matvecs.length);
  assert.match(provenance(c), /deno task bench:record .* on \d+ \w+ \d{4} with Deno /);
});

Deno.test("parseRecordedCosts names the first bad field", () => {
  const good = () => JSON.parse(text);
  // deno-lint-ignore no-explicit-any
  const cases: [string, (c: Record<string, any>) => void, RegExp][] = [
    ["schema", (c) => (c.schema = 2), /field schema must be 1, got 2/],
    ["date", (c) => (c.recorded = "yesterday"), /field recorded must be an ISO 8601 UTC date/],
    ["cpu", (c) => delete c.machine.cpu, /field machine\.cpu must be a non-empty string/],
    [
      "order",
      (c) => c.stepCost.sgd.sizes.reverse(),
      /field stepCost\.sgd\.sizes must be increasing/,
    ],
    [
      "length",
      (c) => c.hessianCost.hvp.seconds.pop(),
      /field hessianCost\.hvp\.seconds must have \d+ entries/,
    ],
    [
      "timing",
      (c) => (c.hessianCost.solve.seconds[0] = -1),
      /field hessianCost\.solve\.seconds\[0\] must be a positive number/,
    ],
    [
      "a hand-edited exponent",
      (c) => (c.stepCost.newton.fit.exponent = 3),
      /field stepCost\.newton\.fit\.exponent is 3, but the recorded points give/,
    ],
    [
      "a fit on too few sizes",
      (c) => (c.hessianCost.evd.fit.from = c.hessianCost.evd.sizes.at(-1)),
      /field hessianCost\.evd\.fit\.from must leave at least 3 sizes in the fit/,
    ],
    [
      "memory",
      (c) => (c.hessianCost.memory.bytes[0] += 8),
      /field hessianCost\.memory\.bytes\[0\] must be 8n²/,
    ],
  ];
  for (const [what, edit, message] of cases) {
    const c = good();
    edit(c);
    assert.throws(() => parseRecordedCosts(c), message, what);
  }
  assert.throws(
    () => parseRecordedCosts([]),
    /Cannot read bench\/results\/costs\.json: field \(root\) must be an object/,
  );
});

Deno.test("fitSeries fits from a size on; smallSizeSlope is the slope below the fit", () => {
  // t = 1 + n³·1e-6: a fixed cost that dominates small n, a cube at large n.
  const sizes = [10, 20, 400, 800, 1600];
  const seconds = sizes.map((n) => 1 + n ** 3 * 1e-6);
  const f = fitSeries(sizes, seconds, 400);
  assert.ok(Math.abs(f.exponent - 3) < 0.05 && f.points === 3 && f.from === 400 && f.to === 1600);
  const s = { sizes, seconds, fit: f };
  assert.ok(smallSizeSlope(s)! < 0.1, "the small-n slope measures the fixed cost");
  assert.equal(smallSizeSlope({ ...s, fit: fitSeries(sizes, seconds, 10) }), null);
  assert.throws(() => fitSeries(sizes, seconds, 1000), /fewer than 2 sizes are ≥ 1000/);
});

Deno.test("Table 1's claim reads the recorded exponents: same verdict and numbers on every call", () => {
  const c = recordedCosts().stepCost;
  const a = table1StepCost.evaluate(), b = table1StepCost.evaluate();
  assert.deepEqual(a, b);
  assert.equal(a.numbers.sgdExponent, c.sgd.fit.exponent);
  assert.equal(a.numbers.newtonExponent, c.newton.fit.exponent);
  assert.equal(
    a.verdict,
    table1Verdict(c.sgd.fit.exponent, c.adam.fit.exponent, c.newton.fit.exponent),
  );
  assert.equal(a.verdict, table1StepCost.expected);
});

Deno.test("no chapter times anything: timings come only from the recorded file", () => {
  const timing =
    /performance\.now|Date\.now|new Date\(|process\.hrtime|cpuUsage|stepCostScaling\(|hessianCostScaling\(|measureStepCost\(/;
  for (const e of Deno.readDirSync(join(ROOT, "chapters"))) {
    const md = Deno.readTextFileSync(join(ROOT, "chapters", e.name));
    const lines = md.split("\n").flatMap((
      l,
      i,
    ) => (timing.test(l) ? [`${e.name}:${i + 1}: ${l}`] : []));
    assert.deepEqual(lines, [], "a chapter measures time; record it with bench/record.ts instead");
  }
});

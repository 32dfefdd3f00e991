// defineClaim: one evaluation per claim and source tree, shared by the processes of a run
// (doc tests, unit tests, the book's kernels), with unseeded randomness refused.
import assert from "node:assert/strict";
import { defineClaim } from "../../book/claims/claim.ts";

const CLAIM_MODULE = new URL("../../book/claims/claim.ts", import.meta.url).href;

/** Run a claim with this id in a fresh Deno process; its evaluate prints EVALUATED. */
async function inChild(id: string, sleepMs = 0): Promise<{ evaluated: boolean; result: string }> {
  const code = `
    import { defineClaim } from ${JSON.stringify(CLAIM_MODULE)};
    const c = defineClaim({
      id: ${JSON.stringify(id)}, chapter: 9, statement: "s", expected: "confirmed",
      evaluate: () => {
        console.log("EVALUATED");
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${sleepMs});
        return { verdict: "confirmed", summary: "sum", numbers: { inf: Infinity, minf: -Infinity,
          negzero: -0, nan: NaN, third: 1 / 3, tiny: 5e-324 } };
      },
    });
    const r = c.evaluate();
    const show = (v) => Object.is(v, -0) ? "-0" : String(v);
    console.log("RESULT " + r.verdict + " " + r.summary + " " +
      Object.entries(r.numbers).map(([k, v]) => k + "=" + show(v)).join(","));
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-config", code],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  return {
    evaluated: text.includes("EVALUATED"),
    result: text.split("\n").find((l) => l.startsWith("RESULT")) ?? "",
  };
}

function removeStored(id: string): void {
  const dir = new URL("../../.cache/claims/", import.meta.url);
  try {
    for (const tree of Deno.readDirSync(dir)) {
      try {
        Deno.removeSync(new URL(`${tree.name}/${id}.json`, dir));
      } catch { /* not in this tree */ }
    }
  } catch { /* no cache folder */ }
}

Deno.test("defineClaim: evaluated once in a process; the result is frozen and shared", () => {
  let runs = 0;
  const id = `test-memo-${Deno.pid}-${Date.now()}`;
  const c = defineClaim({
    id,
    chapter: 9,
    statement: "s",
    expected: "confirmed",
    evaluate: () => (runs++, { verdict: "confirmed", summary: "ok", numbers: { x: 1 } }),
  });
  try {
    const a = c.evaluate(), b = c.evaluate();
    assert.equal(runs, 1);
    assert.equal(a, b);
    assert.ok(Object.isFrozen(a) && Object.isFrozen(a.numbers) && Object.isFrozen(c));
  } finally {
    removeStored(id);
  }
});

Deno.test("defineClaim: other processes read the stored result (−0, ±∞, NaN intact); concurrent ones wait for one evaluation", async () => {
  const id = `test-shared-${Deno.pid}-${Date.now()}`;
  try {
    const first = await inChild(id);
    assert.ok(first.evaluated, "the first process evaluates");
    assert.equal(
      first.result,
      "RESULT confirmed sum inf=Infinity,minf=-Infinity,negzero=-0,nan=NaN," +
        `third=${1 / 3},tiny=5e-324`,
    );
    const second = await inChild(id);
    assert.ok(!second.evaluated, "the second process reads it back");
    assert.equal(second.result, first.result);
    // three processes at once on a new id: exactly one evaluates, all agree
    const id2 = `${id}-concurrent`;
    try {
      const runs = await Promise.all([inChild(id2, 400), inChild(id2, 400), inChild(id2, 400)]);
      assert.equal(runs.filter((r) => r.evaluated).length, 1);
      assert.ok(runs.every((r) => r.result === first.result));
    } finally {
      removeStored(id2);
    }
  } finally {
    removeStored(id);
  }
});

Deno.test("defineClaim: a claim that draws unseeded randomness fails instead of caching a fluke", () => {
  const c = defineClaim({
    id: `test-random-${Deno.pid}`,
    chapter: 9,
    statement: "s",
    expected: "confirmed",
    evaluate: () => ({ verdict: "confirmed", summary: "", numbers: { x: Math.random() } }),
  });
  assert.throws(
    () => c.evaluate(),
    /Cannot evaluate claim "test-random-\d+": it called Math.random; a claim must be deterministic/,
  );
  assert.ok(Math.random() < 1, "Math.random is restored");
  const g = defineClaim({
    id: `test-crypto-${Deno.pid}`,
    chapter: 9,
    statement: "s",
    expected: "confirmed",
    evaluate: () => {
      crypto.getRandomValues(new Uint8Array(4));
      return { verdict: "confirmed", summary: "", numbers: {} };
    },
  });
  assert.throws(() => g.evaluate(), /it called crypto.getRandomValues/);
  assert.equal(crypto.getRandomValues(new Uint8Array(4)).length, 4, "restored");
});

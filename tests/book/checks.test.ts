import assert from "node:assert/strict";
import { AssertionError, jupyterDisplay, mimeBundle } from "@hessian/lib";
import { checks, tolerance } from "../../book/checks.ts";

Deno.test("checks: passing checks give one ✓ line each, as HTML and plain text", () => {
  const c = checks()
    .close(Math.sqrt(2) ** 2, 2, { label: "√2²", against: "2", atol: 1e-15 })
    .allClose([[1, 0], [0, 1 + 1e-14]], [[1, 0], [0, 1]], { label: "I", rtol: 1e-13 })
    .that(3 > 2, "three exceeds two");
  assert.deepEqual(c.lines(), [
    "✓ √2² = 2 ≈ 2, to 1e-15 + rel. 1e-9",
    "✓ I: 4 values ≈ expected, to 1e-12 + rel. 1e-13",
    "✓ three exceeds two",
  ]);
  const bundle = mimeBundle(c);
  assert.equal(bundle["text/plain"], c.lines().join("\n"));
  assert.equal(
    bundle["text/html"],
    '<ul class="hx-checks"><li>✓ √2² = 2 ≈ 2, to 1e-15 + rel. 1e-9</li><li>✓ I: 4 values ≈ expected, to 1e-12 + rel. 1e-13</li><li>✓ three exceeds two</li></ul>',
  );
  assert.equal(typeof c[jupyterDisplay], "function");
  assert.match(checks().that(true, "a < b & c").lines()[0], /a < b & c/);
  assert.match(mimeBundle(checks().that(true, "a < b"))["text/html"]!, /a &lt; b/);
});

Deno.test("checks: a failing check throws the library's error and records nothing", () => {
  const c = checks();
  assert.throws(
    () => c.close(1.1, 1, { label: "slope" }),
    (e) => e instanceof AssertionError && /^slope is 1\.1, expected 1 /.test(e.message),
  );
  assert.throws(() => c.allClose([1, 2], [1, 3], { label: "g" }), /g\[1\] is 2, expected 3/);
  assert.throws(() => c.that(false, "never"), /^AssertionError: never$/);
  assert.deepEqual(c.lines(), []);
});

Deno.test("checks: a long list shows its first lines, a count, and the summary", () => {
  const c = checks();
  for (let i = 0; i < 20; i++) c.close(i, i, { label: `x${i}` });
  c.summary("twenty values");
  const shown = mimeBundle(c)["text/plain"]!.split("\n");
  assert.equal(shown.length, 8);
  assert.equal(shown[6], "✓ … 14 more checks");
  assert.equal(shown[7], "✓ twenty values");
  assert.equal(c.lines().length, 21);
});

Deno.test("checks: a check repeated in a loop shows once with its count", () => {
  const c = checks();
  for (let i = 1; i <= 3; i++) c.close(i * 1e-17, 0, { label: "residual", atol: 1e-15 });
  c.summary("done");
  assert.deepEqual(mimeBundle(c)["text/plain"]!.split("\n"), [
    "✓ residual = 1e-17 ≈ 0, to 1e-15 + rel. 1e-9 (×3)",
    "✓ done",
  ]);
});

Deno.test("checks: the tolerance shown is the one applied (defaults, zero terms, no rounding)", () => {
  assert.equal(tolerance({}), "1e-12 + rel. 1e-9");
  assert.equal(tolerance({ atol: 1e-15 }), "1e-15 + rel. 1e-9", "rtol keeps its default");
  assert.equal(tolerance({ atol: 1e-6, rtol: 0 }), "1e-6");
  assert.equal(tolerance({ atol: 0, rtol: 1e-12 }), "rel. 1e-12");
  assert.equal(tolerance({ atol: 0, rtol: 0 }), "exactly");
  assert.equal(tolerance({ atol: 2.5e-10, rtol: 0 }), "2.5e-10");
  // What is shown is what holds: a value just inside the shown tolerance passes, just outside fails.
  const c = checks().close(1 + 2e-10, 1, { atol: 2.5e-10, rtol: 0, label: "x" });
  assert.equal(c.lines()[0], "✓ x = 1 ≈ 1, to 2.5e-10");
  assert.throws(() => checks().close(1 + 3e-10, 1, { atol: 2.5e-10, rtol: 0 }));
});

Deno.test("checks: allClose counts every value of rows given as typed arrays", () => {
  const rows = [new Float64Array([1, 2]), new Float64Array([3, 4])];
  assert.match(
    checks().allClose(rows, [[1, 2], [3, 4]], { label: "M" }).lines()[0],
    /^✓ M: 4 values/,
  );
});

import assert from "node:assert/strict";
import { AssertionError, jupyterDisplay, mimeBundle } from "@hessian/lib";
import { checks } from "../../book/checks.ts";

Deno.test("checks: passing checks give one ✓ line each, as HTML and plain text", () => {
  const c = checks()
    .close(Math.sqrt(2) ** 2, 2, { label: "√2²", against: "2", atol: 1e-15 })
    .allClose([[1, 0], [0, 1 + 1e-14]], [[1, 0], [0, 1]], { label: "I", rtol: 1e-13 })
    .that(3 > 2, "three exceeds two");
  assert.deepEqual(c.lines(), [
    "✓ √2² = 2 ≈ 2, to 1e-15",
    "✓ I: 4 values ≈ expected, to rel. 1e-13",
    "✓ three exceeds two",
  ]);
  const bundle = mimeBundle(c);
  assert.equal(bundle["text/plain"], c.lines().join("\n"));
  assert.equal(
    bundle["text/html"],
    '<ul class="hx-checks"><li>✓ √2² = 2 ≈ 2, to 1e-15</li><li>✓ I: 4 values ≈ expected, to rel. 1e-13</li><li>✓ three exceeds two</li></ul>',
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

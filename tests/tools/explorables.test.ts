// The site's handling of explorables: inline notebook bundles removed, one script tag added on
// the pages that need it, ids listed, every module's ids found, and the site bundle cached by
// content so an unchanged build writes the same bytes without bundling again.
import assert from "node:assert/strict";
import {
  BUNDLE_ASSET,
  definedExplorables,
  explorableIds,
  siteBundle,
  stripInlineBundles,
  withBundle,
} from "../../tools/render/explorables.ts";
import { environmentHash } from "../../tools/execute.ts";

Deno.test("site explorables: inline bundles stripped, one script tag where needed", () => {
  const out = '<div class="hx-explorable" data-explorable="a-b" data-params="{}">x</div>' +
    '<script data-hx-explorable-bundle="a-b">(()=>{"<\\/script>"})()</script><p>after</p>';
  const body = stripInlineBundles(out);
  assert.equal(
    body,
    '<div class="hx-explorable" data-explorable="a-b" data-params="{}">x</div><p>after</p>',
  );
  assert.deepEqual(explorableIds(body + '<div data-explorable="c">'), ["a-b", "c"]);
  const page = `<html><head><title>t</title></head><body>${body}</body></html>`;
  assert.ok(withBundle(page).includes(`<script src="${BUNDLE_ASSET}" defer></script>\n</head>`));
  const plain = "<html><head></head><body>no explorable</body></html>";
  assert.equal(withBundle(plain), plain);
});

Deno.test("site explorables: ids of every module, and a bundle cached by content", async () => {
  const ids = await definedExplorables();
  for (
    const id of [
      "hessian-2x2",
      "saddle-escape",
      "escape-time-distribution",
      "ridge-lambda",
      "step-size",
      "adam-steps",
      "edge-of-stability",
    ]
  ) {
    assert.ok(ids.has(id), `${id} not found under book/explorables/`);
  }
  const key = await environmentHash();
  const first = siteBundle(key);
  const second = siteBundle(key);
  assert.equal(second.cached, true, "the second call is a cache hit");
  assert.equal(second.js, first.js, "byte-identical");
  for (const id of ids.keys()) {
    assert.ok(first.js.includes(`"${id}"`), `${id} is not in the bundle`);
  }
});

// The explorable authoring API: definitions are checked once with clear errors, parameters are
// validated, the kernel's fallback carries the markup the browser runtime reads, and the inlined
// bundle is safe inside a <script> and names no external URL.
import assert from "node:assert/strict";
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import {
  type Control,
  explorable,
  formatValue,
  paramsJson,
  readoutsHtml,
  tablesHtml,
} from "../../lib/figure/explorable.ts";
import { showExplorable } from "../../lib/figure/showExplorable.ts";
import { bundleExplorables, inlineSafe } from "../../lib/figure/bundleExplorables.ts";
import { mimeBundle } from "../../lib/display.ts";
import { errorOf } from "./_helpers.ts";

const slider: Control = { type: "range", name: "k", label: "k", min: 0, max: 4, step: 0.5 };
const base = {
  id: "line",
  title: "A line",
  controls: [slider],
  defaults: { k: 1 },
  compute: ({ k }: { k: number }) => [[0, 0], [1, k]],
  render: (pts: number[][], { k }: { k: number }) => ({
    figures: [{ marks: [Plot.line(pts)], alt: `A line of slope ${k}` }],
    readouts: [{ key: "slope", label: "slope", value: k }, {
      key: "note",
      label: "<b>",
      value: "a&b",
    }],
  }),
};

Deno.test("explorable: bad definitions fail with the id and the reason", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ id: "Bad Id" }, 'Cannot define explorable "Bad Id": the id must be lowercase'],
    [{ title: "" }, 'Cannot define explorable "line": a title is required'],
    [{ compute: undefined }, "give exactly one of compute"],
    [{ chunked: { total: () => 1 } }, "give exactly one of compute"],
    [{ defaults: {} }, 'control "k" has no default'],
    [{ defaults: { k: 1, z: 2 } }, 'default "z" has no control'],
    [
      { defaults: { k: 9 } },
      'Cannot set parameter "k" of explorable "line": the value 9 is outside [0, 4]',
    ],
    [{ controls: [slider, slider] }, 'two controls set "k"'],
    [{ controls: [{ ...slider, min: 1, max: 0 }] }, "needs finite min < max"],
    [{ controls: [{ ...slider, scale: "log" }] }, "is logarithmic, so min must be > 0"],
    [{ controls: [{ ...slider, type: "knob" }] }, 'unknown type "knob"'],
  ];
  for (const [patch, message] of cases) {
    const e = errorOf(() => explorable({ ...base, ...patch } as never));
    assert.ok(e.includes(message), `${JSON.stringify(patch)}: ${e}`);
  }
});

Deno.test("explorable: params() checks every kind of control", () => {
  const e = explorable({
    ...base,
    controls: [
      slider,
      { type: "toggle", name: "on", label: "on" },
      { type: "select", name: "s", label: "s", options: [{ value: "a", label: "A" }] },
      {
        type: "point",
        name: "p",
        label: "p",
        x: { label: "x", min: -1, max: 1, step: 0.1 },
        y: { label: "y", min: -1, max: 1, step: 0.1 },
      },
    ],
    defaults: { k: 1, on: false, s: "a", p: [0, 0] },
  } as never);
  assert.deepEqual(e.params({ p: [0.5, -1] }), { k: 1, on: false, s: "a", p: [0.5, -1] });
  const bad: [Record<string, unknown>, string][] = [
    [{ on: 1 }, 'parameter "on" of explorable "line": expected true or false'],
    [{ s: "b" }, 'expected one of "a", got "b"'],
    [{ p: [0, 2] }, "y 2 is outside [-1, 1]"],
    [{ p: 3 }, "expected a pair [x, y]"],
    [{ k: NaN }, "must be a finite number"],
    [
      { zz: 1 },
      'Cannot set parameter "zz" of explorable "line": no such control (controls: k, on, s, p)',
    ],
  ];
  for (const [p, message] of bad) {
    assert.ok(errorOf(() => e.params(p as never)).includes(message), JSON.stringify(p));
  }
});

Deno.test("explorable: a chunked computation renders after any number of units, independent of slicing", () => {
  const e = explorable({
    id: "sum",
    title: "Sum",
    controls: [{ type: "range", name: "n", label: "n", min: 1, max: 100, step: 1 }],
    defaults: { n: 10 },
    chunked: {
      unit: "terms",
      total: ({ n }) => n,
      init: () => ({ s: 0 }),
      step: (st, i) => void (st.s += i + 1),
      result: (st, done) => ({ s: st.s, done }),
    },
    render: (r) => ({ figures: [], readouts: [{ key: "s", label: "sum", value: r.s }] }),
  });
  assert.equal(e.isChunked, true);
  assert.equal(e.view().readouts[0].value, 55); // all units by default
  assert.equal(e.view({ n: 100 }, 4).readouts[0].value, 10);
  assert.equal(e.view({ n: 3 }, 99).readouts[0].value, 6); // clamped to the total
});

Deno.test("explorable: formatted and exact values", () => {
  assert.equal(formatValue(123456.789), "123457");
  assert.equal(formatValue(-2.5e-7, 3), "−2.5e−7");
  assert.equal(formatValue(NaN), "—");
  assert.equal(formatValue(-Infinity), "−∞");
  const html = readoutsHtml(base.render([[0, 0]], { k: 0.1 + 0.2 }).readouts);
  assert.ok(html.includes('data-value="0.30000000000000004">0.3</output>'), html);
  assert.ok(html.includes("<dt>&lt;b&gt;</dt>") && html.includes(">a&amp;b<"), "escaped");
  assert.equal(paramsJson({ a: 1e-300 }), '{"a":1e-300}');
});

Deno.test("showExplorable: the fallback is a Figure with the markup the runtime reads", () => {
  const e = explorable(base);
  const fig = showExplorable(e, { params: { k: 2.5 } });
  assert.equal(fig.id, "line");
  assert.deepEqual(fig.params, { k: 2.5 });
  assert.deepEqual(fig.values, { slope: 2.5, note: "a&b" });
  const params = fig.html.match(/data-params="([^"]*)"/)![1].replace(/&quot;/g, '"');
  assert.deepEqual(JSON.parse(params), { k: 2.5 });
  assert.match(fig.html, /^<div class="hx-explorable" data-explorable="line"/);
  assert.match(
    fig.html,
    /<figure class="hx-figure hx-explorable-fallback">.*<svg[^>]*aria-label="A line of slope 2.5"/s,
  );
  assert.ok(fig.html.includes("Default state: k = 2.5."), "the fallback names its parameters");
  assert.ok(!fig.html.includes("<script"), "no module: no inlined bundle");
  const bundle = mimeBundle(fig);
  assert.ok(bundle["image/svg+xml"].startsWith("<svg") && bundle["text/html"] === fig.html);
  assert.ok(
    errorOf(() => showExplorable(e, { params: { k: -1 } })).startsWith(
      'Cannot set parameter "k" of explorable "line"',
    ),
  );
});

Deno.test("bundleExplorables: a safe, self-contained, deterministic script for a module", () => {
  const url = new URL("../../book/explorables/stepSize.ts", import.meta.url).href;
  const a = bundleExplorables([url]);
  assert.equal(bundleExplorables([url]), a, "two bundles of the same module are byte-identical");
  assert.ok(a.startsWith("(()=>{"), "an IIFE (a classic script: module scripts fail from file://)");
  assert.ok(!/<\/script/i.test(a) && !a.includes("<!--"), "safe inside <script>");
  const urls = [...a.matchAll(/https?:\/\/[^"'`\s)]+/g)].map((m) => m[0]);
  assert.ok(urls.every((u) => u.startsWith("http://www.w3.org/")), `external URLs: ${urls}`);
  assert.ok(!a.includes("linkedom"), "the browser bundle does not carry the kernel's DOM");
  assert.equal(inlineSafe("a</SCRIPT>b<!--c"), "a<\\/SCRIPT>b<\\!--c");
  assert.ok(
    errorOf(() => bundleExplorables(["/nonexistent/x.ts"])).startsWith(
      "Cannot bundle explorables: module /nonexistent/x.ts does not exist",
    ),
  );
});

Deno.test("explorable: data tables show every value in full, escaped, and reach the fallback", () => {
  assert.equal(tablesHtml(undefined), "");
  assert.equal(tablesHtml([]), "");
  const table = {
    key: "trace",
    caption: "Data <all>",
    columns: [{ key: "t", label: "step" }, { key: "v", label: "a&b" }],
    rows: [[0, 0.1 + 0.2], [10, "x<y"]],
  };
  const html = tablesHtml([table]);
  const { document: doc } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const details = doc.querySelector('details.hx-data[data-table="trace"]')!;
  assert.ok(details, html);
  assert.equal(details.getAttribute("data-rows"), "2");
  assert.equal(details.querySelector("summary")!.textContent, "Data <all> (2 rows)");
  assert.deepEqual(
    [...details.querySelectorAll("thead th")].map((th) => th.textContent),
    ["step", "a&b"],
  );
  const cells = [...details.querySelectorAll("td")].map((td) => [
    td.getAttribute("data-col"),
    td.textContent,
  ]);
  assert.deepEqual(cells, [["t", "0"], ["v", "0.30000000000000004"], ["t", "10"], ["v", "x<y"]]);
  assert.equal(Number(cells[1][1]), 0.1 + 0.2, "reads back exactly");
  // A view with a table: the kernel's fallback carries it after the numbers.
  const e = explorable({
    ...base,
    render: (pts: number[][], p: { k: number }) => ({ ...base.render(pts, p), tables: [table] }),
  });
  assert.ok(showExplorable(e).html.includes(html), "the fallback has the table");
});

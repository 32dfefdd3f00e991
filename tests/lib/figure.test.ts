import assert from "node:assert/strict";
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { Figure, figure, NARROW_FIGURE_MIME, renderSvg } from "../../lib/figure/figure.ts";
import { mimeBundle, table, tex, texMatrix, texNumber } from "../../lib/display.ts";

/** Normalize generated ids and round long decimals, so snapshots compare structure and geometry. */
export function normalizeSvg(svg: string): string {
  const ids = new Map<string, string>();
  return svg
    .replace(
      /\b(id|href|clip-path|fill|stroke|mask|marker-(?:start|mid|end))="(#?)(url\(#)?([^"()]*)(\))?"/g,
      (m, attr, hash, url, name, close) => {
        if (!/^plot-[a-z]+-\d+$|^plot-\d+$/.test(name)) return m;
        if (!ids.has(name)) ids.set(name, `id${ids.size}`);
        return `${attr}="${hash}${url ?? ""}${ids.get(name)}${close ?? ""}"`;
      },
    )
    .replace(/-?\d+\.\d{3,}/g, (x) => String(Math.round(Number(x) * 100) / 100))
    .replace(/></g, ">\n<");
}

const points = [
  { x: 0, y: 1, s: "a" },
  { x: 1, y: 3, s: "a" },
  { x: 2, y: 2, s: "b" },
];

Deno.test("figure: a line and dots render to the stored SVG (snapshot)", async (t) => {
  const fig = figure({
    width: 320,
    height: 200,
    marks: [Plot.line(points, { x: "x", y: "y" }), Plot.dot(points, { x: "x", y: "y", fill: "s" })],
    alt: "A line through three points",
  });
  await t.assertSnapshot(normalizeSvg(fig.svg));
});

Deno.test("figure: contours of x² − y² render to the stored SVG (snapshot)", async (t) => {
  const fig = figure({
    width: 300,
    height: 300,
    marks: [
      Plot.contour({
        fill: (x: number, y: number) => x * x - y * y,
        x1: -1,
        x2: 1,
        y1: -1,
        y2: 1,
        stroke: "currentColor",
      }),
    ],
    alt: "Saddle contours",
  });
  await t.assertSnapshot(normalizeSvg(fig.svg));
});

Deno.test("figure: Plot's names for its parts are dropped (wide, narrow, legend); the plot keeps its role and alt", () => {
  const fig = figure({
    marks: [Plot.dot(points, { x: "x", y: "y", fill: "s" }), Plot.ruleY([0])],
    color: { legend: true },
    alt: "Dots in two groups",
  });
  for (const [name, html] of [["html", fig.html], ["narrow", fig.narrow], ["svg", fig.svg]]) {
    const { document } = parseHTML(`<!doctype html><body>${html}</body>`);
    const main = [...document.querySelectorAll("svg")].filter((s) => s.getAttribute("viewBox"))
      .pop()!;
    assert.equal(main.getAttribute("role"), "img", name);
    assert.equal(main.getAttribute("aria-label"), "Dots in two groups", name);
    const named = [...document.querySelectorAll("[aria-label], [aria-description]")]
      .filter((e) => !e.getAttribute("role"));
    assert.deepEqual(named.map((e) => e.outerHTML.slice(0, 60)), [], `${name}: unnamed parts`);
    assert.ok(document.querySelectorAll("g").length > 3, `${name}: the groups are still there`);
  }
});

Deno.test("figure: rendering is deterministic", () => {
  const opts = { marks: [Plot.dot(points, { x: "x", y: "y" })], alt: "dots" };
  assert.equal(figure(opts).svg, figure(opts).svg);
});

Deno.test("figure: standalone SVG with xmlns, role and alt; HTML with caption; display bundle", () => {
  const fig = figure({
    marks: [Plot.dot(points, { x: "x", y: "y" })],
    alt: "three dots",
    caption: "A <caption>",
  });
  assert.ok(fig instanceof Figure);
  assert.match(fig.svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(fig.svg, /role="img"/);
  assert.match(fig.svg, /aria-label="three dots"/);
  assert.ok(fig.html.startsWith('<figure class="hx-figure">'));
  assert.ok(fig.html.includes("<figcaption>A &lt;caption&gt;</figcaption>"));
  const bundle = mimeBundle(fig);
  assert.equal(bundle["image/svg+xml"], fig.svg);
  assert.equal(bundle["text/html"], fig.html);
  assert.match(bundle["text/plain"], /three dots/);
});

Deno.test("figure: with a legend Plot returns a <figure>; the SVG is still the plot itself", () => {
  const fig = figure({
    color: { legend: true },
    marks: [Plot.dot(points, { x: "x", y: "y", fill: "s" })],
    alt: "coloured dots",
  });
  assert.ok(fig.html.includes("swatch"));
  assert.match(fig.svg, /^<svg xmlns=/);
  assert.ok(fig.svg.includes("<circle"));
  assert.ok(!fig.svg.includes("swatch"));
});

Deno.test("figure: missing alt text is refused", () => {
  assert.throws(
    () =>
      figure(
        { marks: [Plot.dot(points, { x: "x", y: "y" })] } as unknown as Parameters<
          typeof figure
        >[0],
      ),
    /Cannot render figure: option `alt`/,
  );
  assert.ok(
    renderSvg({ marks: [Plot.dot(points, { x: "x", y: "y" })], alt: "ok" }).includes("<circle"),
  );
});

Deno.test("display: TeX keeps backslashes; matrices and numbers format for KaTeX", () => {
  const b = mimeBundle(tex(String.raw`\int_0^1 x\,dx`));
  assert.equal(b["text/latex"], String.raw`$$\int_0^1 x\,dx$$`);
  assert.equal(
    texMatrix([[1.5, -2], [0, 1e-7]]),
    String.raw`\begin{bmatrix} 1.5 & -2 \\ 0 & 1 \times 10^{-7} \end{bmatrix}`,
  );
  assert.equal(texNumber(Infinity), String.raw`\infty`);
  assert.equal(texNumber(-0), "0");
  const t = mimeBundle(table([{ a: 1, b: "<x>" }]));
  assert.ok(t["text/html"].includes("&lt;x&gt;"));
  assert.equal(t["text/markdown"], "| a | b |\n| --- | --- |\n| 1 | <x> |");
});

Deno.test("display: table keeps exponents intact (1e-10 is not 1e-1)", () => {
  const t = mimeBundle(table([{ a: 1e-10, b: 2.5e-7, c: 1.5e21, d: 0.125 }]));
  assert.equal(t["text/markdown"].split("\n")[2], "| 1e-10 | 2.5e-7 | 1.5e+21 | 0.125 |");
});

Deno.test("figure: a label is written as data-label; a malformed one is refused", () => {
  const fig = figure({
    label: "three-dots",
    marks: [Plot.dot(points, { x: "x", y: "y" })],
    alt: "dots",
  });
  assert.equal(fig.label, "three-dots");
  assert.ok(fig.html.startsWith('<figure class="hx-figure" data-label="three-dots">'));
  assert.throws(
    () =>
      figure({ label: "Bad label", marks: [Plot.dot(points, { x: "x", y: "y" })], alt: "dots" }),
    /Cannot render figure: label "Bad label" must be lowercase letters, digits and dashes/,
  );
});

Deno.test("figure: the narrow variant is redrawn at 340 px with 12 px text and wider margins", () => {
  const fig = figure({
    width: 640,
    height: 300,
    y: { type: "log" },
    marks: [Plot.dot([{ x: 1, y: 1e-10 }, { x: 2, y: 1 }], { x: "x", y: "y" })],
    alt: "two dots",
  });
  const wide = fig.svg.match(/<svg[^>]*>/)![0], narrow = fig.narrow.match(/<svg[^>]*>/)![0];
  assert.match(wide, /width="640"/);
  assert.match(narrow, /width="340"/);
  assert.match(narrow, /font-size="12"/);
  assert.match(narrow, /aria-label="two dots"/);
  // The y axis leaves more room for the larger tick labels: its label ("↑ y") sits further left.
  const left = (svg: string) =>
    -Number(
      svg.match(/<g transform="translate\((-?[\d.]+),[^"]*"[^>]*><text[^>]*>↑ y<\/text>/)![1],
    );
  assert.ok(left(fig.narrow) > left(fig.svg) + 5, `${left(fig.narrow)} vs ${left(fig.svg)}`);
  assert.equal(mimeBundle(fig)[NARROW_FIGURE_MIME], fig.narrow);
  assert.ok(!fig.html.includes('font-size="12"'), "the notebook's HTML keeps the wide figure only");
  // Facet columns get about 180 px each and scroll on a phone; narrow: false draws none.
  const facets = figure({
    width: 640,
    fx: { label: null },
    marks: [Plot.dot(points, { x: "x", y: "y", fx: "s" })],
    alt: "two panels",
  });
  assert.match(facets.narrow, /<svg[^>]*width="410"/);
  const none = figure({ narrow: false, marks: [Plot.dot(points, { x: "x", y: "y" })], alt: "d" });
  assert.equal(none.narrow, "");
  assert.ok(!(NARROW_FIGURE_MIME in mimeBundle(none)));
});

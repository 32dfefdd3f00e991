import assert from "node:assert/strict";
import { parseChapter } from "../../tools/chapter.ts";
import { cellsToNotebook, type Notebook } from "../../tools/notebook.ts";
import { createMarkdown, newEnv } from "../../tools/render/markdown.ts";
import { renderOutput, stripAnsi } from "../../tools/render/outputs.ts";
import { withNarrowVariant } from "../../tools/render/outputs.ts";
import {
  chapterHtml,
  referencesSection,
  renderChapterBody,
  renderCodeCell,
} from "../../tools/render/page.ts";
import { authors, BibError, parseBibtex, shortLabel } from "../../tools/render/bib.ts";
import { resolveXrefs } from "../../tools/render/xref.ts";
import { formatProblem } from "../../tools/typecheck.ts";
import type { ChapterFile } from "../../tools/project.ts";

const md = createMarkdown();
const ch: ChapterFile = {
  slug: "07-test",
  number: 7,
  md: "chapters/07-test.md",
  ipynb: "notebooks/07-test.ipynb",
};

function render(text: string) {
  const env = newEnv();
  return { html: md.render(text, env), env };
}

Deno.test("math survives the Markdown parser: underscores, asterisks, backslashes", () => {
  const { html, env } = render(
    "Inline $a_1 * b_2 * c_3$ and $x_{i}\\,y_{j}$ then $$\\sum_{i} \\lambda_i^*$$.\n\n" +
      "$$\nH = \\begin{bmatrix} a & b \\\\ b & c \\end{bmatrix}\n$$\n",
  );
  assert.deepEqual(env.texErrors, []);
  // No emphasis was created from the * and _ inside math.
  assert.ok(!html.includes("<em>"), html);
  assert.ok(!html.includes("<strong>"), html);
  // KaTeX's MathML annotation carries the TeX exactly as written.
  assert.ok(html.includes('<annotation encoding="application/x-tex">a_1 * b_2 * c_3</annotation>'));
  assert.ok(html.includes("x_{i}\\,y_{j}"));
  assert.ok(html.includes("\\begin{bmatrix} a &amp; b \\\\ b &amp; c \\end{bmatrix}"));
  assert.equal((html.match(/class="katex-display"/g) ?? []).length, 2);
});

Deno.test("dollar signs that are not math stay text", () => {
  const { html, env } = render('It costs $5 and $10, and \\$x\\$ is literal. `const s = "$a$"`.');
  assert.deepEqual(env.texErrors, []);
  assert.ok(!html.includes("katex"), html);
  assert.ok(html.includes("$5 and $10"));
  assert.ok(html.includes("<code>const s = &quot;$a$&quot;</code>"));
});

Deno.test("a TeX error is reported with its chapter line, not rendered", () => {
  const text = "# T\n\nfine $x$\n\nbroken\nline $\\frac{1}{$ here\n\n$$\n\\begin{bmatrix} 1 \n$$\n";
  const cells = parseChapter(text, ch.md);
  const nb = cellsToNotebook(cells);
  const page = renderChapterBody(ch, cells, nb, md);
  assert.equal(page.problems.length, 2, JSON.stringify(page.problems));
  assert.equal(page.problems[0].file, "chapters/07-test.md");
  assert.equal(page.problems[0].line, 6);
  assert.equal(page.problems[1].line, 8);
  assert.match(page.problems[0].message, /Expected|Unexpected|end of input/i);
});

Deno.test("a TeX error in a later Markdown cell is located in that cell", () => {
  const text = "Intro $x$\n\n```ts\n1\n```\n\nSecond cell\n\nwith $\\badmacro{x}$\n";
  const cells = parseChapter(text, ch.md);
  const page = renderChapterBody(ch, cells, cellsToNotebook(cells), md);
  assert.equal(page.problems.length, 1);
  assert.equal(page.problems[0].line, 9);
  assert.match(page.problems[0].message, /badmacro/);
});

Deno.test("<script> in a text/plain output comes out escaped", () => {
  const env = newEnv();
  const plain = renderOutput(
    {
      output_type: "execute_result",
      data: { "text/plain": "<script>alert('x')</script>" },
      execution_count: 1,
      metadata: {},
    },
    md,
    env,
    0,
  );
  assert.ok(!plain.includes("<script>"), plain);
  assert.ok(plain.includes("&lt;script&gt;alert('x')&lt;/script&gt;"));
  const stream = renderOutput(
    { output_type: "stream", name: "stdout", text: ["<script>", "x</script>\n"] },
    md,
    env,
    0,
  );
  assert.ok(!stream.includes("<script>"));
});

Deno.test("ANSI codes are stripped from text outputs and errors", () => {
  assert.equal(stripAnsi("\u001b[31mred\u001b[0m \u001b[1;32mok\u001b[39m"), "red ok");
  const env = newEnv();
  const err = renderOutput(
    {
      output_type: "error",
      ename: "RangeError",
      evalue: "\u001b[31mbad\u001b[0m",
      traceback: ["\u001b[31mRangeError\u001b[0m: bad", "    at <anonymous>:1:7"],
    },
    md,
    env,
    0,
  );
  assert.ok(!err.includes("\u001b"));
  assert.ok(err.includes('class="hx-output hx-error"'));
  assert.ok(err.includes("RangeError: bad"));
});

Deno.test("outputs: markdown with math, latex through KaTeX, svg inline, html as is", () => {
  const env = newEnv();
  const mdOut = renderOutput(
    {
      output_type: "display_data",
      data: { "text/markdown": "**k** is $\\kappa_2$", "text/plain": "k" },
      metadata: {},
    },
    md,
    env,
    0,
  );
  assert.ok(mdOut.includes("<strong>k</strong>") && mdOut.includes("katex"));
  const tex = renderOutput(
    {
      output_type: "display_data",
      data: { "text/latex": "$$\\lambda_{\\max}$$", "text/plain": "l" },
      metadata: {},
    },
    md,
    env,
    0,
  );
  assert.ok(tex.includes("katex-display") && tex.includes("\\lambda_{\\max}"));
  const svg = renderOutput(
    {
      output_type: "display_data",
      data: { "image/svg+xml": '<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>' },
      metadata: {},
    },
    md,
    env,
    0,
  );
  assert.ok(svg.includes("<svg") && svg.includes("<circle"));
  const html = renderOutput(
    {
      output_type: "display_data",
      data: { "text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "t" },
      metadata: {},
    },
    md,
    env,
    0,
  );
  assert.ok(html.includes("<table>"));
  assert.deepEqual(env.texErrors, []);
});

Deno.test("a TeX error inside an output is attributed to the code cell", () => {
  const text = "Intro\n\n```ts\nshow()\n```\n";
  const cells = parseChapter(text, ch.md);
  const nb: Notebook = cellsToNotebook(cells);
  nb.cells[1].outputs = [{
    output_type: "display_data",
    data: { "text/latex": "$$\\frac{$$" },
    metadata: {},
  }];
  const page = renderChapterBody(ch, cells, nb, md);
  assert.equal(page.problems.length, 1);
  assert.equal(page.problems[0].line, 4);
  assert.equal(page.problems[0].cell, 1);
});

Deno.test("headings get unique anchors and the page lists its sections", () => {
  const text = "# 3. Title $x$\n\n## Saddles\n\ntext\n\n## Saddles\n\n## $H$ matters\n";
  const cells = parseChapter(text, ch.md);
  const page = renderChapterBody(ch, cells, cellsToNotebook(cells), md);
  assert.deepEqual(page.sections.map((s) => s.id), ["saddles", "saddles-2", "h-matters"]);
  assert.ok(page.body.includes('id="saddles-2"'));
  assert.equal(page.title, "3. Title $x$");
});

// ---- Labels, cross-references and citations (tools/render/xref.ts, bib.ts)

const bib = parseBibtex(
  `@article{pearlmutter1994,
  author = {Pearlmutter, Barak A.},
  title = {Fast Exact Multiplication by the {H}essian},
  journal = {Neural Computation}, volume = {6}, number = {1}, pages = {147--160},
  year = {1994}, doi = {10.1162/neco.1994.6.1.147}
}
@inproceedings{kingma2015,
  author = {Kingma, Diederik P. and Ba, Jimmy},
  title = {Adam: A Method for Stochastic Optimization},
  booktitle = {ICLR}, year = 2015
}`,
);

function chapterPage(number: number, text: string, figures: string[] = []) {
  const c: ChapterFile = {
    slug: `0${number}-t`,
    number,
    md: `chapters/0${number}-t.md`,
    ipynb: `notebooks/0${number}-t.ipynb`,
  };
  const cells = parseChapter(text, c.md);
  const nb = cellsToNotebook(cells);
  let k = 0;
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    const html = figures[k++];
    if (html) {
      cell.outputs = [{ output_type: "display_data", data: { "text/html": html }, metadata: {} }];
    }
  }
  return renderChapterBody(c, cells, nb, md, { bib });
}

function resolve(...pages: ReturnType<typeof chapterPage>[]) {
  const xp = pages.map((p) => ({
    file: p.file,
    source: p.chapter.md,
    body: p.body,
    labels: p.labels,
    xrefs: p.xrefs,
  }));
  const problems = resolveXrefs(xp);
  return { problems, bodies: xp.map((p) => p.body) };
}

const fig = (label: string, caption = "A caption.") =>
  `<figure class="hx-figure" data-label="${label}"><svg role="img" aria-label="alt"></svg><figcaption>${caption}</figcaption></figure>`;

Deno.test("labels: equations, exercises and figures are numbered by chapter and referenced as links", () => {
  const text = [
    "# 4. T", // 1
    "",
    "$$",
    "a = b",
    "$$ {#eq:first}", // 5
    "",
    "$$ c = d $$ {#eq:second}",
    "",
    "See @eq:second, @fig:path and @ex:two; an e-mail a@eq:x is not a reference.",
    "",
    "```ts",
    "1",
    "```",
    "",
    "## Exercises",
    "",
    "1. One.",
    "2. {#ex:two} Two.",
    "",
  ].join("\n");
  const page = chapterPage(4, text, [fig("path")]);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(
    page.labels.map((l) => [l.kind, l.label, l.number, l.id, l.line]),
    [
      ["eq", "first", "4.1", "eq-first", 5],
      ["eq", "second", "4.2", "eq-second", 7],
      ["fig", "path", "4.1", "fig-path", 12],
      ["ex", "two", "4.2", "ex-two", 18],
    ],
  );
  const { problems, bodies } = resolve(page);
  assert.deepEqual(problems, []);
  const body = bodies[0];
  assert.ok(body.includes('<div class="hx-math hx-eq" id="eq-second">'), body);
  assert.ok(body.includes('<span class="hx-eqno">(4.2)</span>'));
  assert.ok(body.includes('<a class="hx-xref" href="#eq-second">Eq.\u00a0(4.2)</a>'));
  assert.ok(body.includes('<a class="hx-xref" href="#fig-path">Figure\u00a04.1</a>'));
  assert.ok(body.includes('<a class="hx-xref" href="#ex-two">Exercise\u00a04.2</a>'));
  assert.ok(body.includes('<li id="ex-two">'));
  assert.ok(body.includes('<figure class="hx-figure" id="fig-path" data-label="path">'));
  assert.ok(body.includes('<figcaption><span class="hx-fignum">Figure 4.1.</span> A caption.'));
  assert.ok(body.includes("a@eq:x"), "an address stays text");
  assert.ok(!body.includes("{#"), "no label marker is left in the HTML");
});

Deno.test("labels: a figure with further classes is numbered and keeps them; an explorable's inner plots are not", () => {
  const html = '<figure class="hx-figure hx-explorable-fallback hx-x2" data-label="lab">' +
    '<figure class="hx-explorable-plot"><svg></svg></figure>' +
    '<figure class="hx-explorable-plot"><svg></svg></figure><figcaption>Lab.</figcaption></figure>' +
    '<figure class="hx-figure"><svg></svg></figure>';
  const page = chapterPage(3, "# 3. C\n\n```ts\n1\n```\n", [html]);
  assert.deepEqual(page.labels.map((l) => [l.label, l.number]), [["lab", "3.1"]]);
  const body = resolve(page).bodies[0];
  assert.ok(
    body.includes(
      '<figure class="hx-figure hx-explorable-fallback hx-x2" id="fig-lab" data-label="lab">',
    ),
    body,
  );
  assert.equal(body.match(/class="hx-fignum"/g)?.length, 2, "the fallback and the plain figure");
  assert.ok(body.includes('<span class="hx-fignum">Figure 3.2.</span>'));
  assert.equal(body.match(/<figure class="hx-explorable-plot">/g)?.length, 2, "inner plots");
});

Deno.test("labels: a reference to another chapter links to that page", () => {
  const a = chapterPage(1, "# 1. A\n\n```ts\n1\n```\n", [fig("valley") + fig("", "unlabelled")]);
  const b = chapterPage(2, "# 2. B\n\nAs @fig:valley showed.\n");
  const { problems, bodies } = resolve(a, b);
  assert.deepEqual(problems, []);
  assert.ok(
    bodies[1].includes('<a class="hx-xref" href="01-t.html#fig-valley">Figure\u00a01.1</a>'),
  );
  // Unlabelled figures are numbered too, with an id from their number.
  assert.ok(bodies[0].includes('id="figure-1-2"'));
  assert.ok(bodies[0].includes("Figure 1.2.</span> unlabelled"));
});

Deno.test("labels: an unknown label fails at the chapter's line; so does a duplicate", () => {
  const a = chapterPage(1, "# 1. A\n\n```ts\n1\n```\n\n```ts\n2\n```\n", [
    fig("twice"),
    fig("twice"),
  ]);
  const b = chapterPage(2, "# 2. B\n\nText.\n\nSee @fig:nope here.\n");
  const { problems, bodies } = resolve(a, b);
  assert.deepEqual(problems.map(formatProblem), [
    "chapters/01-t.md:8 (cell 2): Label error: Duplicate label fig:twice: already labels Figure 1.1 at chapters/01-t.md:4",
    "chapters/02-t.md:5: Reference error: Unknown label @fig:nope: no figure has it (figure labels: twice)",
  ]);
  assert.ok(bodies[1].includes("@fig:nope"));
});

Deno.test("labels: misplaced or malformed labels are errors, not text", () => {
  const page = chapterPage(
    3,
    "# 3. T\n\nA stray {#eq:x} marker.\n\n- {#ex:bullet} not numbered\n\n$$ y $$ {#eq:Bad_Label}\n\nSee @eq:Up.\n",
  );
  assert.deepEqual(page.problems.map(formatProblem), [
    "chapters/03-t.md:3: Label error: Cannot place the label {#eq:x} here: an equation label goes right after the closing $$ of a display equation",
    "chapters/03-t.md:5: Label error: Cannot label the exercise {#ex:bullet}: the label goes at the start of an item of a numbered list (2. {#ex:bullet} …)",
    'chapters/03-t.md:7: Label error: Cannot label equation "Bad_Label": a label is lowercase letters, digits and dashes',
    'chapters/03-t.md:9: Reference error: Cannot read the reference "@eq:Up": a label is lowercase letters, digits and dashes',
  ]);
});

Deno.test("citations: numbered per page in order of first use, with a references list", () => {
  const page = chapterPage(
    6,
    "# 6. T\n\nAdam [@kingma2015] and HVPs [@pearlmutter1994; @kingma2015, Alg. 1].\n\nAgain [@pearlmutter1994].\n",
  );
  assert.deepEqual(page.problems, []);
  assert.deepEqual(page.cited, ["kingma2015", "pearlmutter1994"]);
  assert.ok(
    page.body.includes(
      '<span class="hx-cite">[<a class="hx-cite-ref" href="#ref-kingma2015" title="Kingma and Ba, 2015">1</a>]</span>',
    ),
    page.body,
  );
  assert.ok(page.body.includes('href="#ref-pearlmutter1994" title="Pearlmutter, 1994">2</a>; '));
  assert.ok(page.body.includes(">1</a>, Alg. 1]</span>"));
  const refs = referencesSection(page.cited, bib);
  assert.ok(refs.indexOf('id="ref-kingma2015"') < refs.indexOf('id="ref-pearlmutter1994"'));
  assert.ok(
    refs.includes(
      "Barak A. Pearlmutter (1994). <cite>Fast Exact Multiplication by the Hessian</cite>. <i>Neural Computation</i>, 6(1), pp. 147–160. doi:10.1162/neco.1994.6.1.147.",
    ),
  );
});

Deno.test("citations: an unknown key fails at the chapter's line", () => {
  const page = chapterPage(
    2,
    "# 2. T\n\nFine [@kingma2015].\n\nNot [@nobody2020; @kingma2015] and [@fig:x].\n",
  );
  assert.deepEqual(page.problems.map(formatProblem), [
    'chapters/02-t.md:5: Citation error: Unknown citation key "nobody2020": add it to book/references.bib',
    'chapters/02-t.md:5: Citation error: Unknown citation key "fig:x": add it to book/references.bib (a cross-reference is written @fig:x, without brackets)',
  ]);
  // A link whose text starts with @ is a link, not a citation.
  assert.deepEqual(chapterPage(2, "# 2. T\n\n[@user](https://x.y)\n").problems, []);
});

Deno.test("bibliography: BibTeX accents, dashes and protective braces; errors name the line", () => {
  const b = parseBibtex(
    '% a comment with [@key]\n@misc{sagun2017,\n  author = {G{\\"u}ney, V. U{\\u{g}}ur and Bottou, L{\\\'e}on},\n  title = "The {H}essian -- a view",\n  year = 2017\n}\n',
  );
  const e = b.get("sagun2017")!;
  assert.equal(e.line, 2);
  assert.deepEqual(authors(e), ["V. Uğur Güney", "Léon Bottou"]);
  assert.equal(e.fields.title, "The Hessian – a view");
  assert.equal(shortLabel(e), "Güney and Bottou, 2017");
  assert.throws(
    () => parseBibtex("@misc{a,\n  title = {x},\n  year = {1}\n}\n", "refs.bib"),
    /^BibError: Cannot read refs\.bib:1: a has no author$/m,
  );
  assert.throws(
    () =>
      parseBibtex(
        "@misc{a, author={A}, title={x}, year={1}}\n\n@misc{a, author={A}, title={x}, year={1}}",
        "r.bib",
      ),
    (e: Error) =>
      e instanceof BibError && e.line === 3 &&
      /the key a is used twice \(first at line 1\)/.test(e.message),
  );
  assert.throws(
    () => parseBibtex("@misc{b, author = {A}, title = {unclosed, year = 1"),
    /is never closed/,
  );
});

Deno.test("figures: the narrow variant sits beside the wide plot", () => {
  const html = withNarrowVariant(
    '<figure class="hx-figure" data-label="a"><svg viewBox="0 0 640 300"><g></g></svg><figcaption>c</figcaption></figure>',
    '<svg viewBox="0 0 340 300" width="340"><g fill="x"></g></svg>',
  );
  assert.equal(
    html,
    '<figure class="hx-figure" data-label="a"><div class="hx-fig-wide"><svg viewBox="0 0 640 300"><g></g></svg></div><div class="hx-fig-narrow"><svg viewBox="0 0 340 300" width="340"><g fill="x"></g></svg></div><figcaption>c</figcaption></figure>',
  );
  // Wider than a phone (facets side by side): marked to scroll at 1:1.
  assert.ok(
    withNarrowVariant(
      '<figure class="hx-figure"><svg></svg></figure>',
      '<svg viewBox="0 0 590 300">',
    )
      .includes('class="hx-fig-narrow hx-fig-pan"'),
  );
});

Deno.test("page: one pager, the search box, the theme toggle and Run this chapter", () => {
  const a = chapterPage(1, "# 1. A\n\n## S\n\nText [@kingma2015].\n");
  const b = chapterPage(2, "# 2. B\n\nText.\n");
  const html = chapterHtml(a, { repository: "", bib }, undefined, b);
  assert.equal((html.match(/class="hx-pager"/g) ?? []).length, 1);
  assert.equal((html.match(/rel="next"/g) ?? []).length, 1);
  assert.ok(html.includes('<input type="search"'));
  assert.ok(html.includes('class="hx-theme-toggle"'));
  assert.ok(html.includes('<h2 id="run-this-chapter">Run this chapter</h2>'));
  assert.ok(html.includes('href="source/01-t.md"') && html.includes('href="notebooks/01-t.ipynb"'));
  assert.ok(html.includes("deno task kernel") && html.includes("jupyter lab notebooks/01-t.ipynb"));
  assert.ok(html.includes("has no public address yet"));
  assert.ok(html.includes('<section class="hx-references"'));
  const withRepo = chapterHtml(a, { repository: "https://example.org/hessian", bib });
  assert.ok(
    withRepo.includes('<a href="https://example.org/hessian">https://example.org/hessian</a>'),
  );
});

Deno.test("renderCodeCell: setup and fold collapse the code in <details>, hide keeps only outputs", () => {
  const cell = { index: 3, count: 3, source: "plot(a)\nplot(b)", outputs: ["<p>OUT</p>"] };
  const open = renderCodeCell(cell);
  assert.ok(!open.includes("<details") && open.includes("plot") && open.includes("OUT"));
  const fold = renderCodeCell({ ...cell, options: ["fold"] });
  assert.match(
    fold,
    /^<div class="hx-cell hx-code-cell hx-fold" id="cell-3"><details class="hx-fold-box"><summary>code <span class="hx-fold-lines">2 lines<\/span><\/summary><div class="hx-input">/,
  );
  assert.ok(fold.indexOf("</details>") < fold.indexOf("OUT"), "outputs stay outside the fold");
  const setup = renderCodeCell({ ...cell, options: ["setup"] });
  assert.match(setup, /<details class="hx-fold-box"><summary>imports /);
  const hide = renderCodeCell({ ...cell, options: ["hide"] });
  assert.ok(!hide.includes("hx-input") && !hide.includes("plot") && hide.includes("OUT"));
});

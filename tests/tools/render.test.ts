import assert from "node:assert/strict";
import { parseChapter } from "../../tools/chapter.ts";
import { cellsToNotebook, type Notebook } from "../../tools/notebook.ts";
import { createMarkdown, newEnv } from "../../tools/render/markdown.ts";
import { renderOutput, stripAnsi } from "../../tools/render/outputs.ts";
import { renderChapterBody } from "../../tools/render/page.ts";
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

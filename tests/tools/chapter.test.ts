import assert from "node:assert/strict";
import fc from "fast-check";
import { type Cell, CELL_OPTIONS, parseChapter, renderChapter } from "../../tools/chapter.ts";
import { cellsToNotebook, notebookToCells, serializeNotebook } from "../../tools/notebook.ts";
import { checkModule } from "../../tools/typecheck.ts";

const md = (s: string) => s.replace(/^\n/, "");

Deno.test("parseChapter splits prose and ```ts cells and records Markdown lines", () => {
  const text = md(`
# Title

Some $x_1^2$ text.

\`\`\`ts
const a = 1;
a + 1
\`\`\`

\`\`\`ts
"second"
\`\`\`

More text with a fence:

\`\`\`typescript
not executed
\`\`\`
`);
  const cells = parseChapter(text);
  assert.deepEqual(cells.map((c) => [c.kind, c.line, c.codeIndex]), [
    ["markdown", 1, undefined],
    ["code", 6, 1],
    ["code", 11, 2],
    ["markdown", 14, undefined],
  ]);
  assert.equal(cells[1].source, "const a = 1;\na + 1");
  assert.ok(cells[3].source.includes("```typescript\nnot executed\n```"));
  assert.equal(renderChapter(cells), text);
});

Deno.test("checkModule keeps every code line on its Markdown line number", () => {
  const text = md(`
Intro

\`\`\`ts
const x: number = 1;
\`\`\`

Middle

\`\`\`ts
const y = x + 1;
y
\`\`\`
`);
  const mod = checkModule(text, "t.md").split("\n");
  const lines = text.split("\n");
  for (const c of parseChapter(text)) {
    if (c.kind !== "code") continue;
    c.source.split("\n").forEach((l, i) => assert.equal(mod[c.line - 1 + i], l));
    c.source.split("\n").forEach((l, i) => assert.equal(lines[c.line - 1 + i], l));
  }
  assert.equal(mod[0], "");
});

Deno.test("code containing a ``` line gets a longer fence and reads back", () => {
  const cells: Cell[] = [{ kind: "code", source: "const s = `\n```\n`;\ns" }];
  const text = renderChapter(cells);
  assert.ok(text.startsWith("````ts\n"));
  assert.deepEqual(parseChapter(text).map(({ kind, source }) => ({ kind, source })), cells);
});

Deno.test("a Markdown cell holding a ```ts fence is refused with a clear error", () => {
  assert.throws(
    () => renderChapter([{ kind: "markdown", source: "```ts\nx\n```" }], "chapters/09-x.md"),
    /Cannot write chapters\/09-x\.md: Markdown cell 1 contains a ```ts fence/,
  );
});

Deno.test("an unclosed ```ts fence is reported with its line", () => {
  assert.throws(
    () => parseChapter("text\n\n```ts\nx\n", "chapters/02-a.md"),
    /chapters\/02-a\.md:3/,
  );
});

// --- Property: md → ipynb → md is the identity -------------------------------

const word = fc.constantFrom(
  "curvature",
  "the",
  "Hessian",
  "$x^2$",
  "$\\lambda_{\\max}$",
  "$a*b*c$",
  "$x_1 + x_2$",
  "`code`",
  "**bold**",
  "_it_",
  "\\$5",
  "costs $3",
  "<b>html</b>",
  "back`tick",
);
const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(" "));
const mdBlock = fc.oneof(
  sentence,
  sentence.map((s) => `- ${s}\n- item with $v^T H v \\ge 0$`),
  sentence.map((s) => `1. ${s}\n2. $$\\sum_i \\lambda_i$$`),
  fc.constant("$$\nH = \\begin{bmatrix} 2 & 0 \\\\ 0 & -2 \\end{bmatrix}\n$$"),
  sentence.map((s) => "```text\n" + s + "\n```"),
  sentence.map((s) => "~~~\n```ts\n" + s + "\n```\n~~~"),
  sentence.map((s) => `## ${s}`),
  fc.constant("<!-- a comment -->"),
);
const markdownCell = fc.array(mdBlock, { minLength: 1, maxLength: 4 }).chain((blocks) =>
  fc.constantFrom("", "\n", "\n\n").map((gap) => blocks.join("\n\n" + gap))
);
const codeLine = fc.oneof(
  fc.constantFrom(
    'const price = "$5";',
    "const t = `${a} $ ${b}`;",
    "// ``` not a fence in a comment",
    "```",
    "````",
    "const s = String.raw`\\lambda`;",
    "",
    "  indented();",
    "x * y",
    "$$",
  ),
  fc.string({ maxLength: 20 }).filter((s) => !s.includes("\n") && !s.includes("\r")),
);
const codeCell = fc.array(codeLine, { minLength: 0, maxLength: 6 }).map((ls) => ls.join("\n"))
  // A first line "//| …" is a cell option, not code (renderChapter refuses it as source).
  .filter((s) => !s.startsWith("//|"));
const option = fc.option(fc.constantFrom(...CELL_OPTIONS), { nil: undefined });
const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  markdownCell.map((source) => ({ kind: "markdown" as const, source })),
  fc.tuple(codeCell, option).map(([source, o]) =>
    o === undefined
      ? { kind: "code" as const, source }
      : { kind: "code" as const, source, options: [o] }
  ),
);

Deno.test("property: md → ipynb → md is the identity over generated chapters", () => {
  fc.assert(
    fc.property(fc.array(cellArb, { maxLength: 8 }), (cells) => {
      const text = renderChapter(cells);
      const parsed = parseChapter(text).map(({ kind, source, options }) =>
        options ? { kind, source, options } : { kind, source }
      );
      assert.deepEqual(parsed, cells);
      const ipynb = serializeNotebook(cellsToNotebook(parsed));
      assert.deepEqual(notebookToCells(ipynb), cells);
      const back = renderChapter(notebookToCells(ipynb));
      assert.equal(back, text);
    }),
    { seed: 20261129, numRuns: 400 },
  );
});

Deno.test("property: cell lines point at the cell text in the Markdown", () => {
  fc.assert(
    fc.property(fc.array(cellArb, { maxLength: 8 }), (cells) => {
      const text = renderChapter(cells);
      const lines = text.split("\n");
      for (const c of parseChapter(text)) {
        if (c.source === "") continue;
        assert.equal(
          lines.slice(c.line - 1, c.line - 1 + c.source.split("\n").length).join("\n"),
          c.source,
        );
      }
    }),
    { seed: 7, numRuns: 200 },
  );
});

// --- Cell options -------------------------------------------------------------

Deno.test("cell options: a first line //| NAME becomes the cell's option, off its source and line", () => {
  const text = md(`
# T

\`\`\`ts
//| setup
import { eigh } from "@hessian/lib";
\`\`\`

\`\`\`ts
//| fold
const x: number = 1;
\`\`\`

\`\`\`ts
//| hide
x
\`\`\`

\`\`\`ts
eigh
\`\`\`
`);
  const cells = parseChapter(text, "chapters/03-t.md");
  assert.deepEqual(cells.map((c) => [c.kind, c.line, c.options, c.source]), [
    ["markdown", 1, undefined, "# T"],
    ["code", 5, ["setup"], 'import { eigh } from "@hessian/lib";'],
    ["code", 10, ["fold"], "const x: number = 1;"],
    ["code", 15, ["hide"], "x"],
    ["code", 19, undefined, "eigh"],
  ]);
  assert.equal(renderChapter(cells), text);
  // The type-check module keeps every code line where it is and blanks the option lines.
  const mod = checkModule(text, "chapters/03-t.md").split("\n");
  const lines = text.split("\n");
  for (const c of cells.filter((c) => c.kind === "code")) {
    assert.equal(mod[c.line - 2], ""); // the option line (or the fence)
    c.source.split("\n").forEach((l, i) => {
      assert.equal(mod[c.line - 1 + i], l);
      assert.equal(lines[c.line - 1 + i], l);
    });
  }
  // In the notebook: metadata, source without the option line, collapsed in JupyterLab.
  const nb = cellsToNotebook(cells);
  assert.deepEqual(nb.cells[1].metadata, {
    hessian: { options: ["setup"] },
    jupyter: { source_hidden: true },
  });
  assert.deepEqual(nb.cells[1].source, ['import { eigh } from "@hessian/lib";']);
  assert.deepEqual(nb.cells[3].metadata, {
    hessian: { options: ["hide"] },
    jupyter: { source_hidden: true },
  });
  assert.deepEqual(nb.cells[4].metadata, {});
  assert.equal(renderChapter(notebookToCells(serializeNotebook(nb))), text);
});

Deno.test("cell options: an unknown or malformed option fails at its file and line", () => {
  const text = "# T\n\n```ts\n//| folded\nx\n```\n";
  assert.throws(
    () => parseChapter(text, "chapters/04-x.md"),
    /^ChapterError: Cannot parse chapters\/04-x\.md:4: unknown cell option "folded"/,
  );
  assert.throws(
    () => parseChapter("```ts\n//|fold\nx\n```\n", "chapters/04-x.md"),
    /Cannot parse chapters\/04-x\.md:2: a cell option line is written "\/\/\| NAME"/,
  );
  assert.throws(
    () => parseChapter("```ts\n//| fold\n//| hide\nx\n```\n", "chapters/04-x.md"),
    /Cannot parse chapters\/04-x\.md:3: cell option "hide" after "fold"/,
  );
  // A //| line later in the cell is just a comment.
  assert.equal(parseChapter("```ts\nx\n//| fold\n```\n")[0].options, undefined);
});

Deno.test("cell options: typed into a notebook cell or in its metadata, they come back to the chapter", () => {
  const nb = cellsToNotebook([{ kind: "code", source: "//| fold\nplot()" }, {
    kind: "code",
    source: "y",
  }]);
  nb.cells[1].metadata = { hessian: { options: ["hide"] } };
  const cells = notebookToCells(serializeNotebook(nb));
  assert.deepEqual(cells, [
    { kind: "code", source: "plot()", options: ["fold"] },
    { kind: "code", source: "y", options: ["hide"] },
  ]);
  nb.cells[1].metadata = { hessian: { options: ["collapse"] } };
  assert.throws(
    () => notebookToCells(serializeNotebook(nb), "notebooks/05-x.ipynb"),
    /Cannot parse notebooks\/05-x\.ipynb: cell 2: unknown cell option "collapse"/,
  );
});

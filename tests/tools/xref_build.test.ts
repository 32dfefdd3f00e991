/**
 * The build fails on an unknown cross-reference label, a duplicate figure label or an unknown
 * citation key, at the chapter's line (and cell), and leaves no site behind.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildBook } from "../../tools/book.ts";
import { formatProblem } from "../../tools/typecheck.ts";
import { tempProject } from "./_project.ts";

Deno.test("build: an unknown label, a duplicate figure label and an unknown citation fail at chapter:line (cell K)", async () => {
  const md = [
    "# 1. Labels", // 1
    "",
    "As @fig:dots shows, and @fig:nowhere does not [@kingma2015].",
    "",
    "Unknown work [@nobody1999].", // 5
    "",
    "```ts",
    'import * as Plot from "@observablehq/plot";',
    'import { figure } from "@hessian/lib/figure";',
    "const dots = () =>", // 10
    '  figure({ label: "dots", marks: [Plot.dot([[0, 0], [1, 1]])], alt: "Two dots on a diagonal." });',
    "dots();",
    "```",
    "",
    "```ts", // 15
    "dots();",
    "```",
    "",
  ].join("\n");
  const root = await tempProject({ "01-labels.md": md });
  const out = join(root, "site");
  const r = await buildBook({ out, log: () => {}, concurrency: 1 }, root);
  assert.equal(r.ok, false);
  assert.deepEqual(r.problems.map(formatProblem).sort(), [
    "chapters/01-labels.md:16 (cell 2): Label error: Duplicate label fig:dots: already labels Figure 1.1 at chapters/01-labels.md:8",
    "chapters/01-labels.md:3: Reference error: Unknown label @fig:nowhere: no figure has it (figure labels: dots)",
    'chapters/01-labels.md:5: Citation error: Unknown citation key "nobody1999": add it to book/references.bib',
  ]);
  assert.throws(() => Deno.statSync(out), Deno.errors.NotFound);
  await Deno.remove(root, { recursive: true });
});

/**
 * Check cells render as one ✓ line per check (book/checks.ts), never as a bare string such as
 * "all checks passed" or a chapter-local "**Checked.**" list.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseChapter } from "../../tools/chapter.ts";
import { listChapters, ROOT } from "../../tools/project.ts";
import { pages, SITE, site } from "./_site.ts";

/** A call of a library check (not a method such as `erratum.check()`). */
const CHECK_CALL = /(?<![.\w])(check|assertClose|assertAllClose)\(/;

/**
 * Problems of a chapter's check cells: a cell that calls a library check must list its checks
 * with `checks()`, unless it is a table or figure cell whose checks are incidental guards; and
 * the chapter must not define its own helper for check results.
 */
export function checkCellProblems(text: string): string[] {
  const problems: string[] = [];
  for (const cell of parseChapter(text)) {
    if (cell.kind !== "code") continue;
    const { line, source: body } = cell;
    if (!CHECK_CALL.test(body) || /\bchecks\(\)/.test(body)) continue;
    if (/\b(table|figure)\(/.test(body)) continue; // a table or figure cell with a guard
    problems.push(`line ${line}: a check cell without checks()`);
  }
  const local = text.match(/^(?:const|let|function)\s+(checked|checks)\b/m);
  if (local) problems.push(`defines a local "${local[1]}" helper; use checks() from @hessian/book`);
  return problems;
}

/**
 * Bare strings a page shows as outputs (a cell that ended with a string), other than a library
 * error shown on purpose ("Cannot ..."), and chapter-local "Checked." lists.
 */
export function bareCheckOutputs(html: string): string[] {
  const found: string[] = [];
  for (
    const m of html.matchAll(/<pre class="hx-output hx-stdout">(&quot;|&#39;|')(.*?)<\/pre>/gs)
  ) {
    if (!m[2].startsWith("Cannot ")) found.push(m[2].slice(0, 80));
  }
  if (html.includes("<strong>Checked.</strong>")) found.push("a **Checked.** list");
  return found;
}

Deno.test("check cells: every chapter's check cells use checks(), with no local helper", () => {
  const problems = listChapters().flatMap(({ md }) =>
    checkCellProblems(Deno.readTextFileSync(join(ROOT, md))).map((p) => `${md}: ${p}`)
  );
  assert.deepEqual(problems, []);
});

Deno.test("check cells: the rule catches the old style", () => {
  const fence = "```";
  const old = [
    `${fence}ts\n{\n  assertClose(1, 1, { label: "one" });\n  "all checks passed";\n}\n${fence}`,
    `${fence}ts\n/** helper */\nconst checked = (...items: string[]) => items;\n${fence}`,
    `${fence}ts\ntable(rows.map((r) => { check(r.ok, "ok"); return r; }));\n${fence}`,
    `${fence}ts\nmarkdown(ERRATA.map((e) => e.check()).join("\\n"))\n${fence}`,
    `${fence}ts\n{\n  const ok = checks();\n  ok.that(true, "holds");\n}\n${fence}`,
  ].join("\n\n");
  assert.deepEqual(checkCellProblems(old), [
    "line 2: a check cell without checks()",
    'defines a local "checked" helper; use checks() from @hessian/book',
  ]);
  assert.deepEqual(
    bareCheckOutputs(
      '<pre class="hx-output hx-stdout">&quot;all checks passed&quot;</pre>' +
        '<pre class="hx-output hx-stdout">&quot;Cannot take a Newton step: singular&quot;</pre>' +
        '<div class="hx-output hx-markdown"><p><strong>Checked.</strong></p></div>' +
        '<ul class="hx-checks"><li>✓ holds</li></ul>',
    ),
    ["all checks passed&quot;", "a **Checked.** list"],
  );
});

Deno.test({
  name: "check cells: no page shows a check cell's result as a bare string",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await site();
    const found = pages().flatMap((p) =>
      bareCheckOutputs(Deno.readTextFileSync(join(SITE, p))).map((s) => `${p}: ${s}`)
    );
    assert.deepEqual(found, []);
    const ch8 = Deno.readTextFileSync(join(SITE, "08-activations-and-architectures.html"));
    assert.ok(
      (ch8.match(/<ul class="hx-checks">/g) ?? []).length >= 15,
      "chapter 8 lists its checks",
    );
  },
});

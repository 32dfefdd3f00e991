/**
 * Explain before use: each technical term below is defined where the book first uses it. In the
 * built site, read in chapter order, the first paragraph (or list item, table cell, caption) whose
 * text names the term must mark it as defined there, with `<dfn>`. Code is not prose and is
 * skipped. Also: no raw library error ("Cannot …: reason") in prose or tables.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { DOMParser } from "linkedom";
import { chapterPages, pages, SITE, site } from "./_site.ts";

/** The terms, as a pattern for any use and the text its `<dfn>` must match. */
const TERMS: { term: string; use: RegExp }[] = [
  { term: "Ritz values", use: /\bRitz\b/ },
  { term: "Krylov space", use: /\bKrylov\b/ },
  { term: "Gauss–Newton", use: /\bGauss[–-]Newton\b/ },
  { term: "SLQ", use: /\bSLQ\b|stochastic Lanczos quadrature/i },
  { term: "forward-over-reverse", use: /forward-over-reverse/ },
  { term: "Weyl's inequality", use: /\bWeyl\b/ },
  { term: "Clarke's generalized Jacobian", use: /\bClarke\b/ },
];

const BLOCKS = "p, li, td, th, figcaption, dd, dt, h1, h2, h3, h4, summary, caption";

// deno-lint-ignore no-explicit-any
type El = any;

/** Text of an element without code, scripts and KaTeX's MathML copy. */
function prose(el: El): string {
  const clone = el.cloneNode(true);
  for (const x of clone.querySelectorAll("pre, code, script, style, .katex-mathml")) x.remove();
  return clone.textContent.replace(/\s+/g, " ");
}

/** The innermost block, in document order, whose prose uses the term. */
function firstUse(doc: El, use: RegExp): El | undefined {
  let found = [...doc.querySelectorAll(`main ${BLOCKS.split(", ").join(", main ")}`)]
    .find((b: El) => !b.closest("pre, .hx-input") && use.test(prose(b)));
  while (found) {
    const inner = [...found.querySelectorAll(BLOCKS)].find((b: El) => use.test(prose(b)));
    if (!inner) break;
    found = inner;
  }
  return found;
}

Deno.test("definitions: each term is defined (<dfn>) where the book first uses it", async () => {
  await site();
  const chapters = chapterPages();
  const docs = chapters.map((f) => ({
    f,
    doc: new DOMParser().parseFromString(Deno.readTextFileSync(join(SITE, f)), "text/html"),
  }));
  const problems: string[] = [];
  for (const { term, use } of TERMS) {
    const at = docs.map(({ f, doc }) => ({ f, el: firstUse(doc, use) })).find((x) => x.el);
    if (!at) {
      problems.push(`${term}: not used in any chapter (drop it from the list)`);
      continue;
    }
    const dfns = [...at.el.querySelectorAll("dfn")].map((d: El) => d.textContent.trim());
    if (!dfns.includes(term)) {
      problems.push(
        `${term}: first used in ${at.f} in "${
          prose(at.el).trim().slice(0, 160)
        }", without <dfn>${term}</dfn>`,
      );
    }
  }
  assert.deepEqual(problems, []);
});

Deno.test('definitions: no raw library error ("Cannot …") in prose or tables', async () => {
  await site();
  const found: string[] = [];
  for (const f of pages()) {
    const doc = new DOMParser().parseFromString(Deno.readTextFileSync(join(SITE, f)), "text/html");
    for (const b of doc.querySelectorAll("main p, main li, main td, main th, main figcaption")) {
      if (b.closest("pre, .hx-input")) continue;
      const t = prose(b);
      if (/\bCannot [a-z][^:]{0,80}: /.test(t)) found.push(`${f}: ${t.trim().slice(0, 160)}`);
    }
  }
  assert.deepEqual(found, []);
});

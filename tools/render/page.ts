/**
 * Executed notebooks → HTML pages of the book.
 *
 * @module
 */
// @ts-types="@types/markdown-it"
import type { MarkdownIt } from "markdown-it";
import type { LocatedCell } from "../chapter.ts";
import type { Notebook } from "../notebook.ts";
import { fromLines } from "../notebook.ts";
import type { ChapterFile } from "../project.ts";
import type { ChapterProblem } from "../typecheck.ts";
import { escapeHtml, highlight, newEnv, type RenderEnv } from "./markdown.ts";
import { renderOutput } from "./outputs.ts";

/** The book's title. */
export const BOOK_TITLE = "Decoding the Hessian";

/** One rendered chapter. */
export interface ChapterPage {
  chapter: ChapterFile;
  title: string;
  /** Title rendered as inline HTML (it may contain math). */
  titleHtml: string;
  /** Level-2 sections: id and inline HTML. */
  sections: { id: string; html: string }[];
  /** File name of the page, e.g. "01-introduction.html". */
  file: string;
  /** The page body (between header and footer). */
  body: string;
  problems: ChapterProblem[];
}

function collect(
  env: RenderEnv,
  from: number,
  ch: ChapterFile,
  line: (l: number) => number,
  cell?: number,
  where = "",
): ChapterProblem[] {
  return env.texErrors.slice(from).map((e) => ({
    file: ch.md,
    line: line(e.line),
    cell,
    name: "TeX error",
    message: `${e.message}${where} in: ${e.tex.trim().slice(0, 80)}`,
  }));
}

/** Render the cells of an executed chapter. */
export function renderChapterBody(
  ch: ChapterFile,
  cells: readonly LocatedCell[],
  nb: Notebook,
  md: MarkdownIt,
): ChapterPage {
  const env = newEnv();
  const problems: ChapterProblem[] = [];
  const parts: string[] = [];
  if (nb.cells.length !== cells.length) {
    throw new Error(
      `Cannot render ${ch.md}: the executed notebook has ${nb.cells.length} cells, the chapter ${cells.length}`,
    );
  }
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i], n = nb.cells[i];
    if (c.kind === "markdown") {
      const before = env.texErrors.length;
      parts.push(`<section class="hx-cell hx-md-cell">${md.render(c.source, env)}</section>`);
      problems.push(...collect(env, before, ch, (l) => c.line + l));
      continue;
    }
    const k = c.codeIndex ?? 0;
    const outs: string[] = [];
    const before = env.texErrors.length;
    for (const o of n.outputs ?? []) outs.push(renderOutput(o, md, env, c.line - 1));
    problems.push(...collect(env, before, ch, () => c.line, k, " (in an output)"));
    const count = n.execution_count ?? k;
    parts.push(
      `<div class="hx-cell hx-code-cell" id="cell-${k}">` +
        `<div class="hx-input"><a class="hx-prompt" href="#cell-${k}" aria-label="Code cell ${k}">[${count}]</a>` +
        `<pre class="hx-code"><code class="hljs language-ts">${
          highlight(fromLines(n.source), "typescript")
        }</code></pre></div>` +
        (outs.length ? `<div class="hx-outputs">${outs.join("\n")}</div>` : "") +
        `</div>`,
    );
  }
  const h1 = env.headings.find((h) => h.level === 1);
  const title = h1?.text ?? ch.slug;
  const inlineEnv = newEnv(new Set());
  const titleHtml = md.renderInline(title, inlineEnv);
  const sections = env.headings.filter((h) => h.level === 2).map((h) => ({
    id: h.id,
    html: md.renderInline(h.text, inlineEnv),
  }));
  return {
    chapter: ch,
    title,
    titleHtml,
    sections,
    file: `${ch.slug}.html`,
    body: parts.join("\n"),
    problems,
  };
}

function strip(html: string): string {
  return html.replace(
    /<span class="katex-mathml">[\s\S]*?<\/span>(?=<span class="katex-html")/g,
    "",
  )
    .replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();
}

/** The chapter title with its number in front, once (titles usually start with "N. " already). */
function numbered(p: ChapterPage): string {
  return p.title.startsWith(`${p.chapter.number}. `)
    ? p.titleHtml
    : `${p.chapter.number}. ${p.titleHtml}`;
}

/** Wrap a body into a complete HTML page. */
export function layout(opts: {
  title: string;
  body: string;
  nav?: string;
  toc?: string;
  footer?: string;
}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(opts.title)}</title>
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/book.css">
<link rel="icon" href="assets/favicon.svg" type="image/svg+xml">
</head>
<body>
<header class="hx-top"><a class="hx-brand" href="index.html">${BOOK_TITLE}</a>${
    opts.nav ?? ""
  }</header>
<div class="hx-layout">
${opts.toc ? `<nav class="hx-toc" aria-label="On this page">${opts.toc}</nav>` : ""}
<main class="hx-main">
${opts.body}
</main>
</div>
<footer class="hx-bottom">${opts.footer ?? ""}</footer>
</body>
</html>
`;
}

/** The full HTML of a chapter page with its navigation. */
export function chapterHtml(page: ChapterPage, prev?: ChapterPage, next?: ChapterPage): string {
  const link = (p: ChapterPage | undefined, rel: "prev" | "next") =>
    p
      ? `<a class="hx-${rel}" rel="${rel}" href="${p.file}">${rel === "prev" ? "← " : ""}${
        numbered(p)
      }${rel === "next" ? " →" : ""}</a>`
      : `<span class="hx-${rel}"></span>`;
  const pager = `<nav class="hx-pager" aria-label="Chapters">${link(prev, "prev")}${
    link(next, "next")
  }</nav>`;
  const toc = page.sections.length
    ? `<p class="hx-toc-title">On this page</p><ol>${
      page.sections.map((s) => `<li><a href="#${s.id}">${s.html}</a></li>`).join("")
    }</ol>`
    : "";
  const download =
    `<p class="hx-download"><a href="notebooks/${page.chapter.slug}.ipynb" download>Download the executed notebook (${page.chapter.slug}.ipynb)</a> · source: <code>${page.chapter.md}</code></p>`;
  return layout({
    title: `${strip(numbered(page))} — ${BOOK_TITLE}`,
    body: page.body + download + pager,
    nav: `<nav class="hx-topnav" aria-label="Chapters">${
      link(prev, "prev")
    }<a href="index.html">Contents</a>${link(next, "next")}</nav>`,
    toc,
    footer: pager,
  });
}

/** The index page: the table of contents. */
export function indexHtml(pages: readonly ChapterPage[], intro: string): string {
  const items = pages.map((p) =>
    `<li><a href="${p.file}">${numbered(p)}</a>${
      p.sections.length
        ? `<ol class="hx-sections">${
          p.sections.map((s) => `<li><a href="${p.file}#${s.id}">${s.html}</a></li>`).join("")
        }</ol>`
        : ""
    }</li>`
  ).join("\n");
  return layout({
    title: BOOK_TITLE,
    body:
      `<h1>${BOOK_TITLE}</h1>${intro}<h2 id="contents">Contents</h2><ul class="hx-contents">${items}</ul>`,
  });
}

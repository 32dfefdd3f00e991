/**
 * Executed notebooks → HTML pages of the book: the chapter body (cells,
 * numbered figures, equations, exercises, citations), and the page around it
 * (search box, theme toggle, table of contents, references, source and
 * "Run this chapter", one pager).
 *
 * Pages load one classic script, `assets/book.js` (no modules, so they work
 * from file://), plus a two-line inline script in the head that applies the
 * saved theme before the first paint.
 *
 * @module
 */
// @ts-types="@types/markdown-it"
import type { MarkdownIt } from "markdown-it";
import type { CellOption, LocatedCell } from "../chapter.ts";
import type { Notebook, Output } from "../notebook.ts";
import { fromLines, KERNEL_DISPLAY_NAME } from "../notebook.ts";
import type { ChapterFile } from "../project.ts";
import type { ChapterProblem } from "../typecheck.ts";
import { type Bibliography, formatEntry } from "./bib.ts";
import { escapeHtml } from "./html.ts";
import { highlight, newEnv, type RenderEnv } from "./markdown.ts";
import { renderOutput } from "./outputs.ts";
import { type LabelDef, labelNumber, type XrefUse } from "./xref.ts";

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
  /** The page body (between header and footer), with cross-reference markers until resolved. */
  body: string;
  problems: ChapterProblem[];
  /** Figures, equations and exercises labelled on the page (1-based chapter lines). */
  labels: LabelDef[];
  /** Cross-references made on the page (1-based chapter lines). */
  xrefs: XrefUse[];
  /** Citation keys in order of first citation (number = index + 1). */
  cited: string[];
}

/** Settings of the page template. */
export interface SiteConfig {
  /** Address of the source repository, or "" when it has none yet. */
  repository: string;
  /** The bibliography, for each page's references section. */
  bib: Bibliography;
}

/** Everything a code cell's HTML is made from. */
export interface CodeCellView {
  /** 1-based index among the chapter's code cells (the anchor `cell-K`). */
  index: number;
  /** The prompt number shown, `[N]`. */
  count: number;
  source: string;
  /** Rendered outputs. */
  outputs: string[];
  /** The cell's options from the chapter (`//| setup`, `//| fold`, `//| hide`). */
  options?: readonly CellOption[];
}

/**
 * The HTML of one code cell: its input with a prompt, then its outputs.
 *
 * By the cell's option, the input is shown open (no option: the code that teaches), collapsed
 * under a summary "imports" (`setup`) or "code" (`fold`) in a native `<details>` (so it opens
 * with the keyboard and without scripts), or left out, keeping only the outputs (`hide`).
 */
export function renderCodeCell(cell: CodeCellView): string {
  const option = cell.options?.[0];
  const input =
    `<div class="hx-input"><a class="hx-prompt" href="#cell-${cell.index}" aria-label="Code cell ${cell.index}">[${cell.count}]</a>` +
    `<pre class="hx-code"><code class="hljs language-ts">${
      highlight(cell.source, "typescript")
    }</code></pre></div>`;
  const lines = cell.source === "" ? 0 : cell.source.split("\n").length;
  const count = `<span class="hx-fold-lines">${lines} line${lines === 1 ? "" : "s"}</span>`;
  const shown = option === "hide"
    ? ""
    : option === "setup"
    ? `<details class="hx-fold-box"><summary>imports ${count}</summary>${input}</details>`
    : option === "fold"
    ? `<details class="hx-fold-box"><summary>code ${count}</summary>${input}</details>`
    : input;
  return `<div class="hx-cell hx-code-cell${
    option ? ` hx-${option}` : ""
  }" id="cell-${cell.index}">` +
    shown +
    (cell.outputs.length ? `<div class="hx-outputs">${cell.outputs.join("\n")}</div>` : "") +
    `</div>`;
}

/** Number the `<figure class="hx-figure">` elements in an output's HTML, in order. */
function numberFigures(
  html: string,
  env: RenderEnv,
  figures: { count: number },
  line: number,
): string {
  const parts = html.split(/(?=<figure class="hx-figure[" ])/);
  return parts.map((part) => {
    // Any further classes (an explorable's fallback is `hx-figure hx-explorable-fallback`) are kept.
    const open = part.match(/^<figure class="(hx-figure(?: [\w-]+)*)"(?: data-label="([^"]*)")?>/);
    if (!open) return part;
    figures.count++;
    const number = `${env.chapter ? `${env.chapter}.` : ""}${figures.count}`;
    const label = open[2];
    const def = label !== undefined ? labelNumber(env, "fig", label, line, number) : undefined;
    const id = def?.id ?? `figure-${number.replace(/\./g, "-")}`;
    const num = `<span class="hx-fignum">Figure ${number}.</span>`;
    let out =
      `<figure class="${open[1]}" id="${id}"${
        label !== undefined ? ` data-label="${escapeHtml(label)}"` : ""
      }>` + part.slice(open[0].length);
    if (out.includes("<figcaption>")) out = out.replace("<figcaption>", `<figcaption>${num} `);
    else {
      const end = out.lastIndexOf("</figure>");
      out = `${out.slice(0, end)}<figcaption>${num}</figcaption>${out.slice(end)}`;
    }
    return out;
  }).join("");
}

/** Render the cells of an executed chapter. */
export function renderChapterBody(
  ch: ChapterFile,
  cells: readonly LocatedCell[],
  nb: Notebook,
  md: MarkdownIt,
  options: { bib?: Bibliography } = {},
): ChapterPage {
  const env = newEnv(new Set(), { chapter: ch.number, bib: options.bib });
  const problems: ChapterProblem[] = [];
  const labels: LabelDef[] = [];
  const xrefs: XrefUse[] = [];
  const figures = { count: 0 };
  const parts: string[] = [];
  if (nb.cells.length !== cells.length) {
    throw new Error(
      `Cannot render ${ch.md}: the executed notebook has ${nb.cells.length} cells, the chapter ${cells.length}`,
    );
  }
  // Everything found while rendering one cell, located in the chapter: Markdown lines map to
  // chapter lines; anything inside a code cell's outputs is located at the cell.
  const locate = (
    mark: { tex: number; issues: number; labels: number; xrefs: number },
    line: (l: number) => number,
    cell?: number,
    where = "",
  ) => {
    for (const e of env.texErrors.slice(mark.tex)) {
      problems.push({
        file: ch.md,
        line: line(e.line),
        cell,
        name: "TeX error",
        message: `${e.message}${where} in: ${e.tex.trim().slice(0, 80)}`,
      });
    }
    for (const e of env.issues.slice(mark.issues)) {
      problems.push({ file: ch.md, line: line(e.line), cell, name: e.name, message: e.message });
    }
    for (const d of env.labels.slice(mark.labels)) labels.push({ ...d, line: line(d.line), cell });
    for (const x of env.xrefs.slice(mark.xrefs)) xrefs.push({ ...x, line: line(x.line), cell });
  };
  const mark = () => ({
    tex: env.texErrors.length,
    issues: env.issues.length,
    labels: env.labels.length,
    xrefs: env.xrefs.length,
  });
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i], n = nb.cells[i];
    const before = mark();
    if (c.kind === "markdown") {
      parts.push(`<section class="hx-cell hx-md-cell">${md.render(c.source, env)}</section>`);
      locate(before, (l) => c.line + l);
      continue;
    }
    const k = c.codeIndex ?? 0;
    const outputs = (n.outputs ?? []).map((o: Output) =>
      numberFigures(renderOutput(o, md, env, c.line - 1), env, figures, c.line)
    );
    locate(before, () => c.line, k, " (in an output)");
    parts.push(renderCodeCell({
      index: k,
      count: n.execution_count ?? k,
      source: fromLines(n.source),
      outputs,
      options: c.options,
    }));
  }
  problems.sort((a, b) => a.line - b.line); // stable: same-line problems keep their order
  const h1 = env.headings.find((h) => h.level === 1);
  const title = h1?.text ?? ch.slug;
  const inlineEnv = newEnv(new Set(), { bib: options.bib });
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
    labels,
    xrefs,
    cited: env.cited,
  };
}

/** Text of HTML without tags (KaTeX's MathML copy dropped). */
export function stripTags(html: string): string {
  return html.replace(
    /<span class="katex-mathml">[\s\S]*?<\/span>(?=<span class="katex-html")/g,
    "",
  )
    .replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();
}

/** The chapter title with its number in front, once (titles usually start with "N. " already). */
export function numbered(p: ChapterPage): string {
  return p.title.startsWith(`${p.chapter.number}. `)
    ? p.titleHtml
    : `${p.chapter.number}. ${p.titleHtml}`;
}

const HEAD_SCRIPT =
  `<script>document.documentElement.classList.add("hx-js");try{var t=localStorage.getItem("hx-theme");if(t==="light"||t==="dark")document.documentElement.setAttribute("data-theme",t)}catch(e){}</script>`;

/** Wrap a body into a complete HTML page. */
export function layout(opts: {
  title: string;
  body: string;
  toc?: string;
  footer?: string;
}): string {
  const tocButton = opts.toc
    ? `<button type="button" class="hx-toc-toggle" aria-controls="hx-toc" aria-expanded="false">On this page</button>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(opts.title)}</title>
${HEAD_SCRIPT}
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/book.css">
<link rel="icon" href="assets/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="hx-skip" href="#main">Skip to the text</a>
<header class="hx-top">
<a class="hx-brand" href="index.html">${BOOK_TITLE}</a>
<div class="hx-search" role="search">
<label class="hx-visually-hidden" for="hx-search-input">Search the book</label>
<input type="search" id="hx-search-input" class="hx-search-input" placeholder="Search the book" autocomplete="off" spellcheck="false" aria-describedby="hx-search-help">
<span class="hx-visually-hidden" id="hx-search-help">Results appear below as you type; use the arrow keys to move through them, Enter to open one, Escape to close.</span>
<div class="hx-search-results" id="hx-search-results" hidden></div>
<p class="hx-visually-hidden" id="hx-search-status" role="status" aria-live="polite"></p>
</div>
<nav class="hx-topnav" aria-label="Book">
<a href="index.html">Contents</a><a href="references.html">References</a><a href="api/index.html">API</a>
</nav>
${tocButton}<button type="button" class="hx-theme-toggle" aria-label="Dark theme" aria-pressed="false"><span aria-hidden="true">◐</span></button>
</header>
<div class="hx-layout">
${opts.toc ? `<nav class="hx-toc" id="hx-toc" aria-label="On this page">${opts.toc}</nav>` : ""}
<main class="hx-main" id="main">
${opts.body}
</main>
</div>
<footer class="hx-bottom">${opts.footer ?? ""}</footer>
<script src="assets/book.js"></script>
</body>
</html>
`;
}

/** The references section of a page: the cited entries, numbered in order of first citation. */
export function referencesSection(cited: readonly string[], bib: Bibliography): string {
  if (cited.length === 0) return "";
  return `<section class="hx-references" aria-labelledby="references"><h2 id="references">References</h2><ol>${
    cited.map((key) =>
      `<li id="ref-${escapeHtml(key)}">${
        formatEntry(bib.get(key)!)
      } <a class="hx-ref-all" href="references.html#${
        escapeHtml(key)
      }" aria-label="In the full list of references">↗</a></li>`
    ).join("")
  }</ol></section>`;
}

function repositoryHtml(repository: string): string {
  return repository
    ? `<a href="${escapeHtml(repository)}">${escapeHtml(repository)}</a>`
    : "(the repository has no public address yet)";
}

/** "Run this chapter": source, notebook and the commands to run it in Jupyter with our kernel. */
export function runSection(ch: ChapterFile, repository: string): string {
  return `<aside class="hx-run" aria-labelledby="run-this-chapter"><h2 id="run-this-chapter">Run this chapter</h2>
<p>This page was built from <a href="source/${ch.slug}.md"><code>${ch.md}</code></a> by running its notebook <a href="notebooks/${ch.slug}.ipynb" download><code>${ch.ipynb}</code></a> (download the executed copy) in the Deno Jupyter kernel. Source repository: ${
    repositoryHtml(repository)
  }.</p>
<ol>
<li>In a clone of the repository, register the kernel with your Jupyter: <code>deno task kernel</code></li>
<li>Open the notebook: <code>jupyter lab ${ch.ipynb}</code> (or <code>jupyter notebook</code>), pick the kernel “${
    escapeHtml(KERNEL_DISPLAY_NAME)
  }” and run all cells.</li>
<li>Or rebuild this page from the chapter: <code>deno task book --only ${ch.number}</code></li>
</ol>
</aside>`;
}

/** The one pager of a chapter page. */
function pager(prev?: ChapterPage, next?: ChapterPage): string {
  const link = (p: ChapterPage | undefined, rel: "prev" | "next") =>
    p
      ? `<a class="hx-${rel}" rel="${rel}" href="${p.file}"><span class="hx-pager-dir">${
        rel === "prev" ? "← Previous" : "Next →"
      }</span> ${numbered(p)}</a>`
      : `<span class="hx-${rel}"></span>`;
  return `<nav class="hx-pager" aria-label="Previous and next chapter">${link(prev, "prev")}${
    link(next, "next")
  }</nav>`;
}

function footer(repository: string): string {
  return `<p>${BOOK_TITLE}: an executable companion to S. Bandyopadhyay's paper. Source repository: ${
    repositoryHtml(repository)
  }. <a href="references.html">References</a> · <a href="api/index.html">API reference</a></p>`;
}

/** The full HTML of a chapter page: body, references, "Run this chapter", one pager. */
export function chapterHtml(
  page: ChapterPage,
  config: SiteConfig,
  prev?: ChapterPage,
  next?: ChapterPage,
): string {
  const refs = referencesSection(page.cited, config.bib);
  const tocItems = [
    ...page.sections,
    ...(refs ? [{ id: "references", html: "References" }] : []),
    { id: "run-this-chapter", html: "Run this chapter" },
  ];
  const toc = `<p class="hx-toc-title">On this page</p><ol>${
    tocItems.map((s) => `<li><a href="#${s.id}">${s.html}</a></li>`).join("")
  }</ol>`;
  return layout({
    title: `${stripTags(numbered(page))} — ${BOOK_TITLE}`,
    body: page.body + refs + runSection(page.chapter, config.repository) + pager(prev, next),
    toc,
    footer: footer(config.repository),
  });
}

/** The index page: the table of contents, the references and the API reference. */
export function indexHtml(
  pages: readonly ChapterPage[],
  intro: string,
  config: SiteConfig & {
    cited: readonly string[];
    /** The library's entry points and their pages under api/. */
    api: readonly { name: string; page: string; summary: string }[];
  },
): string {
  const items = pages.map((p) =>
    `<li><a href="${p.file}">${numbered(p)}</a>${
      p.sections.length
        ? `<ol class="hx-sections">${
          p.sections.map((s) => `<li><a href="${p.file}#${s.id}">${s.html}</a></li>`).join("")
        }</ol>`
        : ""
    }</li>`
  ).join("\n");
  const run = `<h2 id="run-the-book">Run the book</h2>
<p>Source repository: ${
    repositoryHtml(config.repository)
  }. In a clone, <code>deno task book</code> runs every chapter in the Deno kernel and writes this site; <code>deno task kernel</code> registers the kernel with Jupyter, after which <code>jupyter lab notebooks/</code> opens the chapters as notebooks. Each chapter page ends with the commands for that chapter.</p>`;
  return layout({
    title: BOOK_TITLE,
    body:
      `<h1>${BOOK_TITLE}</h1>${intro}<h2 id="contents">Contents</h2><ul class="hx-contents">${items}</ul>
<h2 id="apparatus">References and API</h2><ul class="hx-contents"><li><a href="references.html">References</a>: every work the chapters cite</li><li><a href="api/index.html">API reference</a>: the library's entry points, every export with its example${
        config.api.length
          ? `<ul class="hx-api-list">${
            config.api.map((e) =>
              `<li><a href="api/${e.page}"><code>${escapeHtml(e.name)}</code></a> ${
                escapeHtml(e.summary)
              }</li>`
            ).join("")
          }</ul>`
          : ""
      }</li></ul>
${run}${referencesSection(config.cited, config.bib)}`,
    footer: footer(config.repository),
  });
}

/** The full list of references, each with the chapters that cite it. */
export function referencesHtml(
  bib: Bibliography,
  citedBy: ReadonlyMap<string, readonly ChapterPage[]>,
  config: SiteConfig,
  sortKey: (key: string) => string,
): string {
  const keys = [...bib.keys()].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const items = keys.map((key) => {
    const pages = citedBy.get(key) ?? [];
    const where = pages.length
      ? ` <span class="hx-cited-in">Cited in ${
        pages.map((p) =>
          `<a href="${p.file}#ref-${escapeHtml(key)}">chapter ${p.chapter.number}</a>`
        )
          .join(", ")
      }.</span>`
      : "";
    return `<li id="${escapeHtml(key)}">${formatEntry(bib.get(key)!)}${where}</li>`;
  }).join("\n");
  return layout({
    title: `References — ${BOOK_TITLE}`,
    body:
      `<h1 id="references">References</h1><p>Every work cited in the book, by first author. Identifiers (doi, arXiv) are given as text: the book makes no requests outside itself.</p><ol class="hx-biblio">${items}</ol>`,
    footer: footer(config.repository),
  });
}

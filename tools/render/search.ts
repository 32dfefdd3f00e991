/**
 * The search index: MiniSearch over the built pages, serialized at build time
 * into `assets/search-index.js` (a classic script that sets
 * `window.HX_SEARCH`), because `fetch()` of a JSON file fails from file://.
 *
 * Documents: each section (headings h1–h3 with the prose under them), each
 * claim box, each figure (number, caption, alt text), each labelled
 * equation (number and label words), and each reference.
 *
 * @module
 */
import MiniSearch from "minisearch";
import { parseHTML } from "linkedom";

/** One search result's stored fields, plus the text that is searched. */
export interface SearchDoc {
  id: number;
  kind: "page" | "section" | "claim" | "figure" | "equation" | "reference";
  /** Heading, figure number and caption start, claim start, … */
  title: string;
  /** The page's title. */
  page: string;
  /** Relative link, e.g. "03-saddle-points.html#fig-saddle-paths". */
  url: string;
  /** The searched text. */
  text: string;
  /** Label words, e.g. "ridge kappa" for eq:ridge-kappa. */
  labels: string;
  /** The first words of the text, shown under a result. */
  excerpt: string;
}

/** Options shared by the build and the browser (the browser gets them with the index). */
export const SEARCH_OPTIONS = {
  fields: ["title", "text", "labels"],
  storeFields: ["kind", "title", "page", "url", "excerpt"],
} as const;

const SKIP = new Set(["PRE", "SCRIPT", "STYLE", "SVG", "BUTTON", "NAV", "TEMPLATE", "MATH"]);

/** Visible text of an element: no code, no KaTeX (its MathML or its HTML), no SVG. */
function textOf(el: Element): string {
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === 3) {
      out.push(n.textContent ?? "");
      return;
    }
    if (n.nodeType !== 1) return;
    const e = n as Element;
    if (SKIP.has(e.tagName.toUpperCase())) return;
    if (e.classList.contains("katex") || e.classList.contains("hx-anchor")) {
      out.push(" ");
      return;
    }
    for (const c of Array.from(e.childNodes)) walk(c);
    if (/^(P|LI|DIV|SECTION|H\d|TD|TH|TR|FIGCAPTION|BLOCKQUOTE)$/.test(e.tagName)) out.push(" ");
  };
  walk(el);
  return out.join("").replace(/\s+/g, " ").trim();
}

function excerpt(text: string, n = 160): string {
  if (text.length <= n) return text;
  const cut = text.slice(0, n);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), n - 20))} …`;
}

/** The search documents of one built page. */
export function pageDocs(file: string, html: string, firstId: number): SearchDoc[] {
  const { document } = parseHTML(html);
  const main = document.querySelector("main");
  if (!main) return [];
  const page = (document.querySelector("title")?.textContent ?? file).replace(/ — .*$/, "");
  const docs: SearchDoc[] = [];
  const add = (d: Omit<SearchDoc, "id" | "excerpt" | "labels"> & { labels?: string }) => {
    if (!d.text && !d.title) return;
    docs.push({ labels: "", ...d, id: firstId + docs.length, excerpt: excerpt(d.text) });
  };
  // Sections: walk main in order; a heading with an id starts a new section.
  let section = {
    title: page,
    url: file,
    kind: "page" as SearchDoc["kind"],
    parts: [] as string[],
  };
  const flush = () => {
    add({
      kind: section.kind,
      title: section.title,
      page,
      url: section.url,
      text: section.parts.join(" "),
    });
  };
  const visit = (el: Element) => {
    const tag = el.tagName.toUpperCase();
    if (/^H[1-3]$/.test(tag) && el.id) {
      flush();
      section = {
        title: textOf(el),
        url: `${file}#${el.id}`,
        kind: tag === "H1" ? "page" : "section",
        parts: [],
      };
      return;
    }
    if (el.classList.contains("hx-box")) {
      const text = textOf(el);
      const cell = el.closest("[id^=cell-]");
      add({
        kind: "claim",
        title: excerpt(text, 80),
        page,
        url: cell ? `${file}#${cell.id}` : section.url,
        text,
      });
      return;
    }
    if (tag === "FIGURE" && el.classList.contains("hx-figure")) {
      const caption = el.querySelector("figcaption");
      const alt = el.querySelector("svg[role=img]")?.getAttribute("aria-label") ?? "";
      const label = el.getAttribute("data-label") ?? "";
      add({
        kind: "figure",
        title: caption ? excerpt(textOf(caption), 80) : "Figure",
        page,
        url: `${file}#${el.id}`,
        text: `${caption ? textOf(caption) : ""} ${alt}`.trim(),
        labels: label.replace(/-/g, " "),
      });
      return;
    }
    if (el.classList.contains("hx-eq") && el.id) {
      const number = el.querySelector(".hx-eqno")?.textContent ?? "";
      const label = el.id.replace(/^eq-/, "");
      add({
        kind: "equation",
        title: `Eq. ${number}`,
        page,
        url: `${file}#${el.id}`,
        text: `${label.replace(/-/g, " ")} ${section.title}`,
        labels: label.replace(/-/g, " "),
      });
      return;
    }
    if (tag === "LI" && el.closest(".hx-biblio") && el.id) {
      const text = textOf(el);
      add({ kind: "reference", title: excerpt(text, 80), page, url: `${file}#${el.id}`, text });
      return;
    }
    if (/^(P|LI|BLOCKQUOTE|DT|DD|TD|TH)$/.test(tag)) {
      section.parts.push(textOf(el));
      return;
    }
    if (SKIP.has(tag) || el.classList.contains("hx-input") || el.classList.contains("hx-run")) {
      return;
    }
    for (const c of Array.from(el.children)) visit(c as Element);
  };
  for (const c of Array.from(main.children)) visit(c as Element);
  flush();
  return docs;
}

/** The script `assets/search-index.js`: the serialized index and the options to load it. */
export function searchIndexScript(pages: readonly { file: string; html: string }[]): {
  script: string;
  documents: number;
} {
  const docs: SearchDoc[] = [];
  for (const p of pages) docs.push(...pageDocs(p.file, p.html, docs.length));
  const ms = new MiniSearch<SearchDoc>({
    ...SEARCH_OPTIONS,
    fields: [...SEARCH_OPTIONS.fields],
    storeFields: [...SEARCH_OPTIONS.storeFields],
  });
  ms.addAll(docs);
  const data = { options: SEARCH_OPTIONS, index: ms.toJSON() };
  return {
    script:
      `// Generated by tools/render/search.ts: the book's search index (MiniSearch ${"7"}).\nwindow.HX_SEARCH = ${
        JSON.stringify(data)
      };\n`,
    documents: docs.length,
  };
}

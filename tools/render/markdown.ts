/**
 * Markdown → HTML for the book: markdown-it with server-side KaTeX math,
 * heading anchors and build-time syntax highlighting.
 *
 * Math is taken out before any other inline rule runs, so `_`, `*` and `\`
 * inside `$…$` reach KaTeX untouched. A TeX error is not rendered in red: it
 * is collected with its Markdown line, and the build fails on it.
 *
 * @module
 */
// @ts-types="@types/markdown-it"
import MarkdownIt, { type StateBlock, type StateInline } from "markdown-it";
import katex from "katex";
import hljs from "highlight.js/lib/core";
import typescript from "highlight.js/lib/languages/typescript";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import bash from "highlight.js/lib/languages/bash";
import plaintext from "highlight.js/lib/languages/plaintext";
import type { Bibliography } from "./bib.ts";
import { escapeHtml } from "./html.ts";
import { type LabelDef, labelNumber, xrefPlugin, type XrefUse } from "./xref.ts";

hljs.registerLanguage("typescript", typescript);
hljs.registerLanguage("javascript", javascript);
hljs.registerLanguage("json", json);
hljs.registerLanguage("bash", bash);
// highlight.js's own typings declare plaintext without the `contains` they require of a language.
hljs.registerLanguage(
  "plaintext",
  plaintext as unknown as Parameters<typeof hljs.registerLanguage>[1],
);
hljs.registerAliases(["ts", "tsx"], { languageName: "typescript" });
hljs.registerAliases(["js"], { languageName: "javascript" });
hljs.registerAliases(["sh", "shell", "console"], { languageName: "bash" });
hljs.registerAliases(["text", "txt"], { languageName: "plaintext" });

/** A TeX error, located in the Markdown source. */
export interface TexError {
  /** 0-based line within the rendered text. */
  line: number;
  message: string;
  tex: string;
}

/** A problem other than a TeX error (unknown citation, misplaced label), located like one. */
export interface RenderIssue {
  /** 0-based line within the rendered text. */
  line: number;
  name: string;
  message: string;
}

/** Per-render state passed through markdown-it's env. */
export interface RenderEnv {
  /** TeX errors found while rendering. */
  texErrors: TexError[];
  /** Other problems found while rendering: unknown citations, misplaced or malformed labels. */
  issues: RenderIssue[];
  /** The chapter number, for numbering equations and exercises ("4.1"); 0 outside chapters. */
  chapter: number;
  /** The bibliography citations are resolved against (none: every citation is unknown). */
  bib?: Bibliography;
  /** Keys cited so far, in order of first citation; a key's number on the page is index + 1. */
  cited: string[];
  /** Equations and exercises labelled so far (0-based lines, like texErrors). */
  labels: LabelDef[];
  /** Cross-references so far; the HTML holds {@linkcode xrefMarker}(index) until resolved. */
  xrefs: XrefUse[];
  /** Headings seen (level, id, text), for the page's section list. */
  headings: { level: number; id: string; text: string }[];
  /** Ids used so far on the page, to keep anchors unique across cells. */
  ids: Set<string>;
  /** Current line (0-based) of the block being parsed inline. */
  line?: number;
}

/** A fresh env for one page. */
export function newEnv(
  ids = new Set<string>(),
  options: { chapter?: number; bib?: Bibliography } = {},
): RenderEnv {
  return {
    texErrors: [],
    issues: [],
    headings: [],
    ids,
    chapter: options.chapter ?? 0,
    bib: options.bib,
    cited: [],
    labels: [],
    xrefs: [],
  };
}

/** Render TeX with KaTeX; on error, record it and return a marked placeholder. */
export function renderTex(tex: string, display: boolean, env: RenderEnv, line: number): string {
  try {
    return katex.renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      strict: "error",
      trust: false,
      output: "htmlAndMathml",
    });
  } catch (e) {
    const message = (e as Error).message.replace(/^KaTeX parse error: /, "");
    env.texErrors.push({ line, message, tex });
    return `<span class="hx-tex-error">${escapeHtml(tex)}</span>`;
  }
}

export { escapeHtml };

/** Highlight code at build time (unknown languages are escaped as plain text). */
export function highlight(code: string, lang: string): string {
  const language = hljs.getLanguage(lang) ? lang : "plaintext";
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}

/** A URL-safe id from heading text. */
export function slugify(text: string): string {
  return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "section";
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x24 /* $ */) return false;
  const display = src.charCodeAt(start + 1) === 0x24;
  const open = display ? 2 : 1;
  if (!display) {
    const next = src[start + 1];
    if (next === undefined || /\s/.test(next)) return false;
  }
  let end = start + open;
  for (;;) {
    end = src.indexOf(display ? "$$" : "$", end);
    if (end === -1) return false;
    // Math never spans a code span: a backtick before the closing $ ends the search.
    const tick = src.indexOf("`", start + open);
    if (tick !== -1 && tick < end) return false;
    if (src[end - 1] === "\\") {
      end++;
      continue;
    }
    if (!display && (/\s/.test(src[end - 1]) || /\d/.test(src[end + 1] ?? ""))) {
      end++;
      continue;
    }
    break;
  }
  const content = src.slice(start + open, end);
  if (content.trim() === "") return false;
  if (!silent) {
    const env = state.env as RenderEnv;
    const token = state.push("math_inline", "math", 0);
    token.content = content;
    token.markup = display ? "$$" : "$";
    const before = src.slice(0, start).split("\n").length - 1;
    token.meta = { display, line: (env.line ?? 0) + before };
  }
  state.pos = end + open;
  return true;
}

/** `$$ … $$ {#eq:label}`: the label after a display equation's closing `$$`. */
const EQ_LABEL = /\$\$[ \t]*\{#eq:([^}]*)\}[ \t]*$/;

function mathBlock(
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
): boolean {
  const pos = state.bMarks[startLine] + state.tShift[startLine];
  const max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (state.src.slice(pos, pos + 2) !== "$$") return false;
  const first = state.src.slice(pos + 2, max);
  // A closing line: ends with $$, or with $$ {#eq:label}.
  const close = (text: string): { body: string; label?: string } | null => {
    const t = text.trimEnd();
    const m = t.match(EQ_LABEL);
    if (m) return { body: t.slice(0, m.index), label: m[1] };
    return t.endsWith("$$") ? { body: t.slice(0, -2) } : null;
  };
  let content: string;
  let label: string | undefined;
  let last = startLine;
  const single = first.trim().length >= 2 ? close(first) : null;
  if (single) {
    content = single.body.trim();
    label = single.label;
  } else {
    const lines = [first];
    let found = false;
    for (let l = startLine + 1; l < endLine; l++) {
      const s = state.bMarks[l] + state.tShift[l], e = state.eMarks[l];
      const c = close(state.src.slice(s, e));
      if (c) {
        lines.push(c.body);
        label = c.label;
        last = l;
        found = true;
        break;
      }
      lines.push(state.src.slice(s, e));
    }
    if (!found) return false;
    content = lines.join("\n");
  }
  if (silent) return true;
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = content;
  token.map = [startLine, last + 1];
  token.markup = "$$";
  token.meta = { label, labelLine: last };
  state.line = last + 1;
  return true;
}

/** Create the book's markdown-it instance. */
export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({
    html: true,
    linkify: false,
    typographer: false,
    highlight: (code, lang) => {
      return `<pre class="hx-code"><code class="hljs language-${escapeHtml(lang || "text")}">${
        highlight(code, lang || "plaintext")
      }</code></pre>`;
    },
  });
  md.inline.ruler.before("escape", "math_inline", mathInline);
  xrefPlugin(md);
  md.block.ruler.before("fence", "math_block", mathBlock, {
    alt: ["paragraph", "reference", "blockquote", "list"],
  });
  md.renderer.rules.math_inline = (tokens, idx, _o, env: RenderEnv) => {
    const t = tokens[idx];
    return renderTex(t.content, t.meta.display, env, t.meta.line);
  };
  md.renderer.rules.math_block = (tokens, idx, _o, env: RenderEnv) => {
    const t = tokens[idx];
    const math = renderTex(t.content, true, env, t.map?.[0] ?? 0);
    const label: string | undefined = t.meta?.label;
    if (label === undefined) return `<div class="hx-math">${math}</div>\n`;
    const def = labelNumber(env, "eq", label, t.meta.labelLine ?? 0);
    if (!def) return `<div class="hx-math">${math}</div>\n`;
    return `<div class="hx-math hx-eq" id="${def.id}">${math}<span class="hx-eqno">(${def.number})</span></div>\n`;
  };
  // Inline parsing does not see its block's line; pass it through env.
  md.core.ruler.at("inline", (state) => {
    const env = state.env as RenderEnv;
    for (const tok of state.tokens) {
      if (tok.type === "inline") {
        env.line = tok.map?.[0] ?? env.line;
        state.md.inline.parse(
          tok.content,
          state.md,
          state.env,
          tok.children ?? (tok.children = []),
        );
      }
    }
  });
  // Heading anchors, unique within the page.
  md.core.ruler.push("hx_anchors", (state) => {
    const env = state.env as RenderEnv;
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== "heading_open") continue;
      const inline = tokens[i + 1];
      const text = (inline.children ?? []).map((c) =>
        c.type === "math_inline"
          ? c.content
          : c.type === "text" || c.type === "code_inline"
          ? c.content
          : ""
      ).join("");
      let id = slugify(text), k = 2;
      while (env.ids.has(id)) id = `${slugify(text)}-${k++}`;
      env.ids.add(id);
      tokens[i].attrSet("id", id);
      env.headings.push({ level: Number(tokens[i].tag.slice(1)), id, text: inline.content });
    }
  });
  md.renderer.rules.heading_close = (tokens, idx) => {
    const open = tokens[idx - 2];
    const id = open?.attrGet("id");
    return id
      ? ` <a class="hx-anchor" href="#${id}" aria-label="Link to this section">#</a></${
        tokens[idx].tag
      }>\n`
      : `</${tokens[idx].tag}>\n`;
  };
  return md;
}

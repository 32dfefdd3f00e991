/**
 * Numbered figures, equations and exercises, cross-references to them, and
 * citations: the authoring syntax, as a markdown-it plugin, and the
 * book-wide resolution of references.
 *
 * | what                | in the chapter source                          | renders as          |
 * | ------------------- | ---------------------------------------------- | ------------------- |
 * | figure label        | `figure({ label: "saddle-paths", … })`         | "Figure 3.2" caption |
 * | equation label      | `$$ … $$ {#eq:ridge-kappa}` (after the `$$`)   | "(4.1)" at the right |
 * | exercise label      | `2. {#ex:dead-unit} Kill a unit …` (list item) | "Exercise 8.2"      |
 * | reference           | `@fig:saddle-paths`, `@eq:…`, `@ex:…`          | link "Figure 3.2"   |
 * | citation            | `[@kingma2015]`, `[@a; @b]`, `[@a, Alg. 1]`    | link "[1]"          |
 *
 * Labels are lowercase letters, digits and dashes. References work across
 * chapters. An unknown or duplicate label, or an unknown citation key, is a
 * build error located at the chapter's line.
 *
 * @module
 */
// @ts-types="@types/markdown-it"
import type MarkdownIt from "markdown-it";
// @ts-types="@types/markdown-it"
import type { StateCore, StateInline } from "markdown-it";
import type { ChapterProblem } from "../typecheck.ts";
import { shortLabel } from "./bib.ts";
import { escapeHtml } from "./html.ts";
import type { RenderEnv } from "./markdown.ts";

/** What a label names. */
export type LabelKind = "fig" | "eq" | "ex";

/** How a reference to each kind reads, given the number ("3.2"). */
export const REFERENCE_TEXT: Record<LabelKind, (number: string) => string> = {
  fig: (n) => `Figure ${n}`,
  eq: (n) => `Eq. (${n})`,
  ex: (n) => `Exercise ${n}`,
};

const KIND_NAME: Record<LabelKind, string> = { fig: "figure", eq: "equation", ex: "exercise" };

/** A labelled figure, equation or exercise. */
export interface LabelDef {
  kind: LabelKind;
  label: string;
  /** The HTML id of its element, e.g. "eq-ridge-kappa". */
  id: string;
  /** Its number, e.g. "4.1". */
  number: string;
  /** Line: 0-based within a rendered text while rendering, 1-based in the chapter afterwards. */
  line: number;
  /** The code cell (figures), if any. */
  cell?: number;
}

/** One use of `@kind:label` in the text. */
export interface XrefUse {
  kind: LabelKind;
  label: string;
  /** As {@linkcode LabelDef.line}. */
  line: number;
  cell?: number;
}

/** The syntax of a label. */
export const LABEL = /^[a-z0-9][a-z0-9-]*$/;

/** The placeholder a reference leaves in the HTML until {@linkcode resolveXrefs}. */
export function xrefMarker(index: number): string {
  return `\u0000xref:${index}\u0000`;
}

/**
 * Record a label on the page and give it the next number of its kind (or `number`).
 * A malformed label is reported in `env.issues` and yields undefined.
 */
export function labelNumber(
  env: RenderEnv,
  kind: LabelKind,
  label: string,
  line: number,
  number?: string,
): LabelDef | undefined {
  if (!LABEL.test(label)) {
    env.issues.push({
      line,
      name: "Label error",
      message: `Cannot label ${KIND_NAME[kind]} ${
        JSON.stringify(label)
      }: a label is lowercase letters, digits and dashes`,
    });
    return undefined;
  }
  const n = number ??
    `${env.chapter ? `${env.chapter}.` : ""}${
      env.labels.filter((l) => l.kind === kind).length + 1
    }`;
  const def: LabelDef = { kind, label, id: `${kind}-${label}`, number: n, line };
  env.labels.push(def);
  return def;
}

function lineAt(state: StateInline, pos: number): number {
  const env = state.env as RenderEnv;
  return (env.line ?? 0) + state.src.slice(0, pos).split("\n").length - 1;
}

/** `@fig:label`, `@eq:label`, `@ex:label`, not inside a word or an e-mail address. */
function xrefRule(state: StateInline, silent: boolean): boolean {
  const src = state.src, pos = state.pos;
  if (src.charCodeAt(pos) !== 0x40 /* @ */) return false;
  if (pos > 0 && /[\w@./-]/.test(src[pos - 1])) return false;
  const m = src.slice(pos).match(/^@(fig|eq|ex):([A-Za-z0-9_-]*)/);
  if (!m) return false;
  const label = m[2].replace(/-+$/, "");
  if (!silent) {
    const env = state.env as RenderEnv;
    const line = lineAt(state, pos);
    if (!LABEL.test(label)) {
      env.issues.push({
        line,
        name: "Reference error",
        message: `Cannot read the reference ${
          JSON.stringify(m[0])
        }: a label is lowercase letters, digits and dashes`,
      });
    }
    const token = state.push("xref", "", 0);
    token.meta = { kind: m[1], label, line };
  }
  state.pos += 1 + m[1].length + 1 + label.length;
  return true;
}

/** `[@key]`, `[@a; @b]`, `[@key, locator]`. */
function citationRule(state: StateInline, silent: boolean): boolean {
  const src = state.src, pos = state.pos;
  if (src.charCodeAt(pos) !== 0x5b /* [ */ || src.charCodeAt(pos + 1) !== 0x40 /* @ */) {
    return false;
  }
  const end = src.indexOf("]", pos);
  if (end === -1 || src.slice(pos, end).includes("\n\n")) return false;
  if (src[end + 1] === "(" || src[end + 1] === "[") return false; // a link, not a citation
  const items: { key: string; locator: string }[] = [];
  for (const part of src.slice(pos + 1, end).split(";")) {
    const m = part.trim().match(/^@([A-Za-z0-9_:.+-]+)(?:\s*,\s*([^]+))?$/);
    if (!m) return false;
    items.push({ key: m[1], locator: (m[2] ?? "").replace(/\s+/g, " ").trim() });
  }
  if (!silent) {
    const token = state.push("citation", "", 0);
    token.meta = { items, line: lineAt(state, pos) };
  }
  state.pos = end + 1;
  return true;
}

function renderCitation(items: { key: string; locator: string }[], line: number, env: RenderEnv) {
  const parts = items.map(({ key, locator }) => {
    const entry = env.bib?.get(key);
    if (!entry) {
      env.issues.push({
        line,
        name: "Citation error",
        message: `Unknown citation key "${key}": add it to book/references.bib${
          /^(fig|eq|ex):/.test(key)
            ? ` (a cross-reference is written @${key}, without brackets)`
            : ""
        }`,
      });
      return "?";
    }
    if (!env.cited.includes(key)) env.cited.push(key);
    const n = env.cited.indexOf(key) + 1;
    return `<a class="hx-cite-ref" href="#ref-${escapeHtml(key)}" title="${
      escapeHtml(shortLabel(entry))
    }">${n}</a>${locator ? `, ${escapeHtml(locator)}` : ""}`;
  });
  const sep = items.some((i) => i.locator) ? "; " : ", ";
  return `<span class="hx-cite">[${parts.join(sep)}]</span>`;
}

/** Exercise labels at the start of a numbered-list item, and stray label markers anywhere. */
function labelRule(state: StateCore): void {
  const env = state.env as RenderEnv;
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.type !== "inline" || !tok.children) continue;
    const line = tok.map?.[0] ?? 0;
    const first = tok.children[0];
    const m = first?.type === "text" ? first.content.match(/^\{#ex:([^}]*)\}\s*/) : null;
    if (m) {
      first.content = first.content.slice(m[0].length);
      // inline ← paragraph_open ← list_item_open, inside an ordered_list_open.
      let item = -1;
      for (let j = i - 1; j >= 0; j--) {
        if (tokens[j].type === "list_item_open" && tokens[j].level === tok.level - 2) item = j;
        if (tokens[j].level < tok.level - 2 || item !== -1) break;
      }
      let list = -1;
      for (let j = item - 1; item !== -1 && j >= 0; j--) {
        if (tokens[j].level === tokens[item].level - 1 && /_list_open$/.test(tokens[j].type)) {
          list = j;
          break;
        }
      }
      if (item === -1 || list === -1 || tokens[list].type !== "ordered_list_open") {
        env.issues.push({
          line,
          name: "Label error",
          message: `Cannot label the exercise {#ex:${
            m[1]
          }}: the label goes at the start of an item of a numbered list (2. {#ex:${m[1]}} …)`,
        });
      } else {
        const def = labelNumber(
          env,
          "ex",
          m[1],
          line,
          `${env.chapter ? `${env.chapter}.` : ""}${tokens[item].info}`,
        );
        if (def) tokens[item].attrSet("id", def.id);
      }
    }
    for (const child of tok.children) {
      const stray = child.type === "text" ? child.content.match(/\{#(fig|eq|ex):[^}]*\}/) : null;
      if (!stray) continue;
      const where = stray[1] === "fig"
        ? 'a figure is labelled in its code: figure({ label: "…", … })'
        : stray[1] === "eq"
        ? "an equation label goes right after the closing $$ of a display equation"
        : "an exercise label goes at the start of an item of a numbered list";
      env.issues.push({
        line,
        name: "Label error",
        message: `Cannot place the label ${stray[0]} here: ${where}`,
      });
    }
  }
}

/** Register the reference, citation and label syntax on a markdown-it instance. */
export function xrefPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("link", "citation", citationRule);
  md.inline.ruler.before("escape", "xref", xrefRule);
  md.core.ruler.after("inline", "hx_labels", labelRule);
  md.renderer.rules.xref = (tokens, idx, _o, env: RenderEnv) => {
    const { kind, label, line } = tokens[idx].meta;
    env.xrefs.push({ kind, label, line });
    return xrefMarker(env.xrefs.length - 1);
  };
  md.renderer.rules.citation = (tokens, idx, _o, env: RenderEnv) =>
    renderCitation(tokens[idx].meta.items, tokens[idx].meta.line, env);
}

/** What {@linkcode resolveXrefs} needs of a page. */
export interface XrefPage {
  /** The page's file, e.g. "03-saddle-points.html". */
  file: string;
  /** The source the page's lines refer to, e.g. "chapters/03-saddle-points.md". */
  source: string;
  /** HTML with reference markers; replaced by the resolved HTML. */
  body: string;
  labels: readonly LabelDef[];
  xrefs: readonly XrefUse[];
}

/**
 * Number every reference across the book: replace each marker with a link
 * ("Figure 3.2"). Returns a problem for every duplicate label and every
 * reference to an unknown label (the marker becomes plain text).
 */
export function resolveXrefs(pages: XrefPage[]): ChapterProblem[] {
  const problems: ChapterProblem[] = [];
  const defs = new Map<string, { page: XrefPage; def: LabelDef }>();
  for (const page of pages) {
    for (const def of page.labels) {
      const key = `${def.kind}:${def.label}`;
      const first = defs.get(key);
      if (first) {
        problems.push({
          file: page.source,
          line: def.line,
          cell: def.cell,
          name: "Label error",
          message: `Duplicate label ${key}: already labels ${
            REFERENCE_TEXT[def.kind](
              first.def.number,
            )
          } at ${first.page.source}:${first.def.line}`,
        });
      } else defs.set(key, { page, def });
    }
  }
  for (const page of pages) {
    // deno-lint-ignore no-control-regex -- the marker is delimited by NUL characters
    page.body = page.body.replace(/\u0000xref:(\d+)\u0000/g, (_m, i: string) => {
      const use = page.xrefs[Number(i)];
      const key = `${use.kind}:${use.label}`;
      const found = defs.get(key);
      if (!found) {
        const known = [...defs.keys()].filter((k) => k.startsWith(`${use.kind}:`)).map((k) =>
          k.slice(use.kind.length + 1)
        ).sort();
        problems.push({
          file: page.source,
          line: use.line,
          cell: use.cell,
          name: "Reference error",
          message: `Unknown label @${key}: no ${KIND_NAME[use.kind]} has it (${
            known.length ? `${KIND_NAME[use.kind]} labels: ${known.join(", ")}` : "none labelled"
          })`,
        });
        return escapeHtml(`@${key}`);
      }
      const href = found.page.file === page.file
        ? `#${found.def.id}`
        : `${found.page.file}#${found.def.id}`;
      return `<a class="hx-xref" href="${href}">${
        REFERENCE_TEXT[use.kind](found.def.number).replace(/ /, "\u00a0")
      }</a>`;
    });
  }
  return problems;
}

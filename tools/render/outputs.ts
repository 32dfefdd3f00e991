/**
 * Notebook outputs → HTML.
 *
 * A display bundle shows its richest type, in the order JupyterLab uses:
 * text/html, text/markdown, text/latex, image/svg+xml, image/png,
 * image/jpeg, application/json, text/plain. Text is escaped and stripped of
 * ANSI codes; errors are styled.
 *
 * @module
 */
import type { Json, Output } from "../notebook.ts";
import { fromLines } from "../notebook.ts";
import { NARROW_FIGURE_MIME, NARROW_WIDTH } from "../../lib/figure/figure.ts";
import { escapeHtml, type RenderEnv, renderTex } from "./markdown.ts";
// @ts-types="@types/markdown-it"
import type { MarkdownIt } from "markdown-it";

// deno-lint-ignore no-control-regex -- ANSI escapes start with the ESC control character
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*(\u0007|\u001b\\)/g;

/** Remove ANSI escape sequences. */
export function stripAnsi(s: string): string {
  return s.replace(ANSI, "");
}

const ORDER = [
  "text/html",
  "text/markdown",
  "text/latex",
  "image/svg+xml",
  "image/png",
  "image/jpeg",
  "application/json",
  "text/plain",
];

/** Render TeX from a text/latex output: `$$…$$`, `$…$`, `\[…\]` or bare. */
export function latexOutput(src: string, env: RenderEnv, line: number): string {
  let t = src.trim();
  const pairs: [string, string][] = [["$$", "$$"], ["\\[", "\\]"], ["$", "$"]];
  for (const [a, b] of pairs) {
    if (t.startsWith(a) && t.endsWith(b) && t.length >= a.length + b.length) {
      t = t.slice(a.length, t.length - b.length);
      break;
    }
  }
  return `<div class="hx-math">${renderTex(t, true, env, line)}</div>`;
}

/**
 * A figure with its narrow-screen variant: `<figure class="hx-figure">` holding the wide plot
 * (`.hx-fig-wide`), the narrow one (`.hx-fig-narrow`, shown instead on phones) and the caption.
 */
export function withNarrowVariant(figureHtml: string, narrow: string): string {
  const open = figureHtml.match(/^<figure class="hx-figure"[^>]*>/);
  if (!open) return figureHtml;
  const captionAt = figureHtml.lastIndexOf("<figcaption>");
  const end = captionAt !== -1 ? captionAt : figureHtml.lastIndexOf("</figure>");
  // Wider than a phone (facet columns side by side): shown at 1:1 and scrolled sideways.
  const width = Number(narrow.match(/<svg\b[^>]*\bviewBox="0 0 (\d+(?:\.\d+)?) /)?.[1] ?? 0);
  const pan = width > NARROW_WIDTH ? " hx-fig-pan" : "";
  return `${open[0]}<div class="hx-fig-wide">${
    figureHtml.slice(open[0].length, end)
  }</div><div class="hx-fig-narrow${pan}">${narrow}</div>${figureHtml.slice(end)}`;
}

/** Render one output. `line` locates TeX errors (the code cell's line in the Markdown, 0-based). */
export function renderOutput(out: Output, md: MarkdownIt, env: RenderEnv, line: number): string {
  switch (out.output_type) {
    case "stream": {
      const cls = out.name === "stderr" ? "hx-stderr" : "hx-stdout";
      return `<pre class="hx-output ${cls}">${escapeHtml(stripAnsi(fromLines(out.text)))}</pre>`;
    }
    case "error": {
      const tb = (out.traceback ?? []).map(stripAnsi).join("\n");
      return `<div class="hx-output hx-error" role="alert"><pre><strong>${
        escapeHtml(`${out.ename}: ${stripAnsi(out.evalue ?? "")}`)
      }</strong>${tb ? "\n" + escapeHtml(tb) : ""}</pre></div>`;
    }
    case "execute_result":
    case "display_data": {
      const data = out.data ?? {};
      const type = ORDER.find((t) => t in data);
      if (!type) return "";
      const value = data[type] as Json;
      const text = typeof value === "string" || Array.isArray(value)
        ? fromLines(value as string | string[])
        : "";
      switch (type) {
        case "text/html": {
          const narrow = data[NARROW_FIGURE_MIME];
          return `<div class="hx-output hx-html">${
            narrow ? withNarrowVariant(text, fromLines(narrow as string | string[])) : text
          }</div>`;
        }
        case "text/markdown": {
          const saved = env.line;
          const html = md.render(text, env);
          env.line = saved;
          return `<div class="hx-output hx-markdown">${html}</div>`;
        }
        case "text/latex":
          return `<div class="hx-output">${latexOutput(text, env, line)}</div>`;
        case "image/svg+xml":
          return `<div class="hx-output hx-svg">${text.replace(/^<\?xml[^>]*>\s*/, "")}</div>`;
        case "image/png":
        case "image/jpeg":
          return `<div class="hx-output"><img alt="output image" src="data:${type};base64,${
            text.replace(/\s+/g, "")
          }"></div>`;
        case "application/json":
          return `<pre class="hx-output hx-stdout">${
            escapeHtml(JSON.stringify(value, null, 2))
          }</pre>`;
        default:
          return `<pre class="hx-output hx-stdout">${escapeHtml(stripAnsi(text))}</pre>`;
      }
    }
  }
  return "";
}

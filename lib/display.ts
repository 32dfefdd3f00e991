/**
 * Rich notebook display through the kernel's display protocol: small objects whose
 * `[Symbol.for("Jupyter.display")]()` returns a MIME bundle. The kernel shows
 * them when they are a cell's last expression; the book's HTML export renders
 * the same bundles.
 *
 * Pass TeX as a raw string (String.raw) so backslashes survive.
 *
 * @module
 */

/**
 * The symbol the Deno kernel looks for: an object with a method under this
 * key displays as the MIME bundle it returns. Same value as
 * `Symbol.for("Jupyter.display")` (the kernel's own `$display` symbol).
 */
export const jupyterDisplay: unique symbol = Symbol.for("Jupyter.display") as never;

/** Something a notebook can display richly. */
export interface Displayable {
  /** The MIME bundle to show, e.g. `{ "text/latex": "$$x$$", "text/plain": "x" }`. */
  [jupyterDisplay](): Record<string, string>;
}

/** Make a displayable from a MIME bundle. */
export function displayable(bundle: Record<string, string>): Displayable {
  return { [jupyterDisplay]: () => bundle };
}

/**
 * The MIME bundle of a displayable object.
 *
 * @example
 * ```ts
 * import { mimeBundle, tex } from "./display.ts";
 * if (!mimeBundle(tex("x^2"))["text/latex"]) throw new Error("no latex");
 * ```
 */
export function mimeBundle(x: Displayable): Record<string, string> {
  return x[jupyterDisplay]();
}

/**
 * Display TeX math (display style).
 *
 * @example
 * ```ts
 * import { mimeBundle, tex } from "./display.ts";
 * const d = tex(String.raw`\lambda_{\max} = 2`);
 * const bundle = mimeBundle(d);
 * if (bundle["text/latex"] !== String.raw`$$\lambda_{\max} = 2$$`) throw new Error("lost backslashes");
 * ```
 */
export function tex(latex: string): Displayable {
  return displayable({ "text/latex": `$$${latex}$$`, "text/plain": latex });
}

/**
 * Display Markdown (may contain `$…$` math).
 *
 * @example
 * ```ts
 * import { markdown, mimeBundle } from "./display.ts";
 * const b = mimeBundle(markdown("**Verdict:** $\\kappa = 10$"));
 * if (!b["text/markdown"].includes("\\kappa")) throw new Error("lost math");
 * ```
 */
export function markdown(text: string): Displayable {
  return displayable({ "text/markdown": text, "text/plain": text });
}

/** Options for {@linkcode texMatrix}. */
export interface TexMatrixOptions {
  /** Significant digits for non-integers. Default 6. */
  digits?: number;
  /** Matrix environment. Default "bmatrix". */
  env?: "bmatrix" | "pmatrix" | "matrix";
}

/**
 * Format a number for TeX: integers as is, others to `digits` significant
 * digits, with ×10^k for very large or small values.
 *
 * @example
 * ```ts
 * import { texNumber } from "./display.ts";
 * if (texNumber(2) !== "2" || texNumber(-0.5) !== "-0.5") throw new Error("bad");
 * if (texNumber(1.5e-9) !== String.raw`1.5 \times 10^{-9}`) throw new Error(texNumber(1.5e-9));
 * ```
 */
export function texNumber(x: number, digits = 6): string {
  if (Number.isNaN(x)) return String.raw`\text{NaN}`;
  if (!Number.isFinite(x)) return x > 0 ? String.raw`\infty` : String.raw`-\infty`;
  if (Object.is(x, -0)) x = 0;
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-4 || a >= 1e6)) {
    const [m, e] = x.toExponential(digits - 1).split("e");
    return `${trimZeros(m)} \\times 10^{${Number(e)}}`;
  }
  return trimZeros(x.toPrecision(digits));
}

function trimZeros(s: string): string {
  const [mantissa, exponent] = s.split("e");
  const m = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
  return exponent === undefined ? m : `${m}e${exponent}`;
}

/**
 * A matrix as TeX, e.g. for a Hessian.
 *
 * @example
 * ```ts
 * import { texMatrix } from "./display.ts";
 * const t = texMatrix([[2, 0], [0, -2]]);
 * if (t !== String.raw`\begin{bmatrix} 2 & 0 \\ 0 & -2 \end{bmatrix}`) throw new Error(t);
 * ```
 */
export function texMatrix(
  rows: ArrayLike<ArrayLike<number>>,
  options: TexMatrixOptions = {},
): string {
  const { digits = 6, env = "bmatrix" } = options;
  const body = Array.from(rows, (r) => Array.from(r, (x) => texNumber(x, digits)).join(" & "))
    .join(String.raw` \\ `);
  return `\\begin{${env}} ${body} \\end{${env}}`;
}

/** Options for {@linkcode table}. */
export interface TableOptions {
  /** Column headers. Default: the keys of the first row. */
  columns?: string[];
  /** Significant digits for numbers. Default 6. */
  digits?: number;
  /** A caption above the table. */
  caption?: string;
}

/**
 * Display rows of values as a small table (HTML, Markdown and plain text).
 *
 * @example
 * ```ts
 * import { mimeBundle, table } from "./display.ts";
 * const t = table([{ method: "SGD", exponent: 1.02 }, { method: "Newton", exponent: 2.9 }]);
 * const b = mimeBundle(t);
 * if (!b["text/html"].includes("<td>Newton</td>")) throw new Error(b["text/html"]);
 * ```
 */
export function table(
  rows: readonly Record<string, unknown>[],
  options: TableOptions = {},
): Displayable {
  const columns = options.columns ?? Object.keys(rows[0] ?? {});
  const digits = options.digits ?? 6;
  const cell = (v: unknown): string =>
    typeof v === "number"
      ? (Number.isInteger(v) ? String(v) : trimZeros(v.toPrecision(digits)))
      : String(v ?? "");
  const esc = escapeHtml;
  const html = `<table class="hx-table">${
    options.caption ? `<caption>${esc(options.caption)}</caption>` : ""
  }<thead><tr>${columns.map((c) => `<th>${esc(c)}</th>`).join("")}</tr></thead><tbody>${
    rows.map((r) => `<tr>${columns.map((c) => `<td>${esc(cell(r[c]))}</td>`).join("")}</tr>`)
      .join("")
  }</tbody></table>`;
  const md = [
    `| ${columns.join(" | ")} |`,
    `| ${columns.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${columns.map((c) => cell(r[c]).replace(/\|/g, "\\|")).join(" | ")} |`),
  ].join("\n");
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const plain = [
    columns.map((c, i) => c.padEnd(widths[i])).join("  "),
    ...rows.map((r) => columns.map((c, i) => cell(r[c]).padEnd(widths[i])).join("  ")),
  ].join("\n");
  return displayable({ "text/html": html, "text/markdown": md, "text/plain": plain });
}

/**
 * Escape text for HTML: `&`, `<`, `>` and `"`, so the result is safe as
 * element content and inside double-quoted attribute values.
 *
 * @example
 * ```ts
 * import { escapeHtml } from "./display.ts";
 * if (escapeHtml('a < b & "c"') !== "a &lt; b &amp; &quot;c&quot;") throw new Error();
 * ```
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

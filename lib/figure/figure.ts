/**
 * Observable Plot figures rendered to SVG strings, in or out of the Jupyter
 * kernel. Plot needs a DOM; a linkedom document stands in for the browser's.
 *
 * A {@linkcode Figure} displays itself in a notebook through
 * `[Symbol.for("Jupyter.display")]()`, so a cell whose last expression is a
 * figure shows the plot with its caption.
 *
 * @module
 */
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import * as Plot from "npm:@observablehq/plot@0.6.17";
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import { parseHTML } from "npm:linkedom@0.18.15";
import { jupyterDisplay } from "../display.ts";

const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");

/**
 * Options for {@linkcode figure}: any option of Observable Plot's `Plot.plot`
 * (marks, scales, width, height, …) plus the two things every figure in the
 * book must have. The Plot options are typed loosely here so the library's
 * public types do not depend on Plot's internal ones.
 */
export interface FigureOptions {
  /** Text alternative for readers who cannot see the figure. Required. */
  alt: string;
  /** Caption shown under the figure. */
  caption?: string;
  /** Plot marks, e.g. `[Plot.line(data, { x: "x", y: "y" })]`. */
  marks?: readonly unknown[];
  /** Width in pixels. Plot's default is 640. */
  width?: number;
  /** Height in pixels. */
  height?: number;
  /** Any other `Plot.plot` option. */
  [option: string]: unknown;
}

/** A rendered figure: standalone SVG, an HTML `<figure>`, and its text alternative. */
export class Figure {
  /** The plot as standalone SVG (with `xmlns`), legends excluded. */
  readonly svg: string;
  /** The whole figure as HTML: plot, legends and caption. */
  readonly html: string;
  /** The text alternative. */
  readonly alt: string;
  /** The caption, or "". */
  readonly caption: string;

  /** Wrap already-rendered parts. Most code calls {@linkcode figure} instead. */
  constructor(parts: { svg: string; html: string; alt: string; caption?: string }) {
    this.svg = parts.svg;
    this.html = parts.html;
    this.alt = parts.alt;
    this.caption = parts.caption ?? "";
  }

  /** The MIME bundle a notebook displays. */
  [jupyterDisplay](): Record<string, string> {
    return {
      "text/html": this.html,
      "image/svg+xml": this.svg,
      "text/plain": `Figure: ${this.caption ? this.caption + " " : ""}[${this.alt}]`,
    };
  }

  /** The HTML, so a figure can be interpolated into a page. */
  toString(): string {
    return this.html;
  }
}

/**
 * Render Observable Plot options to a {@linkcode Figure}.
 *
 * @example A line through three points
 * ```ts
 * import * as Plot from "npm:@observablehq/plot@0.6.17";
 * import { figure } from "./figure.ts";
 * const fig = figure({
 *   marks: [Plot.lineY([1, 3, 2])],
 *   alt: "A line rising then falling",
 *   caption: "Three points.",
 * });
 * if (!fig.svg.startsWith("<svg") || !fig.svg.includes('xmlns="http://www.w3.org/2000/svg"')) {
 *   throw new Error("not standalone SVG");
 * }
 * if (!fig.html.includes("<figcaption>Three points.</figcaption>")) throw new Error("no caption");
 * ```
 */
export function figure(options: FigureOptions): Figure {
  const { alt, caption, ...plotOptions } = options;
  if (typeof alt !== "string" || alt.trim() === "") {
    throw new TypeError("Cannot render figure: option `alt` (text alternative) is required");
  }
  const node = Plot.plot({ ...plotOptions, document } as Plot.PlotOptions) as unknown as Element;
  // A bare plot is an <svg>. With a legend or title Plot returns a <figure>; its main plot is
  // the <svg> with a viewBox (legend swatches are small svgs without one).
  const main = node.tagName.toLowerCase() === "svg"
    ? node
    : Array.from(node.querySelectorAll("svg")).filter((s) => s.getAttribute("viewBox")).pop();
  if (!main) throw new Error("Cannot render figure: Plot produced no SVG plot");
  main.setAttribute("role", "img");
  main.setAttribute("aria-label", alt);
  const inner = node.outerHTML;
  const svg = standalone(main.outerHTML);
  const html = `<figure class="hx-figure">${inner}${
    caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ""
  }</figure>`;
  return new Figure({ svg, html, alt, caption });
}

/**
 * Render Plot options straight to a standalone SVG string.
 *
 * @example
 * ```ts
 * import * as Plot from "npm:@observablehq/plot@0.6.17";
 * import { renderSvg } from "./figure.ts";
 * const svg = renderSvg({ marks: [Plot.dot([[0, 0], [1, 1]])], alt: "two dots" });
 * if (!svg.includes("<circle")) throw new Error("no dots");
 * ```
 */
export function renderSvg(options: FigureOptions): string {
  return figure(options).svg;
}

function standalone(svg: string): string {
  return svg.includes("xmlns=")
    ? svg
    : svg.replace(/^<svg\b/, '<svg xmlns="http://www.w3.org/2000/svg"');
}

/** Escape text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

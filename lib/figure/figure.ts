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
import { escapeHtml, jupyterDisplay } from "../display.ts";
import {
  enlargePlotText,
  narrowMargins,
  plainPlotParts,
  plotMargins,
  type PlotNode,
} from "./_plotDom.ts";

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
  /**
   * A label for cross-references: lowercase letters, digits and dashes, e.g. `"saddle-paths"`.
   * It is written into the HTML as `data-label`; the book numbers labelled figures and turns
   * `@fig:saddle-paths` in prose into a link ("Figure 3.2").
   */
  label?: string;
  /**
   * The variant for narrow screens (phones): the same marks drawn again at a narrow width, so
   * ticks are re-laid out and the text stays legible at 1:1 scale. Default: width 340 (wider
   * when the figure has several facet columns, about 180 px per column), the same height.
   * `false` draws none.
   */
  narrow?: false | { width?: number; height?: number };
  /** Plot marks, e.g. `[Plot.line(data, { x: "x", y: "y" })]`. */
  marks?: readonly unknown[];
  /** Width in pixels. Plot's default is 640. */
  width?: number;
  /** Height in pixels. */
  height?: number;
  /** Any other `Plot.plot` option. */
  [option: string]: unknown;
}

/**
 * The MIME type under which a figure's display bundle carries its narrow-screen variant (HTML of
 * the plot and legends, no caption). Jupyter front ends ignore it; the book's renderer shows it
 * on phones instead of the scaled-down wide plot.
 */
export const NARROW_FIGURE_MIME = "text/x.hessian-figure-narrow+html";

/** The width of a figure's narrow variant, in px: it fits a 390 px phone at 1:1. */
export const NARROW_WIDTH = 340;

/** A rendered figure: standalone SVG, an HTML `<figure>`, and its text alternative. */
export class Figure {
  /** The plot as standalone SVG (with `xmlns`), legends excluded. */
  readonly svg: string;
  /** The whole figure as HTML: plot, legends and caption. */
  readonly html: string;
  /** The plot and legends as HTML, without the `<figure>` around them or the caption, or "". */
  readonly plot: string;
  /** The text alternative. */
  readonly alt: string;
  /** The caption, or "". */
  readonly caption: string;
  /** The cross-reference label, or "". */
  readonly label: string;
  /** HTML of the narrow-screen variant (plot and legends, no caption), or "". */
  readonly narrow: string;

  /** Wrap already-rendered parts. Most code calls {@linkcode figure} instead. */
  constructor(
    parts: {
      svg: string;
      html: string;
      alt: string;
      caption?: string;
      label?: string;
      narrow?: string;
      plot?: string;
    },
  ) {
    this.svg = parts.svg;
    this.html = parts.html;
    this.alt = parts.alt;
    this.caption = parts.caption ?? "";
    this.label = parts.label ?? "";
    this.narrow = parts.narrow ?? "";
    this.plot = parts.plot ?? "";
  }

  /** The MIME bundle a notebook displays. */
  [jupyterDisplay](): Record<string, string> {
    return {
      "text/html": this.html,
      "image/svg+xml": this.svg,
      ...(this.narrow ? { [NARROW_FIGURE_MIME]: this.narrow } : {}),
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
 * if (!fig.html.includes(fig.plot) || fig.plot.includes("<figcaption>")) throw new Error("plot");
 * ```
 */
export function figure(options: FigureOptions): Figure {
  const { alt, caption, label, narrow, ...plotOptions } = options;
  if (typeof alt !== "string" || alt.trim() === "") {
    throw new TypeError("Cannot render figure: option `alt` (text alternative) is required");
  }
  if (label !== undefined && !(typeof label === "string" && LABEL.test(label))) {
    throw new TypeError(
      `Cannot render figure: label ${
        JSON.stringify(label)
      } must be lowercase letters, digits and dashes, starting with a letter or digit`,
    );
  }
  const wide = plot(plotOptions, alt);
  let narrowHtml = "";
  if (narrow !== false) {
    const columns = wide.columns;
    const width = narrow?.width ??
      (columns > 1 ? Math.max(NARROW_WIDTH, 180 * columns + 50) : NARROW_WIDTH);
    const height = narrow?.height ?? plotOptions.height;
    // Text is drawn larger (12 px instead of Plot's 10), so the margins that hold tick labels
    // grow by as much.
    const margins = narrowMargins(wide.margins);
    narrowHtml = plot(
      { ...plotOptions, ...margins, width, ...(height ? { height } : {}) },
      alt,
      true,
    ).html;
  }
  const open = label
    ? `<figure class="hx-figure" data-label="${label}">`
    : `<figure class="hx-figure">`;
  const html = `${open}${wide.html}${
    caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ""
  }</figure>`;
  return new Figure({
    svg: wide.svg,
    html,
    alt,
    caption,
    label,
    narrow: narrowHtml,
    plot: wide.html,
  });
}

const LABEL = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Render Plot options: the node's HTML, the standalone SVG of the main plot, facet columns and
 * margins; `largeText` draws the text of a narrow variant.
 */
function plot(
  plotOptions: Record<string, unknown>,
  alt: string,
  largeText = false,
): { html: string; svg: string; columns: number; margins: Record<string, number> } {
  const node = Plot.plot({ ...plotOptions, document } as Plot.PlotOptions) as unknown as PlotNode;
  // A bare plot is an <svg>. With a legend or title Plot returns a <figure>; its main plot is
  // the <svg> with a viewBox (legend swatches are small svgs without one).
  const main = node.tagName.toLowerCase() === "svg"
    ? node
    : Array.from(node.querySelectorAll("svg")).filter((s) => s.getAttribute("viewBox")).pop();
  if (!main) throw new Error("Cannot render figure: Plot produced no SVG plot");
  main.setAttribute("role", "img");
  main.setAttribute("aria-label", alt);
  plainPlotParts(node);
  if (largeText) enlargePlotText(node);
  const margins = plotMargins(node, main);
  return {
    html: node.outerHTML,
    svg: standalone(main.outerHTML),
    columns: node.scale("fx")?.domain?.length ?? 1,
    margins,
  };
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

/** Escape text for HTML (the same function as `escapeHtml` of `lib/display.ts`). */
export { escapeHtml };

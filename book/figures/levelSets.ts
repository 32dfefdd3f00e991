/**
 * Optimization paths over the level sets of a function of two variables: the
 * contour lines of f on a window, and the chapter's own marks (paths, start
 * points, the critical point) on top. Chapters 3 and 4 drew this frame by hand;
 * the chapter keeps only what differs: the function, the window, the levels,
 * and its marks.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Figure, figure, type FigureOptions } from "../../lib/figure/figure.ts";

/** What a level-set figure needs beyond the figure's own options. */
export interface LevelSetOptions extends Omit<FigureOptions, "x" | "y" | "marks"> {
  /** Text alternative (required), caption and cross-reference label, as for `figure`. */
  alt: string;
  caption?: string;
  label?: string;
  /** The function whose level sets are drawn. */
  f: (x: number, y: number) => number;
  /** The window, [x1, x2] and [y1, y2]; the axes are labelled x and y. */
  x: [number, number];
  y: [number, number];
  /** The levels drawn. */
  thresholds: number[];
  /** Opacity of the contour lines. Default 0.25. */
  strokeOpacity?: number;
  /** The marks drawn over the contours. */
  marks: Plot.Markish[];
}

/**
 * A figure of contour lines of `f` with `marks` on top.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { levelSetFigure } from "./levelSets.ts";
 * const fig = levelSetFigure({
 *   f: (x, y) => x * x - y * y,
 *   x: [-1, 1],
 *   y: [-1, 1],
 *   thresholds: [-0.5, 0, 0.5],
 *   marks: [Plot.dot([{ x: 0, y: 0 }], { x: "x", y: "y" })],
 *   alt: "Saddle contours with a dot at the origin.",
 * });
 * if (!fig.svg.includes("<svg")) throw new Error("no svg");
 * ```
 */
export function levelSetFigure(options: LevelSetOptions): Figure {
  const { f, x, y, thresholds, strokeOpacity = 0.25, marks, ...rest } = options;
  return figure({
    ...rest,
    x: { domain: x, label: "x" },
    y: { domain: y, label: "y" },
    marks: [
      Plot.contour({
        value: f,
        x1: x[0],
        x2: x[1],
        y1: y[0],
        y2: y[1],
        thresholds,
        stroke: "currentColor",
        strokeOpacity,
        fill: "none",
      }),
      ...marks,
    ],
  });
}

/**
 * Figures of sharpness traces: λmax against the step with the stability
 * thresholds, and the loss alongside. Plotting boilerplate kept out of the
 * chapter so that its cells show the experiment.
 *
 * @module
 */
import { type Figure, figure } from "../../lib/figure/figure.ts";
import { type LabelledTrace, lossPlot, sharpnessPlot } from "./sharpnessPlots.ts";

export { type LabelledTrace, RUN_COLORS } from "./sharpnessPlots.ts";

/** Caption and text alternative of a figure (both required by the book). */
export interface FigureText {
  /** The caption. */
  caption: string;
  /** The text alternative. */
  alt: string;
}

/**
 * λmax against the step, one line per run, each with a dashed rule at its
 * threshold (2 + 2β)/η labelled at the right edge (the drawing is
 * `sharpnessPlot`, shared with the edge-of-stability lab).
 *
 * @example
 * ```ts
 * import { sharpnessFigure } from "./sharpnessFigures.ts";
 * import { quadraticObjective, trackSharpness } from "../../lib/mod.ts";
 * const trace = trackSharpness(quadraticObjective([[4, 0], [0, 1]]), [1, 1], { lr: 0.1, steps: 10, every: 5 });
 * const f = sharpnessFigure([{ label: "η = 0.1", trace }], { caption: "c", alt: "a" });
 * if (!f.svg.includes("<svg")) throw new Error();
 * ```
 */
export function sharpnessFigure(runs: LabelledTrace[], text: FigureText): Figure {
  return figure({ ...sharpnessPlot(runs), ...text });
}

/**
 * The loss against the step on a log scale, one line per run, drawn every
 * `every` steps (default 10) between `from` and `to` (default: the whole
 * run). With `every: 1` and a short window the step-to-step zigzag shows.
 * The drawing is `lossPlot`, shared with the edge-of-stability lab.
 *
 * @example
 * ```ts
 * import { lossFigure } from "./sharpnessFigures.ts";
 * import { quadraticObjective, trackSharpness } from "../../lib/mod.ts";
 * const trace = trackSharpness(quadraticObjective([[4, 0], [0, 1]]), [1, 1], { lr: 0.1, steps: 10 });
 * const f = lossFigure([{ label: "η = 0.1", trace }], { caption: "c", alt: "a", every: 1 });
 * if (!f.svg.includes("<svg")) throw new Error();
 * ```
 */
export function lossFigure(
  runs: LabelledTrace[],
  options: FigureText & { every?: number; from?: number; to?: number; markers?: boolean },
): Figure {
  const { every, from, to, markers, ...text } = options;
  return figure({ ...lossPlot(runs, { every, from, to, markers }), ...text });
}

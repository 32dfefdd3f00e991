/**
 * Figures for notebooks and the book: Observable Plot rendered to SVG
 * strings with a caption and required alt text, in or out of the Jupyter
 * kernel (a linkedom document stands in for the browser's DOM), and
 * explorables: figures with controls whose default state renders as such a
 * figure and which run live in the browser on the same library code.
 *
 * This subpath loads Observable Plot and linkedom, so it is kept out of the
 * root module.
 *
 * @example
 * ```ts
 * import * as Plot from "npm:@observablehq/plot@0.6.17";
 * import { figure } from "./mod.ts";
 * const fig = figure({ marks: [Plot.dot([[1, 2]])], alt: "One dot.", caption: "A dot." });
 * if (!fig.svg.startsWith("<svg")) throw new Error(fig.svg.slice(0, 40));
 * ```
 *
 * @module
 */
export * from "./figure.ts";
export * from "./explorable.ts";
export * from "./showExplorable.ts";
export * from "./bundleExplorables.ts";
export * from "./explorableRuntime.ts";
export * from "./explorableStyle.ts";

/**
 * Figures of Hessian spectra with their outliers marked: strips of exact
 * eigenvalues, and an SLQ density with the Lanczos top eigenvalues.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Figure, figure } from "../../lib/figure/figure.ts";
import type { SlqDensityResult } from "../../lib/spectra/slqDensity.ts";
import type { SpectralOutliers } from "../../lib/spectra/spectralOutliers.ts";
import type { FigureText } from "./sharpnessFigures.ts";

/** One spectrum to draw as a strip. */
export interface SpectrumStrip {
  /** The row label, e.g. "C = 4". */
  label: string;
  /** Every eigenvalue. */
  eigenvalues: readonly number[];
  /** The outliers found in it. */
  outliers: SpectralOutliers;
}

const KIND_DOMAIN = ["bulk", "outlier", "bulk edge"];
const KIND_RANGE = ["#9aa5b1", "#e45756", "#4c78a8"];

/**
 * One horizontal strip of dots per spectrum, on a symmetric-log axis (linear
 * near zero, logarithmic beyond `constant`): the bulk in grey, the outliers
 * in red, the bulk edge in blue. Dots are spread vertically by rank so that
 * a pile near zero stays readable.
 *
 * @example
 * ```ts
 * import { spectrumStrips } from "./spectrumFigures.ts";
 * import { spectralOutliers } from "../../lib/spectra/spectralOutliers.ts";
 * const eigenvalues = [3, 2, 0.1, 0.05, 0.01, 0, -0.02];
 * const f = spectrumStrips([{ label: "toy", eigenvalues, outliers: spectralOutliers(eigenvalues) }], { caption: "c", alt: "a" });
 * if (!f.svg.includes("<svg")) throw new Error();
 * ```
 */
export function spectrumStrips(
  strips: SpectrumStrip[],
  text: FigureText & { constant?: number },
): Figure {
  const { constant = 0.01, ...rest } = text;
  const rows = strips.flatMap((s) => {
    const sorted = [...s.eigenvalues].sort((a, b) => b - a);
    return sorted.map((value, rank) => ({
      value,
      strip: s.label,
      jitter: (rank * 0.618034) % 1,
      kind: rank < s.outliers.count
        ? "outlier"
        : rank === s.outliers.count && s.outliers.count > 0
        ? "bulk edge"
        : "bulk",
    }));
  });
  const values = rows.map((r) => r.value);
  const ticks = [0];
  for (let p = Math.ceil(Math.log10(constant)); 10 ** p <= Math.max(...values) * 1.001; p++) {
    ticks.push(10 ** p);
    if (-(10 ** p) >= Math.min(...values)) ticks.unshift(-(10 ** p));
  }
  return figure({
    width: 680,
    height: 70 * strips.length + 60,
    marginLeft: 10,
    marginRight: 120,
    x: {
      type: "symlog",
      constant,
      label: "eigenvalue of H (symmetric log scale)",
      grid: true,
      ticks,
      tickFormat: "~g",
    },
    y: { axis: null, domain: [-0.2, 1.2] },
    fy: { label: null, domain: strips.map((s) => s.label), axis: "right" },
    color: { legend: true, domain: KIND_DOMAIN, range: KIND_RANGE },
    marks: [
      Plot.ruleX([0], { stroke: "currentColor", strokeOpacity: 0.3 }),
      Plot.dot(rows.filter((r) => r.kind === "bulk"), {
        x: "value",
        y: "jitter",
        fy: "strip",
        fill: "kind",
        r: 1.8,
        fillOpacity: 0.6,
      }),
      Plot.dot(rows.filter((r) => r.kind !== "bulk"), {
        x: "value",
        y: "jitter",
        fy: "strip",
        fill: "kind",
        r: 3.2,
      }),
      Plot.frame({ stroke: "currentColor", strokeOpacity: 0.15 }),
    ],
    ...rest,
  });
}

/**
 * An SLQ density (log scale) against the eigenvalue, with a rule at each
 * Lanczos top eigenvalue: red for the outliers, blue for the rest.
 *
 * @example
 * ```ts
 * import { slqOutlierFigure } from "./spectrumFigures.ts";
 * import { slqDensity } from "../../lib/spectra/slqDensity.ts";
 * import { spectralOutliers } from "../../lib/spectra/spectralOutliers.ts";
 * const A = [[5, 0, 0, 0], [0, 0.2, 0, 0], [0, 0, 0.1, 0], [0, 0, 0, 0.05]];
 * const f = slqOutlierFigure(slqDensity(A, { probes: 2, steps: 4 }), [5, 0.2, 0.1], spectralOutliers([5, 0.2, 0.1]), { caption: "c", alt: "a" });
 * if (!f.svg.includes("<svg")) throw new Error();
 * ```
 */
export function slqOutlierFigure(
  density: SlqDensityResult,
  top: readonly number[],
  outliers: SpectralOutliers,
  text: FigureText,
): Figure {
  const floor = 1e-4 * Math.max(...density.density);
  const rows = density.grid.map((t, i) => ({ t, d: Math.max(density.density[i], floor) }));
  const tops = top.map((value, rank) => ({
    value,
    kind: rank < outliers.count ? "outlier" : "top eigenvalue",
  }));
  return figure({
    width: 680,
    height: 320,
    x: { label: "eigenvalue of H" },
    y: { type: "log", label: "density (SLQ)", grid: true, tickFormat: "~g" },
    color: {
      legend: true,
      domain: ["outlier", "top eigenvalue"],
      range: [KIND_RANGE[1], KIND_RANGE[2]],
    },
    marks: [
      Plot.areaY(rows, { x: "t", y1: floor, y2: "d", fill: "currentColor", fillOpacity: 0.12 }),
      Plot.line(rows, { x: "t", y: "d", stroke: "currentColor", strokeWidth: 1 }),
      Plot.ruleX(tops, { x: "value", stroke: "kind", strokeWidth: 1.5, strokeOpacity: 0.85 }),
    ],
    ...text,
  });
}

/**
 * Chapter 2's explorer of a 2×2 Hessian H = [[a, b], [b, c]]: the contours
 * of f(v) = ½vᵀHv, the eigenvectors drawn with length |λᵢ|, the closed-form
 * eigenvalues against `eigh`, trace, determinant, the second-derivative test
 * and where the curvature is negative.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { explorable } from "../../lib/figure/explorable.ts";
import { classifyCriticalPoint } from "../../lib/linalg/classifyCriticalPoint.ts";
import { definiteness } from "../../lib/linalg/definiteness.ts";
import { determinant } from "../../lib/linalg/determinant.ts";
import { eigenvalues2x2 } from "../../lib/linalg/eigenvalues2x2.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import { trace } from "../../lib/linalg/trace.ts";

/** The parameters: the entries of H. */
export interface Hessian2x2Params {
  [name: string]: number;
  /** H₁₁. */
  a: number;
  /** H₁₂ = H₂₁. */
  b: number;
  /** H₂₂. */
  c: number;
}

/** Everything the explorer shows for one H. */
export interface Hessian2x2Result {
  /** The matrix. */
  H: number[][];
  /** Closed-form eigenvalues (`eigenvalues2x2`), ascending. */
  closedForm: [number, number];
  /** Eigenvalues and unit eigenvectors by `eigh` (ml-matrix). */
  values: number[];
  /** `vectors[i]` goes with `values[i]`. */
  vectors: number[][];
  /** trace(H). */
  trace: number;
  /** det(H) (LU). */
  det: number;
  /** The second-derivative test. */
  classification: string;
  /** Definiteness of H. */
  definiteness: string;
  /** Whether f is convex: H positive semidefinite. */
  convex: boolean;
  /** f at the centres of a GRID×GRID grid of cells over [−2.25, 2.25]², row by row upwards. */
  grid: number[];
}

/** Cells per side of the contour grid. */
export const GRID = 48;
/** The plotted square is [−R, R]²; the grid reaches a little beyond, so no contour ends at its edge. */
const R = 2, RG = 2.25;

/** Compute one state of the explorer (pure; the page and the tests call it). */
export function hessian2x2State({ a, b, c }: Hessian2x2Params): Hessian2x2Result {
  const H = [[a, b], [b, c]];
  const { values, vectors } = eigh(H);
  const grid: number[] = [];
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) {
      const x = -RG + (2 * RG * (i + 0.5)) / GRID, y = -RG + (2 * RG * (j + 0.5)) / GRID;
      grid.push(0.5 * (a * x * x + 2 * b * x * y + c * y * y));
    }
  }
  const kind = definiteness(H);
  return {
    H,
    closedForm: eigenvalues2x2(a, b, c),
    values,
    vectors,
    trace: trace(H),
    det: determinant(H),
    classification: classifyCriticalPoint(H),
    definiteness: kind,
    convex: kind === "positive definite" || kind === "positive semidefinite" || kind === "zero",
    grid,
  };
}

const cells = { width: GRID, height: GRID, x1: -RG, y1: -RG, x2: RG, y2: RG, clip: true };
const POS = "var(--hx-ex-1, #1f5fbf)", NEG = "var(--hx-ex-bad, #8a1c1c)";

/** The explorable. */
export const hessian2x2 = explorable<Hessian2x2Params, Hessian2x2Result>({
  id: "hessian-2x2",
  module: import.meta.url,
  title: "Explore a 2×2 Hessian H = [[a, b], [b, c]]",
  caption: "Contours of f(v) = ½vᵀHv on [−2, 2]², with the eigenvectors of H drawn with length " +
    "|λ| (blue: λ > 0, red: λ < 0). Red shading marks where f < 0, the directions of negative " +
    "curvature; f is convex exactly when there are none (H positive semidefinite).",
  controls: [
    { type: "range", name: "a", label: "a = H₁₁", min: -3, max: 3, step: 0.05 },
    { type: "range", name: "b", label: "b = H₁₂", min: -3, max: 3, step: 0.05 },
    { type: "range", name: "c", label: "c = H₂₂", min: -3, max: 3, step: 0.05 },
  ],
  defaults: { a: 2, b: 1, c: 2 },
  compute: hessian2x2State,
  render: (r) => {
    const arrows = r.values.map((l, i) => {
      const len = Math.min(Math.abs(l), 1.9);
      return {
        x2: len * r.vectors[i][0],
        y2: len * r.vectors[i][1],
        l,
        label: `λ${i === 0 ? "₋" : "₊"} = ${l.toFixed(2).replace("-", "−")}`,
      };
    });
    const both = arrows.flatMap((a) => [a, { ...a, x2: -a.x2, y2: -a.y2, label: "" }]);
    const kind = r.convex ? "convex" : "not convex";
    return {
      figures: [{
        width: 420,
        height: 420,
        x: { domain: [-R, R], label: "x" },
        y: { domain: [-R, R], label: "y" },
        marks: [
          // Shade {f < 0}: the band of −f above 0.
          Plot.contour(r.grid.map((f) => -f), {
            ...cells,
            fill: NEG,
            fillOpacity: 0.15,
            thresholds: [1e-12],
          }),
          Plot.contour(r.grid, {
            ...cells,
            stroke: "currentColor",
            strokeOpacity: 0.45,
            thresholds: 14,
          }),
          Plot.ruleX([0], { strokeOpacity: 0.15 }),
          Plot.ruleY([0], { strokeOpacity: 0.15 }),
          Plot.arrow(both, {
            x1: 0,
            y1: 0,
            x2: "x2",
            y2: "y2",
            stroke: (d: { l: number }) => (d.l >= 0 ? POS : NEG),
            strokeWidth: 2.5,
            headLength: 10,
          }),
          Plot.text(arrows, {
            x: "x2",
            y: "y2",
            text: "label",
            fill: "currentColor",
            stroke: "var(--hx-ex-bg, white)",
            strokeWidth: 3,
            paintOrder: "stroke",
            dy: -10,
            fontSize: 12,
          }),
          Plot.frame({ strokeOpacity: 0.3 }),
        ],
        alt:
          `Contours of f = ½vᵀHv for H = [[${r.H[0][0]}, ${r.H[0][1]}], [${r.H[1][0]}, ${
            r.H[1][1]
          }]]: ${
            r.classification === "saddle"
              ? "hyperbolas"
              : r.convex
              ? "ellipses or bands"
              : "contours"
          }, ${kind}; eigenvectors along (${r.vectors[0].map((v) => v.toFixed(2)).join(", ")}) ` +
          `and (${r.vectors[1].map((v) => v.toFixed(2)).join(", ")}) with eigenvalues ` +
          `${r.values.map((v) => v.toFixed(2)).join(" and ")}.`,
      }],
      readouts: [
        { key: "closed-min", label: "λ₋ closed form", value: r.closedForm[0] },
        { key: "closed-max", label: "λ₊ closed form", value: r.closedForm[1] },
        { key: "eigh-min", label: "λ₋ by eigh", value: r.values[0] },
        { key: "eigh-max", label: "λ₊ by eigh", value: r.values[1] },
        { key: "trace", label: "trace H = a + c", value: r.trace },
        { key: "sum", label: "λ₋ + λ₊", value: r.values[0] + r.values[1] },
        { key: "det", label: "det H = ac − b²", value: r.det },
        { key: "product", label: "λ₋ · λ₊", value: r.values[0] * r.values[1] },
        { key: "definiteness", label: "H is", value: r.definiteness },
        { key: "test", label: "second-derivative test", value: r.classification },
        { key: "convex", label: "f convex", value: r.convex },
      ],
      summary: `H is ${r.definiteness}: ${
        r.classification === "degenerate" ? "the test is inconclusive" : `a ${r.classification}`
      }, and f is ${kind}.`,
    };
  },
});

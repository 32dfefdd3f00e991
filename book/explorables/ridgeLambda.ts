/**
 * Chapter 4's ridge explorer: the ridge parameter λ on the Iris design, with
 * or without the exactly collinear feature. It shows the eigenvalues of
 * XᵀX + λI, the condition number from the formula (λmax + λ)/(λmin + λ)
 * against the one computed from an eigendecomposition of XᵀX + λI, and the
 * coefficient path β(λ).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { explorable } from "../../lib/figure/explorable.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import { ridgeConditionNumber, ridgeRegression } from "../../lib/regularize/ridgeRegression.ts";
import { shiftMatrix } from "../../lib/regularize/shiftMatrix.ts";
import { irisRidgeDesign } from "../experiments/irisRidgeDesign.ts";
import { ridgePath } from "../experiments/ridgePath.ts";

/** The parameters. */
export interface RidgeLambdaParams {
  [name: string]: number | string;
  /** The ridge parameter λ > 0. */
  lambda: number;
  /** "collinear" (four features, XᵀX singular) or "plain" (three features). */
  design: string;
}

/** One state. */
export interface RidgeLambdaResult {
  /** Feature names. */
  features: string[];
  /** Eigenvalues of XᵀX, ascending. */
  gramValues: number[];
  /** Eigenvalues of XᵀX + λI by `eigh`, ascending. */
  shiftedValues: number[];
  /** (λmax + λ)/(λmin + λ) with the computed extreme eigenvalues of XᵀX. */
  kappaFormula: number;
  /** The paper's (λmax + λ)/λ, exact when XᵀX is singular. */
  kappaPaper: number;
  /** max/min eigenvalue of XᵀX + λI (eigh). */
  kappaComputed: number;
  /** The library's `ridgeConditionNumber` (λmin set to 0 when XᵀX is numerically singular). */
  kappaLibrary: number;
  /** β(λ) by `ridgeRegression`. */
  beta: number[];
  /** ‖β(λ)‖. */
  betaNorm: number;
  /** The path over a fixed grid of λ, for the plots. */
  path: { lambda: number; beta: number[]; betaNorm: number; kappa: number }[];
}

/** The λ grid of the path plots: 10⁻⁴ … 10⁴, four points per decade. */
export const LAMBDAS: number[] = Array.from({ length: 33 }, (_, k) => 10 ** (-4 + k / 4));

const designs = new Map<string, ReturnType<typeof prepare>>();

function prepare(design: string) {
  const d = irisRidgeDesign({ collinear: design === "collinear" });
  const path = ridgePath(d.X, d.y, LAMBDAS);
  return {
    ...d,
    gram: ridgeRegression(d.X, d.y, 1).gram,
    path: path.points.map((pt) => ({
      lambda: pt.lambda,
      beta: pt.beta,
      betaNorm: pt.betaNorm,
      kappa: pt.conditionNumber,
    })),
    gramValues: path.gramEigenvalues,
  };
}

/** Compute one state (pure; the design and its path are computed once per design). */
export function ridgeLambdaState({ lambda, design }: RidgeLambdaParams): RidgeLambdaResult {
  let d = designs.get(design);
  if (!d) designs.set(design, d = prepare(design));
  const shiftedValues = eigh(shiftMatrix(d.gram, lambda)).values;
  const lmin = d.gramValues[0], lmax = d.gramValues[d.gramValues.length - 1];
  const fit = ridgeRegression(d.X, d.y, lambda);
  return {
    features: d.features,
    gramValues: d.gramValues,
    shiftedValues,
    kappaFormula: (lmax + lambda) / (lmin + lambda),
    kappaPaper: (lmax + lambda) / lambda,
    kappaComputed: shiftedValues[shiftedValues.length - 1] / shiftedValues[0],
    kappaLibrary: ridgeConditionNumber(d.X, lambda),
    beta: fit.beta,
    betaNorm: Math.hypot(...fit.beta),
    path: d.path,
  };
}

const COLORS = [
  "var(--hx-ex-1, #1f5fbf)",
  "var(--hx-ex-2, #a3470b)",
  "var(--hx-ex-bad, #8a1c1c)",
  "var(--hx-ex-3, #3f7f2a)",
];

/** The explorable. */
export const ridgeLambda = explorable<RidgeLambdaParams, RidgeLambdaResult>({
  id: "ridge-lambda",
  module: import.meta.url,
  title: "Ridge regression on Iris: move λ",
  caption: "Left: the eigenvalues of XᵀX (hollow) and of XᵀX + λI (filled): the ridge lifts " +
    "every eigenvalue by λ, the zero one too. Middle: κ(λ) from the formula (line) and from an " +
    "eigendecomposition of XᵀX + λI at the chosen λ (dot). Right: the coefficients β(λ) along " +
    "the path, with β at the chosen λ.",
  controls: [
    {
      type: "range",
      name: "lambda",
      label: "ridge λ",
      min: 1e-4,
      max: 1e4,
      step: 0.05,
      scale: "log",
      digits: 3,
    },
    {
      type: "select",
      name: "design",
      label: "design",
      options: [
        { value: "collinear", label: "with the collinear feature" },
        { value: "plain", label: "three features" },
      ],
    },
  ],
  defaults: { lambda: 0.01, design: "collinear" },
  compute: ridgeLambdaState,
  render: (r, p) => {
    const spectrum = r.gramValues.flatMap((g, i) => [
      { i: i + 1, value: Math.max(g, 1e-17), kind: "XᵀX" },
      { i: i + 1, value: r.shiftedValues[i], kind: "XᵀX + λI" },
    ]);
    const coeffs = r.path.flatMap((pt) =>
      pt.beta.map((b, j) => ({ lambda: pt.lambda, b, feature: r.features[j] }))
    );
    const now = r.beta.map((b, j) => ({ lambda: p.lambda, b, feature: r.features[j] }));
    const color = { domain: r.features, range: COLORS.slice(0, r.features.length), legend: true };
    return {
      figures: [
        {
          width: 260,
          height: 300,
          x: {
            label: "eigenvalue index",
            domain: r.gramValues.map((_, i) => i + 1),
            type: "point",
          },
          y: { type: "log", label: "eigenvalue", domain: [1e-17, 1e5], tickFormat: "~e" },
          marks: [
            Plot.ruleY([p.lambda], { strokeDasharray: "4,3", strokeOpacity: 0.6 }),
            Plot.dot(spectrum.filter((s) => s.kind === "XᵀX"), {
              x: "i",
              y: "value",
              r: 5,
              stroke: "currentColor",
            }),
            Plot.dot(spectrum.filter((s) => s.kind !== "XᵀX"), {
              x: "i",
              y: "value",
              r: 4,
              fill: COLORS[0],
            }),
          ],
          alt: `Eigenvalues of XᵀX (${
            r.gramValues.map((v) => v.toExponential(1)).join(", ")
          }) and of XᵀX + λI (${
            r.shiftedValues.map((v) => v.toExponential(1)).join(", ")
          }) on a log scale, with a dashed line at λ = ${p.lambda.toExponential(1)}.`,
        },
        {
          width: 300,
          height: 300,
          x: { type: "log", label: "λ", tickFormat: "~e" },
          y: { type: "log", label: "κ(XᵀX + λI)", tickFormat: "~e" },
          marks: [
            Plot.line(r.path, { x: "lambda", y: "kappa", stroke: COLORS[0], strokeWidth: 1.5 }),
            Plot.ruleX([p.lambda], { strokeDasharray: "4,3", strokeOpacity: 0.6 }),
            Plot.dot([{ lambda: p.lambda, kappa: r.kappaComputed }], {
              x: "lambda",
              y: "kappa",
              r: 5,
              fill: COLORS[2],
            }),
          ],
          alt: `The condition number κ(λ) falling with λ on log–log axes; at λ = ${
            p.lambda.toExponential(1)
          } it is ${r.kappaComputed.toExponential(2)}.`,
        },
        {
          width: 320,
          height: 300,
          x: { type: "log", label: "λ", tickFormat: "~e" },
          y: { label: "coefficient", grid: true },
          color,
          marks: [
            Plot.ruleY([0], { strokeOpacity: 0.4 }),
            Plot.ruleX([p.lambda], { strokeDasharray: "4,3", strokeOpacity: 0.6 }),
            Plot.line(coeffs, { x: "lambda", y: "b", stroke: "feature", strokeWidth: 1.5 }),
            Plot.dot(now, { x: "lambda", y: "b", fill: "feature", r: 4 }),
          ],
          alt: `Coefficient paths against λ shrinking to zero; at λ = ${
            p.lambda.toExponential(1)
          } the coefficients are ${r.beta.map((b) => b.toFixed(3)).join(", ")}.`,
        },
      ],
      readouts: [
        ...r.shiftedValues.map((v, i) => ({
          key: `shifted-${i + 1}`,
          label: `λ${i + 1}(XᵀX) + λ`,
          value: v,
        })),
        { key: "kappa-formula", label: "κ formula (λmax + λ)/(λmin + λ)", value: r.kappaFormula },
        { key: "kappa-computed", label: "κ computed (eigh of XᵀX + λI)", value: r.kappaComputed },
        { key: "kappa-library", label: "κ by ridgeConditionNumber", value: r.kappaLibrary },
        { key: "kappa-paper", label: "paper's (λmax + λ)/λ", value: r.kappaPaper },
        ...r.beta.map((b, j) => ({ key: `beta-${j + 1}`, label: `β ${r.features[j]}`, value: b })),
        { key: "beta-norm", label: "‖β(λ)‖", value: r.betaNorm },
      ],
      summary: `At λ = ${p.lambda.toPrecision(3)} the ridge system has condition number ${
        r.kappaComputed.toPrecision(4)
      }.`,
    };
  },
});

/**
 * Exact gradient, Hessian and second-derivative test of a mathjs expression.
 *
 * @module
 */
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import type { MathNode } from "npm:mathjs@15.2.0";
import { jupyterDisplay, texMatrix, texNumber } from "../display.ts";
import { classifyEigenvalues, type CriticalPoint } from "../linalg/classifyCriticalPoint.ts";
import { type Definiteness, definiteness } from "../linalg/definiteness.ts";
import { eigh } from "../linalg/eigh.ts";
import {
  describe,
  differentiate,
  fail,
  isConstant,
  isVariableName,
  parseExpression,
  symbolsOf,
} from "./_math.ts";
import { symbolicDerivatives } from "./symbolicDerivatives.ts";

/** An expression to analyze: mathjs syntax, the point, and optionally the variables. */
export interface ExpressionSpec {
  /** The function f in mathjs syntax, e.g. "x^2 - y^2". */
  expression: string;
  /**
   * The point: one finite number per variable. Without `variables`, its
   * keys, in order, are the variables, and each must appear in the
   * expression (a key it does not use is usually a typo).
   */
  at: Record<string, number>;
  /**
   * The variables, in order, when f should be read as a function of
   * variables it does not use, e.g. `x^2` on the plane:
   * `{"expression": "x^2", "variables": ["x", "y"], "at": {"x": 0, "y": 0}}`.
   * `at` must then give exactly these variables.
   */
  variables?: string[];
}

/** What the second-derivative test says about the point (see {@linkcode analyzeExpression}). */
export type ExpressionClassification = CriticalPoint | "not a critical point";

/** Options for {@linkcode analyzeExpression}. */
export interface ExpressionOptions {
  /**
   * The point counts as critical when ‖∇f‖₂ ≤ tolerance·max(1, ‖H‖₂·‖x‖₂).
   * Default 1e-8.
   */
  tolerance?: number;
}

/** The curvature report of an expression at a point (the CLI's JSON output). */
export interface ExpressionReport {
  /** The variables, in the order of `gradient` and of the Hessian's rows and columns. */
  variables: string[];
  /** f at the point. */
  value: number;
  /** ∇f at the point, one entry per variable. */
  gradient: number[];
  /** ‖∇f‖₂ at the point. */
  gradient_norm: number;
  /** ∇²f at the point (symmetric), rows and columns in the order of `variables`. */
  hessian: number[][];
  /** Eigenvalues of the Hessian, ascending. */
  eigenvalues: number[];
  /** The curvature at the point: the definiteness of the Hessian, critical point or not. */
  definiteness: Definiteness;
  /**
   * The second-derivative test at a critical point (minimum, maximum,
   * saddle or degenerate), or "not a critical point" when the gradient
   * does not vanish there.
   */
  classification: ExpressionClassification;
}

const WHAT = "analyze expression";

/** Evaluate a compiled derivative; it must be a finite real number. */
function evaluate(node: MathNode, scope: Map<string, number>, field: string, label: string) {
  let v: unknown;
  try {
    v = node.compile().evaluate(new Map(scope));
  } catch (e) {
    fail(WHAT, "expression", (e as Error).message);
  }
  if (v !== null && typeof v === "object" && (v as { isComplex?: boolean }).isComplex) {
    const c = v as { re: number; im: number };
    if (c.im !== 0) fail(WHAT, field, `${label} is the complex number ${String(v)}, not real`);
    v = c.re;
  }
  if (typeof v === "boolean") v = v ? 1 : 0;
  if (typeof v !== "number") {
    fail(WHAT, field, `${label} is ${describe(v)}, not a number`);
  }
  if (!Number.isFinite(v)) fail(WHAT, field, `${label} is ${v} at the point`);
  return v as number;
}

/**
 * Analyze f at a point: its value, exact gradient and Hessian (mathjs
 * symbolic `derivative`, evaluated in float64), the Hessian's eigenvalues
 * (ascending) and definiteness, and the second-derivative test.
 *
 * **Variables.** `variables` (in order) when the spec gives them, else the
 * keys of `at` in key order; the report lists them in `variables`, in the
 * order of the gradient and the Hessian. Without `variables`, a key of
 * `at` that the expression does not use is an error naming the key: it is
 * usually a typo, and it would silently add a zero row to the Hessian and
 * make every point look degenerate. To differentiate with respect to an
 * unused variable on purpose (x² on the plane), list it in `variables`.
 *
 * **Critical points.** The second-derivative test says something only
 * where ∇f = 0. The point counts as critical when
 * ‖∇f‖₂ ≤ tolerance·max(1, ‖H‖₂·‖x‖₂) (tolerance 1e-8 by default): a
 * critical point x* given to d significant digits is off by about
 * 10⁻ᵈ‖x*‖, which moves the gradient by about ‖H‖·10⁻ᵈ‖x*‖, so points
 * typed with 8 or more digits still count, while the 1 keeps an absolute
 * floor near the origin. At a critical point `classification` is
 * `classifyEigenvalues`' verdict: degenerate when some
 * |λ| ≤ 1e-9·max(1, max|λ|), else minimum, maximum or saddle by the signs.
 * Elsewhere it is "not a critical point", and the curvature is still
 * reported: `eigenvalues`, and `definiteness` (positive definite, …,
 * indefinite, with the same zero tolerance).
 *
 * Errors have the form `Cannot analyze expression: <field>: <reason>`, for:
 * a spec that is not an object, a missing or non-string `expression`, a
 * mathjs syntax error (with its position), an assignment or block, an
 * unknown function or one mathjs cannot differentiate, a non-numeric or
 * non-finite value in `at`, a variable used by the expression but missing
 * from `at`, a key of `at` the expression does not use (without
 * `variables`), `variables` that are not distinct valid names or do not
 * match the keys of `at`, and a value, derivative or second derivative that
 * is not a finite real number at the point.
 *
 * The report is a plain object with exactly these eight fields; in a
 * notebook it also displays as KaTeX (symbolic and numeric ∇f and H) with a
 * small table, via `[Symbol.for("Jupyter.display")]()`.
 *
 * @example The paper's saddle x² − y² at the origin
 * ```ts
 * import { analyzeExpression } from "./analyzeExpression.ts";
 * const r = analyzeExpression({ expression: "x^2 - y^2", at: { x: 0, y: 0 } });
 * if (r.eigenvalues.join() !== "-2,2" || r.classification !== "saddle") throw new Error();
 * if (r.hessian.map((row) => row.join()).join(";") !== "2,0;0,-2") throw new Error();
 * if (r.variables.join() !== "x,y" || r.definiteness !== "indefinite") throw new Error();
 * // away from the origin the gradient is not zero: no verdict, but the curvature
 * const away = analyzeExpression({ expression: "x^2 - y^2", at: { x: 1, y: 0 } });
 * if (away.classification !== "not a critical point" || away.gradient_norm !== 2) throw new Error();
 * ```
 */
export function analyzeExpression(
  spec: ExpressionSpec,
  options: ExpressionOptions = {},
): ExpressionReport {
  const tolerance = options.tolerance ?? 1e-8;
  if (typeof tolerance !== "number" || !(tolerance >= 0) || !Number.isFinite(tolerance)) {
    fail(WHAT, "tolerance", `expected a finite number ≥ 0, got ${describe(tolerance)}`);
  }
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
    fail(WHAT, "spec", `expected an object {"expression", "at"}, got ${describe(spec)}`);
  }
  if (!Object.hasOwn(spec, "expression")) fail(WHAT, "expression", "missing field");
  if (!Object.hasOwn(spec, "at")) fail(WHAT, "at", "missing field");
  const node = parseExpression(spec.expression, WHAT);
  const at = spec.at as unknown;
  if (at === null || typeof at !== "object" || Array.isArray(at)) {
    fail(WHAT, "at", `expected an object of variable values, got ${describe(at)}`);
  }
  const keys = Object.keys(at as object);
  if (keys.length === 0) fail(WHAT, "at", "expected at least one variable");
  const fieldOf = (name: string) =>
    isVariableName(name) ? `at.${name}` : `at[${JSON.stringify(name)}]`;
  const scope = new Map<string, number>();
  for (const name of keys) {
    const field = fieldOf(name);
    if (!isVariableName(name)) fail(WHAT, field, "is not a valid variable name");
    const v = (at as Record<string, unknown>)[name];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      fail(WHAT, field, `expected a finite number, got ${describe(v)}`);
    }
    scope.set(name, v as number);
  }
  const used = symbolsOf(node);
  for (const s of used) {
    if (!scope.has(s) && !isConstant(s)) {
      fail(WHAT, "at", `missing the variable "${s}" used by the expression`);
    }
  }
  let names: string[];
  if (Object.hasOwn(spec, "variables") && spec.variables !== undefined) {
    names = declaredVariables(spec.variables, keys);
  } else {
    names = keys;
    for (const name of keys) {
      if (!used.has(name)) {
        fail(
          WHAT,
          fieldOf(name),
          `the expression does not use "${name}"; list every variable in "variables" ` +
            `(e.g. "variables": ${
              JSON.stringify(keys)
            }) to differentiate with respect to it anyway`,
        );
      }
    }
  }
  const n = names.length;
  const value = evaluate(node, scope, "value", "f");
  const gradient = new Array<number>(n).fill(0);
  const hessian = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    if (!used.has(names[i])) continue;
    const di = differentiate(node, names[i], WHAT, false);
    gradient[i] = evaluate(di, scope, `gradient[${i}]`, `∂f/∂${names[i]}`);
    const usedI = symbolsOf(di);
    for (let j = i; j < n; j++) {
      if (!usedI.has(names[j])) continue;
      const dij = differentiate(di, names[j], WHAT, false);
      const h = evaluate(dij, scope, `hessian[${i}][${j}]`, `∂²f/∂${names[i]}∂${names[j]}`);
      hessian[i][j] = h;
      hessian[j][i] = h;
    }
  }
  const eigenvalues = eigh(hessian).values;
  const gradientNorm = Math.hypot(...gradient);
  const hNorm = Math.max(Math.abs(eigenvalues[0]), Math.abs(eigenvalues[n - 1]));
  const xNorm = Math.hypot(...names.map((k) => scope.get(k)!));
  const critical = gradientNorm <= tolerance * Math.max(1, hNorm * xNorm);
  const report: ExpressionReport = {
    variables: names.slice(),
    value,
    gradient,
    gradient_norm: gradientNorm,
    hessian,
    eigenvalues,
    definiteness: definiteness(hessian),
    classification: critical ? classifyEigenvalues(eigenvalues) : "not a critical point",
  };
  const expression = spec.expression;
  Object.defineProperty(report, jupyterDisplay, {
    enumerable: false,
    value: () => displayReport(report, expression, names, scope),
  });
  return report;
}

/** Validate `variables` against the keys of `at`; returns them in their order. */
function declaredVariables(variables: unknown, keys: string[]): string[] {
  if (!Array.isArray(variables) || variables.length === 0) {
    fail(
      WHAT,
      "variables",
      `expected a non-empty array of variable names, got ${describe(variables)}`,
    );
  }
  const names = variables as unknown[];
  const seen = new Set<string>();
  names.forEach((v, i) => {
    if (typeof v !== "string" || !isVariableName(v)) {
      fail(WHAT, `variables[${i}]`, `${JSON.stringify(v)} is not a valid variable name`);
    }
    if (seen.has(v as string)) fail(WHAT, `variables[${i}]`, `"${v}" is listed twice`);
    seen.add(v as string);
  });
  for (const v of seen) {
    if (!keys.includes(v)) fail(WHAT, "at", `missing the variable "${v}" listed in variables`);
  }
  for (const k of keys) {
    if (!seen.has(k)) {
      fail(WHAT, `at.${k}`, `"${k}" is not one of the variables ${JSON.stringify(names)}`);
    }
  }
  return names as string[];
}

function displayReport(
  r: ExpressionReport,
  expression: string,
  names: string[],
  scope: Map<string, number>,
): Record<string, string> {
  const sym = symbolicDerivatives(expression, names);
  const point = names.map((k) => `${k} = ${texNumber(scope.get(k)!)}`).join(",\\ ");
  const column = (xs: number[]) => texMatrix(xs.map((x) => [x]));
  const md = [
    `$$f(${names.join(", ")}) = ${sym.tex.expression}$$`,
    `$$\\nabla f = ${sym.tex.gradient} = ${column(r.gradient)}$$`,
    `$$\\nabla^2 f = ${sym.tex.hessian} = ${texMatrix(r.hessian)}$$`,
    "",
    "| point | f | ‖∇f‖ | eigenvalues of ∇²f | ∇²f is | classification |",
    "| --- | --- | --- | --- | --- | --- |",
    `| $${point}$ | $${texNumber(r.value)}$ | $${texNumber(r.gradient_norm)}$ | $${
      r.eigenvalues.map((x) => texNumber(x)).join(",\\ ")
    }$ | ${r.definiteness} | ${r.classification} |`,
  ].join("\n");
  const num = (x: number) => Number(x.toPrecision(6)).toString();
  const plain = [
    `f(${names.join(", ")}) = ${expression} at (${names.map((k) => `${k}=${scope.get(k)}`)})`,
    `value: ${num(r.value)}`,
    `gradient: [${r.gradient.map(num).join(", ")}]`,
    `hessian: [${r.hessian.map((row) => `[${row.map(num).join(", ")}]`).join(", ")}]`,
    `eigenvalues: [${r.eigenvalues.map(num).join(", ")}]`,
    `definiteness: ${r.definiteness}`,
    `classification: ${r.classification}` +
    (r.classification === "not a critical point" ? ` (‖∇f‖ = ${num(r.gradient_norm)})` : ""),
  ].join("\n");
  return { "text/markdown": md, "text/plain": plain };
}

/**
 * Exact gradient, Hessian and second-derivative test of a mathjs expression.
 *
 * @module
 */
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import type { MathNode } from "npm:mathjs@15.2.0";
import { jupyterDisplay, texMatrix, texNumber } from "../display.ts";
import { classifyEigenvalues, type CriticalPoint } from "../linalg/classifyCriticalPoint.ts";
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

/** An expression to analyze: mathjs syntax, and the point (variables in key order). */
export interface ExpressionSpec {
  /** The function f in mathjs syntax, e.g. "x^2 - y^2". */
  expression: string;
  /** The point: one finite number per variable. Its keys, in order, are the variables. */
  at: Record<string, number>;
}

/** The curvature report of an expression at a point (the CLI's JSON output). */
export interface ExpressionReport {
  /** f at the point. */
  value: number;
  /** ∇f at the point, one entry per key of `at`, in key order. */
  gradient: number[];
  /** ∇²f at the point (symmetric), rows and columns in key order. */
  hessian: number[][];
  /** Eigenvalues of the Hessian, ascending. */
  eigenvalues: number[];
  /** The second-derivative test on the eigenvalues (whether or not ∇f = 0). */
  classification: CriticalPoint;
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
 * (ascending) and the second-derivative test (`classifyEigenvalues`:
 * degenerate when some |λ| ≤ 1e-9·max(1, max|λ|), else minimum, maximum or
 * saddle by the signs). The classification is reported whether or not the
 * gradient vanishes.
 *
 * The variables are the keys of `at`, in key order; the gradient and Hessian
 * cover every key, even one the expression does not use. Errors have the
 * form `Cannot analyze expression: <field>: <reason>`, for: a spec that is
 * not an object, a missing or non-string `expression`, a mathjs syntax error
 * (with its position), an assignment or block, an unknown function or one
 * mathjs cannot differentiate, a non-numeric or non-finite value in `at`, a
 * variable used by the expression but missing from `at`, and a value,
 * derivative or second derivative that is not a finite real number at the
 * point.
 *
 * The report is a plain object with exactly these five fields; in a
 * notebook it also displays as KaTeX (symbolic and numeric ∇f and H) with a
 * small table, via `[Symbol.for("Jupyter.display")]()`.
 *
 * @example The paper's saddle x² − y² at the origin
 * ```ts
 * import { analyzeExpression } from "./analyzeExpression.ts";
 * const r = analyzeExpression({ expression: "x^2 - y^2", at: { x: 0, y: 0 } });
 * if (r.eigenvalues.join() !== "-2,2" || r.classification !== "saddle") throw new Error();
 * if (r.hessian.map((row) => row.join()).join(";") !== "2,0;0,-2") throw new Error();
 * ```
 */
export function analyzeExpression(spec: ExpressionSpec): ExpressionReport {
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
  const names = Object.keys(at as object);
  if (names.length === 0) fail(WHAT, "at", "expected at least one variable");
  const scope = new Map<string, number>();
  for (const name of names) {
    const field = isVariableName(name) ? `at.${name}` : `at[${JSON.stringify(name)}]`;
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
  const report: ExpressionReport = {
    value,
    gradient,
    hessian,
    eigenvalues,
    classification: classifyEigenvalues(eigenvalues),
  };
  const expression = spec.expression;
  Object.defineProperty(report, jupyterDisplay, {
    enumerable: false,
    value: () => displayReport(report, expression, names, scope),
  });
  return report;
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
    "| point | f | eigenvalues of ∇²f | classification |",
    "| --- | --- | --- | --- |",
    `| $${point}$ | $${texNumber(r.value)}$ | $${
      r.eigenvalues.map((x) => texNumber(x)).join(",\\ ")
    }$ | ${r.classification} |`,
  ].join("\n");
  const num = (x: number) => Number(x.toPrecision(6)).toString();
  const plain = [
    `f(${names.join(", ")}) = ${expression} at (${names.map((k) => `${k}=${scope.get(k)}`)})`,
    `value: ${num(r.value)}`,
    `gradient: [${r.gradient.map(num).join(", ")}]`,
    `hessian: [${r.hessian.map((row) => `[${row.map(num).join(", ")}]`).join(", ")}]`,
    `eigenvalues: [${r.eigenvalues.map(num).join(", ")}]`,
    `classification: ${r.classification}`,
  ].join("\n");
  return { "text/markdown": md, "text/plain": plain };
}

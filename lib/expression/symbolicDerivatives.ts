/**
 * Symbolic gradient and Hessian of a mathjs expression, as strings and TeX.
 *
 * @module
 */
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import type { MathNode } from "npm:mathjs@15.2.0";
import { differentiate, fail, isVariableName, math, parseExpression } from "./_math.ts";

/** Symbolic derivatives of an expression (see {@linkcode symbolicDerivatives}). */
export interface SymbolicDerivatives {
  /** The variables, in order. */
  variables: string[];
  /** ∂f/∂xᵢ in mathjs syntax, simplified. */
  gradient: string[];
  /** ∂²f/∂xᵢ∂xⱼ in mathjs syntax, simplified (symmetric). */
  hessian: string[][];
  /** TeX for display (KaTeX-ready, without $ delimiters). */
  tex: {
    /** f itself. */
    expression: string;
    /** ∇f as a column `bmatrix`. */
    gradient: string;
    /** ∇²f as a `bmatrix`. */
    hessian: string;
  };
}

const WHAT = "differentiate expression";

/**
 * The symbolic gradient and Hessian of f with respect to `variables`, by
 * mathjs `derivative` (simplified with `simplify`), as mathjs strings and as
 * TeX (`toTex`) for the book. A variable the expression does not use gets
 * derivative 0. Errors have the form
 * `Cannot differentiate expression: <field>: <reason>`.
 *
 * @example
 * ```ts
 * import { symbolicDerivatives } from "./symbolicDerivatives.ts";
 * const d = symbolicDerivatives("x^2 * y", ["x", "y"]);
 * if (d.gradient.join("; ") !== "2 * y * x; x ^ 2") throw new Error(d.gradient.join("; "));
 * if (d.hessian[0][1] !== "2 * x") throw new Error(d.hessian[0][1]);
 * if (!d.tex.hessian.startsWith("\\begin{bmatrix}")) throw new Error(d.tex.hessian);
 * ```
 */
export function symbolicDerivatives(
  expression: string,
  variables: readonly string[],
): SymbolicDerivatives {
  const node = parseExpression(expression, WHAT);
  if (!Array.isArray(variables) || variables.length === 0) {
    fail(WHAT, "variables", "expected a non-empty array of variable names");
  }
  variables.forEach((v, i) => {
    if (typeof v !== "string" || !isVariableName(v)) {
      fail(WHAT, `variables[${i}]`, `${JSON.stringify(v)} is not a valid variable name`);
    }
  });
  const n = variables.length;
  const simplify = (x: MathNode): MathNode => {
    try {
      return math.simplify(x);
    } catch {
      return x;
    }
  };
  const grad = variables.map((v) => simplify(differentiate(node, v, WHAT, false)));
  const hess: MathNode[][] = Array.from({ length: n }, () => new Array<MathNode>(n));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const h = simplify(differentiate(grad[i], variables[j], WHAT, false));
      hess[i][j] = h;
      hess[j][i] = h;
    }
  }
  const bmatrix = (rows: MathNode[][]) =>
    `\\begin{bmatrix} ${
      rows.map((r) => r.map((x) => x.toTex()).join(" & ")).join(" \\\\ ")
    } \\end{bmatrix}`;
  return {
    variables: variables.slice(),
    gradient: grad.map((g) => g.toString()),
    hessian: hess.map((r) => r.map((h) => h.toString())),
    tex: {
      expression: node.toTex(),
      gradient: bmatrix(grad.map((g) => [g])),
      hessian: bmatrix(hess),
    },
  };
}

/**
 * The spectrum, determinant, trace and conditioning of H + εI.
 *
 * @module
 */
import { jupyterDisplay, texMatrix, texNumber } from "../display.ts";
import { eigh } from "../linalg/eigh.ts";
import { type MatrixLike, toRows } from "../linalg/matrix.ts";
import { checkNumber } from "../validate/checkNumber.ts";
import { formatNumber } from "../validate/formatNumber.ts";
import { shiftMatrix } from "./shiftMatrix.ts";

/** What {@linkcode regularize} reports about H + εI. */
export interface Regularized {
  /** The shift ε. */
  epsilon: number;
  /** The matrix H + εI. */
  matrix: number[][];
  /** Eigenvalues of H, ascending. */
  originalEigenvalues: number[];
  /** Eigenvalues of H + εI: λᵢ + ε, ascending. */
  eigenvalues: number[];
  /** det(H + εI) = Π(λᵢ + ε). */
  determinant: number;
  /** tr(H + εI) = tr(H) + εn. */
  trace: number;
  /** Whether every λᵢ + ε > 0, i.e. ε > −λmin. */
  positiveDefinite: boolean;
  /**
   * κ(H + εI) = max|λᵢ + ε| / min|λᵢ + ε| (∞ when some λᵢ + ε = 0); for a
   * positive definite result this is (λmax + ε)/(λmin + ε).
   */
  conditionNumber: number;
}

/**
 * Regularize a symmetric H by adding εI, and report what the shift does, the
 * paper's §4: every eigenvalue moves to λᵢ + ε (same eigenvectors), so
 * det(H + εI) = Π(λᵢ + ε), tr(H + εI) = tr(H) + εn, and the result is
 * positive definite exactly when ε > −λmin. The numbers come from one
 * eigendecomposition of H; the tests check them against an independent
 * decomposition, an LU determinant and the diagonal of H + εI.
 *
 * The result displays in a notebook as H + εI (KaTeX) with a small table.
 *
 * @example The singular Hessian of x² becomes invertible
 * ```ts
 * import { regularize } from "./regularize.ts";
 * const r = regularize([[2, 0], [0, 0]], 0.5);
 * if (r.eigenvalues.join() !== "0.5,2.5" || r.determinant !== 1.25) throw new Error();
 * if (r.trace !== 3 || !r.positiveDefinite || r.conditionNumber !== 5) throw new Error();
 * ```
 */
export function regularize(h: MatrixLike, epsilon: number): Regularized {
  checkNumber(epsilon, "epsilon", { what: "regularize" });
  const matrix = shiftMatrix(h, epsilon);
  const { values } = eigh(h);
  const n = values.length;
  const eigenvalues = values.map((l) => l + epsilon);
  const rows = toRows(h, "regularize", { square: true });
  let trace = 0;
  for (let i = 0; i < n; i++) trace += rows[i][i];
  trace += epsilon * n;
  const determinant = eigenvalues.reduce((a, b) => a * b, 1);
  let lo = Infinity, hi = 0;
  for (const l of eigenvalues) lo = Math.min(lo, Math.abs(l)), hi = Math.max(hi, Math.abs(l));
  const result: Regularized = {
    epsilon,
    matrix,
    originalEigenvalues: values,
    eigenvalues,
    determinant,
    trace,
    positiveDefinite: eigenvalues[0] > 0,
    conditionNumber: lo === 0 ? Infinity : hi / lo,
  };
  Object.defineProperty(result, jupyterDisplay, {
    enumerable: false,
    value: () => displayRegularized(result),
  });
  return result;
}

function displayRegularized(r: Regularized): Record<string, string> {
  const rows: [string, string, string][] = [
    ["ε", texNumber(r.epsilon), formatNumber(r.epsilon)],
    [
      "λ(H + εI)",
      r.eigenvalues.map((x) => texNumber(x, 4)).join(",\\ "),
      r.eigenvalues.map((x) => formatNumber(x)).join(", "),
    ],
    ["det(H + εI)", texNumber(r.determinant), formatNumber(r.determinant)],
    ["tr(H + εI)", texNumber(r.trace), formatNumber(r.trace)],
    ["κ(H + εI)", texNumber(r.conditionNumber), formatNumber(r.conditionNumber)],
  ];
  const pd = r.positiveDefinite ? "yes" : "no";
  const md = `$$H + ${texNumber(r.epsilon)}\\,I = ${texMatrix(r.matrix, { digits: 4 })}$$\n\n` +
    "| quantity | value |\n| --- | --- |\n" +
    rows.map(([k, t]) => `| ${k} | $${t}$ |`).join("\n") + `\n| positive definite | ${pd} |`;
  const plain = rows.map(([k, , p]) => `${k}: ${p}`).join("\n") + `\npositive definite: ${pd}`;
  return { "text/markdown": md, "text/plain": plain };
}

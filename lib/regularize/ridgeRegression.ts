/**
 * Ridge regression by the normal equations and Cholesky.
 *
 * @module
 */
import { choleskySolve } from "../linalg/cholesky.ts";
import { eigh } from "../linalg/eigh.ts";
import { type MatrixLike, toRows } from "../linalg/matrix.ts";
import { checkNumber } from "../validate/checkNumber.ts";
import { toVector } from "../validate/toVector.ts";

/** Result of {@linkcode ridgeRegression}. */
export interface RidgeResult {
  /** The coefficients β solving (XᵀX + λI)β = Xᵀy. */
  beta: number[];
  /** The ridge parameter λ. */
  lambda: number;
  /** The Gram matrix XᵀX. */
  gram: number[][];
  /** The Hessian 2(XᵀX + λI) of ‖y − Xβ‖² + λ‖β‖² (constant in β). */
  hessian: number[][];
  /** Eigenvalues of XᵀX, ascending. */
  gramEigenvalues: number[];
  /** Whether XᵀX is (numerically) singular; see {@linkcode ridgeConditionNumber}. */
  singular: boolean;
  /** κ(λ) of XᵀX + λI (see {@linkcode ridgeConditionNumber}). */
  conditionNumber: number;
}

const WHAT = "fit ridge regression";

function design(X: MatrixLike, y: ArrayLike<number> | ArrayLike<ArrayLike<number>>) {
  const rows = toRows(X, WHAT);
  const N = rows.length, p = rows[0].length;
  // y is a vector, or a column of 1-element rows as in an mse spec.
  const column = Array.isArray(y) &&
    y.every((v) => v !== null && typeof v === "object" && (v as ArrayLike<number>).length === 1);
  const yy = toVector(
    column ? (y as ArrayLike<number>[]).map((r) => r[0]) : y,
    WHAT,
    "y",
    {
      length: N,
    },
  );
  return { rows, N, p, y: Array.from(yy) };
}

function gramOf(rows: number[][], p: number): number[][] {
  const G = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (const r of rows) {
    for (let i = 0; i < p; i++) {
      const ri = r[i];
      if (ri === 0) continue;
      for (let j = i; j < p; j++) G[i][j] += ri * r[j];
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) G[i][j] = G[j][i];
  return G;
}

function checkLambda(lambda: number, what: string): void {
  checkNumber(lambda, "lambda", { what, min: 0 });
}

/**
 * κ(λ) from the Gram eigenvalues: XᵀX is singular when its smallest
 * eigenvalue is ≤ p·ε·λmax (the numerical-rank rule); λmin is then taken as
 * exactly 0.
 */
function kappa(values: number[], lambda: number): { kappa: number; singular: boolean } {
  const p = values.length;
  const lmax = Math.max(values[p - 1], 0);
  const singular = values[0] <= p * Number.EPSILON * lmax;
  const lmin = singular ? 0 : values[0];
  const den = lmin + lambda;
  return { kappa: den === 0 ? Infinity : (lmax + lambda) / den, singular };
}

/**
 * The condition number of the ridge system, κ(λ) = (λmax + λ)/(λmin + λ),
 * with λmax, λmin the extreme eigenvalues of XᵀX. When XᵀX is singular
 * (collinear columns, or more features than samples) λmin = 0 and
 * κ(λ) = (λmax + λ)/λ, the paper's formula: infinite at λ = 0 and finite for
 * every λ > 0. XᵀX counts as singular when λmin ≤ p·ε·λmax (ε = 2⁻⁵²), the
 * numerical-rank rule, since rounding leaves a "zero" eigenvalue at about
 * ε·λmax rather than exactly 0.
 *
 * @example Two identical columns
 * ```ts
 * import { ridgeConditionNumber } from "./ridgeRegression.ts";
 * const X = [[1, 1], [2, 2], [3, 3]]; // XᵀX = [[14, 14], [14, 14]]: λ = 0 and 28
 * if (ridgeConditionNumber(X, 0) !== Infinity) throw new Error();
 * if (Math.abs(ridgeConditionNumber(X, 1) - 29) > 1e-12) throw new Error();
 * ```
 */
export function ridgeConditionNumber(X: MatrixLike, lambda: number): number {
  const what = "compute the ridge condition number";
  checkLambda(lambda, what);
  const rows = toRows(X, what);
  return kappa(eigh(gramOf(rows, rows[0].length)).values, lambda).kappa;
}

/**
 * Ridge regression: minimize ‖y − Xβ‖² + λ‖β‖² by solving the normal
 * equations (XᵀX + λI)β = Xᵀy with a Cholesky factorization. The Hessian of
 * the objective is the constant 2(XᵀX + λI), whose quadratic form
 * vᵀ(2(XᵀX + λI))v = 2(‖Xv‖² + λ‖v‖²) is positive for every v ≠ 0 once
 * λ > 0. With λ = 0 and collinear columns XᵀX is singular and the solve
 * fails with a clear error (`… is not positive definite …`) instead of
 * returning a meaningless β.
 *
 * `y` may be numbers or 1-element rows (the `mse` spec form). There is no
 * intercept: add a column of ones to X for one.
 *
 * @example The paper's collinear case is rescued by λ > 0
 * ```ts
 * import { ridgeRegression } from "./ridgeRegression.ts";
 * const X = [[1, 2], [2, 4], [3, 6]], y = [1, 2, 3];
 * let msg = "";
 * try { ridgeRegression(X, y, 0); } catch (e) { msg = String(e); }
 * if (!msg.includes("not positive definite")) throw new Error(msg);
 * const r = ridgeRegression(X, y, 0.1);
 * // XᵀX = 14·[[1, 2], [2, 4]] has eigenvalues 0 and 70: κ = (70 + 0.1)/0.1
 * if (Math.abs(r.conditionNumber - 701) > 1e-9 || !r.singular) throw new Error();
 * ```
 */
export function ridgeRegression(
  X: MatrixLike,
  y: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  lambda: number,
): RidgeResult {
  checkLambda(lambda, WHAT);
  const { rows, p, y: yy } = design(X, y);
  const gram = gramOf(rows, p);
  const A = gram.map((r, i) => r.map((g, j) => (i === j ? g + lambda : g)));
  const rhs = new Array<number>(p).fill(0);
  rows.forEach((r, k) => {
    for (let j = 0; j < p; j++) rhs[j] += r[j] * yy[k];
  });
  const { values } = eigh(gram);
  const { kappa: conditionNumber, singular } = kappa(values, lambda);
  let beta: number[];
  try {
    beta = choleskySolve(A, rhs, { what: WHAT });
  } catch (e) {
    const hint = lambda === 0 && singular
      ? " (λ = 0 and XᵀX is singular: the columns of X are collinear; use λ > 0)"
      : "";
    throw new RangeError(
      (e as Error).message.replace("the matrix is", "XᵀX + λI is") + hint,
    );
  }
  return {
    beta,
    lambda,
    gram,
    hessian: A.map((r) => r.map((a) => 2 * a)),
    gramEigenvalues: values,
    singular,
    conditionNumber,
  };
}

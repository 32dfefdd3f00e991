/**
 * The exact diagonal of an operator from n products.
 *
 * @module
 */
import type { MatrixLike } from "../linalg/matrix.ts";
import { countedOperator, type LinearOperator } from "../linalg/operator.ts";
import { numberOption } from "../validate/numberOption.ts";
import { forEachProduct, unitVector } from "./_probes.ts";

/** Options for {@linkcode hessianDiagonal}. */
export interface HessianDiagonalOptions {
  /** Unit vectors per batched product (when the operator has `applyBatch`). Default 32. */
  batch?: number;
}

/** Result of {@linkcode hessianDiagonal}. */
export interface DiagonalResult {
  /** The diagonal entries aᵢᵢ. */
  diagonal: Float64Array;
  /** Operator applications. */
  matvecs: number;
}

const WHAT = "compute the diagonal";

/**
 * The exact diagonal of a (Hessian) operator: aᵢᵢ = eᵢᵀAeᵢ from the n
 * products A·eᵢ with the unit vectors, batched when the operator has
 * `applyBatch`. It costs as much as the full Hessian but keeps only n
 * numbers; {@linkcode hutchinsonDiagonal} is the cheap stochastic version.
 *
 * @example
 * ```ts
 * import { hessianDiagonal } from "./hessianDiagonal.ts";
 * const r = hessianDiagonal([[2, 1], [1, -3]]);
 * if (r.diagonal.join() !== "2,-3" || r.matvecs !== 2) throw new Error();
 * ```
 */
export function hessianDiagonal(
  op: MatrixLike | LinearOperator,
  options: HessianDiagonalOptions = {},
): DiagonalResult {
  const A = countedOperator(op, WHAT);
  const n = A.size;
  const batch = numberOption(options, "batch", { what: WHAT, integer: true, min: 1, default: 32 });
  const diagonal = new Float64Array(n);
  forEachProduct(A, n, (i) => unitVector(n, i), (_, y, i) => (diagonal[i] = y[i]), batch);
  return { diagonal, matvecs: A.count };
}

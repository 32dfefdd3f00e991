/**
 * The damped operator H + εI, matrix-free.
 *
 * @module
 */
import type { MatrixLike } from "../linalg/matrix.ts";
import { asOperator, type LinearOperator } from "../linalg/operator.ts";
import { checkNumber } from "../validate/checkNumber.ts";

/** H + εI as an operator; it keeps a batched product (`applyBatch`) when H has one. */
export interface ShiftedOperator extends LinearOperator {
  /** The shift ε. */
  readonly epsilon: number;
}

/**
 * View H + εI as a {@linkcode LinearOperator}: `apply(v)` is H·v + εv, one
 * product with H. Every eigenvector of H is one of H + εI with eigenvalue
 * λ + ε, so the spectral routines see the whole spectrum shifted by ε. If H
 * is an operator with `applyBatch` (like a Hessian operator), so is the
 * result.
 *
 * @example
 * ```ts
 * import { shiftOperator } from "./shiftOperator.ts";
 * const op = shiftOperator([[2, 0], [0, -2]], 3);
 * const y = op.apply(new Float64Array([1, 1]));
 * if (y.join() !== "5,1") throw new Error(String(y));
 * ```
 */
export function shiftOperator(
  h: MatrixLike | LinearOperator,
  epsilon: number,
): ShiftedOperator {
  const what = "shift the operator";
  checkNumber(epsilon, "epsilon", { what });
  const A = asOperator(h, what);
  const add = (v: Float64Array, y: Float64Array): Float64Array => {
    const out = Float64Array.from(y);
    for (let i = 0; i < out.length; i++) out[i] += epsilon * v[i];
    return out;
  };
  const op: ShiftedOperator = {
    size: A.size,
    epsilon,
    apply: (v) => add(v, A.apply(v)),
  };
  if (typeof A.applyBatch === "function") {
    const batch = A.applyBatch.bind(A);
    op.applyBatch = (vs) => batch(vs).map((y, j) => add(vs[j], y));
  }
  return op;
}

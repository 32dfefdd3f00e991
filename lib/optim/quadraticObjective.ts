/**
 * The quadratic f(x) = ½xᵀHx − bᵀx + c as an {@linkcode Objective}.
 *
 * @module
 */
import { type MatrixLike, symmetrize } from "../linalg/matrix.ts";
import type { Objective } from "./objective.ts";
import { asOperator } from "../linalg/operator.ts";
import { checkVector, dot } from "./_util.ts";
import { numberOption } from "../validate/numberOption.ts";
import { toVector } from "../validate/toVector.ts";

/** Options of {@linkcode quadraticObjective}. */
export interface QuadraticObjectiveOptions {
  /** The linear term b (length n). Default 0. */
  b?: ArrayLike<number>;
  /** The constant c. Default 0. */
  c?: number;
}

/**
 * The quadratic f(x) = ½xᵀHx − bᵀx + c, with ∇f = Hx − b and Hessian H.
 *
 * H is symmetrized, (H + Hᵀ)/2, since only the symmetric part affects f. Its
 * critical point solves Hx = b. Gradient and HVP cost O(n²); `hessian`
 * returns a copy of H (constant).
 *
 * @example The paper's saddle x² − y² is ½xᵀ diag(2, −2) x
 * ```ts
 * import { quadraticObjective } from "./quadraticObjective.ts";
 * const q = quadraticObjective([[2, 0], [0, -2]]);
 * const x = new Float64Array([1, 2]);
 * if (q.f(x) !== 1 - 4) throw new Error("wrong value");
 * if (q.grad(x)[1] !== -4) throw new Error("wrong gradient");
 * ```
 */
export function quadraticObjective(
  H: MatrixLike,
  options: QuadraticObjectiveOptions = {},
): Objective & { readonly size: number } {
  const what = "build a quadratic objective";
  const rows = symmetrize(H);
  const n = rows.length;
  const A = asOperator(rows, what);
  const b = options.b === undefined
    ? new Float64Array(n)
    : toVector(options.b, what, "option b", { length: n });
  const c = numberOption(options, "c", { what, default: 0 });
  const mul = (v: Float64Array, label: string) =>
    A.apply(checkVector(v, n, "evaluate the quadratic", label));
  return {
    size: n,
    f: (x) => 0.5 * dot(x, mul(x, "x")) - dot(b, x) + c,
    grad: (x) => {
      const g = mul(x, "x");
      for (let i = 0; i < n; i++) g[i] -= b[i];
      return g;
    },
    hessian: () => rows.map((r) => r.slice()),
    hvp: (_x, v) => mul(v, "v"),
  };
}

// Private helpers shared by the optimizers (not exported from the barrel).
import { checkFunction } from "../validate/checkFunction.ts";
import { toFlatMatrix } from "../validate/toFlatMatrix.ts";
import { toVector } from "../validate/toVector.ts";
import type { Objective } from "./objective.ts";

/** Euclidean norm. */
export function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** Dot product. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Check the length of a vector an objective returned (a gradient, an HVP),
 * not its values: a divergent run shows up as NaN in `minimize`, not as an
 * error.
 */
export function checkVector(
  v: ArrayLike<number>,
  n: number,
  what: string,
  name: string,
): Float64Array {
  return toVector(v, what, name, { length: n, finite: false, copy: false });
}

/** Validate the objective and x0 together; return x0 as a fresh vector. */
export function startCheck(
  objective: Objective,
  x0: ArrayLike<number>,
  what: string,
): Float64Array {
  if (objective === null || typeof objective !== "object") {
    throw new TypeError(`Cannot ${what}: objective must be an object with f and grad`);
  }
  checkFunction(objective.f, what, "objective.f");
  checkFunction(objective.grad, what, "objective.grad");
  const x = toVector(x0, what, "x0");
  if (objective.size !== undefined && objective.size !== x.length) {
    throw new RangeError(
      `Cannot ${what}: x0 has length ${x.length} but objective.size is ${objective.size}`,
    );
  }
  return x;
}

/**
 * The dense Hessian at x as a row-major n×n Float64Array: from
 * objective.hessian when present, otherwise from n Hessian-vector products.
 */
export function denseHessian(
  objective: Objective,
  x: Float64Array,
  what: string,
): Float64Array {
  const n = x.length;
  const out = new Float64Array(n * n);
  if (typeof objective.hessian === "function") {
    out.set(
      toFlatMatrix(objective.hessian(x), what, { name: "objective.hessian(x)", rows: n, cols: n })
        .data,
    );
  } else if (typeof objective.hvp === "function") {
    const e = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      e[j] = 1;
      const col = toVector(objective.hvp(x, e), what, "objective.hvp(x, v)", { length: n });
      e[j] = 0;
      for (let i = 0; i < n; i++) out[i * n + j] = col[i];
    }
  } else {
    throw new TypeError(`Cannot ${what}: the objective has neither hessian nor hvp`);
  }
  // Symmetrize: a numerical Hessian may carry round-off asymmetry.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (out[i * n + j] + out[j * n + i]);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/** Row-major n×n flat matrix to rows. */
export function toRowsFlat(a: Float64Array, n: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(a.subarray(i * n, (i + 1) * n)));
  return rows;
}

/**
 * The engine behind `grad`, `hvp` and `hessian`: one forward pass that
 * carries k tangent directions, then one backward pass that carries the
 * adjoints and their tangents (forward-over-reverse).
 *
 * @module
 */
import { Tensor } from "./tensor.ts";
import { checkFunction } from "../validate/checkFunction.ts";
import { toVector as checkedVector } from "../validate/toVector.ts";
import { withTrace } from "./trace.ts";

/** A scalar function of a flat parameter vector, written with the autodiff ops. */
export type ScalarFunction = (x: Tensor) => Tensor;

/** What one forward-over-reverse pass returns. */
export interface Differentiated {
  /** f(x). */
  value: number;
  /** ∇f(x). */
  gradient: Float64Array;
  /** k blocks of n: block j is H·tangent_j, the Hessian times direction j. */
  hvps: Float64Array;
}

/**
 * Validate `x` (numbers, or a Tensor's data) as a non-empty vector of finite
 * numbers and copy it: the validation module's `toVector`, plus Tensors.
 *
 * @example
 * ```ts
 * import { toVector } from "./differentiate.ts";
 * let msg = "";
 * try { toVector([1, NaN], "take the gradient", "x"); } catch (e) { msg = String(e); }
 * if (!msg.includes("x[1] is NaN")) throw new Error(msg);
 * ```
 */
export function toVector(x: unknown, what: string, name: string): Float64Array {
  return checkedVector(x instanceof Tensor ? x.data : x, what, name);
}

/**
 * Evaluate f at x with `k` tangent directions (`tangents`, k blocks of n,
 * may be null when k = 0) and run the backward pass.
 *
 * @example The gradient and Hessian of x₀² + 3x₀x₁
 * ```ts
 * import { differentiate } from "./differentiate.ts";
 * import { mul, sum } from "./ops/mod.ts";
 * import { view } from "./ops/view.ts";
 * const f = (x: import("./tensor.ts").Tensor) =>
 *   sum(mul(view(x, 0, [1]), mul(x, [1, 3])));
 * const r = differentiate(f, new Float64Array([1, 2]), 2, new Float64Array([1, 0, 0, 1]), "test");
 * if (r.gradient.join() !== "8,3" || r.hvps.join() !== "2,3,3,0") throw new Error(String(r.hvps));
 * ```
 */
export function differentiate(
  f: ScalarFunction,
  x: Float64Array,
  k: number,
  tangents: Float64Array | null,
  what: string,
): Differentiated {
  checkFunction(f, what, "f");
  const n = x.length;
  return withTrace(k, (trace) => {
    const X = new Tensor(x.slice(), [n]);
    X.trace = trace;
    if (k > 0) X.tangent = tangents ?? new Float64Array(k * n);
    const y = f(X);
    if (!(y instanceof Tensor)) {
      throw new TypeError(
        `Cannot ${what}: f must return a scalar Tensor built with the autodiff ops, got ${
          y === null ? "null" : typeof y
        }`,
      );
    }
    if (y.size !== 1) {
      throw new RangeError(
        `Cannot ${what}: f must return a scalar Tensor, got shape [${y.shape.join(", ")}]`,
      );
    }
    const value = y.data[0];
    if (y.trace !== trace) {
      // f does not depend on x: zero gradient and Hessian
      return { value, gradient: new Float64Array(n), hvps: new Float64Array(k * n) };
    }
    y.grad = new Float64Array([1]);
    if (k > 0) y.gradTangent = new Float64Array(k);
    const tape = trace.tape;
    for (let i = tape.length - 1; i >= 0; i--) {
      const t = tape[i];
      if (t.grad !== null && t.backward !== null) t.backward();
    }
    return {
      value,
      gradient: X.grad ?? new Float64Array(n),
      hvps: X.gradTangent ?? new Float64Array(k * n),
    };
  });
}

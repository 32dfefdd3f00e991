/**
 * The engine behind `grad`, `hvp`, `hessian` and `hessianOperator`: one
 * forward pass that carries k tangent directions, then one backward pass
 * that carries the adjoints and their tangents (forward-over-reverse); or,
 * for many products at one point, one recorded pass whose tangent parts are
 * replayed per product (`linearize`).
 *
 * @module
 */
import { Tensor } from "./tensor.ts";
import { checkFunction } from "../validate/checkFunction.ts";
import { toVector as checkedVector } from "../validate/toVector.ts";
import { reenter, type Trace, withTrace } from "./trace.ts";

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

/** Options for {@linkcode differentiate}. */
export interface DifferentiateOptions {
  /**
   * Whether to compute the gradient. Default true. Without it the
   * first-order adjoints of the input and its views are skipped (the
   * Hessian-vector products do not need them) and `gradient` is all zeros.
   */
  gradient?: boolean;
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
  options: DifferentiateOptions = {},
): Differentiated {
  checkFunction(f, what, "f");
  const n = x.length;
  return withTrace(k, (trace) => {
    const X = input(x, trace);
    if (k > 0) X.tangent = tangents ?? new Float64Array(k * n);
    const y = evaluate(f, X, what);
    if (y.trace !== trace) {
      // f does not depend on x: zero gradient and Hessian
      return { value: y.data[0], gradient: new Float64Array(n), hvps: new Float64Array(k * n) };
    }
    y.grad = new Float64Array([1]);
    if (k > 0) y.gradTangent = new Float64Array(k);
    const tape = trace.tape;
    for (let i = tape.length - 1; i >= 0; i--) {
      const t = tape[i], rules = t.rules!;
      if (t.grad !== null) rules.backward();
      if (k > 0 && t.gradTangent !== null && rules.backwardTangent) rules.backwardTangent(k);
    }
    return {
      value: y.data[0],
      gradient: X.grad ?? new Float64Array(n),
      hvps: X.gradTangent ?? new Float64Array(k * n),
    };
  }, { gradient: options.gradient ?? true });
}

/** f at one point, ready for many Hessian-vector products; see {@linkcode linearize}. */
export interface Linearization {
  /** f(x). */
  readonly value: number;
  /** ∇f(x). */
  readonly gradient: Float64Array;
  /** The largest number of entries of any tensor of the recorded pass, the input included. */
  readonly width: number;
  /**
   * H·tangent_j for k directions (`tangents`, k blocks of n): k blocks of n.
   * `tangents` is read, not kept or modified.
   */
  hvps(tangents: Float64Array, k: number): Float64Array;
}

/**
 * Record f at x once, with the first-order backward pass, and return a
 * {@linkcode Linearization} whose `hvps` replays only the tangent parts of
 * the tape: the forward tangents and the adjoint tangents. The values, the
 * adjoints and what the ops derived from them (f′ and f″ of every
 * activation, softmax probabilities, BatchNorm statistics) are computed once
 * and reused by every product, which is what makes Lanczos and Hutchinson
 * on a fixed point cheaper than independent `hvp` calls. The result is the
 * same as `differentiate`'s: the replayed rules are the same code.
 *
 * @example
 * ```ts
 * import { linearize } from "./differentiate.ts";
 * import { mul, sum } from "./ops/mod.ts";
 * const lin = linearize((x) => sum(mul(mul(x, x), x)), new Float64Array([1, 2]), "test");
 * // f = Σ xᵢ³: ∇f = 3x², H = diag(6x)
 * if (lin.gradient.join() !== "3,12") throw new Error();
 * if (lin.hvps(new Float64Array([1, 1, 0, 2]), 2).join() !== "6,12,0,24") throw new Error();
 * ```
 */
export function linearize(f: ScalarFunction, x: Float64Array, what: string): Linearization {
  checkFunction(f, what, "f");
  const n = x.length;
  let X!: Tensor, y!: Tensor, trace!: Trace;
  withTrace(0, (tr) => {
    trace = tr;
    X = input(x, tr);
    y = evaluate(f, X, what);
    if (y.trace !== tr) return;
    y.grad = new Float64Array([1]);
    const tape = tr.tape;
    for (let i = tape.length - 1; i >= 0; i--) {
      const t = tape[i];
      if (t.grad !== null) t.rules!.backward();
    }
  }, { secondOrder: true });
  const constant = y.trace !== trace;
  let width = n;
  for (const t of trace.tape) width = Math.max(width, t.size);
  return {
    value: y.data[0],
    gradient: X.grad ?? new Float64Array(n),
    width,
    hvps(tangents: Float64Array, k: number): Float64Array {
      if (constant || k === 0) return new Float64Array(k * n);
      return reenter(trace, () => {
        trace.k = k;
        trace.startRecycling();
        const tape = trace.tape;
        X.tangent = tangents;
        X.gradTangent = null;
        for (let i = 0; i < tape.length; i++) {
          const t = tape[i];
          t.tangent = null;
          t.gradTangent = null;
          t.rules!.tangent?.(k);
        }
        y.gradTangent = new Float64Array(k);
        for (let i = tape.length - 1; i >= 0; i--) {
          const t = tape[i], rules = t.rules!;
          if (t.gradTangent !== null && rules.backwardTangent) rules.backwardTangent(k);
        }
        const out = X.gradTangent ?? new Float64Array(k * n);
        // the next product reuses this one's buffers (all but the result)
        X.tangent = null;
        X.gradTangent = null;
        for (let i = 0; i < tape.length; i++) tape[i].tangent = tape[i].gradTangent = null;
        trace.recycle(out);
        return out;
      });
    },
  };
}

/** The input tensor of a differentiation: a copy of x, a leaf of `trace`. */
function input(x: Float64Array, trace: Trace): Tensor {
  const X = new Tensor(x.slice(), [x.length]);
  X.trace = trace;
  X.leaf = true;
  return X;
}

/** f(X), checked to be a scalar Tensor. */
function evaluate(f: ScalarFunction, X: Tensor, what: string): Tensor {
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
  return y;
}

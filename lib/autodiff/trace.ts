/**
 * The recording context of one differentiation: which tensors depend on the
 * input, the order they were made in (the tape), and how many tangent
 * directions ride along in forward mode.
 *
 * Internal to `lib/autodiff`; users go through `grad`, `hvp` and `hessian`.
 *
 * @module
 */
import type { Tensor } from "./tensor.ts";

/** One differentiation in progress. */
export class Trace {
  /** Number of tangent directions propagated forward (0 for a plain gradient). */
  readonly k: number;
  /** Every tracked tensor in creation order; the backward pass walks it in reverse. */
  readonly tape: Tensor[] = [];
  /** False once the differentiation that owns this trace has returned. */
  active = true;

  /** Start a trace with `k` tangent directions. */
  constructor(k: number) {
    this.k = k;
  }
}

const stack: Trace[] = [];

/** The innermost active trace, or null outside any differentiation. */
export function currentTrace(): Trace | null {
  return stack.length === 0 ? null : stack[stack.length - 1];
}

/**
 * Run `fn` inside a fresh trace with `k` tangent directions. The trace is
 * closed afterwards even if `fn` throws.
 *
 * @example
 * ```ts
 * import { currentTrace, withTrace } from "./trace.ts";
 * const k = withTrace(3, (t) => t.k);
 * if (k !== 3 || currentTrace() !== null) throw new Error();
 * ```
 */
export function withTrace<T>(k: number, fn: (trace: Trace) => T): T {
  const trace = new Trace(k);
  stack.push(trace);
  try {
    return fn(trace);
  } finally {
    trace.active = false;
    stack.pop();
  }
}

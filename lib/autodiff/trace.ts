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

/** What a differentiation computes; see {@linkcode withTrace}. */
export interface TraceOptions {
  /**
   * Whether second-order rules will run (now, or later on a replay of the
   * tape), so ops keep what they need for them, e.g. f″. Default: k > 0.
   */
  secondOrder?: boolean;
  /**
   * Whether the input's adjoint (the gradient) is wanted. When false, ops
   * skip the first-order adjoints of the input and its views (e.g. W̄ = hᵀz̄
   * of a weight matrix), which a Hessian-vector product does not need.
   * Default true.
   */
  gradient?: boolean;
}

/** One differentiation in progress. */
export class Trace {
  /**
   * Number of tangent directions propagated forward (0 for a plain
   * gradient). A replay of the tape may change it.
   */
  k: number;
  /** Whether second-order rules will run, now or on a replay. */
  readonly secondOrder: boolean;
  /** Whether the input's first-order adjoint (the gradient) is wanted. */
  readonly gradient: boolean;
  /** Every tracked tensor in creation order; the backward pass walks it in reverse. */
  readonly tape: Tensor[] = [];
  /** False once the differentiation that owns this trace has returned. */
  active = true;
  /**
   * Recycled tangent-sized buffers by length, when replays reuse them (see
   * {@linkcode Trace.take}); null for a one-pass differentiation.
   */
  #pool: Map<number, Float64Array[]> | null = null;
  /** Buffers handed out by `take` since the last `recycle`. */
  #taken: Float64Array[] = [];

  /**
   * A zeroed buffer of `length` entries for one pass's tangents or adjoint
   * tangents. With recycling on, it comes from the buffers of the previous
   * replay: replaying a tape allocates nothing after the first product.
   */
  take(length: number, zeroed = true): Float64Array {
    const pool = this.#pool;
    if (pool === null) return new Float64Array(length);
    const b = pool.get(length)?.pop();
    const buf = b === undefined ? new Float64Array(length) : zeroed ? b.fill(0) : b;
    this.#taken.push(buf);
    return buf;
  }

  /** Turn recycling of `take`'s buffers on (for a tape that will be replayed). */
  startRecycling(): void {
    this.#pool ??= new Map();
  }

  /** Return every buffer taken since the last call to the pool, except `keep`. */
  recycle(keep: Float64Array | null): void {
    const pool = this.#pool;
    if (pool === null) return;
    for (const b of this.#taken) {
      if (b === keep) continue;
      const list = pool.get(b.length);
      if (list) list.push(b);
      else pool.set(b.length, [b]);
    }
    this.#taken = [];
  }

  /** Start a trace with `k` tangent directions. */
  constructor(k: number, options: TraceOptions = {}) {
    this.k = k;
    this.secondOrder = options.secondOrder ?? k > 0;
    this.gradient = options.gradient ?? true;
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
export function withTrace<T>(k: number, fn: (trace: Trace) => T, options?: TraceOptions): T {
  return reenter(new Trace(k, options), fn);
}

/**
 * Run `fn` inside an existing trace again (a replay of its tape), making it
 * current and active for the duration.
 *
 * @example
 * ```ts
 * import { currentTrace, reenter, Trace } from "./trace.ts";
 * const t = new Trace(0);
 * if (reenter(t, () => currentTrace()) !== t || t.active) throw new Error();
 * ```
 */
export function reenter<T>(trace: Trace, fn: (trace: Trace) => T): T {
  trace.active = true;
  stack.push(trace);
  try {
    return fn(trace);
  } finally {
    trace.active = false;
    stack.pop();
  }
}

/**
 * The float64 tensor that the autodiff ops work on, and the bookkeeping that
 * lets an op record itself for the backward pass.
 *
 * @module
 */
import { currentTrace, type Trace } from "./trace.ts";
import { showShape, sizeOf } from "./shape.ts";

/**
 * A row-major float64 array with a shape. Tensors are immutable values: ops
 * never write into their inputs' `data`.
 *
 * Inside `grad`, `hvp` or `hessian`, tensors that depend on the input also
 * carry forward-mode tangents and, after the backward pass, adjoints; those
 * fields are the machinery of the ops and are documented for op writers.
 *
 * @example
 * ```ts
 * import { Tensor } from "./tensor.ts";
 * const t = new Tensor(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * if (t.size !== 6 || t.get(1, 2) !== 6) throw new Error();
 * ```
 */
export class Tensor {
  /** The shape, e.g. `[128, 96]`; `[]` for a scalar. */
  readonly shape: readonly number[];
  /** The number of entries. */
  readonly size: number;
  /** The values, row-major. */
  readonly data: Float64Array;
  /**
   * Forward-mode tangents: `k` blocks of `size` values, block j being the
   * directional derivative of this tensor along input direction j. Null when
   * the tangent is zero (constants) or no tangents are being propagated.
   */
  tangent: Float64Array | null = null;
  /** The adjoint ∂loss/∂this, filled by the backward pass; null if none reached it. */
  grad: Float64Array | null = null;
  /** The tangents of the adjoint (`k` blocks), the second-order part of the backward pass. */
  gradTangent: Float64Array | null = null;
  /** The trace that records this tensor, or null for a constant. */
  trace: Trace | null = null;
  /** The rules of the op that made this tensor (null for constants and the input). */
  rules: OpRules | null = null;
  /**
   * True for the differentiation's input and views of it: tensors whose
   * adjoint only flows into the gradient, so ops may skip it when the
   * gradient is not wanted (see `TraceOptions.gradient`).
   */
  leaf = false;

  /** Wrap `data` (not copied) with `shape`; their sizes must agree. */
  constructor(data: Float64Array, shape: readonly number[]) {
    const size = sizeOf(shape);
    if (!shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new RangeError(`Cannot create tensor: bad shape ${showShape(shape)}`);
    }
    if (data.length !== size) {
      throw new RangeError(
        `Cannot create tensor: ${data.length} values do not fill shape ${showShape(shape)}`,
      );
    }
    this.shape = Object.freeze(shape.slice());
    this.size = size;
    this.data = data;
  }

  /** The single value of a one-entry tensor (a scalar). */
  get value(): number {
    if (this.size !== 1) {
      throw new RangeError(
        `Cannot read value: tensor has shape ${showShape(this.shape)}, not a scalar`,
      );
    }
    return this.data[0];
  }

  /** The entry at the given indices (one per axis). */
  get(...index: number[]): number {
    if (index.length !== this.shape.length) {
      throw new RangeError(
        `Cannot index tensor: ${index.length} indices for shape ${showShape(this.shape)}`,
      );
    }
    let at = 0;
    for (let i = 0; i < index.length; i++) {
      const j = index[i];
      if (!Number.isInteger(j) || j < 0 || j >= this.shape[i]) {
        throw new RangeError(`Cannot index tensor: index ${j} out of range on axis ${i}`);
      }
      at = at * this.shape[i] + j;
    }
    return this.data[at];
  }

  /** The values as nested arrays (a number for a scalar). */
  toArray(): number | NestedArray {
    if (this.shape.length === 0) return this.data[0];
    const build = (axis: number, offset: number): NestedArray => {
      const d = this.shape[axis];
      if (axis === this.shape.length - 1) return Array.from(this.data.subarray(offset, offset + d));
      const stride = sizeOf(this.shape.slice(axis + 1));
      return Array.from({ length: d }, (_, i) => build(axis + 1, offset + i * stride));
    };
    return build(0, 0);
  }

  /** A short description: shape and the first values. */
  toString(): string {
    const head = Array.from(this.data.subarray(0, 6)).map((x) => +x.toPrecision(6));
    return `Tensor${showShape(this.shape)} [${head.join(", ")}${this.size > 6 ? ", …" : ""}]`;
  }

  /** Rich display in Jupyter notebooks: an HTML table for small 1-D and 2-D tensors. */
  [Symbol.for("Jupyter.display")](): Record<string, string> {
    const plain = this.toString();
    if (this.shape.length > 2 || this.size > 400) return { "text/plain": plain };
    const rows = this.shape.length === 2 ? this.shape[0] : 1;
    const cols = this.shape.length === 0 ? 1 : this.shape[this.shape.length - 1];
    let html = `<table><caption>Tensor${showShape(this.shape)}</caption>`;
    for (let i = 0; i < rows; i++) {
      html += "<tr>";
      for (let j = 0; j < cols; j++) html += `<td>${+this.data[i * cols + j].toPrecision(6)}</td>`;
      html += "</tr>";
    }
    return { "text/html": html + "</table>", "text/plain": plain };
  }
}

/** Nested arrays of numbers, as returned by {@linkcode Tensor.toArray}. */
export type NestedArray = number[] | NestedArray[];

/** Anything an op accepts as a tensor: a Tensor, a number, or (nested) arrays of numbers. */
export type TensorLike = Tensor | number | ArrayLike<number> | ArrayLike<ArrayLike<number>>;

/**
 * Make a constant tensor from a number, an array, a typed array or rows.
 * The values are copied; `shape` reshapes flat input.
 *
 * @example
 * ```ts
 * import { tensor } from "./tensor.ts";
 * const a = tensor([[1, 2], [3, 4]]);
 * const b = tensor([1, 2, 3, 4], [2, 2]);
 * if (a.get(1, 0) !== 3 || b.get(1, 0) !== 3) throw new Error();
 * ```
 */
export function tensor(values: TensorLike, shape?: readonly number[]): Tensor {
  if (values instanceof Tensor) {
    if (shape === undefined) return values;
    return new Tensor(values.data.slice(), shape);
  }
  let data: Float64Array;
  let inferred: number[];
  if (typeof values === "number") {
    data = new Float64Array([values]);
    inferred = [];
  } else if (
    values.length > 0 && typeof values[0] === "object" && values[0] !== null
  ) {
    const rows = values as ArrayLike<ArrayLike<number>>;
    const cols = rows[0].length;
    data = new Float64Array(rows.length * cols);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (r === null || typeof r !== "object" || r.length !== cols) {
        throw new RangeError(
          `Cannot create tensor: row ${i} has ${r?.length} entries, row 0 has ${cols}`,
        );
      }
      for (let j = 0; j < cols; j++) data[i * cols + j] = numberAt(r[j], `[${i}][${j}]`);
    }
    inferred = [rows.length, cols];
  } else {
    const flat = values as ArrayLike<number>;
    data = new Float64Array(flat.length);
    for (let i = 0; i < flat.length; i++) data[i] = numberAt(flat[i], `[${i}]`);
    inferred = [data.length];
  }
  return new Tensor(data, shape ?? inferred);
}

function numberAt(x: unknown, where: string): number {
  if (typeof x !== "number") {
    throw new TypeError(`Cannot create tensor: entry ${where} is ${typeof x}, not a number`);
  }
  return x;
}

/**
 * Whether `t` takes part in the current differentiation. A tensor recorded by
 * an enclosing, still-running differentiation is an error: nested
 * differentiation is not supported (use `hvp` or `hessian` for second order).
 */
export function isTracked(t: Tensor): boolean {
  const tr = t.trace;
  if (tr === null) return false;
  if (tr === currentTrace()) return true;
  if (tr.active) {
    throw new Error(
      "Cannot differentiate: a tensor from an enclosing grad/hvp/hessian is used inside a nested " +
        "one; nested differentiation is not supported (use hvp or hessian for second order)",
    );
  }
  return false;
}

/**
 * The derivative rules of one recorded op, as closures over its inputs and
 * output. Each reads tangents and adjoints when it runs, not when it is
 * recorded, so the tape can be replayed with new tangent directions: the
 * forward values, the first-order adjoints and whatever the rules derived
 * from them stay, and only `tangent` and `backwardTangent` run again.
 */
export interface OpRules {
  /**
   * Forward mode: set the output's `tangent` (k blocks) from the inputs'
   * tangents, or leave it null when they are all zero (null). Runs when the
   * op is recorded with k > 0, and on every replay.
   */
  tangent?: (k: number) => void;
  /** First order: add the output's adjoint `grad` into the inputs' adjoints. */
  backward: () => void;
  /**
   * Second order: add the output's adjoint tangent `gradTangent` (and the
   * terms of ȳ with the inputs' tangents) into the inputs' adjoint tangents.
   * Runs after `backward`, and again on every replay.
   */
  backwardTangent?: (k: number) => void;
}

/**
 * Record `out` on the current trace with its op's rules; when tangents are
 * being propagated, `rules.tangent` runs now.
 */
export function record(out: Tensor, rules: OpRules): Tensor {
  const tr = currentTrace();
  if (tr === null) throw new Error("Cannot record op: no differentiation is running");
  out.trace = tr;
  out.rules = rules;
  tr.tape.push(out);
  if (tr.k > 0 && rules.tangent) rules.tangent(tr.k);
  return out;
}

/**
 * Whether second-order rules will run in the current differentiation (now,
 * or on a replay), so an op must keep what they need.
 */
export function secondOrder(): boolean {
  return currentTrace()?.secondOrder ?? false;
}

/**
 * Whether the first-order rule must produce the adjoint of `t`: it is
 * tracked, and it is not the input (or a view of it) of a differentiation
 * that does not want the gradient.
 */
export function wantsGrad(t: Tensor): boolean {
  const tr = t.trace;
  return tr !== null && (tr.gradient || !t.leaf);
}

/** The adjoint buffer of `t`, allocated (zero) on first use. */
export function gradOf(t: Tensor): Float64Array {
  return t.grad ??= new Float64Array(t.size);
}

/** The adjoint-tangent buffer of `t` (k blocks), allocated (zero) on first use. */
export function gradTangentOf(t: Tensor, k: number): Float64Array {
  return t.gradTangent ??= scratch(k * t.size);
}

/**
 * A zeroed buffer for tangents or adjoint tangents of the current pass
 * (`zeroed` false: contents undefined, for a buffer the caller overwrites).
 * Replays of a tape recycle these; see `Trace.take`.
 */
export function scratch(length: number, zeroed = true): Float64Array {
  const tr = currentTrace();
  return tr === null ? new Float64Array(length) : tr.take(length, zeroed);
}

/**
 * Add `g` into the adjoint of `t`. When `t` has no adjoint yet, it takes
 * `g` itself instead of a zeroed copy: safe because an op's backward runs
 * after every consumer of its output has finished, so nobody reads the
 * output's adjoint again. Only one input of an op may take the same buffer.
 */
export function passGrad(t: Tensor, g: Float64Array): boolean {
  if (t.grad === null) {
    t.grad = g;
    return true;
  }
  const tg = t.grad;
  for (let i = 0; i < g.length; i++) tg[i] += g[i];
  return false;
}

/** Like {@linkcode passGrad}, for the adjoint tangents. */
export function passGradTangent(t: Tensor, gt: Float64Array): boolean {
  if (t.gradTangent === null) {
    t.gradTangent = gt;
    return true;
  }
  const tg = t.gradTangent;
  for (let i = 0; i < gt.length; i++) tg[i] += gt[i];
  return false;
}

/** Coerce an op argument to a Tensor (numbers and arrays become constants). */
export function asTensor(x: TensorLike, what: string): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === "number" || (typeof x === "object" && x !== null)) return tensor(x);
  throw new TypeError(`Cannot ${what}: expected a Tensor, a number or an array, got ${typeof x}`);
}

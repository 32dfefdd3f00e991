// Private: operator preparation shared by the spectral routines — accept a
// dense matrix or an operator, count applications, and check every product.
import type { MatrixLike } from "../linalg/matrix.ts";
import { asOperator, type LinearOperator } from "../linalg/operator.ts";

/** An operator wrapped with a product counter and output checks. */
export interface CountedOperator {
  /** The dimension n. */
  readonly n: number;
  /** How many operator applications (matrix-vector products) so far. */
  readonly count: number;
  /** A·v, checked for length and finiteness. The result may be modified. */
  apply(v: Float64Array): Float64Array;
  /** A·vs[j] for every j, batched when the operator has `applyBatch`. */
  applyMany(vs: readonly Float64Array[]): Float64Array[];
}

/** Something with the optional batched product of a Hessian operator. */
interface Batched extends LinearOperator {
  applyBatch?: (vs: readonly Float64Array[]) => Float64Array[];
}

/** Validate and wrap `op`; `what` names the action in errors (`Cannot <what>: …`). */
export function prepare(op: MatrixLike | LinearOperator, what: string): CountedOperator {
  let A: Batched;
  try {
    A = asOperator(op) as Batched;
  } catch (e) {
    throw new (e instanceof TypeError ? TypeError : RangeError)(
      `Cannot ${what}: ${(e as Error).message.replace(/^Cannot [^:]*: /, "")}`,
    );
  }
  const n = A.size;
  let count = 0;
  const checkOut = (y: Float64Array | ArrayLike<number>): Float64Array => {
    if (y === null || typeof y !== "object" || y.length !== n) {
      throw new RangeError(
        `Cannot ${what}: the operator returned a vector of length ${
          (y as ArrayLike<number>)?.length
        }, expected ${n}`,
      );
    }
    const out = y instanceof Float64Array ? y.slice() : Float64Array.from(y);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(out[i])) {
        throw new RangeError(`Cannot ${what}: the operator returned ${out[i]} at index ${i}`);
      }
    }
    return out;
  };
  return {
    n,
    get count() {
      return count;
    },
    apply(v) {
      count++;
      return checkOut(A.apply(v)); // operators must not modify v (LinearOperator contract)
    },
    applyMany(vs) {
      if (vs.length === 0) return [];
      count += vs.length;
      if (typeof A.applyBatch === "function") {
        return A.applyBatch(vs).map(checkOut);
      }
      return vs.map((v) => checkOut(A.apply(v)));
    },
  };
}

/** Check an integer option: `name` must be an integer in [min, max]. */
export function intOption(
  value: number | undefined,
  fallback: number,
  name: string,
  what: string,
  min: number,
  max = Infinity,
): number {
  const v = value ?? fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    const range = max === Infinity ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
    throw new RangeError(`Cannot ${what}: ${name} must be ${range}, got ${v}`);
  }
  return v;
}

/** Check a numeric option: `name` must be finite and satisfy `ok`. */
export function numberOption(
  value: number | undefined,
  fallback: number,
  name: string,
  what: string,
  ok: (x: number) => boolean,
  expected: string,
): number {
  const v = value ?? fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || !ok(v)) {
    throw new RangeError(`Cannot ${what}: ${name} must be ${expected}, got ${v}`);
  }
  return v;
}

/** Check a seed option. */
export function seedOption(value: number | undefined, what: string): number {
  const v = value ?? 0;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new RangeError(`Cannot ${what}: seed must be a finite number, got ${v}`);
  }
  return v;
}

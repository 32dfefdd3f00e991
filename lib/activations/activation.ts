/**
 * The shape every activation function shares: its value f, its first and
 * second derivatives f′ and f″, each as a scalar function and vectorized over
 * arrays. The automatic-differentiation ops in `lib/autodiff` call
 * {@linkcode Activation.evaluate}, so the math lives in one place.
 *
 * @module
 */

/** An activation function with its first two derivatives. */
export interface Activation {
  /** The activation's name, e.g. `"tanh"`. */
  readonly name: string;
  /** f(x). */
  f(x: number): number;
  /** f′(x). */
  df(x: number): number;
  /** f″(x). */
  d2f(x: number): number;
  /** f applied to every entry; writes into `out` when given. */
  fVec(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** f′ applied to every entry; writes into `out` when given. */
  dfVec(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** f″ applied to every entry; writes into `out` when given. */
  d2fVec(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  /**
   * Fill f, f′ and f″ at the first `x.length` entries in one pass, sharing
   * the expensive transcendental between them. Pass `null` for an output you
   * do not need. The values equal those of the scalar functions exactly.
   */
  evaluate(
    x: ArrayLike<number>,
    f: Float64Array | null,
    df: Float64Array | null,
    d2f: Float64Array | null,
  ): void;
}

/** The pieces needed to define an {@linkcode Activation}. */
export interface ActivationDefinition {
  /** The activation's name. */
  name: string;
  /** f(x). */
  f(x: number): number;
  /** f′(x). */
  df(x: number): number;
  /** f″(x). */
  d2f(x: number): number;
  /** The one-pass evaluation; must agree exactly with f, df and d2f. */
  evaluate: Activation["evaluate"];
}

/**
 * Build an {@linkcode Activation} from its scalar functions and one-pass
 * evaluator, deriving the vectorized forms.
 *
 * @example A cube activation
 * ```ts
 * import { defineActivation } from "./activation.ts";
 * const cube = defineActivation({
 *   name: "cube",
 *   f: (x) => x * x * x,
 *   df: (x) => 3 * x * x,
 *   d2f: (x) => 6 * x,
 *   evaluate(x, f, df, d2f) {
 *     for (let i = 0; i < x.length; i++) {
 *       const v = x[i];
 *       if (f) f[i] = v * v * v;
 *       if (df) df[i] = 3 * v * v;
 *       if (d2f) d2f[i] = 6 * v;
 *     }
 *   },
 * });
 * if (cube.dfVec([1, 2])[1] !== 12) throw new Error("wrong derivative");
 * ```
 */
export function defineActivation(def: ActivationDefinition): Activation {
  const vec = (which: 0 | 1 | 2) => (x: ArrayLike<number>, out?: Float64Array): Float64Array => {
    const o = out ?? new Float64Array(x.length);
    if (o.length < x.length) {
      throw new RangeError(
        `Cannot apply ${def.name}: out has length ${o.length}, input has ${x.length}`,
      );
    }
    def.evaluate(x, which === 0 ? o : null, which === 1 ? o : null, which === 2 ? o : null);
    return o;
  };
  return Object.freeze({
    name: def.name,
    f: def.f,
    df: def.df,
    d2f: def.d2f,
    fVec: vec(0),
    dfVec: vec(1),
    d2fVec: vec(2),
    evaluate: def.evaluate,
  });
}

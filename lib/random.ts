/**
 * Seeded pseudo-random numbers. Every stochastic routine in this library takes
 * a seed and draws from an {@linkcode Rng}, so two runs give the same output.
 *
 * The generator is xoshiro128** (Blackman and Vigna), seeded through
 * splitmix32. Doubles use 53 random bits.
 *
 * @module
 */
import { checkNumber } from "./validate/checkNumber.ts";

/** A seeded random number generator with the draws the library needs. */
export class Rng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spare: number | undefined;

  /**
   * Create a generator from an integer seed.
   *
   * @example Same seed, same numbers
   * ```ts
   * import { Rng } from "./random.ts";
   * const a = new Rng(42), b = new Rng(42);
   * if (a.uniform() !== b.uniform()) throw new Error("not deterministic");
   * ```
   */
  constructor(seed: number) {
    checkNumber(seed, "seed", { what: "create Rng" });
    let x = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#s0 = next();
    this.#s1 = next();
    this.#s2 = next();
    this.#s3 = next();
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s0 = 1;
  }

  /**
   * The next raw 32-bit unsigned integer.
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * const u = new Rng(1).nextUint32();
   * if (u < 0 || u >= 2 ** 32 || !Number.isInteger(u)) throw new Error("bad");
   * ```
   */
  nextUint32(): number {
    const s0 = this.#s0, s1 = this.#s1, s2 = this.#s2, s3 = this.#s3;
    const r = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    let n2 = (s2 ^ s0) >>> 0;
    let n3 = (s3 ^ s1) >>> 0;
    const n1 = (s1 ^ n2) >>> 0;
    const n0 = (s0 ^ n3) >>> 0;
    n2 = (n2 ^ t) >>> 0;
    n3 = rotl(n3, 11);
    this.#s0 = n0;
    this.#s1 = n1;
    this.#s2 = n2;
    this.#s3 = n3;
    return r;
  }

  /**
   * A uniform double in [0, 1) with 53 random bits.
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * const u = new Rng(7).uniform();
   * if (!(u >= 0 && u < 1)) throw new Error("out of range");
   * ```
   */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /**
   * A standard normal draw (mean 0, variance 1), by the Marsaglia polar method.
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * const r = new Rng(3);
   * let s = 0;
   * for (let i = 0; i < 10000; i++) s += r.normal();
   * if (Math.abs(s / 10000) > 0.05) throw new Error("mean is off");
   * ```
   */
  normal(): number {
    if (this.#spare !== undefined) {
      const s = this.#spare;
      this.#spare = undefined;
      return s;
    }
    let u: number, v: number, q: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const f = Math.sqrt((-2 * Math.log(q)) / q);
    this.#spare = v * f;
    return u * f;
  }

  /**
   * A Rademacher draw: -1 or +1 with equal probability.
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * const z = new Rng(5).rademacher();
   * if (z !== 1 && z !== -1) throw new Error("not a sign");
   * ```
   */
  rademacher(): number {
    return (this.nextUint32() & 1) === 0 ? -1 : 1;
  }

  /**
   * A uniform integer in [0, n).
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * const k = new Rng(9).int(6);
   * if (!(k >= 0 && k < 6 && Number.isInteger(k))) throw new Error("bad die");
   * ```
   */
  int(n: number): number {
    checkNumber(n, "n", { what: "draw an integer", integer: true, min: 1 });
    return Math.floor(this.uniform() * n);
  }

  /**
   * A vector of independent standard normal draws.
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * const v = new Rng(1).normalVector(4);
   * if (v.length !== 4) throw new Error("wrong length");
   * ```
   */
  normalVector(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal();
    return out;
  }

  /**
   * A vector of independent Rademacher (±1) draws.
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * const v = new Rng(1).rademacherVector(8);
   * if (!v.every((x) => x === 1 || x === -1)) throw new Error("not signs");
   * ```
   */
  rademacherVector(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.rademacher();
    return out;
  }

  /**
   * A uniformly random permutation of 0..n-1 (Fisher–Yates).
   *
   * @example
   * ```ts
   * import { Rng } from "./random.ts";
   * const p = new Rng(2).permutation(5);
   * if ([...p].sort().join() !== "0,1,2,3,4") throw new Error("not a permutation");
   * ```
   */
  permutation(n: number): number[] {
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * The timings the book shows, as recorded by `deno task bench:record` in
 * `bench/results/costs.json`.
 *
 * The book never times anything while it builds: two builds must be
 * byte-identical, and one claim must read the same number in every chapter.
 * So the cost exponents and step costs (Table 1 in chapter 6, the cost of the
 * Hessian and of Lanczos in chapter 7, and their claims in chapter 9) come
 * from one recorded benchmark run, with the machine and the date it ran on.
 *
 * Every timed quantity is a {@linkcode TimedSeries}: sizes n, seconds per
 * call, and a power law t ≈ c·nᵖ fitted only on the sizes n ≥ `fit.from`,
 * where fixed per-call costs no longer dominate. Below `fit.from` the slope
 * on log–log axes measures overheads, not the algorithm: it is not an
 * exponent, and the chapters say so.
 *
 * @module
 */
import { fitPowerLaw } from "../lib/stats/fitPowerLaw.ts";

/** Where the recorded timings live, relative to the repository root. */
export const COSTS_FILE = "bench/results/costs.json";

/** The version of the file's layout that this module reads. */
export const COSTS_SCHEMA = 1;

/** A power law t ≈ prefactor · n^exponent fitted on the sizes from `from` to `to`. */
export interface SeriesFit {
  /** The smallest size in the fit. */
  from: number;
  /** The largest size in the fit. */
  to: number;
  /** How many sizes the fit uses. */
  points: number;
  /** The fitted exponent p. */
  exponent: number;
  /** The fitted prefactor c, in seconds. */
  prefactor: number;
  /** R² of the fit on log–log axes. */
  r2: number;
}

/** One timed quantity against the size n. */
export interface TimedSeries {
  /** The sizes n, increasing. */
  sizes: number[];
  /** Seconds per call (or per step) at each size. */
  seconds: number[];
  /** The power law fitted on the sizes n ≥ `fit.from`. */
  fit: SeriesFit;
}

/** The machine a recording ran on. */
export interface Machine {
  /** CPU model, e.g. "AMD EPYC". */
  cpu: string;
  /** Logical cores. */
  cores: number;
  /** Memory, GiB. */
  memoryGiB: number;
  /** Operating system and architecture, e.g. "linux x86_64". */
  os: string;
  /** Deno version. */
  deno: string;
  /** V8 version. */
  v8: string;
  /** The 1-minute load average when the recording started and when it ended. */
  load: [number, number];
}

/** The content of `bench/results/costs.json`. */
export interface RecordedCosts {
  /** Layout version ({@linkcode COSTS_SCHEMA}). */
  schema: number;
  /** When the recording ended (ISO 8601, UTC). */
  recorded: string;
  /** The command that wrote the file. */
  command: string;
  /** Seconds the recording took. */
  seconds: number;
  /** Where it ran. */
  machine: Machine;
  /** Table 1: seconds per optimizer step against the dimension n (chapter 6). */
  stepCost: {
    /** The problem, in words. */
    problem: string;
    sgd: TimedSeries;
    adam: TimedSeries;
    newton: TimedSeries;
  };
  /** The dense Hessian's memory and time against the number of parameters n (chapter 7). */
  hessianCost: {
    /** The models, in words. */
    model: string;
    /** Bytes held by the dense Hessian at each size of `formHessian` (exactly 8n²). */
    memory: { sizes: number[]; bytes: number[] };
    /** One full-batch gradient. */
    gradient: TimedSeries;
    /** One Hessian-vector product. */
    hvp: TimedSeries;
    /** Forming the dense Hessian (n HVPs). */
    formHessian: TimedSeries;
    /** One dense solve by Cholesky. */
    solve: TimedSeries;
    /** The dense symmetric eigendecomposition. */
    evd: TimedSeries;
  };
  /** The top k eigenvalues by Lanczos against the dense route, on chapter 7's network (n = 255). */
  lanczos: {
    /** The model, in words. */
    model: string;
    /** Its number of parameters. */
    n: number;
    /** The k asked for. */
    ks: number[];
    /** Hessian-vector products Lanczos used for each k. */
    matvecs: number[];
    /** Seconds for each k. */
    seconds: number[];
    /** Seconds to form the dense Hessian and diagonalize it. */
    denseSeconds: number;
  };
}

/**
 * Fit t ≈ c·nᵖ on the sizes n ≥ `from` of a series.
 *
 * @example
 * ```ts
 * import { fitSeries } from "./recordedCosts.ts";
 * // Fixed costs flatten the first point; the fit from n = 20 sees the cube.
 * const f = fitSeries([10, 20, 40, 80], [50, 16, 128, 1024], 20);
 * if (Math.abs(f.exponent - 3) > 1e-12 || f.points !== 3) throw new Error(JSON.stringify(f));
 * ```
 */
export function fitSeries(
  sizes: readonly number[],
  seconds: readonly number[],
  from: number,
): SeriesFit {
  const keep = sizes.flatMap((n, i) => (n >= from ? [i] : []));
  if (keep.length < 2) {
    throw new RangeError(`Cannot fit a series: fewer than 2 sizes are ≥ ${from}`);
  }
  const fit = fitPowerLaw(keep.map((i) => sizes[i]), keep.map((i) => seconds[i]));
  return { from: sizes[keep[0]], to: sizes[keep[keep.length - 1]], points: keep.length, ...fit };
}

/**
 * The slope on log–log axes between the two smallest sizes, when they lie
 * below the fitted range (else null): what a fit over small sizes would
 * wrongly call an exponent.
 *
 * @example
 * ```ts
 * import { smallSizeSlope } from "./recordedCosts.ts";
 * const s = { sizes: [10, 20, 40], seconds: [1, 1.5, 3], fit: { from: 20, to: 40, points: 2, exponent: 1, prefactor: 0.075, r2: 1 } };
 * if (Math.abs(smallSizeSlope(s)! - Math.log2(1.5)) > 1e-12) throw new Error();
 * ```
 */
export function smallSizeSlope(s: TimedSeries): number | null {
  if (s.sizes[0] >= s.fit.from) return null;
  return Math.log(s.seconds[1] / s.seconds[0]) / Math.log(s.sizes[1] / s.sizes[0]);
}

class Reader {
  constructor(readonly file: string) {}
  fail(path: string, why: string): never {
    throw new TypeError(`Cannot read ${this.file}: field ${path} ${why}`);
  }
  object(x: unknown, path: string): Record<string, unknown> {
    if (x === null || typeof x !== "object" || Array.isArray(x)) {
      this.fail(path, "must be an object");
    }
    return x as Record<string, unknown>;
  }
  string(x: unknown, path: string): string {
    if (typeof x !== "string" || x.length === 0) this.fail(path, "must be a non-empty string");
    return x;
  }
  positive(x: unknown, path: string): number {
    if (typeof x !== "number" || !(x > 0) || !Number.isFinite(x)) {
      this.fail(path, `must be a positive number, got ${JSON.stringify(x)}`);
    }
    return x;
  }
  number(x: unknown, path: string): number {
    if (typeof x !== "number" || !Number.isFinite(x)) this.fail(path, "must be a finite number");
    return x;
  }
  positives(x: unknown, path: string, length?: number): number[] {
    if (!Array.isArray(x) || x.length === 0) this.fail(path, "must be a non-empty list");
    if (length !== undefined && x.length !== length) {
      this.fail(path, `must have ${length} entries (one per size), got ${x.length}`);
    }
    return x.map((v, i) => this.positive(v, `${path}[${i}]`));
  }
  sizes(x: unknown, path: string): number[] {
    const s = this.positives(x, path);
    s.forEach((n, i) => {
      if (!Number.isInteger(n)) this.fail(`${path}[${i}]`, `must be an integer, got ${n}`);
      if (i > 0 && n <= s[i - 1]) this.fail(path, "must be increasing");
    });
    return s;
  }
  series(x: unknown, path: string): TimedSeries {
    const o = this.object(x, path);
    const sizes = this.sizes(o.sizes, `${path}.sizes`);
    const seconds = this.positives(o.seconds, `${path}.seconds`, sizes.length);
    const f = this.object(o.fit, `${path}.fit`);
    const from = this.positive(f.from, `${path}.fit.from`);
    if (!sizes.includes(from)) {
      this.fail(`${path}.fit.from`, `must be one of the sizes, got ${from}`);
    }
    if (sizes.filter((n) => n >= from).length < 3) {
      this.fail(`${path}.fit.from`, "must leave at least 3 sizes in the fit");
    }
    const fit: SeriesFit = {
      from,
      to: this.positive(f.to, `${path}.fit.to`),
      points: this.positive(f.points, `${path}.fit.points`),
      exponent: this.number(f.exponent, `${path}.fit.exponent`),
      prefactor: this.positive(f.prefactor, `${path}.fit.prefactor`),
      r2: this.number(f.r2, `${path}.fit.r2`),
    };
    // The stored fit must be the fit of the stored points: nobody edits a number by hand.
    const refit = fitSeries(sizes, seconds, from);
    for (const k of ["to", "points", "exponent", "prefactor", "r2"] as const) {
      if (Math.abs(fit[k] - refit[k]) > 1e-9 * Math.max(1, Math.abs(refit[k]))) {
        this.fail(`${path}.fit.${k}`, `is ${fit[k]}, but the recorded points give ${refit[k]}`);
      }
    }
    return { sizes, seconds, fit };
  }
}

/**
 * Check the content of a costs file and return it typed. Throws
 * `Cannot read FILE: field PATH …` naming the first bad field.
 *
 * @example
 * ```ts
 * import { parseRecordedCosts } from "./recordedCosts.ts";
 * try {
 *   parseRecordedCosts({ schema: 1 });
 *   throw new Error("accepted an incomplete file");
 * } catch (e) {
 *   if (!(e as Error).message.includes("field recorded")) throw e;
 * }
 * ```
 */
export function parseRecordedCosts(data: unknown, file = COSTS_FILE): RecordedCosts {
  const r = new Reader(file);
  const o = r.object(data, "(root)");
  if (o.schema !== COSTS_SCHEMA) {
    r.fail("schema", `must be ${COSTS_SCHEMA}, got ${JSON.stringify(o.schema)}`);
  }
  const recorded = r.string(o.recorded, "recorded");
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(recorded) || isNaN(Date.parse(recorded))) {
    r.fail("recorded", `must be an ISO 8601 UTC date, got ${recorded}`);
  }
  const m = r.object(o.machine, "machine");
  const load = m.load;
  if (!Array.isArray(load) || load.length !== 2) r.fail("machine.load", "must be [start, end]");
  const [load0, load1] = load as unknown[];
  const machine: Machine = {
    cpu: r.string(m.cpu, "machine.cpu"),
    cores: r.positive(m.cores, "machine.cores"),
    memoryGiB: r.positive(m.memoryGiB, "machine.memoryGiB"),
    os: r.string(m.os, "machine.os"),
    deno: r.string(m.deno, "machine.deno"),
    v8: r.string(m.v8, "machine.v8"),
    load: [r.number(load0, "machine.load[0]"), r.number(load1, "machine.load[1]")],
  };
  const s = r.object(o.stepCost, "stepCost");
  const h = r.object(o.hessianCost, "hessianCost");
  const mem = r.object(h.memory, "hessianCost.memory");
  const memSizes = r.sizes(mem.sizes, "hessianCost.memory.sizes");
  const bytes = r.positives(mem.bytes, "hessianCost.memory.bytes", memSizes.length);
  memSizes.forEach((n, i) => {
    if (bytes[i] !== 8 * n * n) {
      r.fail(`hessianCost.memory.bytes[${i}]`, `must be 8n² = ${8 * n * n}, got ${bytes[i]}`);
    }
  });
  const l = r.object(o.lanczos, "lanczos");
  const ks = r.sizes(l.ks, "lanczos.ks");
  const costs: RecordedCosts = {
    schema: COSTS_SCHEMA,
    recorded,
    command: r.string(o.command, "command"),
    seconds: r.positive(o.seconds, "seconds"),
    machine,
    stepCost: {
      problem: r.string(s.problem, "stepCost.problem"),
      sgd: r.series(s.sgd, "stepCost.sgd"),
      adam: r.series(s.adam, "stepCost.adam"),
      newton: r.series(s.newton, "stepCost.newton"),
    },
    hessianCost: {
      model: r.string(h.model, "hessianCost.model"),
      memory: { sizes: memSizes, bytes },
      gradient: r.series(h.gradient, "hessianCost.gradient"),
      hvp: r.series(h.hvp, "hessianCost.hvp"),
      formHessian: r.series(h.formHessian, "hessianCost.formHessian"),
      solve: r.series(h.solve, "hessianCost.solve"),
      evd: r.series(h.evd, "hessianCost.evd"),
    },
    lanczos: {
      model: r.string(l.model, "lanczos.model"),
      n: r.positive(l.n, "lanczos.n"),
      ks,
      matvecs: r.positives(l.matvecs, "lanczos.matvecs", ks.length),
      seconds: r.positives(l.seconds, "lanczos.seconds", ks.length),
      denseSeconds: r.positive(l.denseSeconds, "lanczos.denseSeconds"),
    },
  };
  const fs = costs.hessianCost.formHessian.sizes;
  if (fs.join() !== memSizes.join()) {
    r.fail("hessianCost.memory.sizes", "must be the sizes of hessianCost.formHessian");
  }
  return costs;
}

let parsed: RecordedCosts | undefined;

/**
 * The recorded timings of `bench/results/costs.json`, checked.
 *
 * @example
 * ```ts
 * import { recordedCosts } from "./recordedCosts.ts";
 * const c = recordedCosts();
 * if (c.stepCost.newton.fit.exponent <= c.stepCost.sgd.fit.exponent) throw new Error("Newton is cheaper?");
 * ```
 */
export function recordedCosts(): RecordedCosts {
  if (!parsed) {
    let text: string;
    try {
      text = Deno.readTextFileSync(new URL(`../${COSTS_FILE}`, import.meta.url));
    } catch (e) {
      throw new Error(
        `Cannot read ${COSTS_FILE}: ${(e as Error).message} (run deno task bench:record)`,
      );
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new SyntaxError(`Cannot read ${COSTS_FILE}: not valid JSON (${(e as Error).message})`);
    }
    parsed = parseRecordedCosts(data);
  }
  return parsed;
}

/**
 * Where the recorded timings come from, as a sentence for the chapters:
 * the command, the date and the machine.
 *
 * @example
 * ```ts
 * import { provenance } from "./recordedCosts.ts";
 * if (!provenance().includes("deno task bench:record")) throw new Error(provenance());
 * ```
 */
export function provenance(costs: RecordedCosts = recordedCosts()): string {
  const m = costs.machine;
  const day = new Date(costs.recorded).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  return `recorded by ${costs.command} (${COSTS_FILE}) on ${day} with Deno ${m.deno}, on ` +
    `${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; load average ` +
    `${m.load[0].toFixed(1)} when it started)`;
}

/**
 * Loss curves of one optimizer over several seeds, summarized as a median
 * with a min–max band: the figures that compare SGD with Adam.
 *
 * @module
 */
import type { Objective } from "../../lib/optim/objective.ts";
import type { Optimizer } from "../../lib/optim/optimizer.ts";
import { median } from "../../lib/stats/median.ts";

/** One seeded run: what to minimize, from where, with what. */
export interface SeededRun {
  /** The objective (f is what the curve records). */
  objective: Objective;
  /** The start. */
  x0: ArrayLike<number>;
  /** The optimizer (with its own seed for batches, if stochastic). */
  optimizer: Optimizer;
}

/** Options of {@linkcode lossBands}. */
export interface LossBandsOptions {
  /** The seeds, at least one. Required. */
  seeds: number[];
  /** Steps per run ≥ 1. Required. */
  steps: number;
  /** Record f every `every` steps (and at step 0 and the last step). Default 1. */
  every?: number;
  /**
   * Subtract this from every recorded value (e.g. the known minimum, so the
   * curves show the gap f − f*). Default 0.
   */
  offset?: number;
}

/** The curves over seeds, and their pointwise summary. */
export interface LossBands {
  /** The optimizer's name (from the first seed's run). */
  optimizer: string;
  /** The recorded step numbers, from 0 to `steps`. */
  steps: number[];
  /** `runs[s][k]`: f − offset of seed s at `steps[k]` (NaN after a non-finite value). */
  runs: number[][];
  /** Pointwise median over seeds. */
  median: number[];
  /** Pointwise minimum over seeds. */
  low: number[];
  /** Pointwise maximum over seeds. */
  high: number[];
  /** Seeds whose run produced a non-finite value (diverged). */
  diverged: number[];
  /** Rows `{optimizer, step, median, low, high}` for Plot's `line` and `areaY`. */
  rows: { optimizer: string; step: number; median: number; low: number; high: number }[];
}

/**
 * Run `setup(seed)` for every seed, `steps` steps each, recording the loss
 * every `every` steps, and summarize pointwise by the median and the
 * min–max band. Only f is evaluated at the recorded steps (the optimizer
 * itself decides which gradients it needs), so sparse recording is cheap.
 * A run whose loss becomes non-finite is recorded as NaN from then on and
 * listed in `diverged`; the summary uses the finite values.
 *
 * @example Gradient descent on x² from three starts
 * ```ts
 * import { lossBands } from "./lossBands.ts";
 * import { gradientDescent } from "../../lib/optim/gradientDescent.ts";
 * const bowl = { f: ([x]: Float64Array) => x * x, grad: ([x]: Float64Array) => new Float64Array([2 * x]) };
 * const b = lossBands((seed) => ({ objective: bowl, x0: [seed], optimizer: gradientDescent({ lr: 0.25 }) }), {
 *   seeds: [1, 2, 3], steps: 4, every: 2,
 * });
 * // each step halves x, so f drops by 4 per step: seed 2 starts at 4, ends at 4/256
 * if (b.steps.join() !== "0,2,4" || b.median[2] !== 4 / 256) throw new Error(b.median.join());
 * if (b.low[0] !== 1 || b.high[0] !== 9) throw new Error("band");
 * ```
 */
export function lossBands(
  setup: (seed: number) => SeededRun,
  options: LossBandsOptions,
): LossBands {
  const what = "compute loss bands";
  const seeds = options?.seeds;
  if (!Array.isArray(seeds) || seeds.length === 0) {
    throw new RangeError(`Cannot ${what}: option seeds must be a non-empty array`);
  }
  const steps = options.steps;
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`Cannot ${what}: option steps must be a positive integer, got ${steps}`);
  }
  const every = options.every ?? 1;
  if (!Number.isInteger(every) || every < 1) {
    throw new RangeError(`Cannot ${what}: option every must be a positive integer, got ${every}`);
  }
  const offset = options.offset ?? 0;
  const at: number[] = [];
  for (let k = 0; k < steps; k += every) at.push(k);
  at.push(steps);
  let name = "";
  const diverged: number[] = [];
  const runs = seeds.map((seed, s) => {
    const { objective, x0, optimizer } = setup(seed);
    if (s === 0) name = optimizer.name;
    const run = optimizer.start(objective, x0);
    const out: number[] = [];
    let dead = false;
    for (const k of at) {
      while (!dead && run.t < k) {
        run.step();
        if (!run.x.every(Number.isFinite)) dead = true;
      }
      const v = dead ? NaN : objective.f(run.x) - offset;
      if (!Number.isFinite(v)) dead = true;
      out.push(dead ? NaN : v);
    }
    if (dead) diverged.push(seed);
    return out;
  });
  const column = (k: number) => runs.map((r) => r[k]);
  const med = at.map((_, k) => median(column(k), { nonFinite: "skip" }));
  const finite = (k: number) => column(k).filter(Number.isFinite);
  const low = at.map((_, k) => (finite(k).length ? Math.min(...finite(k)) : NaN));
  const high = at.map((_, k) => (finite(k).length ? Math.max(...finite(k)) : NaN));
  return {
    optimizer: name,
    steps: at,
    runs,
    median: med,
    low,
    high,
    diverged,
    rows: at.map((step, k) => ({
      optimizer: name,
      step,
      median: med[k],
      low: low[k],
      high: high[k],
    })),
  };
}

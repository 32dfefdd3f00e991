/**
 * Escape times of perturbed gradient descent over noise scales and seeds.
 *
 * @module
 */
import type { Objective } from "../../lib/optim/objective.ts";
import { perturbedGradientDescent } from "../../lib/optim/perturbedGradientDescent.ts";
import { escapeTime } from "./escapeTime.ts";

/** Options of {@linkcode escapeTimeSweep}. */
export interface EscapeTimeSweepOptions {
  /** The learning rate α > 0. Required. */
  lr: number;
  /** The noise scales σ to try (each ≥ 0). Required. */
  noises: readonly number[];
  /** How many seeds per noise scale. Default 100. */
  seeds?: number;
  /** The first seed; the runs use firstSeed, firstSeed + 1, …. Default 0. */
  firstSeed?: number;
  /** The noise distribution, as in {@linkcode perturbedGradientDescent}. Default "gaussian". */
  distribution?: "gaussian" | "ball";
  /** The centre of the ball to leave. Default the origin. */
  center?: ArrayLike<number>;
  /** The radius of the ball. Default 1. */
  radius?: number;
  /** Give up after this many steps. Default 10000. */
  maxSteps?: number;
}

/** One run of the sweep. */
export interface EscapeTimeRun {
  /** The noise scale σ. */
  noise: number;
  /** The seed of the noise. */
  seed: number;
  /** Whether the run left the ball. */
  escaped: boolean;
  /** The escape step, or `maxSteps` when it never escaped. */
  steps: number;
}

/** The escape times of one noise scale, summarized. */
export interface EscapeTimeSummary {
  /** The noise scale σ. */
  noise: number;
  /** How many runs. */
  runs: number;
  /** How many runs escaped within `maxSteps`. */
  escaped: number;
  /** The lower quartile of the escape step (runs that never escaped count as ∞). */
  q1: number;
  /** The median escape step (∞ when at most half escaped). */
  median: number;
  /** The upper quartile. */
  q3: number;
  /** The fastest escape among the runs that escaped (NaN if none did). */
  min: number;
  /** The slowest escape among the runs that escaped (NaN if none did). */
  max: number;
}

/** What {@linkcode escapeTimeSweep} returns. */
export interface EscapeTimeSweepResult {
  /** Every run, noise-major. */
  runs: EscapeTimeRun[];
  /** One summary per noise scale, in the order given. */
  summary: EscapeTimeSummary[];
}

/** The q-quantile of ascending `sorted` (linear interpolation between order statistics). */
function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  if (lo === hi) return sorted[lo];
  if (!Number.isFinite(sorted[hi])) return sorted[hi];
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * For every noise scale σ in `noises` and every seed, run
 * {@linkcode perturbedGradientDescent} (x ← x − α∇f(x) + ξ with ξ of scale
 * σ at every step) from `x0` and record its {@linkcode escapeTime} from the
 * ball around `center`. The summary gives quartiles per σ, counting a run
 * that never escaped as ∞.
 *
 * Cost: at most `noises.length · seeds · maxSteps` gradient steps.
 *
 * Errors: `Cannot sweep escape times: …` for an empty or negative noise
 * list or a bad seed count, plus those of the optimizer and of
 * {@linkcode escapeTime}.
 *
 * @example Noise lets every run leave the saddle of x² − y² from y₀ = 0
 * ```ts
 * import { escapeTimeSweep } from "./escapeTimeSweep.ts";
 * const saddle = {
 *   f: ([x, y]: Float64Array) => x * x - y * y,
 *   grad: ([x, y]: Float64Array) => new Float64Array([2 * x, -2 * y]),
 * };
 * const { summary } = escapeTimeSweep(saddle, [0.5, 0], { lr: 0.1, noises: [1e-6, 1e-2], seeds: 20 });
 * if (summary.some((s) => s.escaped !== 20)) throw new Error("every run should escape");
 * if (!(summary[0].median > summary[1].median)) throw new Error("less noise, slower escape");
 * ```
 */
export function escapeTimeSweep(
  objective: Objective,
  x0: ArrayLike<number>,
  options: EscapeTimeSweepOptions,
): EscapeTimeSweepResult {
  const what = "sweep escape times";
  const noises = options?.noises;
  if (!Array.isArray(noises) || noises.length === 0) {
    throw new RangeError(`Cannot ${what}: option noises must be a non-empty array`);
  }
  noises.forEach((s, i) => {
    if (typeof s !== "number" || !(s >= 0) || !Number.isFinite(s)) {
      throw new RangeError(`Cannot ${what}: noises[${i}] must be a finite number ≥ 0, got ${s}`);
    }
  });
  const seeds = options.seeds ?? 100;
  if (!Number.isInteger(seeds) || seeds < 1) {
    throw new RangeError(`Cannot ${what}: option seeds must be an integer ≥ 1, got ${seeds}`);
  }
  const firstSeed = options.firstSeed ?? 0;
  if (!Number.isInteger(firstSeed)) {
    throw new RangeError(`Cannot ${what}: option firstSeed must be an integer, got ${firstSeed}`);
  }
  const runs: EscapeTimeRun[] = [];
  const summary: EscapeTimeSummary[] = [];
  for (const noise of noises) {
    const times: number[] = [];
    const escapedSteps: number[] = [];
    for (let s = 0; s < seeds; s++) {
      const seed = firstSeed + s;
      const optimizer = perturbedGradientDescent({
        lr: options.lr,
        noise,
        seed,
        distribution: options.distribution,
      });
      const r = escapeTime(objective, x0, optimizer, {
        center: options.center,
        radius: options.radius,
        maxSteps: options.maxSteps,
      });
      runs.push({ noise, seed, escaped: r.escaped, steps: r.steps });
      times.push(r.escaped ? r.steps : Infinity);
      if (r.escaped) escapedSteps.push(r.steps);
    }
    times.sort((a, b) => a - b);
    summary.push({
      noise,
      runs: seeds,
      escaped: escapedSteps.length,
      q1: quantile(times, 0.25),
      median: quantile(times, 0.5),
      q3: quantile(times, 0.75),
      min: escapedSteps.length ? Math.min(...escapedSteps) : NaN,
      max: escapedSteps.length ? Math.max(...escapedSteps) : NaN,
    });
  }
  return { runs, summary };
}

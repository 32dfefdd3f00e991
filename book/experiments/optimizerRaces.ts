/**
 * Small, seeded races between SGD and Adam on linear least squares, each at
 * its best learning rate on a grid: sparse features, a drifting target
 * (online learning), and mini-batch Newton against Adam under noisy
 * curvature. Chapter 6 judges three of the paper's remarks with them.
 *
 * @module
 */
import { choleskySolve } from "../../lib/linalg/cholesky.ts";
import { adam } from "../../lib/optim/adam.ts";
import { gradientDescent } from "../../lib/optim/gradientDescent.ts";
import { leastSquaresObjective } from "../../lib/optim/leastSquaresObjective.ts";
import type { Objective } from "../../lib/optim/objective.ts";
import { sgd } from "../../lib/optim/sgd.ts";
import { subsampledNewton } from "../../lib/optim/subsampledNewton.ts";
import { Rng } from "../../lib/random.ts";
import { median } from "../../lib/stats/median.ts";

/** A least-squares data set: rows x and targets y = x·w* (+ noise). */
export interface LinearData {
  /** Feature rows. */
  x: Float64Array[];
  /** Targets. */
  y: Float64Array;
}

/** The optimizers raced. */
export type RaceOptimizer = "sgd" | "adam";

/**
 * ½ mean (x·w − y)² as an objective, with mini-batches and its Hessian: the
 * library's least squares (mean (x·w − y)², no ½) halved.
 */
function halfLeastSquares(
  data: LinearData,
): Objective & { size: number; samples: number; hessian(w: Float64Array): number[][] } {
  const ls = leastSquaresObjective(data.x, data.y);
  const half = (g: Float64Array) => g.map((gj) => 0.5 * gj);
  return {
    size: ls.size,
    samples: ls.samples,
    f: (w) => 0.5 * ls.f(w),
    grad: (w) => half(ls.grad(w)),
    gradBatch: (w, idx) => half(ls.gradBatch!(w, idx)),
    hessian: (w) => Array.from(ls.hessian!(w), (r) => Array.from(r, (h) => 0.5 * h)),
  };
}

/** The rows `rows` of `data`. */
function rowsOf(data: LinearData, rows: readonly number[]): LinearData {
  return { x: rows.map((i) => data.x[i]), y: Float64Array.from(rows, (i) => data.y[i]) };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

/** The result of one race: each optimizer at its best rate. */
export interface RaceResult {
  /** Median over seeds of the score (lower is better) at each optimizer's best rate. */
  best: Record<RaceOptimizer, number>;
  /** The best rate of each optimizer. */
  bestLr: Record<RaceOptimizer, number>;
  /** Score per seed at the best rates. */
  perSeed: Record<RaceOptimizer, number[]>;
  /** Whether a best rate sits at an end of its grid (the grid should then be widened). */
  atGridEdge: boolean;
}

/** The learning-rate grids: SGD 10⁻³…3, Adam 10⁻⁴…1, in half-decades. */
export const RACE_GRIDS: Readonly<Record<RaceOptimizer, readonly number[]>> = Object.freeze({
  sgd: [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3],
  adam: [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1],
});

/**
 * Race SGD and Adam: `score(kind, lr, seed)` (lower is better, non-finite
 * counts as +∞) on every rate of its grid and every seed; each optimizer's
 * best rate minimizes the median over seeds.
 *
 * @example
 * ```ts
 * import { race } from "./optimizerRaces.ts";
 * const r = race((kind, lr) => Math.abs(Math.log10(lr) - (kind === "sgd" ? -1 : -2)), [1, 2]);
 * if (r.bestLr.sgd !== 0.1 || r.bestLr.adam !== 0.01) throw new Error(JSON.stringify(r.bestLr));
 * ```
 */
export function race(
  score: (kind: RaceOptimizer, lr: number, seed: number) => number,
  seeds: readonly number[],
): RaceResult {
  const best = {} as Record<RaceOptimizer, number>;
  const bestLr = {} as Record<RaceOptimizer, number>;
  const perSeed = {} as Record<RaceOptimizer, number[]>;
  let atGridEdge = false;
  for (const kind of ["sgd", "adam"] as const) {
    let top = Infinity, topLr = NaN, topSeeds: number[] = [];
    for (const lr of RACE_GRIDS[kind]) {
      const s = seeds.map((seed) => {
        const v = score(kind, lr, seed);
        return Number.isFinite(v) ? v : Infinity;
      });
      const med = median(s);
      if (med < top) top = med, topLr = lr, topSeeds = s;
    }
    const grid = RACE_GRIDS[kind];
    if (topLr === grid[0] || topLr === grid[grid.length - 1]) atGridEdge = true;
    best[kind] = top, bestLr[kind] = topLr, perSeed[kind] = topSeeds;
  }
  return { best, bestLr, perSeed, atGridEdge };
}

/** Options of {@linkcode sparseFeatureData}. */
export interface SparseDataOptions {
  /** Features. Default 20. */
  features?: number;
  /** Rows. Default 2000. */
  rows?: number;
  /** Largest probability that a feature is nonzero. Default 0.5. */
  pMax?: number;
  /** Smallest probability (the rarest feature). Default 0.01. With pMin = pMax the data are dense. */
  pMin?: number;
  /** Seed. */
  seed: number;
}

/**
 * Sparse regression data: feature j is 1 with probability p_j (geometric
 * from pMax down to pMin) and 0 otherwise, the targets are y = x·w* with
 * w* standard normal, no noise. The curvature of coordinate j is p_j, so
 * the rare features are the flat directions and see a gradient only when
 * they occur: the setting (natural-language features, say) in which Adam is
 * said to beat SGD.
 *
 * @example
 * ```ts
 * import { sparseFeatureData } from "./optimizerRaces.ts";
 * const { data } = sparseFeatureData({ seed: 1, rows: 100 });
 * if (data.x.length !== 100 || data.x[0].length !== 20) throw new Error();
 * ```
 */
export function sparseFeatureData(
  options: SparseDataOptions,
): { data: LinearData; wStar: Float64Array; p: number[] } {
  const { features: d = 20, rows = 2000, pMax = 0.5, pMin = 0.01, seed } = options;
  const rng = new Rng(seed);
  const p = Array.from({ length: d }, (_, j) => pMax * (pMin / pMax) ** (j / Math.max(1, d - 1)));
  const wStar = rng.normalVector(d);
  const x = Array.from(
    { length: rows },
    () => Float64Array.from(p, (pj) => (rng.uniform() < pj ? 1 : 0)),
  );
  const y = Float64Array.from(x, (xi) => dot(xi, wStar));
  return { data: { x, y }, wStar, p };
}

/**
 * Train on `data` from w = 0 with the library's `sgd` or `adam` on
 * mini-batches (drawn without replacement, reshuffled every epoch, seed
 * 1000 + `seed`), and return the full-data loss ½ mean (x·w − y)² after
 * `steps` steps (+∞ if the iterate stops being finite).
 *
 * @example
 * ```ts
 * import { sparseFeatureData, trainLinear } from "./optimizerRaces.ts";
 * const { data } = sparseFeatureData({ seed: 1, rows: 200 });
 * if (!(trainLinear(data, "adam", 0.01, { seed: 1, steps: 50 }) < 1e3)) throw new Error();
 * ```
 */
export function trainLinear(
  data: LinearData,
  kind: RaceOptimizer,
  lr: number,
  options: { seed: number; steps?: number; batch?: number },
): number {
  const { seed, steps = 400, batch = 16 } = options;
  const objective = halfLeastSquares(data);
  const batches = { batchSize: batch, seed: 1000 + seed };
  const optimizer = kind === "sgd" ? sgd({ lr, ...batches }) : adam({ lr, ...batches });
  const run = optimizer.start(objective, new Float64Array(objective.size));
  for (let t = 0; t < steps; t++) {
    if (!run.step().x.every(Number.isFinite)) return Infinity;
  }
  return objective.f(run.x);
}

/** What {@linkcode sparseGradientRace} returns. */
export interface SparseRaceResult {
  /** The race on sparse features (p from 0.5 down to 0.01). */
  sparse: RaceResult;
  /** The control: dense features (every p = 0.5), same sizes. */
  dense: RaceResult;
}

/**
 * SGD against Adam, each at its best rate, on sparse features and on the
 * dense control: 20 features, 2000 rows, mini-batches of 16, 400 steps,
 * seeds 1–3; the score is the full-data loss at the end.
 *
 * @example
 * ```ts
 * import { sparseGradientRace } from "./optimizerRaces.ts";
 * const r = sparseGradientRace({ seeds: [1], steps: 50 });
 * if (!(r.sparse.best.adam >= 0 && r.dense.best.sgd >= 0)) throw new Error();
 * ```
 */
export function sparseGradientRace(
  options: { seeds?: readonly number[]; steps?: number } = {},
): SparseRaceResult {
  const { seeds = [1, 2, 3], steps = 400 } = options;
  const run = (pMin: number) => {
    const sets = new Map(seeds.map((s) => [s, sparseFeatureData({ seed: s, pMin })]));
    return race(
      (kind, lr, seed) => trainLinear(sets.get(seed)!.data, kind, lr, { seed, steps }),
      seeds,
    );
  };
  return { sparse: run(0.01), dense: run(0.5) };
}

/** Options of {@linkcode driftingTargetRace}. */
export interface DriftOptions {
  /** Seeds. Default 1–3. */
  seeds?: readonly number[];
  /** Steps in all. Default 600. */
  steps?: number;
  /** The target w* jumps to a new random vector every this many steps. Default 100. */
  period?: number;
  /** Feature scales span 1 down to this (1 = isotropic). */
  smallestScale: number;
}

/**
 * Online learning with a non-stationary objective: every step draws a
 * mini-batch of 16 fresh Gaussian rows (10 features, scaled from 1 down to
 * `smallestScale`) whose targets come from w*(t), which jumps to a new
 * random vector every `period` steps. The score is the tracking loss
 * ½E[(x·(w − w*(t)))²], averaged over all steps after the first period. SGD
 * and Adam each run at their best rate.
 *
 * @example
 * ```ts
 * import { driftingTargetRace } from "./optimizerRaces.ts";
 * const r = driftingTargetRace({ smallestScale: 1, seeds: [1], steps: 60, period: 20 });
 * if (!(r.best.sgd > 0 && r.best.adam > 0)) throw new Error();
 * ```
 */
export function driftingTargetRace(options: DriftOptions): RaceResult {
  const { seeds = [1, 2, 3], steps = 600, period = 100, smallestScale } = options;
  const d = 10, batch = 16;
  const scale = Float64Array.from({ length: d }, (_, j) => smallestScale ** (j / (d - 1)));
  return race((kind, lr, seed) => {
    const rng = new Rng(seed);
    let wStar = rng.normalVector(d), sum = 0, count = 0;
    // The objective of the current step: its fresh mini-batch.
    let now: Objective | undefined;
    const stream: Objective = { size: d, f: (w) => now!.f(w), grad: (w) => now!.grad(w) };
    const optimizer = kind === "sgd" ? gradientDescent({ lr }) : adam({ lr });
    const run = optimizer.start(stream, new Float64Array(d));
    for (let t = 0; t < steps; t++) {
      if (t > 0 && t % period === 0) wStar = rng.normalVector(d);
      const x = Array.from(
        { length: batch },
        () => Float64Array.from(scale, (s) => s * rng.normal()),
      );
      now = halfLeastSquares({ x, y: Float64Array.from(x, (xi) => dot(xi, wStar)) });
      const w = run.step().x;
      if (!w.every(Number.isFinite)) return Infinity;
      if (t >= period) {
        let e = 0;
        for (let j = 0; j < d; j++) e += (scale[j] * (w[j] - wStar[j])) ** 2;
        sum += 0.5 * e, count++;
      }
    }
    return sum / count;
  }, seeds);
}

/** What {@linkcode noisyCurvatureRace} returns. */
export interface NoisyCurvatureResult {
  /** Median final gap f − f* of Adam at its best rate. */
  adam: number;
  /** Median final gap of mini-batch Newton (batch Hessian and gradient, damped), at its best step and damping. */
  newton: number;
  /** Its best damping. */
  newtonDamping: number;
  /** Median over steps of the relative spread ‖d_B − d‖/‖d‖ of a batch's Hessian diagonal d_B. */
  batchDiagonalSpread: number;
  /** The same for Adam's bias-corrected √v̂ against its average over the last half of the run. */
  adamPreconditionerSpread: number;
}

/**
 * Noisy curvature: least squares with 10 features of scales 1…0.03 (κ ≈ 10³),
 * 4000 rows, targets with noise 0.1, mini-batches of 8, 200 steps, seeds
 * 1–3. Adam (best rate on its grid) against mini-batch Newton (the library's
 * `subsampledNewton`, on the same batches), which solves (H_B + δI)p = g_B
 * with the batch's own Hessian H_B = X_BᵀX_B/8 (best step
 * in {0.1, 0.3, 1} and damping δ in {10⁻⁴, 10⁻³, 10⁻², 10⁻¹}). Also
 * measured: how much a batch's curvature estimate (diag H_B) moves from
 * batch to batch, against how much Adam's smoothed √v̂ moves.
 *
 * @example
 * ```ts
 * import { noisyCurvatureRace } from "./optimizerRaces.ts";
 * const r = noisyCurvatureRace({ seeds: [1], steps: 20 });
 * if (!(r.batchDiagonalSpread > 0)) throw new Error();
 * ```
 */
export function noisyCurvatureRace(
  options: { seeds?: readonly number[]; steps?: number } = {},
): NoisyCurvatureResult {
  const { seeds = [1, 2, 3], steps = 200 } = options;
  const d = 10, N = 4000, batch = 8;
  const scale = Float64Array.from({ length: d }, (_, j) => 0.03 ** (j / (d - 1)));
  const make = (seed: number) => {
    const rng = new Rng(seed);
    const wStar = rng.normalVector(d);
    const x = Array.from({ length: N }, () => Float64Array.from(scale, (s) => s * rng.normal()));
    const y = Float64Array.from(x, (xi) => dot(xi, wStar) + 0.1 * rng.normal());
    const data = { x, y }, objective = halfLeastSquares(data), zero = new Float64Array(d);
    // f* at the minimizer of the quadratic, one Newton step from 0: H w = −∇f(0) (Cholesky)
    const wOpt = choleskySolve(objective.hessian(zero), objective.grad(zero).map((g) => -g));
    return { data, fStar: objective.f(Float64Array.from(wOpt)) };
  };
  const sets = new Map(seeds.map((s) => [s, make(s)]));
  const adamRace = race((kind, lr, seed) => {
    if (kind !== "adam") return Infinity;
    const { data, fStar } = sets.get(seed)!;
    return trainLinear(data, "adam", lr, { seed, steps, batch }) - fStar;
  }, seeds);
  let newton = Infinity, newtonDamping = NaN;
  for (const damping of [1e-4, 1e-3, 1e-2, 1e-1]) {
    for (const lr of [0.1, 0.3, 1]) {
      const gaps = seeds.map((seed) => {
        const { data, fStar } = sets.get(seed)!;
        // The same batches as Adam's: the library's sampler, seed 1000 + seed.
        const newton = subsampledNewton({
          batch: (rows) => halfLeastSquares(rowsOf(data, rows)),
          batchSize: batch,
          damping,
          stepSize: lr,
          seed: 1000 + seed,
        });
        const objective = halfLeastSquares(data);
        const run = newton.start(objective, new Float64Array(d));
        for (let t = 0; t < steps; t++) {
          if (!run.step().x.every(Number.isFinite)) return Infinity;
        }
        return objective.f(run.x) - fStar;
      });
      const m = median(gaps.map((g) => (Number.isFinite(g) ? g : Infinity)));
      if (m < newton) newton = m, newtonDamping = damping;
    }
  }
  // Spread of the curvature estimates, seed 1: diag(H_B) per batch vs Adam's √v̂ per step.
  const { data } = sets.get(seeds[0])!;
  const rng = new Rng(7);
  const full = Float64Array.from(
    { length: d },
    (_, j) => data.x.reduce((s, xi) => s + xi[j] * xi[j], 0) / N,
  );
  const rel = (a: Float64Array, b: Float64Array) => {
    let num = 0, den = 0;
    for (let j = 0; j < d; j++) num += (a[j] - b[j]) ** 2, den += b[j] ** 2;
    return Math.sqrt(num / den);
  };
  const diagSpreads: number[] = [];
  const rootV: Float64Array[] = [];
  const rows = new Array<number>(batch), zero = new Float64Array(d);
  // Adam's second moment of the batch gradients, all taken at w = 0.
  const moments = adam().start({
    size: d,
    f: () => NaN,
    grad: () => halfLeastSquares(rowsOf(data, rows)).grad(zero),
  }, zero);
  for (let t = 1; t <= steps; t++) {
    for (let k = 0; k < batch; k++) rows[k] = rng.int(N);
    const dB = Float64Array.from(
      { length: d },
      (_, j) => rows.reduce((s, i) => s + data.x[i][j] ** 2, 0) / batch,
    );
    diagSpreads.push(rel(dB, full));
    moments.step();
    rootV.push(moments.vHat().map(Math.sqrt));
  }
  const late = rootV.slice(steps / 2);
  const mean = Float64Array.from(
    { length: d },
    (_, j) => late.reduce((s, r) => s + r[j], 0) / late.length,
  );
  return {
    adam: adamRace.best.adam,
    newton,
    newtonDamping,
    batchDiagonalSpread: median(diagSpreads),
    adamPreconditionerSpread: median(late.map((r) => rel(r, mean))),
  };
}

/**
 * Small, seeded races between SGD and Adam on linear least squares, each at
 * its best learning rate on a grid: sparse features, a drifting target
 * (online learning), and mini-batch Newton against Adam under noisy
 * curvature. Chapter 6 judges three of the paper's remarks with them.
 *
 * @module
 */
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

/** Adam's defaults (Kingma & Ba): β1 = 0.9, β2 = 0.999, ε = 1e-8. */
const B1 = 0.9, B2 = 0.999, EPS = 1e-8;

/** ½ mean (x·w − y)² over the rows. */
export function meanSquaredLoss(data: LinearData, w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < data.x.length; i++) {
    const r = dot(data.x[i], w) - data.y[i];
    s += r * r;
  }
  return 0.5 * s / data.x.length;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

/** One optimizer's state: a step from a gradient. */
interface Stepper {
  step(w: Float64Array, g: Float64Array): void;
}

function stepper(kind: RaceOptimizer, lr: number, d: number): Stepper {
  if (kind === "sgd") {
    return { step: (w, g) => g.forEach((gj, j) => (w[j] -= lr * gj)) };
  }
  const m = new Float64Array(d), v = new Float64Array(d);
  let t = 0;
  return {
    step(w, g) {
      t++;
      const c1 = 1 - B1 ** t, c2 = 1 - B2 ** t;
      for (let j = 0; j < d; j++) {
        m[j] = B1 * m[j] + (1 - B1) * g[j];
        v[j] = B2 * v[j] + (1 - B2) * g[j] * g[j];
        w[j] -= lr * (m[j] / c1) / (Math.sqrt(v[j] / c2) + EPS);
      }
    },
  };
}

/** The mini-batch gradient of ½ mean (x·w − y)² over `rows` (targets from `target`). */
function batchGradient(
  x: Float64Array[],
  target: (i: number) => number,
  rows: number[],
  w: Float64Array,
): Float64Array {
  const g = new Float64Array(w.length);
  for (const i of rows) {
    const r = dot(x[i], w) - target(i);
    for (let j = 0; j < w.length; j++) g[j] += r * x[i][j];
  }
  for (let j = 0; j < w.length; j++) g[j] /= rows.length;
  return g;
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
 * Train on `data` with mini-batches (seeded), from w = 0, and return the
 * full-data loss after `steps` steps.
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
  const rng = new Rng(1000 + seed);
  const d = data.x[0].length, N = data.x.length;
  const w = new Float64Array(d);
  const opt = stepper(kind, lr, d);
  const rows = new Array<number>(batch);
  for (let t = 0; t < steps; t++) {
    for (let b = 0; b < batch; b++) rows[b] = rng.int(N);
    opt.step(w, batchGradient(data.x, (i) => data.y[i], rows, w));
    if (!w.every(Number.isFinite)) return Infinity;
  }
  return meanSquaredLoss(data, w);
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
    const w = new Float64Array(d);
    const opt = stepper(kind, lr, d);
    let wStar = rng.normalVector(d), sum = 0, count = 0;
    const x: Float64Array[] = Array.from({ length: batch }, () => new Float64Array(d));
    const rows = Array.from({ length: batch }, (_, i) => i);
    for (let t = 0; t < steps; t++) {
      if (t > 0 && t % period === 0) wStar = rng.normalVector(d);
      for (const xi of x) for (let j = 0; j < d; j++) xi[j] = scale[j] * rng.normal();
      const target = (i: number) => dot(x[i], wStar);
      opt.step(w, batchGradient(x, target, rows, w));
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
 * 1–3. Adam (best rate on its grid) against mini-batch Newton, which solves
 * (H_B + δI)p = g_B with the batch's own Hessian H_B = X_BᵀX_B/8 (best step
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
    // f* by the normal equations (Cholesky)
    const A = Array.from({ length: d }, () => new Float64Array(d)), b = new Float64Array(d);
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < d; j++) {
        b[j] += x[i][j] * y[i];
        for (let k = 0; k < d; k++) A[j][k] += x[i][j] * x[i][k];
      }
    }
    const wOpt = solve(A, b);
    const data = { x, y };
    return { data, fStar: meanSquaredLoss(data, wOpt) };
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
        const rng = new Rng(1000 + seed);
        const w = new Float64Array(d);
        const rows = new Array<number>(batch);
        for (let t = 0; t < steps; t++) {
          for (let k = 0; k < batch; k++) rows[k] = rng.int(N);
          const g = batchGradient(data.x, (i) => data.y[i], rows, w);
          const H = Array.from(
            { length: d },
            (_, j) =>
              Float64Array.from(
                { length: d },
                (_, k) =>
                  rows.reduce((s, i) => s + data.x[i][j] * data.x[i][k], 0) / batch +
                  (j === k ? damping : 0),
              ),
          );
          const p = solve(H, g);
          for (let j = 0; j < d; j++) w[j] -= lr * p[j];
          if (!w.every(Number.isFinite)) return Infinity;
        }
        return meanSquaredLoss(data, w) - fStar;
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
  const w = new Float64Array(d), v = new Float64Array(d); // the gradients are taken at w = 0
  const rootV: Float64Array[] = [];
  const rows = new Array<number>(batch);
  for (let t = 1; t <= steps; t++) {
    for (let k = 0; k < batch; k++) rows[k] = rng.int(N);
    const dB = Float64Array.from(
      { length: d },
      (_, j) => rows.reduce((s, i) => s + data.x[i][j] ** 2, 0) / batch,
    );
    diagSpreads.push(rel(dB, full));
    const g = batchGradient(data.x, (i) => data.y[i], rows, w);
    for (let j = 0; j < d; j++) v[j] = B2 * v[j] + (1 - B2) * g[j] * g[j];
    rootV.push(Float64Array.from(v, (vj) => Math.sqrt(vj / (1 - B2 ** t))));
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

/** Solve A x = b for a small symmetric positive definite A (Gaussian elimination with pivoting). */
function solve(A: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const M = A.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

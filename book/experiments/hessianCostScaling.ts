/**
 * What the full Hessian costs against the number of parameters n: memory,
 * forming it, solving with it, diagonalizing it, next to one gradient and
 * one Hessian-vector product.
 *
 * @module
 */
import { grad } from "../../lib/autodiff/grad.ts";
import { hessian } from "../../lib/autodiff/hessian.ts";
import { hvp } from "../../lib/autodiff/hvp.ts";
import { choleskySolve } from "../../lib/linalg/cholesky.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import { Mlp } from "../../lib/nn/mlp.ts";
import { loadIris } from "../../lib/data/loadIris.ts";
import { Rng } from "../../lib/random.ts";
import { memoizeExperiment } from "./_memoizeExperiment.ts";
import { minTime } from "./_minTime.ts";
import { fitPowerLaw, type PowerLaw } from "../../lib/stats/fitPowerLaw.ts";

/** Options of {@linkcode hessianCostScaling}. */
export interface HessianCostScalingOptions {
  /**
   * Hidden widths w of the tanh MLPs [4, w, w, 3] on Iris (n = w² + 9w + 3).
   * At least 2 distinct values. Default [8, 12, 16, 20, 24] (n = 139 … 795).
   */
  widths?: number[];
  /** The dense EVD is timed only for n ≤ this (it is the slowest part). Default 450. */
  evdMaxSize?: number;
  /**
   * Hidden widths for the gradient and HVP timings, which are cheap enough to
   * go much further in n. At least 2 distinct values. Default [16, 32, 64, 128, 192]
   * (n = 403 … 38 595).
   */
  firstOrderWidths?: number[];
  /** Time budget per measurement, ms: repeats run until it is spent (at least `minRepeats`). Default 40. */
  budgetMs?: number;
  /** Minimum timed repeats per measurement (the minimum time is kept). Default 2. */
  minRepeats?: number;
  /** Seed of the initial parameters and of the HVP direction. Default 0. */
  seed?: number;
  /**
   * Sweeps over all sizes; the fastest time of each measurement over the sweeps is kept, so a
   * burst of load on a shared machine spoils a point only if it recurs in every sweep. Default 1.
   */
  rounds?: number;
}

/** The measurements at one size. */
export interface HessianCostRow {
  /** Hidden width w. */
  width: number;
  /** Number of parameters n. */
  n: number;
  /** Bytes held by the dense Hessian (counted from its float64 rows: 8n²). */
  hessianBytes: number;
  /** Bytes held by one gradient (8n). */
  gradientBytes: number;
  /** Forming the dense Hessian (n HVPs, batched), ms. */
  hessianMs: number;
  /** One dense solve (H + δI)x = ∇f by Cholesky, ms. */
  solveMs: number;
  /** The dense symmetric EVD, ms; null above `evdMaxSize`. */
  evdMs: number | null;
}

/** Gradient and HVP timings at one size. */
export interface FirstOrderCostRow {
  /** Hidden width w. */
  width: number;
  /** Number of parameters n. */
  n: number;
  /** One full-batch gradient, ms (minimum over repeats of min(wall, CPU)). */
  gradientMs: number;
  /** One Hessian-vector product, ms. */
  hvpMs: number;
}

/** The result of {@linkcode hessianCostScaling}. */
export interface HessianCostScaling {
  /** One row per width of `widths`, in increasing n. */
  rows: HessianCostRow[];
  /** One row per width of `firstOrderWidths`, in increasing n. */
  firstOrder: FirstOrderCostRow[];
  /** Fitted power laws of each measured quantity against n. */
  fits: {
    memory: PowerLaw;
    gradient: PowerLaw;
    hvp: PowerLaw;
    hessian: PowerLaw;
    solve: PowerLaw;
    evd: PowerLaw;
  };
  /** The damping δ used at each size: the largest Gershgorin row sum, so H + δI is positive definite. */
  dampings: number[];
}

/**
 * Measure, for tanh MLPs [4, w, w, 3] on the 120 Iris training samples, the
 * memory of the dense Hessian and the time to form it, to solve with it and
 * to diagonalize it, and (over a wider range of n) the time of one gradient
 * and one HVP; fit y ≈ c·nᵖ to each.
 *
 * What to expect: the Hessian holds n² float64 numbers (exponent exactly 2);
 * a gradient and an HVP cost O(N·n) (exponent about 1, less where fixed
 * costs per call weigh); forming H takes n HVPs, O(N·n²) (at most 2, less
 * at small n because the HVPs are batched); a Cholesky solve and an EVD
 * take O(n³) (at most 3; the EVD's allocations and O(n²) parts pull its
 * exponent down at these sizes). Each call is timed by the smaller of its
 * wall-clock time and the process's CPU time (user + system, from
 * `process.cpuUsage`), two upper bounds on its cost with different
 * failure modes (waiting on a loaded machine; background JIT and GC
 * threads), and the minimum over repeats is kept. The numbers still depend
 * on the machine and its caches: compare exponents and ratios, not
 * milliseconds. The solve uses H + δI with δ the largest Gershgorin row sum
 * Σⱼ|hᵢⱼ|, which is positive definite whatever H's spectrum; a
 * factorization's cost does not depend on the values.
 *
 * Memoized in-process by options.
 *
 * @example
 * ```ts
 * import { hessianCostScaling } from "./hessianCostScaling.ts";
 * const s = hessianCostScaling({
 *   widths: [2, 4],
 *   firstOrderWidths: [2, 4],
 *   budgetMs: 1,
 *   minRepeats: 1,
 * });
 * // n = w² + 9w + 3: 25 and 55 parameters
 * if (s.rows.map((r) => r.n).join() !== "25,55") throw new Error();
 * if (s.rows[1].hessianBytes !== 8 * 55 * 55) throw new Error("memory");
 * if (Math.abs(s.fits.memory.exponent - 2) > 1e-12) throw new Error("n² memory");
 * ```
 */
export function hessianCostScaling(options: HessianCostScalingOptions = {}): HessianCostScaling {
  const widths = options.widths ?? [8, 12, 16, 20, 24];
  const firstOrderWidths = options.firstOrderWidths ?? [16, 32, 64, 128, 192];
  const evdMaxSize = options.evdMaxSize ?? 450;
  const budgetMs = options.budgetMs ?? 40;
  const minRepeats = options.minRepeats ?? 2;
  const seed = options.seed ?? 0;
  const rounds = options.rounds ?? 1;
  const what = "measure the cost of the Hessian";
  for (const [name, ws] of [["widths", widths], ["firstOrderWidths", firstOrderWidths]] as const) {
    if (
      !Array.isArray(ws) || new Set(ws).size < 2 ||
      !ws.every((w) => Number.isInteger(w) && w > 0)
    ) {
      throw new RangeError(
        `Cannot ${what}: option ${name} must hold at least 2 distinct positive integers`,
      );
    }
  }
  if (
    !(budgetMs >= 0) || !Number.isInteger(minRepeats) || minRepeats < 1 ||
    !Number.isInteger(rounds) || rounds < 1
  ) {
    throw new RangeError(
      `Cannot ${what}: options budgetMs must be ≥ 0, minRepeats and rounds integers ≥ 1`,
    );
  }
  const key = { widths, firstOrderWidths, evdMaxSize, budgetMs, minRepeats, seed, rounds };
  return memoizeExperiment("hessianCostScaling", key, () => {
    const data = loadIris({ seed: 0 }).train;
    const network = (w: number) => {
      const net = new Mlp({ layers: [4, w, w, 3], activation: "tanh" });
      return { n: net.size, f: net.lossFunction(data, "cross_entropy"), p: net.init({ seed }) };
    };
    const time = (fn: () => void) => Math.max(minTime(fn, { budgetMs, minRepeats }), 1e-3);
    {
      // Warm-up at the smallest size, not recorded: the first calls of each kernel pay for
      // JIT compilation, partly on background threads whose CPU time counts too.
      const { f, p } = network(Math.min(...widths, ...firstOrderWidths));
      const g = grad(f)(p);
      hvp(f)(p, g);
      const H = hessian(f)(p);
      const shifted = H.map((row, i) => row.map((x, j) => (i === j ? x + 1e3 : x)));
      for (let r = 0; r < 3; r++) {
        choleskySolve(shifted, g);
        eigh(H);
      }
    }
    const sweep = () => {
      const firstOrder: FirstOrderCostRow[] = [];
      for (const w of [...firstOrderWidths].sort((a, b) => a - b)) {
        const { n, f, p } = network(w);
        const v = new Rng(seed + 1).normalVector(n);
        firstOrder.push({
          width: w,
          n,
          gradientMs: time(() => grad(f)(p)),
          hvpMs: time(() => hvp(f)(p, v)),
        });
      }
      const rows: HessianCostRow[] = [];
      const dampings: number[] = [];
      for (const w of [...widths].sort((a, b) => a - b)) {
        const { n, f, p } = network(w);
        const g = grad(f)(p);
        let H: Float64Array[] = [];
        const hessianMs = time(() => (H = hessian(f)(p)));
        let delta = 0;
        for (const row of H) delta = Math.max(delta, row.reduce((s, x) => s + Math.abs(x), 0));
        const shifted = H.map((row, i) => {
          const r = Float64Array.from(row);
          r[i] += delta;
          return r;
        });
        const solveMs = time(() => choleskySolve(shifted, g));
        const evdMs = n <= evdMaxSize ? time(() => eigh(H)) : null;
        dampings.push(delta);
        rows.push({
          width: w,
          n,
          hessianBytes: H.reduce((s, r) => s + r.byteLength, 0),
          gradientBytes: g.byteLength,
          hessianMs,
          solveMs,
          evdMs,
        });
      }
      return { firstOrder, rows, dampings };
    };
    const { firstOrder, rows, dampings } = sweep();
    for (let r = 1; r < rounds; r++) {
      const again = sweep();
      again.firstOrder.forEach((a, i) => {
        firstOrder[i].gradientMs = Math.min(firstOrder[i].gradientMs, a.gradientMs);
        firstOrder[i].hvpMs = Math.min(firstOrder[i].hvpMs, a.hvpMs);
      });
      again.rows.forEach((a, i) => {
        const row = rows[i];
        row.hessianMs = Math.min(row.hessianMs, a.hessianMs);
        row.solveMs = Math.min(row.solveMs, a.solveMs);
        if (row.evdMs !== null && a.evdMs !== null) row.evdMs = Math.min(row.evdMs, a.evdMs);
      });
    }
    const ns = rows.map((r) => r.n), fo = firstOrder.map((r) => r.n);
    const withEvd = rows.filter((r) => r.evdMs !== null);
    const evd = withEvd.length >= 2
      ? fitPowerLaw(withEvd.map((r) => r.n), withEvd.map((r) => r.evdMs as number))
      : { exponent: NaN, prefactor: NaN, r2: NaN };
    return {
      rows,
      firstOrder,
      dampings,
      fits: {
        memory: fitPowerLaw(ns, rows.map((r) => r.hessianBytes)),
        gradient: fitPowerLaw(fo, firstOrder.map((r) => r.gradientMs)),
        hvp: fitPowerLaw(fo, firstOrder.map((r) => r.hvpMs)),
        hessian: fitPowerLaw(ns, rows.map((r) => r.hessianMs)),
        solve: fitPowerLaw(ns, rows.map((r) => r.solveMs)),
        evd,
      },
    };
  });
}

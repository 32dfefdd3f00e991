/**
 * Does Adam's second moment v_t track the Hessian's diagonal? Adam on the
 * Iris MLP, with v̂_t, the exact diag(H) and the empirical Fisher diagonal
 * compared at checkpoints.
 *
 * @module
 */
import { adam } from "../../lib/optim/adam.ts";
import { empiricalFisherDiagonal } from "../../lib/optim/empiricalFisherDiagonal.ts";
import { memoizeExperiment } from "./_memoizeExperiment.ts";
import { irisMlp } from "./irisMlp.ts";
import { rankCorrelation } from "../../lib/stats/rankCorrelation.ts";

/** Options of {@linkcode adamMomentsVsCurvature}. */
export interface AdamMomentsVsCurvatureOptions {
  /** Hidden widths of the Iris MLP. Default [8] (67 parameters). */
  hidden?: number[];
  /** Mini-batch sizes to compare; 120 (all training samples) is full-batch Adam. Default [8, 120]. */
  batchSizes?: number[];
  /** Seeds (initialization and batch order). Default [1, 2, 3]. */
  seeds?: number[];
  /** Adam's learning rate. Default 0.01 (β₁ = 0.9, β₂ = 0.999, ε = 1e-8). */
  lr?: number;
  /** The steps at which to compare, ascending. Default [10, 30, 100, 300, 1000]. */
  checkpoints?: number[];
}

/** The comparison at one checkpoint of one run. */
export interface MomentCheckpoint {
  /** The mini-batch size. */
  batchSize: number;
  /** The seed. */
  seed: number;
  /** The step t. */
  step: number;
  /** The training loss at x_t. */
  loss: number;
  /** Spearman ρ(v̂_t, diag H(x_t)). */
  rhoVH: number;
  /** Spearman ρ(v̂_t, diag F̂(x_t)) (F̂ the empirical Fisher). */
  rhoVF: number;
  /** Spearman ρ(diag F̂(x_t), diag H(x_t)). */
  rhoFH: number;
  /** How many entries of diag H(x_t) are negative (v̂ ≥ 0 cannot follow those). */
  negativeDiagonal: number;
}

/** The three diagonals at the last checkpoint of one run. */
export interface MomentSnapshot {
  /** The mini-batch size. */
  batchSize: number;
  /** The seed. */
  seed: number;
  /** The step t (the last checkpoint). */
  step: number;
  /** The parameters x_t. */
  x: Float64Array;
  /** Adam's bias-corrected second moment v̂_t. */
  vHat: Float64Array;
  /** The exact Hessian diagonal at x_t. */
  hessianDiagonal: Float64Array;
  /** The empirical Fisher diagonal (1/N) Σᵢ (∇fᵢ)² at x_t. */
  fisherDiagonal: Float64Array;
}

/** Everything {@linkcode adamMomentsVsCurvature} measured. */
export interface AdamMomentsVsCurvature {
  /** The number of parameters n. */
  parameters: number;
  /** The number of training samples N. */
  samples: number;
  /** One row per (batch size, seed, checkpoint). */
  checkpoints: MomentCheckpoint[];
  /** One snapshot per (batch size, seed), at the last checkpoint. */
  final: MomentSnapshot[];
}

/**
 * Train the Iris MLP ({@linkcode irisMlp}) with Adam for each batch size and
 * seed, and at each checkpoint compare three per-parameter vectors by rank
 * correlation: Adam's v̂_t, the exact Hessian diagonal, and the empirical
 * Fisher diagonal (the mean of squared per-sample gradients). Deterministic;
 * results are cached in-process by options (callers must not modify them).
 * Cost: one dense Hessian and N per-sample gradients per checkpoint.
 *
 * @example Two short runs, one checkpoint
 * ```ts
 * import { adamMomentsVsCurvature } from "./adamMomentsVsCurvature.ts";
 * const r = adamMomentsVsCurvature({ seeds: [1], batchSizes: [8, 120], checkpoints: [20] });
 * if (r.checkpoints.length !== 2 || r.final[0].vHat.length !== r.parameters) throw new Error();
 * if (!r.checkpoints.every((c) => Math.abs(c.rhoFH) <= 1)) throw new Error("ρ out of range");
 * ```
 */
export function adamMomentsVsCurvature(
  options: AdamMomentsVsCurvatureOptions = {},
): AdamMomentsVsCurvature {
  const what = "compare Adam's moments with curvature";
  const hidden = options.hidden ?? [8];
  const batchSizes = options.batchSizes ?? [8, 120];
  const seeds = options.seeds ?? [1, 2, 3];
  const lr = options.lr ?? 0.01;
  const checkpoints = options.checkpoints ?? [10, 30, 100, 300, 1000];
  if (
    checkpoints.length === 0 ||
    !checkpoints.every((c, i) =>
      Number.isInteger(c) && c >= 1 && (i === 0 || c > checkpoints[i - 1])
    )
  ) {
    throw new RangeError(`Cannot ${what}: option checkpoints must be ascending positive integers`);
  }
  if (batchSizes.length === 0 || seeds.length === 0) {
    throw new RangeError(`Cannot ${what}: options batchSizes and seeds must be non-empty`);
  }
  return memoizeExperiment(
    "adamMomentsVsCurvature",
    { hidden, batchSizes, seeds, lr, checkpoints },
    () => {
      const problem = irisMlp({ hidden });
      const obj = problem.objective;
      const rows: MomentCheckpoint[] = [];
      const final: MomentSnapshot[] = [];
      for (const batchSize of batchSizes) {
        for (const seed of seeds) {
          const run = adam({ lr, batchSize, seed }).start(obj, problem.init(seed));
          for (const step of checkpoints) {
            while (run.t < step) run.step();
            const vHat = run.vHat();
            const H = obj.hessian(run.x);
            const hessianDiagonal = Float64Array.from(H, (row, i) => row[i]);
            const fisherDiagonal = empiricalFisherDiagonal(obj, run.x);
            rows.push({
              batchSize,
              seed,
              step,
              loss: obj.f(run.x),
              rhoVH: rankCorrelation(vHat, hessianDiagonal),
              rhoVF: rankCorrelation(vHat, fisherDiagonal),
              rhoFH: rankCorrelation(fisherDiagonal, hessianDiagonal),
              negativeDiagonal: hessianDiagonal.filter((h) => h < 0).length,
            });
            if (step === checkpoints[checkpoints.length - 1]) {
              final.push({
                batchSize,
                seed,
                step,
                x: run.x.slice(),
                vHat,
                hessianDiagonal,
                fisherDiagonal,
              });
            }
          }
        }
      }
      return { parameters: obj.size, samples: obj.samples, checkpoints: rows, final };
    },
  );
}

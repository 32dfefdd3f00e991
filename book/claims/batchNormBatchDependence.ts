/**
 * Claim check (Chapter 8): does BatchNorm make an example's curvature
 * depend on the rest of its batch?
 *
 * @module
 */
import { type Claim, type ClaimResult, defineClaim } from "./claim.ts";
import { batchNormBatchDependence as measure } from "../experiments/batchNormBatchDependence.ts";

/**
 * The paper (§8.1): "BatchNorm introduces dependencies on batch statistics,
 * complicating Hessian computation in stochastic settings, as curvature
 * varies with batch composition."
 *
 * The experiment (`batchNormBatchDependence` defaults): Iris example 0 in 5
 * random batches of 16; the logits of example 0 and the exact Hessian of its
 * first logit in the parameters, for a relu network [4, 5, 5, 3] (seed 1,
 * initialization) with and without BatchNorm in train mode. Verdict rule:
 * confirmed if, with BatchNorm, both change by more than 1% between batches
 * while the plain network's are identical (relative change below 10⁻¹²);
 * refuted if neither changes with BatchNorm; qualified otherwise.
 *
 * @example
 * ```ts
 * import { batchNormBatchDependence } from "./batchNormBatchDependence.ts";
 * if (batchNormBatchDependence.id !== "batchnorm-batch-dependence") throw new Error();
 * ```
 */
export const batchNormBatchDependence: Claim = defineClaim({
  id: "batchnorm-batch-dependence",
  chapter: 8,
  statement:
    "BatchNorm introduces dependencies on batch statistics, complicating Hessian computation in stochastic settings, as curvature varies with batch composition",
  expected: "confirmed",
  evaluate(): ClaimResult {
    const r = measure();
    const bnMoves = r.batchnorm.outputChange > 0.01 && r.batchnorm.hessianChange > 0.01;
    const plainFixed = r.plain.outputChange < 1e-12 && r.plain.hessianChange < 1e-12;
    const verdict = bnMoves && plainFixed
      ? "confirmed"
      : r.batchnorm.outputChange <= 0.01 && r.batchnorm.hessianChange <= 0.01
      ? "refuted"
      : "qualified";
    const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
    return {
      verdict,
      numbers: {
        plainOutputChange: r.plain.outputChange,
        plainHessianChange: r.plain.hessianChange,
        batchnormOutputChange: r.batchnorm.outputChange,
        batchnormHessianChange: r.batchnorm.hessianChange,
      },
      summary: `${
        verdict === "confirmed" ? "Yes, exactly." : verdict === "refuted" ? "No." : "In part."
      } The same
Iris flower in ${r.batches} random batches of ${r.batch}: in train mode, BatchNorm changes its logits by up to ${
        pct(r.batchnorm.outputChange)
      } and the Hessian of its first logit in the parameters by up to ${
        pct(r.batchnorm.hessianChange)
      } (Frobenius, relative), depending only on who else is in the batch. Without BatchNorm both are
identical in every batch (relative change ${r.plain.hessianChange}). So "the" Hessian of one
example's loss does not exist for a BatchNorm network: it is a property of the batch.`,
    };
  },
});

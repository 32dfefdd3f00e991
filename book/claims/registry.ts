/**
 * Every claim and erratum of the book, in chapter order, with the page that
 * shows its evidence. Chapter 9 re-evaluates them all.
 *
 * @module
 */
import { convexityNonStrict } from "./convexityNonStrict.ts";
import { pdHessianStrongConvexity } from "./pdHessianStrongConvexity.ts";
import { gdStallsAtSaddle } from "./gdStallsAtSaddle.ts";
import { perturbedGdEscapes } from "./perturbedGdEscapes.ts";
import { newtonNegativeCurvature } from "./newtonNegativeCurvature.ts";
import { saddlesPrevalent } from "./saddlesPrevalent.ts";
import { newtonSign } from "./newtonSign.ts";
import { zeroEigenvalueStalls } from "./zeroEigenvalueStalls.ts";
import { shiftMakesPositiveDefinite } from "./shiftMakesPositiveDefinite.ts";
import { ridgeKappaFormula } from "./ridgeKappaFormula.ts";
import { stepSizeCap } from "./stepSizeCap.ts";
import { largeStepOvershoots } from "./largeStepOvershoots.ts";
import { adamBiasCorrection } from "./adamBiasCorrection.ts";
import { adamFasterInitially } from "./adamFasterInitially.ts";
import { adamInverseCurvature } from "./adamInverseCurvature.ts";
import { adamSecondMomentDiagonal } from "./adamSecondMomentDiagonal.ts";
import { secondOrderStochasticPoor } from "./secondOrderStochasticPoor.ts";
import { table1StepCost } from "./table1StepCost.ts";
import { diagonalLinearCost } from "./diagonalLinearCost.ts";
import { approximationsMissCurvature } from "./approximationsMissCurvature.ts";
import { hessianFreeCg } from "./hessianFreeCg.ts";
import { stochasticHessianNoise } from "./stochasticHessianNoise.ts";
import { reluZeroEigenvalues } from "./reluZeroEigenvalues.ts";
import { reluLossPiecewiseLinear } from "./reluLossPiecewiseLinear.ts";
import { depthWidensSpectrum } from "./depthWidensSpectrum.ts";
import { saturationFlattensSpectrum } from "./saturationFlattensSpectrum.ts";
import { wideFewerZeroEigenvalues } from "./wideFewerZeroEigenvalues.ts";
import { overparameterizationFlatDirections } from "./overparameterizationFlatDirections.ts";
import { residualLowersConditionNumber } from "./residualLowersConditionNumber.ts";
import { batchNormLowersConditionNumber } from "./batchNormLowersConditionNumber.ts";
import { batchNormSmoothsLandscape } from "./batchNormSmoothsLandscape.ts";
import { reluHessianNeedsApproximation } from "./reluHessianNeedsApproximation.ts";
import { edgeOfStability } from "./edgeOfStability.ts";
import { edgeOfStabilityMomentum } from "./edgeOfStabilityMomentum.ts";
import { adamTracksEmpiricalFisher } from "./adamTracksEmpiricalFisher.ts";
import { hessianOutliersPerClass } from "./hessianOutliersPerClass.ts";
import { batchNormSuppressesOutliers } from "./batchNormSuppressesOutliers.ts";
import { adamWinsSparseGradients } from "./adamWinsSparseGradients.ts";
import { adamWinsNonStationary } from "./adamWinsNonStationary.ts";
import { sgdNoiseEscapesSaddles } from "./sgdNoiseEscapesSaddles.ts";
import { adamSmoothingNoisyCurvature } from "./adamSmoothingNoisyCurvature.ts";
import { sigmoidNeedsAdam } from "./sigmoidNeedsAdam.ts";
import { batchNormBatchDependence } from "./batchNormBatchDependence.ts";
import type { Claim, Erratum } from "./claim.ts";
import { CHAPTER_SLUGS } from "../chapters.ts";

export { CHAPTER_SLUGS };

/**
 * Every claim checked in the book, in chapter order: the paper's own
 * statements and, marked `source: "beyond"`, later results the book
 * reproduces beyond the paper.
 */
export const CLAIMS: readonly Claim[] = Object.freeze([
  pdHessianStrongConvexity,
  gdStallsAtSaddle,
  perturbedGdEscapes,
  newtonNegativeCurvature,
  saddlesPrevalent,
  zeroEigenvalueStalls,
  shiftMakesPositiveDefinite,
  ridgeKappaFormula,
  largeStepOvershoots,
  edgeOfStability,
  edgeOfStabilityMomentum,
  adamFasterInitially,
  adamInverseCurvature,
  adamSecondMomentDiagonal,
  adamTracksEmpiricalFisher,
  adamWinsSparseGradients,
  adamWinsNonStationary,
  sgdNoiseEscapesSaddles,
  adamSmoothingNoisyCurvature,
  secondOrderStochasticPoor,
  table1StepCost,
  diagonalLinearCost,
  approximationsMissCurvature,
  hessianFreeCg,
  stochasticHessianNoise,
  reluZeroEigenvalues,
  depthWidensSpectrum,
  saturationFlattensSpectrum,
  wideFewerZeroEigenvalues,
  overparameterizationFlatDirections,
  residualLowersConditionNumber,
  batchNormLowersConditionNumber,
  batchNormSmoothsLandscape,
  batchNormBatchDependence,
  sigmoidNeedsAdam,
  reluHessianNeedsApproximation,
  hessianOutliersPerClass,
  batchNormSuppressesOutliers,
]);

/** Every erratum shown in the book, in chapter order. */
export const ERRATA: readonly Erratum[] = Object.freeze([
  convexityNonStrict,
  newtonSign,
  stepSizeCap,
  adamBiasCorrection,
  reluLossPiecewiseLinear,
]);

/**
 * The link to the evidence of a claim or erratum in the HTML book, e.g.
 * `06-modern-optimizers.html#claim-adam-faster-initially`.
 *
 * @example
 * ```ts
 * import { CLAIMS, evidenceLink } from "./registry.ts";
 * if (!evidenceLink(CLAIMS[0]).includes(".html#claim-")) throw new Error("bad link");
 * ```
 */
export function evidenceLink(item: Claim | Erratum): string {
  const slug = CHAPTER_SLUGS[item.chapter];
  if (!slug) throw new RangeError(`Cannot link ${item.id}: there is no chapter ${item.chapter}`);
  const kind = "evaluate" in item ? "claim" : "erratum";
  return `${slug}.html#${kind}-${item.id}`;
}

/**
 * The experiments behind the chapters: seeded, small, exact studies (escape
 * times, step-size sweeps, optimizer comparisons, spectra of network
 * Hessians, approximation costs). Chapters and claims call them.
 *
 * @module
 */
export * from "./activationPattern.ts";
export * from "./adamMomentsVsCurvature.ts";
export * from "./adamOnDiagonalQuadratic.ts";
export * from "./architectureSweep.ts";
export * from "./batchNormSymmetry.ts";
export * from "./cgSolveStudy.ts";
export * from "./compareVariants.ts";
export * from "./convexityGap.ts";
export * from "./correlatedQuadratic.ts";
export * from "./diagonalEstimateError.ts";
export * from "./escapeTime.ts";
export * from "./escapeTimeSweep.ts";
export * from "./frobeniusCapture.ts";
export * from "./gdEigenModes.ts";
export * from "./gdGrowthRate.ts";
export * from "./hessianCostScaling.ts";
export * from "./illConditionedLeastSquares.ts";
export * from "./inactiveParameters.ts";
export * from "./irisMlp.ts";
export * from "./irisRidgeDesign.ts";
export * from "./lanczosTopK.ts";
export * from "./lineTaylor.ts";
export * from "./lossBands.ts";
export * from "./miniBatchCurvature.ts";
export * from "./networkSpectrum.ts";
export * from "./overshootStep.ts";
export * from "./predictedEscapeTime.ts";
export * from "./randomHessianIndex.ts";
export * from "./reluKink.ts";
export * from "./ridgePath.ts";
export * from "./saturationSweep.ts";
export * from "./sgdVersusAdam.ts";
export * from "./spectrumSummary.ts";
export * from "./stabilityThreshold.ts";
export * from "./stepCostScaling.ts";
export * from "./stochasticNewtonStudy.ts";
export * from "./traceEstimatorStudy.ts";
export * from "./tradeoffTestbed.ts";

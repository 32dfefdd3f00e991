/**
 * Linear algebra for symmetric matrices: validation, eigendecomposition
 * (dense and the closed-form 2×2), trace, determinant, reconstruction,
 * quadratic forms, condition numbers, definiteness and the second-derivative
 * test, Cholesky, and the matrix-free operator interface.
 *
 * @example The paper's saddle x² − y²
 * ```ts
 * import { classifyCriticalPoint, determinant, eigh, trace } from "./mod.ts";
 * const H = [[2, 0], [0, -2]];
 * const { values } = eigh(H);
 * if (values.join() !== "-2,2" || trace(H) !== 0 || determinant(H) !== -4) throw new Error();
 * if (classifyCriticalPoint(H) !== "saddle") throw new Error();
 * ```
 *
 * @module
 */
export * from "./matrix.ts";
export * from "./eigh.ts";
export * from "./operator.ts";
export * from "./eigenvalues2x2.ts";
export * from "./trace.ts";
export * from "./determinant.ts";
export * from "./reconstruct.ts";
export * from "./quadraticForm.ts";
export * from "./conditionNumber.ts";
export * from "./classifyCriticalPoint.ts";
export * from "./definiteness.ts";
export * from "./cholesky.ts";
export * from "./randomOrthogonal.ts";
export * from "./matrixWithSpectrum.ts";

/**
 * Linear algebra for symmetric matrices: validation, eigendecomposition and
 * the matrix-free operator interface.
 *
 * @module
 */
export * from "./matrix.ts";
export * from "./eigh.ts";
export * from "./operator.ts";

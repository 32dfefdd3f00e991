/**
 * The paper's claims and errata, each tested by code. See {@linkcode showVerdict}
 * and the registry ({@linkcode CLAIMS}, {@linkcode ERRATA}).
 *
 * Individual claims are importable by path, e.g.
 * `import { adamSecondMomentDiagonal } from "@hessian/book/claims/adamSecondMomentDiagonal.ts"`.
 *
 * @module
 */
export * from "./claim.ts";
export * from "./registry.ts";

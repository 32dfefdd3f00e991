/**
 * The paper's claims and errata, each tested by code. See {@linkcode showVerdict}.
 *
 * @module
 */
export * from "./claim.ts";

/**
 * The book's evidence: the paper's claims and errata with their verdicts,
 * the registry that chapter 9 re-evaluates, and the chapter list. The
 * experiments behind them are imported by path from `./experiments/`.
 *
 * The library in `lib/` never imports from here.
 *
 * @module
 */
export * from "./claims/mod.ts";
export * from "./chapters.ts";
export * from "./checks.ts";
export * from "./ledger.ts";

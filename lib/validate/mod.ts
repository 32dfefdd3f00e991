/**
 * One way to check input, for every folder of the library: each check
 * takes `what`, the action that fails, and throws `Cannot <what>: <reason>`
 * where the reason names the field and the value it got.
 *
 * - options: {@linkcode numberOption} (with `integer`, `min`, `max`,
 *   `exclusiveMin`, `exclusiveMax`, `infinite`, `default`, `optional`),
 *   {@linkcode choiceOption} and {@linkcode booleanOption} read one field of
 *   an options object;
 * - values: {@linkcode checkNumber}, {@linkcode checkChoice},
 *   {@linkcode checkFunction}, {@linkcode checkIndices};
 * - arrays: {@linkcode toVector} (a checked Float64Array), {@linkcode toRows}
 *   and {@linkcode toFlatMatrix} (a checked matrix);
 * - messages: {@linkcode describe} (a value in a few words) and
 *   {@linkcode formatNumber} (a number in at most 6 significant digits).
 *
 * @example Options of an optimizer, checked in three lines
 * ```ts
 * import { choiceOption, numberOption } from "./mod.ts";
 * function options(o: { lr?: number; steps?: number; mode?: "a" | "b" } = {}) {
 *   const what = "run the demo";
 *   return {
 *     lr: numberOption(o, "lr", { what, min: 0, exclusiveMin: true, default: 0.01 }),
 *     steps: numberOption(o, "steps", { what, integer: true, min: 1, default: 10 }),
 *     mode: choiceOption(o, "mode", { what, values: ["a", "b"], default: "a" }),
 *   };
 * }
 * if (options({ steps: 3 }).steps !== 3) throw new Error();
 * let msg = "";
 * try { options({ steps: 2.5 }); } catch (e) { msg = (e as Error).message; }
 * if (msg !== "Cannot run the demo: option steps must be a positive integer, got 2.5") throw new Error(msg);
 * ```
 *
 * @module
 */
export * from "./describe.ts";
export * from "./formatNumber.ts";
export * from "./checkNumber.ts";
export * from "./numberOption.ts";
export * from "./checkChoice.ts";
export * from "./choiceOption.ts";
export * from "./booleanOption.ts";
export * from "./checkFunction.ts";
export * from "./checkIndices.ts";
export * from "./toVector.ts";
export * from "./toFlatMatrix.ts";
export * from "./toRows.ts";

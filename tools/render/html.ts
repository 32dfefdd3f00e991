/**
 * HTML escaping, shared by the renderer's modules: the library's
 * `escapeHtml` (`lib/display.ts`).
 *
 * @module
 */
export { escapeHtml } from "../../lib/display.ts";

/**
 * HTML escaping, shared by the renderer's modules.
 *
 * @module
 */

/** Escape text for HTML (also inside double-quoted attributes). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

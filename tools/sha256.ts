/**
 * The SHA-256 hex digest the build tools use for cache keys and stamps.
 *
 * @module
 */

/**
 * The SHA-256 digest of `data` (a string is hashed as UTF-8), as 64
 * lowercase hex digits.
 *
 * @example
 * ```ts
 * import { sha256 } from "./sha256.ts";
 * const h = await sha256("abc");
 * if (!h.startsWith("ba7816bf8f01cfea")) throw new Error(h);
 * ```
 */
export async function sha256(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const h = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return Array.from(new Uint8Array(h), (b) => b.toString(16).padStart(2, "0")).join("");
}

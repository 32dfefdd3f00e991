/**
 * Explorables in the built site.
 *
 * Executed notebooks carry, after each explorable's fallback, a
 * `<script data-hx-explorable-bundle>` with a bundle of its module (so the
 * classic notebook runs it live). The site does not need those copies: it
 * removes them and loads one bundle of every module under book/explorables/
 * (`assets/explorables.js`, a classic script, so it works from `file://`),
 * only on the pages that have an explorable.
 *
 * The bundle is cached in .cache/explorables/ under the hash of everything
 * it can depend on (lib/, book/, deno.json, deno.lock, the Deno version), so
 * an unchanged build does not bundle again and writes the same bytes.
 *
 * @module
 */
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleExplorables } from "../../lib/figure/bundleExplorables.ts";
import { ROOT, writeFileAtomic } from "../project.ts";

/** Where the bundle goes in the site. */
export const BUNDLE_ASSET = "assets/explorables.js";

const INLINE = /<script data-hx-explorable-bundle="[^"]*">[\s\S]*?<\/script>/g;
const ID = /\bdata-explorable="([^"]*)"/g;

/** The explorable modules: book/explorables/*.ts, except helpers (_*.ts) and tests. */
export function explorableModules(root = ROOT): string[] {
  const dir = join(root, "book", "explorables");
  let names: string[] = [];
  try {
    names = [...Deno.readDirSync(dir)].filter((e) =>
      e.isFile && e.name.endsWith(".ts") && !e.name.startsWith("_") && !e.name.endsWith(".test.ts")
    ).map((e) => e.name).sort();
  } catch { /* no explorables */ }
  return names.map((n) => join(dir, n));
}

/** Remove the notebooks' inlined bundles from rendered HTML. */
export function stripInlineBundles(html: string): string {
  return html.replace(INLINE, "");
}

/** The explorable ids a page uses, in order of appearance. */
export function explorableIds(html: string): string[] {
  return [...html.matchAll(ID)].map((m) => m[1]);
}

/** Add the bundle's script tag to a full page that has an explorable (else return it as is). */
export function withBundle(page: string): string {
  if (explorableIds(page).length === 0) return page;
  return page.replace("</head>", `<script src="${BUNDLE_ASSET}" defer></script>\n</head>`);
}

/**
 * The ids every explorable module defines, by importing the modules (the
 * same code the bundle registers). Errors name the module.
 */
export async function definedExplorables(root = ROOT): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const file of explorableModules(root)) {
    const mod = await import(pathToFileURL(file).href) as Record<string, unknown>;
    for (const v of Object.values(mod)) {
      if (
        v && typeof v === "object" && typeof (v as { id?: unknown }).id === "string" &&
        typeof (v as { render?: unknown }).render === "function"
      ) {
        const id = (v as { id: string }).id;
        const other = ids.get(id);
        if (other && other !== relative(root, file)) {
          throw new Error(
            `Cannot bundle explorables: id "${id}" is defined in both ${other} and ${
              relative(root, file)
            }`,
          );
        }
        ids.set(id, relative(root, file));
      }
    }
  }
  return ids;
}

/**
 * The site bundle of every explorable module, from the cache when `key` (a
 * hash of lib/, book/, deno.json, deno.lock and the Deno version) is there.
 */
export function siteBundle(key: string, root = ROOT): { js: string; cached: boolean } {
  const cache = join(root, ".cache", "explorables", `${key.slice(0, 24)}.js`);
  try {
    return { js: Deno.readTextFileSync(cache), cached: true };
  } catch { /* miss */ }
  const modules = explorableModules(root);
  if (modules.length === 0) {
    throw new Error("Cannot bundle explorables: book/explorables/ has no modules");
  }
  const js = bundleExplorables(modules, { config: join(root, "deno.json") });
  Deno.mkdirSync(join(root, ".cache", "explorables"), { recursive: true });
  for (const e of Deno.readDirSync(join(root, ".cache", "explorables"))) {
    try {
      Deno.removeSync(join(root, ".cache", "explorables", e.name));
    } catch { /* raced with another build */ }
  }
  writeFileAtomic(cache, js);
  return { js, cached: false };
}

/**
 * Bundle explorable modules for the browser with `deno bundle` (esbuild
 * inside Deno): the modules, the library code they import, Observable Plot
 * and the explorables' runtime, as one minified classic script (an IIFE) that
 * registers every explorable of the modules and mounts the ones on the page.
 *
 * A classic script, not a module script, because browsers refuse module
 * scripts from `file://`. The output is deterministic for the same inputs and
 * Deno version, and it names no external URL.
 *
 * Deno only (it runs a subprocess); the kernel and the book's build call it,
 * the browser never does.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Options of {@linkcode bundleExplorables}. */
export interface BundleExplorablesOptions {
  /**
   * The deno.json whose import map resolves the modules' bare specifiers.
   * Default: the nearest deno.json above the first module.
   */
  config?: string;
  /** Minify. Default true. */
  minify?: boolean;
}

/** The nearest deno.json or deno.jsonc in `dir` or above it, or undefined. */
function findConfig(dir: string): string | undefined {
  for (let d = dir;;) {
    for (const name of ["deno.json", "deno.jsonc"]) {
      try {
        if (Deno.statSync(join(d, name)).isFile) return join(d, name);
      } catch { /* not here */ }
    }
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

function path(url: string): string {
  return url.startsWith("file:") ? fileURLToPath(url) : url;
}

/**
 * Make the script text safe inside an HTML `<script>` element: no `</script`
 * and no `<!--` can end or confuse the element. Both only occur in strings,
 * regular expressions or comments of minified code, where `<\/` and `<\!`
 * mean the same characters.
 *
 * @example
 * ```ts
 * import { inlineSafe } from "./bundleExplorables.ts";
 * const s = inlineSafe('x="</script><!--"');
 * if (s !== 'x="<\\/script><\\!--"') throw new Error(s);
 * ```
 */
export function inlineSafe(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/**
 * Bundle the given explorable modules (file URLs or paths) into one browser
 * script. Running it registers each module's explorables and mounts them.
 *
 * Errors: `Cannot bundle explorables: …` with the bundler's message when a
 * module cannot be resolved or `deno bundle` fails.
 *
 * @example A module bundled with the runtime and Plot into one script
 * ```ts
 * import { bundleExplorables } from "./bundleExplorables.ts";
 * const js = bundleExplorables([new URL("./explorable.ts", import.meta.url).href]);
 * if (!js.startsWith("(()=>{") || /<\/script/i.test(js)) throw new Error(js.slice(0, 40));
 * ```
 */
export function bundleExplorables(
  modules: readonly string[],
  options: BundleExplorablesOptions = {},
): string {
  const what = "bundle explorables";
  if (!Array.isArray(modules) || modules.length === 0) {
    throw new TypeError(`Cannot ${what}: give at least one module`);
  }
  const files = modules.map(path);
  for (const f of files) {
    try {
      Deno.statSync(f);
    } catch {
      throw new Error(`Cannot ${what}: module ${f} does not exist`);
    }
  }
  const config = options.config ?? findConfig(dirname(files[0]));
  const runtime = new URL("./explorableRuntime.ts", import.meta.url).href;
  const entry = [
    `import { mountWhenReady, registerModule } from ${JSON.stringify(runtime)};`,
    ...files.map((f, i) => `import * as m${i} from ${JSON.stringify(pathToFileURL(f).href)};`),
    ...files.map((_, i) => `registerModule(m${i});`),
    `mountWhenReady();`,
    "",
  ].join("\n");
  const dir = Deno.makeTempDirSync({ prefix: "hx-bundle-" });
  try {
    const entryFile = join(dir, "entry.ts"), out = join(dir, "bundle.js");
    Deno.writeTextFileSync(entryFile, entry);
    const args = [
      "bundle",
      "--quiet",
      "--platform",
      "browser",
      "--format",
      "iife",
      ...(options.minify ?? true ? ["--minify"] : []),
      ...(config ? ["--config", config] : ["--no-config"]),
      "-o",
      out,
      entryFile,
    ];
    const r = new Deno.Command(Deno.execPath(), {
      args,
      cwd: config ? dirname(config) : dir,
      env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
    if (!r.success) {
      const err = new TextDecoder().decode(r.stderr).trim().split("\n").slice(-12).join("\n");
      throw new Error(`Cannot ${what}: deno bundle failed:\n${err}`);
    }
    return inlineSafe(Deno.readTextFileSync(out));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

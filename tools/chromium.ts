/**
 * The headless Chromium that the build's tools (`deno task pdf`, `deno task
 * screenshot`), the browser tests and the benchmarks drive, launched one way:
 * the executable is `$CHROMIUM` or `/usr/bin/chromium` (Debian's apt package),
 * with no sandbox (CI runs as root), no GPU and no background network.
 *
 * @example
 * ```ts ignore
 * import { withChromium } from "./chromium.ts";
 * const title = await withChromium({ offline: true }, async (ctx) => {
 *   const page = await ctx.newPage();
 *   await page.goto("file:///tmp/index.html");
 *   return await page.title();
 * });
 * ```
 *
 * @module
 */
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type LaunchOptions,
  type Page,
  type Request,
} from "playwright-core";

/** Where Chromium is: `$CHROMIUM`, else `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return Deno.env.get("CHROMIUM") ?? "/usr/bin/chromium";
}

/** Command-line switches for a quiet headless Chromium that runs as root and never phones home. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Launch a headless browser (one process for many contexts, as the browser tests use it). */
export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS],
    ...options,
  });
}

/** Options of {@linkcode withChromium}: a browser context's options, plus the executable. */
export interface ChromiumContextOptions extends BrowserContextOptions {
  /** The Chromium to run. Default: {@linkcode chromiumPath}(). */
  executablePath?: string;
}

/**
 * Run `fn` in a fresh headless Chromium with its own temporary profile, then
 * close the browser and remove the profile, whether `fn` returns or throws.
 */
export async function withChromium<T>(
  options: ChromiumContextOptions,
  fn: (context: BrowserContext) => Promise<T>,
): Promise<T> {
  const { executablePath, ...contextOptions } = options;
  const profile = await Deno.makeTempDir({ prefix: "chromium-" });
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: executablePath ?? chromiumPath(),
      headless: true,
      args: [...CHROMIUM_ARGS],
      ...contextOptions,
    });
    try {
      return await fn(context);
    } finally {
      await context.close();
    }
  } finally {
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}

/**
 * What to report of a failed request: "failed to load URL (reason)", or
 * `undefined` for a load the browser abandoned because the page navigated
 * away (`net::ERR_ABORTED`, e.g. the favicon during a reload), which is not a
 * missing or broken file.
 */
export function loadFailure(request: Request): string | undefined {
  const why = request.failure()?.errorText ?? "unknown reason";
  return why === "net::ERR_ABORTED" ? undefined : `failed to load ${request.url()} (${why})`;
}

/**
 * Record what goes wrong on a page from now on: console errors, uncaught
 * errors, failed loads ({@linkcode loadFailure}), requests to a URL that
 * `allowed` does not match, and HTTP responses of 400 and above. The returned
 * list fills as the page runs; a clean page leaves it empty.
 */
export function watchPage(
  page: Page,
  options: { allowed?: RegExp } = {},
): string[] {
  const allowed = options.allowed ?? /^(file|data|about):/;
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e}`));
  page.on("request", (r) => {
    if (!allowed.test(r.url())) problems.push(`request to ${r.url()}`);
  });
  page.on("requestfailed", (r) => {
    const failure = loadFailure(r);
    if (failure) problems.push(failure);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  return problems;
}

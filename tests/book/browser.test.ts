/**
 * Every page of the built site opened from file:// in headless Chromium:
 * no console errors, KaTeX fonts loaded, no horizontal overflow on a phone,
 * and screenshots (light, dark, phone) in test-output/screenshots/.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { siteHandler } from "../../tools/serve.ts";
import { OUT, pages, SITE, site } from "./_site.ts";

const CHROMIUM = Deno.env.get("CHROMIUM") ?? "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

async function launch(
  options: { width: number; height: number; dark?: boolean; offline?: boolean },
) {
  const dir = await Deno.makeTempDir({ prefix: "chromium-" });
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: options.width, height: options.height },
    colorScheme: options.dark ? "dark" : "light",
    offline: options.offline ?? true,
  });
  return {
    ctx,
    close: async () => {
      await ctx.close();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

Deno.test("browser: every page from file:// has no console errors, loads KaTeX fonts, and is screenshot", async () => {
  await site();
  const shots = join(OUT, "screenshots");
  Deno.mkdirSync(shots, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    const b = await launch({ width: 1200, height: 900, dark: scheme === "dark" });
    try {
      for (const p of pages()) {
        const page = await b.ctx.newPage();
        const errors: string[] = [];
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text());
        });
        page.on("pageerror", (e) => errors.push(String(e)));
        page.on("requestfailed", (r) => errors.push(`failed to load ${r.url()}`));
        await page.goto(`file://${join(SITE, p)}`, { waitUntil: "load" });
        const fonts = await page.evaluate(async () => {
          await document.fonts.ready;
          const katex = [...document.fonts].filter((f) =>
            f.family.replace(/"/g, "").startsWith("KaTeX")
          );
          return {
            math: document.querySelectorAll(".katex").length,
            loaded: katex.filter((f) => f.status === "loaded").map((f) => f.family),
            failed: katex.filter((f) => f.status === "error").map((f) => f.family),
            main: document.fonts.check('16px "KaTeX_Main"'),
          };
        });
        assert.deepEqual(errors, [], `${p} (${scheme}): console errors`);
        assert.deepEqual(fonts.failed, [], `${p}: KaTeX fonts failed to load`);
        if (fonts.math > 0) {
          assert.ok(
            fonts.loaded.length > 0 && fonts.main,
            `${p}: KaTeX fonts not loaded (${fonts.math} formulas)`,
          );
        }
        // Full pages in light; the first screen in dark (full-page captures of long pages are slow).
        await page.screenshot({
          path: join(shots, `${p.replace(".html", "")}-${scheme}.png`),
          fullPage: scheme === "light",
        });
        await page.close();
      }
    } finally {
      await b.close();
    }
  }
});

Deno.test("browser: pages fit a phone-width screen without sideways scrolling", async () => {
  await site();
  const b = await launch({ width: 390, height: 844 });
  try {
    for (const p of pages()) {
      const page = await b.ctx.newPage();
      await page.goto(`file://${join(SITE, p)}`);
      const overflow = await page.evaluate(() =>
        document.documentElement.scrollWidth - globalThis.innerWidth
      );
      assert.ok(overflow <= 1, `${p}: page is ${overflow}px wider than a 390px screen`);
      await page.screenshot({
        path: join(OUT, "screenshots", `${p.replace(".html", "")}-phone.png`),
      });
      await page.close();
    }
  } finally {
    await b.close();
  }
});

Deno.test("browser: the site works from deno task serve's handler too", async () => {
  await site();
  const ac = new AbortController();
  const server = Deno.serve({
    port: 0,
    hostname: "127.0.0.1",
    signal: ac.signal,
    onListen: () => {},
  }, siteHandler(SITE));
  const b = await launch({ width: 1000, height: 800, offline: false });
  try {
    const page = await b.ctx.newPage();
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("requestfailed", (r) => errors.push(`failed to load ${r.url()}`));
    page.on(
      "response",
      (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()} for ${r.url()}`),
    );
    const first = pages().find((p) => p !== "index.html")!;
    await page.goto(`http://127.0.0.1:${server.addr.port}/${first}`);
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === "loaded").length;
    });
    assert.deepEqual(errors, []);
    assert.ok(loaded > 0);
  } finally {
    await b.close();
    ac.abort();
    await server.finished;
  }
});

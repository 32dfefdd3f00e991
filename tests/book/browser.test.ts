/**
 * The built site opened from file:// in headless Chromium (one browser for the whole file):
 * every page in light and dark with no console errors, no request other than file://, KaTeX
 * fonts loaded and axe-core clean; a 390 px phone (no sideways scrolling, figure labels of at
 * least 11 px, scroll cues on wide content, the page contents reachable); search; the theme
 * toggle; cross-references; the current section in the page contents; copy buttons; the API
 * reference. Screenshots (light, dark, phone) go to test-output/screenshots/.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, watchPage } from "../../tools/chromium.ts";
import { ROOT } from "../../tools/project.ts";
import { siteHandler } from "../../tools/serve.ts";
import { chapterPages, OUT, pages, SITE, site } from "./_site.ts";

const SHOTS = join(OUT, "screenshots");
const AXE = Deno.readTextFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"));

// One browser for every test in this file; each test opens its own context.
let shared: Promise<Browser> | undefined;
function browser(): Promise<Browser> {
  shared ??= launchChromium();
  return shared;
}
// The browser outlives single tests, so the resource and op sanitizers are off for them.
function test(name: string, fn: () => Promise<void>) {
  Deno.test({ name, fn, sanitizeResources: false, sanitizeOps: false });
}

async function context(
  options: { width?: number; height?: number; dark?: boolean; offline?: boolean } = {},
): Promise<BrowserContext> {
  return (await browser()).newContext({
    viewport: { width: options.width ?? 1200, height: options.height ?? 900 },
    colorScheme: options.dark ? "dark" : "light",
    offline: options.offline ?? true,
  });
}

/** Open a page of the site, recording console errors and every request that is not file://. */
async function open(ctx: BrowserContext, file: string) {
  const page = await ctx.newPage();
  const errors = watchPage(page);
  await page.goto(`file://${join(SITE, file)}`, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return { page, errors };
}

/** axe-core's serious and critical violations on the page (all rules, or the named ones). */
async function axe(page: Page, rules?: string[]): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return await page.evaluate(async (only) => {
    // deno-lint-ignore no-explicit-any
    const a = (globalThis as any).axe;
    const r = await a.run(document, {
      resultTypes: ["violations"],
      // axe would fetch the stylesheets again, which file:// forbids (a console error).
      preload: false,
      ...(only ? { runOnly: { type: "rule", values: only } } : {}),
    });
    // deno-lint-ignore no-explicit-any
    return r.violations.filter((v: any) => v.impact === "serious" || v.impact === "critical")
      // deno-lint-ignore no-explicit-any
      .flatMap((v: any) =>
        // deno-lint-ignore no-explicit-any
        v.nodes.slice(0, 3).map((n: any) =>
          `${v.impact} ${v.id}: ${n.target.join(" ")} (${(n.failureSummary ?? "").slice(0, 160)})`
        )
      );
  }, rules ?? null);
}

const allPages = () => pages(); // index, chapters, references

test("browser: every page in light and dark: no console errors, only file:// requests, KaTeX fonts, axe-core clean", async () => {
  await site();
  Deno.mkdirSync(SHOTS, { recursive: true });
  const t0 = performance.now();
  // The two themes run side by side, one tab each.
  await Promise.all((["light", "dark"] as const).map(async (scheme) => {
    const ctx = await context({ dark: scheme === "dark" });
    try {
      for (const p of allPages()) {
        const { page, errors } = await open(ctx, p);
        const fonts = await page.evaluate(() => {
          const katex = [...document.fonts].filter((f) =>
            f.family.replace(/"/g, "").startsWith("KaTeX")
          );
          return {
            math: document.querySelectorAll(".katex").length,
            loaded: katex.filter((f) => f.status === "loaded").length,
            failed: katex.filter((f) => f.status === "error").map((f) => f.family),
            main: document.fonts.check('16px "KaTeX_Main"'),
          };
        });
        assert.deepEqual(fonts.failed, [], `${p}: KaTeX fonts failed to load`);
        if (fonts.math > 0) assert.ok(fonts.loaded > 0 && fonts.main, `${p}: KaTeX fonts`);
        // Everything in light; in dark, the rules that depend on colour.
        const violations = await axe(
          page,
          scheme === "dark" ? ["color-contrast", "link-in-text-block"] : undefined,
        );
        assert.deepEqual(violations, [], `${p} (${scheme}): axe-core`);
        assert.deepEqual(errors, [], `${p} (${scheme}): console errors or outside requests`);
        // Full pages in light; the first screen in dark (full captures of long pages are slow).
        await page.screenshot({
          path: join(SHOTS, `${p.replace(".html", "")}-${scheme}.png`),
          fullPage: scheme === "light",
        });
        await page.close();
      }
    } finally {
      await ctx.close();
    }
  }));
  console.log(
    `${allPages().length} pages × 2 themes in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
});

test("browser: on a 390 px phone, figures have labels of at least 11 px, wide content shows a scroll cue, the page contents open from a button", async () => {
  await site();
  const ctx = await context({ width: 390, height: 844 });
  const sizes: number[] = [];
  let figures = 0, scrollers = 0;
  try {
    for (const p of allPages()) {
      const { page, errors } = await open(ctx, p);
      const overflow = await page.evaluate(() =>
        document.documentElement.scrollWidth - globalThis.innerWidth
      );
      assert.ok(overflow <= 1, `${p}: page is ${overflow}px wider than a 390px screen`);
      // Every text of every figure as the reader sees it: font size times the SVG's scale.
      const figs = await page.evaluate(() =>
        // Static figures and live explorables; a fallback hidden by its live version is skipped.
        [...document.querySelectorAll(".hx-figure, .hx-explorable-live")].filter((fig) =>
          fig.getBoundingClientRect().width > 0
        ).map((fig) => {
          const shown = [...fig.querySelectorAll("svg")].filter((s) =>
            s.getBoundingClientRect().width > 0
          );
          const texts = shown.flatMap((svg) =>
            [...svg.querySelectorAll("text")].filter((t) => (t.textContent ?? "").trim()).map(
              (t) => {
                const ctm = (t as SVGGraphicsElement).getScreenCTM()!;
                return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
              },
            )
          );
          const legends = [
            ...fig.querySelectorAll('[class$="-swatches"] span, [class*="-swatches "] span'),
          ]
            .filter((s) => s.getBoundingClientRect().width > 0 && (s.textContent ?? "").trim())
            .map((s) => parseFloat(getComputedStyle(s).fontSize));
          const wide = fig.querySelector(".hx-fig-wide");
          return {
            id: fig.id,
            narrowShown: !wide || getComputedStyle(wide).display === "none",
            sizes: [...texts, ...legends],
          };
        })
      );
      for (const f of figs) {
        assert.ok(f.narrowShown, `${p}#${f.id}: the wide plot is shown on a phone`);
        assert.ok(f.sizes.length > 0, `${p}#${f.id}: no labels found`);
        const min = Math.min(...f.sizes);
        assert.ok(min >= 11, `${p}#${f.id}: a label is ${min.toFixed(1)} px on a 390 px screen`);
        sizes.push(min);
        figures++;
      }
      // Wide content: a shadow on the side with more, a cue, keyboard focus.
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll(".hx-scrollable")].map((el) => ({
          over: el.scrollWidth - el.clientWidth,
          cue: el.nextElementSibling?.classList.contains("hx-scroll-cue") &&
            (el.nextElementSibling as HTMLElement).offsetHeight > 0,
          shadow: getComputedStyle(el).boxShadow,
          tabindex: el.getAttribute("tabindex"),
        }))
      );
      const unmarked = await page.evaluate(() =>
        [...document.querySelectorAll(
          ".hx-main pre, .hx-main table, .hx-math:not(.hx-eq), .hx-eq > .katex-display, .hx-output, .hx-fig-narrow",
        )]
          .filter((el) =>
            el.scrollWidth - el.clientWidth > 1 && !el.classList.contains("hx-scrollable") &&
            getComputedStyle(el).overflowX !== "visible"
          ).length
      );
      assert.equal(unmarked, 0, `${p}: wide content without a scroll cue`);
      for (const w of wide) {
        assert.ok(w.over > 1 && w.cue && w.tabindex === "0", `${p}: ${JSON.stringify(w)}`);
        assert.notEqual(w.shadow, "none", `${p}: no shadow on wide content`);
        scrollers++;
      }
      if (/^\d\d-/.test(p)) {
        // The page contents: hidden, then opened from the button that stays on screen.
        assert.equal(await page.locator("#hx-toc").isVisible(), false, `${p}: contents open`);
        await page.evaluate(() => globalThis.scrollTo(0, document.body.scrollHeight / 2));
        const button = page.locator(".hx-toc-toggle");
        assert.ok(await button.isVisible(), `${p}: no contents button mid-page`);
        await button.click();
        const link = page.locator("#hx-toc a").nth(1);
        assert.ok(await link.isVisible(), `${p}: the contents did not open`);
        assert.equal(await button.getAttribute("aria-expanded"), "true");
        const href = await link.getAttribute("href");
        await link.click();
        await page.waitForTimeout(100);
        assert.ok(page.url().endsWith(href!), `${p}: the contents link went to ${page.url()}`);
        assert.equal(await page.locator("#hx-toc").isVisible(), false, "the drawer closes");
        await page.evaluate(() => globalThis.scrollTo(0, 0));
      }
      await page.screenshot({ path: join(SHOTS, `${p.replace(".html", "")}-phone.png`) });
      assert.deepEqual(errors, [], `${p} (phone): console errors`);
      await page.close();
    }
  } finally {
    await ctx.close();
  }
  console.log(
    `phone: ${figures} figures, smallest label ${Math.min(...sizes).toFixed(1)} px, ` +
      `median of the per-figure minimum ${
        sizes.sort((a, b) => a - b)[sizes.length >> 1].toFixed(1)
      } px; ` +
      `${scrollers} wide elements with scroll cues`,
  );
  assert.ok(figures >= 40);
});

test("browser: search works from file:// with the keyboard", async () => {
  await site();
  const ctx = await context();
  try {
    const start = chapterPages()[0];
    const { page, errors } = await open(ctx, start);
    const input = page.locator("#hx-search-input");
    await input.fill("ridge kappa");
    await page.waitForSelector(".hx-search-hit");
    const hits = await page.locator(".hx-search-hit").evaluateAll((as) =>
      as.map((a) => a.getAttribute("href"))
    );
    assert.ok(hits.some((h) => h!.endsWith("#eq-ridge-kappa")), `hits: ${hits}`);
    assert.ok(hits.some((h) => h!.endsWith("#fig-ridge-kappa")), `hits: ${hits}`);
    assert.match((await page.locator("#hx-search-status").textContent())!, /^\d+ results? for/);
    // Arrow keys move through the results; Escape closes them and returns to the box.
    await input.press("ArrowDown");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("href")), hits[0]);
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("href")), hits[1]);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Escape");
    assert.equal(await page.locator("#hx-search-results").isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "hx-search-input");
    // Claims and headings are searchable too; nonsense finds nothing.
    await input.fill("saddle points prevalent");
    await page.waitForSelector(".hx-search-hit");
    const kinds = await page.locator(".hx-hit-kind").allTextContents();
    assert.ok(kinds.includes("Claim"), `kinds: ${kinds}`);
    await input.fill("qqqzzzxxyy");
    await page.waitForSelector(".hx-search-empty");
    // Enter opens the first result.
    await input.fill("Hutch++");
    await page.waitForSelector(".hx-search-hit");
    const first = await page.locator(".hx-search-hit").first().getAttribute("href");
    await input.press("Enter");
    await page.waitForURL((u) => u.toString().endsWith(first!));
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

test("browser: the theme toggle overrides the system setting and persists across reloads and pages", async () => {
  await site();
  const [a, b] = chapterPages();
  for (const system of ["light", "dark"] as const) {
    const ctx = await context({ dark: system === "dark" });
    try {
      const { page, errors } = await open(ctx, a);
      const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const dark = "rgb(21, 23, 27)", light = "rgb(255, 255, 255)";
      assert.equal(await bg(), system === "dark" ? dark : light);
      const other = system === "dark" ? "light" : "dark";
      await page.click(".hx-theme-toggle");
      assert.equal(await page.getAttribute("html", "data-theme"), other);
      assert.equal(await bg(), other === "dark" ? dark : light);
      assert.equal(
        await page.getAttribute(".hx-theme-toggle", "aria-pressed"),
        String(other === "dark"),
      );
      await page.reload();
      assert.equal(await bg(), other === "dark" ? dark : light, "after a reload");
      await page.goto(`file://${join(SITE, b)}`);
      assert.equal(await bg(), other === "dark" ? dark : light, "on another page");
      assert.deepEqual(errors, []);
    } finally {
      await ctx.close();
    }
  }
});

test("browser: cross-references, citations and page contents lead to existing elements", async () => {
  await site();
  const ctx = await context();
  try {
    const ids = new Map<string, Set<string>>();
    const pagesWithLinks: [string, string[]][] = [];
    for (const p of allPages()) {
      const { page } = await open(ctx, p);
      ids.set(
        p,
        new Set(await page.evaluate(() => [...document.querySelectorAll("[id]")].map((e) => e.id))),
      );
      pagesWithLinks.push([
        p,
        await page.evaluate(() =>
          [
            ...document.querySelectorAll(
              'a.hx-xref, a.hx-cite-ref, a[href*="#fig-"], a[href*="#eq-"], a[href*="#ex-"], a[href*="#ref-"], .hx-toc a',
            ),
          ].map((a) => a.getAttribute("href")!)
        ),
      ]);
      await page.close();
    }
    let n = 0;
    for (const [p, hrefs] of pagesWithLinks) {
      for (const href of hrefs) {
        const [path, hash] = href.split("#");
        const target = path || p;
        assert.ok(ids.get(target)?.has(hash), `${p}: ${href} leads nowhere`);
        n++;
      }
    }
    assert.ok(n > 100, `only ${n} links checked`);
    // Following a reference to another chapter lands on the figure, in view.
    const from = chapterPages().find((p) => p.startsWith("05-"))!;
    const { page } = await open(ctx, from);
    const link = page.locator('a.hx-xref[href^="01-"]').first();
    const href = (await link.getAttribute("href"))!;
    await link.click();
    await page.waitForURL((u) => u.toString().endsWith(href));
    const box = await page.locator(`#${href.split("#")[1]}`).boundingBox();
    assert.ok(
      box && box.y >= 0 && box.y < 900,
      `the target is not in view: ${JSON.stringify(box)}`,
    );
  } finally {
    await ctx.close();
  }
});

test("browser: the page contents highlight the section being read", async () => {
  await site();
  const ctx = await context();
  try {
    const { page } = await open(ctx, chapterPages()[1]);
    const ids = await page.locator("#hx-toc a").evaluateAll((as) =>
      as.map((a) => a.getAttribute("href")!.slice(1))
    );
    for (const id of [ids[2], ids[0], ids[ids.length - 2]]) {
      await page.evaluate((i) => document.getElementById(i)!.scrollIntoView(), id);
      await page.waitForTimeout(120);
      const current = await page.locator('#hx-toc a[aria-current="location"]').evaluateAll((as) =>
        as.map((a) => a.getAttribute("href"))
      );
      assert.deepEqual(current, [`#${id}`]);
    }
  } finally {
    await ctx.close();
  }
});

test("browser: a copy button puts the code on the clipboard", async () => {
  await site();
  const ctx = await context();
  try {
    await ctx.grantPermissions(["clipboard-read", "clipboard-write"]);
    const { page, errors } = await open(ctx, chapterPages()[0]);
    const copies = await page.locator(".hx-copy").count();
    const blocks = await page.locator("pre.hx-code").count();
    assert.equal(copies, blocks);
    // The first code cell that is open in the default view (setup and fold cells are collapsed).
    const cell = ".hx-code-cell:not(.hx-setup):not(.hx-fold):not(.hx-hide)";
    await page.locator(`${cell} .hx-copy`).first().click();
    await page.waitForFunction(
      (sel) => document.querySelector(`${sel} .hx-copy`)!.textContent !== "Copy",
      cell,
    );
    assert.equal(await page.locator(`${cell} .hx-copy`).first().textContent(), "Copied");
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    const code = await page.locator(`${cell} pre.hx-code`).first().textContent();
    assert.equal(clip, code!.replace(/\n$/, ""));
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

test("browser: the API reference opens from file://", async () => {
  await site();
  const ctx = await context();
  try {
    const { page, errors } = await open(ctx, "api/index.html");
    const modules = await page.locator('#entry-points a[href$="/index.html"]').count();
    assert.ok(modules >= 10, `${modules} module links`);
    await page.goto(`file://${join(SITE, "api", "spectra", "index.html")}`);
    assert.match(await page.title(), /spectra/);
    assert.ok(await page.locator("text=lanczos").first().isVisible());
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

test("browser: the site works from deno task serve's handler too", async () => {
  await site();
  const ac = new AbortController();
  const server = Deno.serve({
    port: 0,
    hostname: "127.0.0.1",
    signal: ac.signal,
    onListen: () => {},
  }, siteHandler(SITE));
  const ctx = await context({ width: 1000, height: 800, offline: false });
  try {
    const page = await ctx.newPage();
    const errors = watchPage(page, { allowed: /^(http:\/\/127\.0\.0\.1:\d+\/|data:|about:)/ });
    await page.goto(`http://127.0.0.1:${server.addr.port}/${chapterPages()[0]}`);
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === "loaded").length;
    });
    await page.fill("#hx-search-input", "Hessian");
    await page.waitForSelector(".hx-search-hit");
    assert.deepEqual(errors, []);
    assert.ok(loaded > 0);
  } finally {
    await ctx.close();
    ac.abort();
    await server.finished;
  }
});

test("browser: close", async () => {
  if (shared) await (await shared).close();
  shared = undefined;
});

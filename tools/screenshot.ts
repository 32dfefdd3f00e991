/**
 * `deno task screenshot PAGE OUT.png [--width N] [--dark] [--selector CSS]`:
 * open a page of the built site in headless Chromium and save a screenshot
 * (the full page, or the first element matching the selector). Console
 * errors are printed. Chromium: $CHROMIUM or /usr/bin/chromium.
 *
 * @module
 */
import { resolve } from "node:path";
import { chromium } from "playwright-core";

if (import.meta.main) {
  const args = [...Deno.args];
  let width = 1200, dark = false, selector = "";
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--width") width = Number(args[++i]);
    else if (args[i] === "--dark") dark = true;
    else if (args[i] === "--selector") selector = args[++i];
    else files.push(args[i]);
  }
  if (files.length !== 2) {
    console.error(
      "Cannot take a screenshot: usage PAGE OUT.png [--width N] [--dark] [--selector CSS]",
    );
    Deno.exit(2);
  }
  const [page, out] = files;
  const url = /^[a-z]+:\/\//.test(page) ? page : `file://${resolve(page)}`;
  const dir = await Deno.makeTempDir({ prefix: "chromium-" });
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: Deno.env.get("CHROMIUM") ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width, height: 900 },
    colorScheme: dark ? "dark" : "light",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const p = await ctx.newPage();
    p.on("console", (m) => m.type() === "error" && console.error(`console error: ${m.text()}`));
    await p.goto(url);
    if (selector) await p.locator(selector).first().screenshot({ path: out });
    else await p.screenshot({ path: out, fullPage: true });
    console.log(`wrote ${out}`);
  } finally {
    await ctx.close();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

import { chromium } from "playwright-core";
const [url, out, w, scheme, selector] = Deno.args;
const dir = await Deno.makeTempDir();
const ctx = await chromium.launchPersistentContext(dir, {
  executablePath: "/usr/bin/chromium", headless: true, viewport: { width: Number(w ?? 1200), height: 900 },
  colorScheme: (scheme ?? "light") as "light" | "dark",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await ctx.newPage();
page.on("console", (m) => { if (m.type() === "error") console.log("console error:", m.text()); });
await page.goto(url);
if (selector) await page.locator(selector).first().screenshot({ path: out });
else await page.screenshot({ path: out, fullPage: true });
await ctx.close();

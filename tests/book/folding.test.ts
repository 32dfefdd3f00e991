/**
 * Cell options in the built book, in headless Chromium from file://: on every chapter page the
 * visible code takes at most 25% of the page's height in the default view (setup and fold cells
 * collapsed), a folded cell opens with the keyboard and shows its code, and a hidden cell shows
 * only its output.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { launchChromium } from "../../tools/chromium.ts";
import { codeShare } from "./_codeShare.ts";
import { chapterPages, SITE, site } from "./_site.ts";

const MAX_SHARE = 0.25;

Deno.test({
  name: "folding: visible code is at most 25% of each chapter page; folds open and close",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await site();
    const browser = await launchChromium();
    try {
      const ctx = await browser.newContext({
        viewport: { width: 1200, height: 900 },
        offline: true,
      });
      const chapters = chapterPages();
      assert.ok(chapters.length >= 9, `chapter pages: ${chapters.join(", ")}`);
      const report: string[] = [];
      const over: string[] = [];
      for (const file of chapters) {
        const page = await ctx.newPage();
        await page.goto(`file://${join(SITE, file)}`, { waitUntil: "load" });
        const s = await codeShare(page);
        const line = `${file}: ${(100 * s.share).toFixed(1)}% (${
          Math.round(s.code)
        } of ${s.page} px, ${s.openCells}/${s.cells} cells open)`;
        report.push(line);
        if (s.share > MAX_SHARE) over.push(line);
        await page.close();
      }
      console.log(report.join("\n"));
      assert.deepEqual(over, [], `visible code above ${100 * MAX_SHARE}% of the page`);

      // Folded and unfolded views, by keyboard, in chapter 2.
      const page = await ctx.newPage();
      await page.goto(`file://${join(SITE, chapters[1])}`, { waitUntil: "load" });
      const before = await codeShare(page);
      const fold = page.locator(".hx-code-cell.hx-fold").first();
      const summary = fold.locator("summary");
      assert.match((await summary.textContent()) ?? "", /^code \d+ lines?$/);
      const code = fold.locator("pre.hx-code");
      assert.equal(await code.isVisible(), false, "a fold cell's code is hidden at first");
      await summary.focus();
      await page.keyboard.press("Enter");
      assert.equal(await code.isVisible(), true, "Enter on the summary shows the code");
      assert.ok(((await code.textContent()) ?? "").trim().length > 0);
      const after = await codeShare(page);
      assert.ok(after.code > before.code, "the opened code counts as visible code");
      assert.equal(after.openCells, before.openCells + 1);
      await page.keyboard.press("Enter");
      assert.equal(await code.isVisible(), false, "Enter again folds it");
      // Setup cells: collapsed under "imports".
      const setup = page.locator(".hx-code-cell.hx-setup").first();
      assert.match((await setup.locator("summary").textContent()) ?? "", /^imports \d+ lines$/);
      assert.equal(await setup.locator("pre.hx-code").isVisible(), false);
      // Cells without options stay open.
      const open = page.locator(".hx-code-cell:not(.hx-fold):not(.hx-setup):not(.hx-hide)").first();
      assert.equal(await open.locator("pre.hx-code").isVisible(), true);
      // Hide cells (where a chapter uses them) have outputs and no code.
      for (const file of chapters) {
        await page.goto(`file://${join(SITE, file)}`, { waitUntil: "load" });
        assert.equal(await page.locator(".hx-code-cell.hx-hide pre.hx-code").count(), 0, file);
      }
    } finally {
      await browser.close();
    }
  },
});

/**
 * Explorables in the built site, opened from file:// in headless Chromium
 * with the network off: the fallback SVG is in the HTML, the live version
 * replaces it, every control changes the numbers shown, and the numbers
 * shown for two non-default settings equal the library's in Deno to 1e-12
 * relative. Every page: no console error and no request to anything but
 * file://.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { watchPage, withChromium } from "../../tools/chromium.ts";
import type { Explorable, Params } from "../../lib/figure/explorable.ts";
import { exactValue } from "../../lib/figure/explorable.ts";
import { explorableModules } from "../../tools/render/explorables.ts";
import { pages, SITE, site } from "./_site.ts";
import { edgeOfStabilityProblem } from "../../book/experiments/edgeOfStabilityRuns.ts";
import { trackSharpness } from "../../lib/optim/trackSharpness.ts";

async function definitions(): Promise<Map<string, Explorable>> {
  const defs = new Map<string, Explorable>();
  for (const file of explorableModules()) {
    const mod = await import(pathToFileURL(file).href) as Record<string, unknown>;
    for (const v of Object.values(mod)) {
      const e = v as Explorable;
      if (e && typeof e === "object" && typeof e.view === "function") defs.set(e.id, e);
    }
  }
  return defs;
}

async function withBrowser(
  fn: (page: Page, problems: string[]) => Promise<void>,
  view: { width?: number; dark?: boolean; reducedMotion?: boolean } = {},
) {
  const options = {
    viewport: { width: view.width ?? 1100, height: 900 },
    colorScheme: view.dark ? "dark" as const : "light" as const,
    reducedMotion: view.reducedMotion ? "reduce" as const : "no-preference" as const,
    offline: true,
  };
  await withChromium(options, async (ctx) => {
    const page = await ctx.newPage();
    const problems = watchPage(page, { allowed: /^file:/ });
    await fn(page, problems);
  });
}

/** Where each explorable is: page file → ids. */
function explorablePages(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of pages()) {
    const html = Deno.readTextFileSync(join(SITE, p));
    const ids = [...html.matchAll(/\bdata-explorable="([^"]+)"/g)].map((m) => m[1]);
    if (ids.length) out.set(p, ids);
  }
  return out;
}

const live = (id: string) => `[data-explorable="${id}"] .hx-explorable-live`;

/** The numbers the page shows in full ("All digits" table), checked against the rounded ones. */
async function shown(page: Page, id: string): Promise<Record<string, string>> {
  return await page.evaluate((sel) => {
    const root = document.querySelector(sel)!;
    const out: Record<string, string> = {};
    for (const td of root.querySelectorAll<HTMLElement>(".hx-digits td[data-key]")) {
      const key = td.dataset.key!;
      const output = root.querySelector<HTMLElement>(`output[data-key="${key}"]`);
      if (output?.dataset.value !== td.textContent) {
        throw new Error(`${key}: data-value ${output?.dataset.value} ≠ shown ${td.textContent}`);
      }
      out[key] = td.textContent!;
    }
    return out;
  }, live(id));
}

/** The parameters the page shows: slider outputs, checkboxes and selects. */
async function shownParams(page: Page, id: string, def: Explorable): Promise<Params> {
  const raw = await page.evaluate((sel) => {
    const root = document.querySelector(sel)!;
    const out: Record<string, string | boolean> = {};
    for (const o of root.querySelectorAll<HTMLElement>("output[data-param]")) {
      out[o.dataset.param!] = o.dataset.value!;
    }
    for (const i of root.querySelectorAll<HTMLInputElement>("input[type=checkbox]")) {
      out[i.name] = i.checked;
    }
    for (const s of root.querySelectorAll<HTMLSelectElement>("select")) out[s.name] = s.value;
    return out;
  }, live(id));
  const p: Params = {};
  for (const c of def.controls) {
    if (c.type === "point") p[c.name] = [Number(raw[`${c.name}.x`]), Number(raw[`${c.name}.y`])];
    else if (c.type === "range") p[c.name] = Number(raw[c.name]);
    else p[c.name] = raw[c.name] as string | boolean;
  }
  return p;
}

/** Set controls as a reader would (slider positions in the slider's own units). */
async function setControls(page: Page, id: string, def: Explorable, values: Params) {
  for (const c of def.controls) {
    if (!(c.name in values)) continue;
    const v = values[c.name];
    const sel = live(id);
    if (c.type === "toggle") {
      const box = page.locator(`${sel} input[name="${c.name}"]`);
      if ((await box.isChecked()) !== v) await box.click();
    } else if (c.type === "select") {
      await page.locator(`${sel} select[name="${c.name}"]`).selectOption(String(v));
    } else {
      const inputs: [string, number][] = c.type === "point"
        ? [[`${c.name}.x`, (v as readonly number[])[0]], [
          `${c.name}.y`,
          (v as readonly number[])[1],
        ]]
        : [[c.name, c.scale === "log" ? Math.log10(v as number) : v as number]];
      for (const [name, position] of inputs) {
        await page.evaluate(({ sel, name, position }) => {
          const input = document.querySelector<HTMLInputElement>(`${sel} input[name="${name}"]`)!;
          input.value = String(position);
          input.dispatchEvent(new Event("input", { bubbles: true }));
        }, { sel, name, position });
      }
    }
  }
}

function assertMatches(
  page: Record<string, string>,
  deno: Explorable,
  params: Params,
  what: string,
  units?: number,
) {
  const view = deno.view(params, units);
  assert.deepEqual(Object.keys(page).sort(), view.readouts.map((r) => r.key).sort(), what);
  let compared = 0;
  for (const r of view.readouts) {
    const text = page[r.key];
    if (typeof r.value === "number" && Number.isFinite(r.value)) {
      const x = Number(text);
      const tol = 1e-12 * Math.max(Math.abs(x), Math.abs(r.value));
      assert.ok(
        Math.abs(x - r.value) <= tol,
        `${what}, ${r.key}: page shows ${text}, Deno computes ${r.value}`,
      );
      compared++;
    } else {
      assert.equal(text, exactValue(r.value), `${what}, ${r.key}`);
    }
  }
  assert.ok(compared > 0, `${what}: no number compared`);
}

/** The page shows the parameters that were set (to rounding of 10^position on log sliders). */
function assertShows(params: Params, setting: Params, id: string) {
  for (const [k, v] of Object.entries(setting)) {
    const got = params[k];
    assert.ok(
      Array.isArray(v)
        ? (got as readonly number[]).every((x, i) => Math.abs(x - v[i]) < 1e-12)
        : typeof v === "number"
        ? Math.abs((got as number) - v) <= 1e-12 * Math.abs(v)
        : got === v,
      `${id}: ${k} shows ${got}, set ${v}`,
    );
  }
}

/** Two non-default settings per explorable (the chunked lab is tested separately). */
const SETTINGS: Record<string, Params[]> = {
  "hessian-2x2": [{ a: -1, b: 0.5, c: 2 }, { a: 1.5, b: -2.25, c: 0.35 }],
  "saddle-escape": [
    { noise: 1e-3, lr: 0.2, seed: 7, start: [0.5, 0.05] },
    { noise: 10 ** -9.5, lr: 0.05, seed: 23, start: [-0.3, 0] },
  ],
  "ridge-lambda": [{ lambda: 10 ** 0.5, design: "plain" }, { lambda: 10 ** -3.25 }],
  "step-size": [{ lr: 0.3, steps: 100 }, { lr: 0.55, steps: 40 }],
  "adam-steps": [
    { lr: 0.01, beta1: 0.5, beta2: 0.99, epsilon: 1e-4, steps: 50, biasCorrection: false },
    { lr: 10 ** -0.5, beta1: 0, beta2: 0.9999, epsilon: 1e-12, steps: 300 },
  ],
};

Deno.test("explorables: every page has zero console errors and requests only file://", async () => {
  await site();
  await withBrowser(async (page, problems) => {
    for (const p of pages()) {
      await page.goto(pathToFileURL(join(SITE, p)).href, { waitUntil: "load" });
      await page.waitForTimeout(50);
    }
    assert.deepEqual(problems, []);
  });
});

Deno.test("explorables: each has a fallback SVG, goes live, reacts to every control, and matches Deno to 1e-12", async (t) => {
  await site();
  const defs = await definitions();
  const where = explorablePages();
  const all = [...where.values()].flat();
  for (const id of Object.keys(SETTINGS)) assert.ok(all.includes(id), `${id} is on no page`);
  for (const [file, ids] of where) {
    // The fallback, in the HTML as written: an SVG inside the explorable's fallback figure.
    const html = Deno.readTextFileSync(join(SITE, file));
    for (const id of ids) {
      const at = html.indexOf(`data-explorable="${id}"`);
      const block = html.slice(at, html.indexOf("</figcaption>", at));
      assert.match(
        block,
        /<figure class="hx-figure hx-explorable-fallback"[^>]*>[\s\S]*<svg[^>]*role="img"/,
        `${file}: ${id} has no fallback SVG`,
      );
      assert.ok(!block.includes("<script"), `${file}: ${id} still inlines its bundle`);
    }
    await withBrowser(async (page, problems) => {
      await page.goto(pathToFileURL(join(SITE, file)).href, { waitUntil: "load" });
      for (const id of ids) {
        const def = defs.get(id);
        assert.ok(def, `${id} is not defined under book/explorables/`);
        await t.step(`${id} (${file})`, async () => {
          const container = `[data-explorable="${id}"]`;
          await page.waitForSelector(`${container}[data-live] .hx-explorable-live svg`);
          assert.equal(
            await page.locator(`${container} .hx-explorable-fallback`).isHidden(),
            true,
            "the fallback is hidden once live",
          );
          if (def.isChunked) return; // the labs have their own tests below
          // Every control, operated from the keyboard, changes the numbers shown.
          for (const c of def.controls) {
            const names = c.type === "point" ? [`${c.name}.x`, `${c.name}.y`] : [c.name];
            for (const name of names) {
              const before = await shown(page, id);
              const control = page.locator(`${live(id)} [name="${name}"]`);
              await control.focus();
              if (c.type === "toggle") await page.keyboard.press("Space");
              else if (c.type === "select") await page.keyboard.press("ArrowDown");
              else {
                const atMin = await control.evaluate((i) =>
                  (i as HTMLInputElement).value === (i as HTMLInputElement).min
                );
                await page.keyboard.press(atMin ? "End" : "Home");
              }
              const after = await shown(page, id);
              assert.notDeepEqual(after, before, `${id}: moving ${name} changed no number`);
            }
          }
          // Two non-default settings: what the page shows equals Deno's numbers.
          for (const setting of SETTINGS[id]) {
            await setControls(page, id, def, setting);
            const params = await shownParams(page, id, def);
            assertShows(params, setting, id);
            assertMatches(await shown(page, id), def, params, `${id} at ${JSON.stringify(params)}`);
          }
        });
      }
      assert.deepEqual(problems, [], `${file}: console errors or requests`);
    });
  }
});

Deno.test("explorables: the chunked escape-time lab runs, pauses, resets and matches Deno", async () => {
  await site();
  const defs = await definitions();
  const id = "escape-time-distribution";
  const def = defs.get(id)!;
  const file = [...explorablePages()].find(([, ids]) => ids.includes(id))?.[0];
  assert.ok(file, "the lab is on no page");
  await withBrowser(async (page, problems) => {
    await page.goto(pathToFileURL(join(SITE, file)).href, { waitUntil: "load" });
    const container = `[data-explorable="${id}"]`;
    await page.waitForSelector(`${container}[data-live]`);
    assert.equal((await shown(page, id)).done, "0", "live starts before the first run");
    for (
      const setting of [{ noise: 1e-9, lr: 0.2, runs: 300 }, { noise: 1e-3, lr: 0.07, runs: 500 }]
    ) {
      await setControls(page, id, def, setting);
      const params = await shownParams(page, id, def);
      assertShows(params, setting, id);
      await page.click(`${live(id)} button[data-action="start"]`);
      await page.waitForSelector(`${container}[data-done="${setting.runs}"]`, { timeout: 60_000 });
      assert.equal(
        await page.locator(`${live(id)} progress`).evaluate((p) =>
          (p as HTMLProgressElement).value
        ),
        setting.runs,
      );
      assertMatches(await shown(page, id), def, params, `${id} at ${JSON.stringify(params)}`);
    }
    // Pause part-way: the shown numbers are those of the runs done so far.
    await setControls(page, id, def, { runs: 20000 });
    await page.click(`${live(id)} button[data-action="start"]`);
    await page.waitForFunction(
      (sel) => Number(document.querySelector<HTMLElement>(sel)?.dataset.done) > 200,
      container,
    );
    await page.click(`${live(id)} button[data-action="pause"]`);
    const partial = await shown(page, id);
    const done = Number(partial.done);
    assert.ok(done > 200 && done < 20000, `paused after ${done} runs`);
    assertMatches(partial, def, await shownParams(page, id, def), `${id} paused`, done);
    await page.click(`${live(id)} button[data-action="reset"]`);
    assert.equal((await shown(page, id)).done, "0", "reset");
    assert.deepEqual(problems, []);
  });
});

/** The sharpness trace the page shows in its data table: rows of [t, λmax, loss] as text. */
async function shownTrace(page: Page, id: string): Promise<string[][]> {
  return await page.evaluate((sel) => {
    const table = document.querySelector(`${sel} details[data-table="sharpness-trace"]`)!;
    const rows = [...table.querySelectorAll("tbody tr")].map((tr) =>
      ["t", "sharpness", "loss"].map((c) =>
        tr.querySelector<HTMLElement>(`td[data-col="${c}"]`)!.textContent!
      )
    );
    if (Number(table.getAttribute("data-rows")) !== rows.length) throw new Error("data-rows");
    return rows;
  }, live(id));
}

/** The page's trace equals the library's, run in Deno on the same inputs, to 1e-9 relative. */
function assertTrace(
  shownRows: string[][],
  lr: number,
  steps: number,
  every: number,
  what: string,
) {
  const { objective, x0 } = edgeOfStabilityProblem();
  const want = trackSharpness(objective, x0, { lr, steps, every, lanczos: { seed: 1 } });
  assert.ok(shownRows.length > 1, `${what}: only ${shownRows.length} rows`);
  assert.ok(shownRows.length <= want.sharpness.length, `${what}: more rows than Deno`);
  shownRows.forEach(([t, s, loss], i) => {
    assert.equal(Number(t), want.sharpnessSteps[i], `${what}: row ${i} step`);
    for (
      const [text, value, name] of [[s, want.sharpness[i], "λmax"], [
        loss,
        want.loss[Number(t)],
        "loss",
      ]] as const
    ) {
      const x = Number(text);
      assert.ok(
        Math.abs(x - value) <= 1e-9 * Math.abs(value),
        `${what}, step ${t}: the page shows ${name} = ${text}, Deno computes ${value}`,
      );
    }
  });
}

Deno.test("explorables: the edge-of-stability lab trains in the page and records the library's sharpness trace", async () => {
  await site();
  const defs = await definitions();
  const id = "edge-of-stability";
  const def = defs.get(id)!;
  assert.ok(def, "the lab is not defined under book/explorables/");
  const file = [...explorablePages()].find(([, ids]) => ids.includes(id))?.[0];
  assert.ok(file, "the lab is on no page");
  // The fallback is the section's η = 0.1 run: a full data table in the HTML as written.
  const html = Deno.readTextFileSync(join(SITE, file));
  const at = html.indexOf(`data-explorable="${id}"`);
  const block = html.slice(at, html.indexOf("</figcaption>", at));
  assert.match(
    block,
    /<figure class="hx-figure hx-explorable-fallback"[^>]*>[\s\S]*<svg[^>]*role="img"/,
  );
  const fallback = html.slice(at, html.indexOf("hx-explorable-note", at));
  assert.match(fallback, /<details class="hx-data" data-table="sharpness-trace" data-rows="71">/);
  await withBrowser(async (page, problems) => {
    await page.goto(pathToFileURL(join(SITE, file)).href, { waitUntil: "load" });
    const container = `[data-explorable="${id}"]`;
    await page.waitForSelector(`${container}[data-live] .hx-explorable-live svg`);
    assert.equal(await page.locator(`${container} .hx-explorable-fallback`).isHidden(), true);
    // Live, before Start: step 0 and one measurement, at t = 0.
    let numbers = await shown(page, id);
    assert.equal(numbers.step, "0");
    assert.equal((await shownTrace(page, id)).length, 1);
    // The step size is a labelled slider, operable from the keyboard; moving it changes the numbers.
    const slider = page.locator(`${live(id)} input[name="lr"]`);
    assert.equal(await slider.getAttribute("type"), "range");
    const labelFor = await page.locator(
      `${live(id)} label[for="${await slider.getAttribute("id")}"]`,
    )
      .textContent();
    assert.match(labelFor ?? "", /step size η/);
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    const after = await shown(page, id);
    assert.notDeepEqual(after, numbers, "moving η changed no number");
    assert.equal((await shownParams(page, id, def)).lr, 0.11);
    assert.ok(Math.abs(Number(after.threshold) - 2 / 0.11) <= 1e-15 * 20, after.threshold);
    // Two runs to the end at non-default settings: the recorded trace is the library's.
    for (
      const setting of [{ lr: 0.13, steps: 600, every: 30 }, { lr: 0.3, steps: 500, every: 10 }]
    ) {
      await setControls(page, id, def, setting);
      const params = await shownParams(page, id, def);
      assertShows(params, setting, id);
      await page.click(`${live(id)} button[data-action="start"]`);
      await page.waitForSelector(`${container}[data-done="${setting.steps}"]`, {
        timeout: 120_000,
      });
      const rows = await shownTrace(page, id);
      assert.equal(Number(rows.at(-1)![0]), setting.steps, "measured at the last step");
      assertTrace(
        rows,
        setting.lr,
        setting.steps,
        setting.every,
        `${id} at ${JSON.stringify(setting)}`,
      );
      assertMatches(await shown(page, id), def, params, `${id} at ${JSON.stringify(params)}`);
    }
    // Pause part-way: the trace so far is the start of the library's trace.
    const long = { lr: 0.2, steps: 3000, every: 20 };
    await setControls(page, id, def, long);
    await page.click(`${live(id)} button[data-action="start"]`);
    await page.waitForFunction(
      (sel) => Number(document.querySelector<HTMLElement>(sel)?.dataset.done) > 300,
      container,
    );
    await page.click(`${live(id)} button[data-action="pause"]`);
    numbers = await shown(page, id);
    const done = Number(numbers.step);
    assert.ok(done > 300 && done < long.steps, `paused after ${done} steps`);
    assert.equal(
      await page.locator(`${live(id)} progress`).evaluate((p) => (p as HTMLProgressElement).value),
      done,
    );
    assertTrace(
      await shownTrace(page, id),
      long.lr,
      long.steps,
      long.every,
      `${id} paused at ${done}`,
    );
    assertMatches(numbers, def, await shownParams(page, id, def), `${id} paused`, done);
    await page.click(`${live(id)} button[data-action="reset"]`);
    assert.equal((await shown(page, id)).step, "0", "reset");
    assert.equal((await shownTrace(page, id)).length, 1, "reset clears the trace");
    assert.deepEqual(problems, []);
  });
});

Deno.test("explorables: the edge-of-stability lab with reduced motion and the dark theme", async () => {
  await site();
  const id = "edge-of-stability";
  const file = [...explorablePages()].find(([, ids]) => ids.includes(id))?.[0];
  assert.ok(file, "the lab is on no page");
  await withBrowser(async (page, problems) => {
    await page.goto(pathToFileURL(join(SITE, file)).href, { waitUntil: "load" });
    const container = `[data-explorable="${id}"]`;
    await page.waitForSelector(`${container}[data-live] .hx-explorable-live svg`);
    const svgs = () =>
      page.locator(`${live(id)} .hx-explorable-plots svg[role="img"]`).evaluateAll((s) =>
        s.map((e) => e.getAttribute("aria-label"))
      );
    await page.evaluate((sel) => {
      const input = document.querySelector<HTMLInputElement>(`${sel} input[name="steps"]`)!;
      input.value = "2000";
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }, live(id));
    const before = await svgs();
    assert.equal(before.length, 2, "two plots: sharpness and loss");
    await page.click(`${live(id)} button[data-action="start"]`);
    await page.waitForFunction(
      (sel) => Number(document.querySelector<HTMLElement>(sel)?.dataset.done) > 600,
      container,
    );
    // Under reduced motion the plots are not redrawn while running (the numbers are).
    assert.notEqual((await shown(page, id)).step, "0", "the numbers follow the run");
    assert.deepEqual(await svgs(), before, "no redraw while running under reduced motion");
    await page.waitForTimeout(300);
    assert.deepEqual(await svgs(), before, "still no redraw");
    await page.click(`${live(id)} button[data-action="pause"]`);
    await page.waitForFunction(
      ([sel, old]) =>
        document.querySelector(`${sel} .hx-explorable-plots svg[role="img"]`)?.getAttribute(
          "aria-label",
        ) !== old,
      [live(id), before[0]] as const,
    );
    // The dark theme: the lab's panel follows the page's colours.
    const colors = await page.locator(`${container} .hx-explorable-live`).evaluate((e) => {
      const s = getComputedStyle(e);
      return { fg: s.color, bg: getComputedStyle(document.body).backgroundColor };
    });
    assert.notEqual(colors.fg, colors.bg);
    const luminance = (rgb: string) =>
      rgb.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
    assert.ok(luminance(colors.fg) > 128, `light text in the dark theme: ${colors.fg}`);
    assert.deepEqual(problems, []);
  }, { dark: true, reducedMotion: true });
});

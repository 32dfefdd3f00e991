/**
 * `deno task bench:explorables`: the explorables in headless Chromium against Deno.
 *
 * - the site bundle's size (raw and gzip);
 * - per explorable and control: the time from a slider change to the numbers shown, and to the
 *   plots drawn too (the runtime's own timings, median of N changes after a warm-up);
 * - the chunked escape-time lab: runs per second in Chromium (Start to done) against the same
 *   runs in Deno;
 * - the edge-of-stability lab: training steps per second and the time of one sharpness evaluation
 *   (warm-started as in the lab, and cold) in Chromium against Deno (`./_eosBrowser.ts`, the same
 *   code in both, bundled into the bench page only), and the lab's default run (3500 steps, λmax
 *   every 50) from Start to done in Chromium against the same run in Deno.
 *
 * The page is a file:// page with every explorable's fallback and the bundle, as in the book.
 * Prints a Markdown table. Usage: deno task bench:explorables [--changes N] [--runs N]
 *
 * @module
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleExplorables } from "../lib/figure/bundleExplorables.ts";
import type { Explorable } from "../lib/figure/explorable.ts";
import { showExplorable } from "../lib/figure/showExplorable.ts";
import { median } from "../lib/stats/median.ts";
import { launchChromium } from "../tools/chromium.ts";
import { explorableModules } from "../tools/render/explorables.ts";
import { ROOT } from "../tools/project.ts";
import { type EosBenchmark, eosBenchmark } from "./_eosBrowser.ts";

const arg = (name: string, fallback: number) => {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Number(Deno.args[i + 1]) : fallback;
};
const changes = arg("--changes", 40);
const labRuns = arg("--runs", 5000);

const defs: Explorable[] = [];
for (const file of explorableModules()) {
  const mod = await import(pathToFileURL(file).href) as Record<string, unknown>;
  for (const v of Object.values(mod)) {
    if (v && typeof (v as Explorable).view === "function") defs.push(v as Explorable);
  }
}
const js = bundleExplorables(explorableModules(), { config: join(ROOT, "deno.json") });
// The page's bundle also carries the EoS bench function (not part of the site's bundle).
const benchJs = bundleExplorables(
  [...explorableModules(), new URL("./_eosBrowser.ts", import.meta.url).href],
  { config: join(ROOT, "deno.json") },
);
const gz = new Uint8Array(
  await new Response(new Blob([js]).stream().pipeThrough(new CompressionStream("gzip")))
    .arrayBuffer(),
);
const dir = await Deno.makeTempDir({ prefix: "bench-explorables-" });
Deno.writeTextFileSync(join(dir, "explorables.js"), benchJs);
Deno.writeTextFileSync(
  join(dir, "index.html"),
  `<!doctype html><html><head><meta charset="utf-8"><script src="explorables.js" defer></script></head><body>${
    defs.map((d) => showExplorable(d, { inline: false }).html).join("\n")
  }</body></html>`,
);

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, offline: true });
await page.goto(pathToFileURL(join(dir, "index.html")).href);
await page.waitForFunction(
  (n) => document.querySelectorAll("[data-live]").length === n,
  defs.length,
);

const rows: string[] = [];
for (const d of defs) {
  if (d.isChunked) continue;
  for (const c of d.controls) {
    if (c.type !== "range") continue;
    const t = await page.evaluate(async ({ id, name, n }) => {
      const input = document.querySelector<HTMLInputElement>(
        `[data-explorable="${id}"] .hx-explorable-live input[name="${name}"]`,
      )!;
      const reg = (globalThis as unknown as Record<symbol, { timings: unknown[] }>)[
        Symbol.for("hessian.explorables")
      ];
      const lo = Number(input.min), hi = Number(input.max), start = input.value;
      const out: { numbers: number; plots: number }[] = [];
      const frame = () =>
        new Promise((r) => requestAnimationFrame(() => setTimeout(() => setTimeout(r, 0), 0)));
      for (let k = 0; k < n + 5; k++) {
        input.value = String(lo + ((hi - lo) * ((k * 7) % 11)) / 10);
        input.dispatchEvent(new Event("input", { bubbles: true }));
        const last = reg.timings[reg.timings.length - 1] as { numbers: number; plots: number };
        await frame();
        if (k >= 5) out.push(last); // after a warm-up
      }
      input.value = start;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      return out;
    }, { id: d.id, name: c.name, n: changes });
    rows.push(
      `| ${d.id} | ${c.name} | ${median(t.map((x) => x.numbers)).toFixed(2)} | ${
        median(t.map((x) => x.plots)).toFixed(2)
      } | ${Math.max(...t.map((x) => x.numbers)).toFixed(2)} |`,
    );
  }
}

// The chunked lab: runs per second in Chromium and in Deno.
const lab = defs.find((d) => d.id === "escape-time-distribution")!;
const chromiumSeconds = await page.evaluate(async ({ id, runs }) => {
  const root = document.querySelector(`[data-explorable="${id}"]`) as HTMLElement;
  const input = root.querySelector<HTMLInputElement>('input[name="runs"]')!;
  input.max = String(Math.max(Number(input.max), runs));
  input.value = String(runs);
  input.dispatchEvent(new Event("input", { bubbles: true }));
  const t0 = performance.now();
  root.querySelector<HTMLButtonElement>('button[data-action="start"]')!.click();
  while (root.dataset.done !== String(runs)) await new Promise((r) => setTimeout(r, 20));
  return (performance.now() - t0) / 1000;
}, { id: lab.id, runs: labRuns });
const c = lab.chunked!;
const params = lab.params();
const denoTimes: number[] = [];
for (let rep = 0; rep < 3; rep++) {
  const t0 = performance.now();
  const state = c.init(params);
  for (let i = 0; i < labRuns; i++) c.step(state, i, params);
  c.result(state, labRuns, params);
  denoTimes.push((performance.now() - t0) / 1000);
}
// The edge-of-stability lab: the same measurement in the page and in Deno, alternating, 3 each.
const eosPage: EosBenchmark[] = [], eosDeno: EosBenchmark[] = [];
for (let rep = 0; rep < 3; rep++) {
  eosPage.push(
    await page.evaluate(() =>
      (globalThis as unknown as { hxEosBench: () => EosBenchmark }).hxEosBench()
    ),
  );
  eosDeno.push(eosBenchmark());
}
// Its default run from Start to done in the page (slices, progress, redraws), and in Deno.
const eos = defs.find((d) => d.id === "edge-of-stability")!;
const eosLabSeconds = await page.evaluate(async (id) => {
  const root = document.querySelector(`[data-explorable="${id}"]`) as HTMLElement;
  root.querySelector<HTMLButtonElement>('button[data-action="reset"]')!.click();
  const total = root.querySelector("progress")!.max;
  const t0 = performance.now();
  root.querySelector<HTMLButtonElement>('button[data-action="start"]')!.click();
  while (root.dataset.done !== String(total)) await new Promise((r) => setTimeout(r, 20));
  return (performance.now() - t0) / 1000;
}, eos.id);
const eosDenoLab: number[] = [];
for (let rep = 0; rep < 3; rep++) {
  const t0 = performance.now();
  eos.view();
  eosDenoLab.push((performance.now() - t0) / 1000);
}
await browser.close();
await Deno.remove(dir, { recursive: true });

console.log(
  `Bundle (site, ${defs.length} explorables): ${(js.length / 1024).toFixed(0)} KiB, ${
    (gz.length / 1024).toFixed(0)
  } KiB gzip\n`,
);
console.log(
  `| explorable | control | numbers, median ms | plots (next frame), median ms | numbers, worst ms |`,
);
console.log(`| --- | --- | --- | --- | --- |`);
for (const r of rows) console.log(r);
const deno = median(denoTimes);
console.log(
  `\nEscape-time lab, ${labRuns} runs (σ = ${params.noise}, α = ${params.lr}): Chromium ${
    (labRuns / chromiumSeconds).toFixed(0)
  } runs/s (${chromiumSeconds.toFixed(2)} s, in slices with redraws), Deno ${
    (labRuns / deno).toFixed(0)
  } runs/s (${deno.toFixed(2)} s, median of 3); ratio ${(deno / chromiumSeconds).toFixed(2)}`,
);

const med = (xs: EosBenchmark[], k: keyof EosBenchmark) => median(xs.map((x) => x[k]));
if (eosPage.some((p, i) => p.lambda !== eosDeno[i].lambda)) {
  console.log(`WARNING: λmax differs between Chromium and Deno`);
}
const eosDenoMedian = median(eosDenoLab);
console.log(
  `\nEdge-of-stability lab (701 parameters, η = 0.1; medians of 3, alternating):\n\n` +
    `| | Chromium | Deno | Chromium / Deno |\n| --- | --- | --- | --- |\n` +
    [
      ["training steps per second", "stepsPerSecond", 0],
      ["one sharpness evaluation, warm start, ms", "warmMs", 2],
      ["one sharpness evaluation, cold start, ms", "coldMs", 2],
    ].map(([label, k, d]) => {
      const a = med(eosPage, k as keyof EosBenchmark), b = med(eosDeno, k as keyof EosBenchmark);
      return `| ${label} | ${a.toFixed(d as number)} | ${b.toFixed(d as number)} | ${
        (a / b).toFixed(2)
      } |`;
    }).join("\n") +
    `\n| default run (3500 steps, λmax every 50), s | ${
      eosLabSeconds.toFixed(2)
    } (Start to done) | ${eosDenoMedian.toFixed(2)} | ${
      (eosLabSeconds / eosDenoMedian).toFixed(2)
    } |\n\n` +
    `HVPs per evaluation: ${med(eosPage, "warmMatvecs")} warm, ${
      med(eosPage, "coldMatvecs")
    } cold; λmax at the end ${eosPage[0].lambda} (Chromium) and ${eosDeno[0].lambda} (Deno).`,
);

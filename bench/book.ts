/**
 * `deno task bench:book`: the book pipeline against stock nbconvert, on the same notebooks.
 *
 * - cold build: the execution cache is emptied first, fresh output folder;
 * - no-change rebuild: the same command again;
 * - stock `jupyter nbconvert --execute --to html` over notebooks/*.ipynb (sequential, as it runs);
 * - output counts: ours vs stock `nbconvert --execute --to notebook`, over several runs,
 *   to show lost outputs.
 *
 * Prints a Markdown table. Usage: deno task bench:book [--runs N] (`--help` for more)
 *
 * @module
 */
import { join } from "node:path";
import { bootstrap } from "../tools/bootstrap.ts";
import { buildBook } from "../tools/book.ts";
import { listChapters, ROOT } from "../tools/project.ts";
import type { Notebook } from "../tools/notebook.ts";
import { type CommandSpec, runCommand } from "../tools/args.ts";

const BENCH_BOOK_COMMAND = {
  name: "deno task bench:book",
  summary: "Time the book pipeline (cold build, no-change rebuild) against stock " +
    "`jupyter nbconvert --execute` on the same notebooks, and count the outputs each keeps.",
  flags: {
    runs: {
      type: "integer",
      min: 1,
      default: 3,
      help: "runs of each pipeline for the output counts",
    },
  },
} as const satisfies CommandSpec;

let runs = 3;
const parsed = await runCommand(BENCH_BOOK_COMMAND, Deno.args, ({ flags }) => {
  runs = flags.runs ?? 3;
});
if (parsed !== undefined) Deno.exit(parsed);
const tools = await bootstrap();
const chapters = listChapters();
const tmp = await Deno.makeTempDir({ prefix: "bench-book-" });
const count = (nb: Notebook) => nb.cells.reduce((s, c) => s + (c.outputs?.length ?? 0), 0);

async function time<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await f();
  return [(performance.now() - t0) / 1000, r];
}

// Ours, cold: no cache entries for these chapters.
Deno.removeSync(join(ROOT, ".cache", "exec"), { recursive: true });
const out = join(tmp, "site");
const [cold, coldResult] = await time(() => buildBook({ out, log: () => {} }));
if (!coldResult.ok) throw new Error("cold build failed");
const ours = coldResult.executions.map((e) => e.outputs);
const [warm, warmResult] = await time(() => buildBook({ out, log: () => {} }));
if (!warmResult.upToDate) throw new Error("rebuild was not a no-op");

const env = {
  JUPYTER_PATH: tools.jupyterPath,
  NO_COLOR: "1",
  RUST_BACKTRACE: "0",
  JUPYTER_PLATFORM_DIRS: "1",
};
const jupyter = "/usr/bin/jupyter";
const notebooks = chapters.map((c) => join(ROOT, c.ipynb));
async function nbconvert(to: "html" | "notebook", dir: string) {
  const r = await new Deno.Command(jupyter, {
    args: ["nbconvert", "--execute", "--to", to, "--output-dir", dir, ...notebooks],
    env,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!r.success) throw new Error(new TextDecoder().decode(r.stderr).slice(-2000));
}
const [stockHtml] = await time(() => nbconvert("html", join(tmp, "html")));

// Outputs lost: run ours (no cache) and stock nbconvert several times.
const oursCounts: number[][] = [ours];
const stockCounts: number[][] = [];
let oursSeconds = cold;
for (let i = 0; i < runs; i++) {
  if (i > 0) {
    const [s, r] = await time(() =>
      buildBook({ out: join(tmp, `site${i}`), cache: false, log: () => {} })
    );
    oursSeconds += s;
    oursCounts.push(r.executions.map((e) => e.outputs));
  }
  const dir = join(tmp, `nb${i}`);
  await nbconvert("notebook", dir);
  stockCounts.push(
    chapters.map((c) => count(JSON.parse(Deno.readTextFileSync(join(dir, `${c.slug}.ipynb`))))),
  );
}
const expected = ours.reduce((a, b) => a + b, 0);
const total = (xs: number[][]) => xs.map((r) => r.reduce((a, b) => a + b, 0));
console.log(
  `\n${chapters.length} notebooks, ${expected} outputs in a full run; ${runs} runs each\n`,
);
console.log("| pipeline | time | outputs per run |");
console.log("| --- | --- | --- |");
console.log(
  `| ours, cold build (type check + kernel + HTML) | ${cold.toFixed(1)} s | ${
    total(oursCounts).join(", ")
  } |`,
);
console.log(`| ours, no-change rebuild | ${warm.toFixed(2)} s | (no kernel) |`);
console.log(`| stock nbconvert --execute --to html | ${stockHtml.toFixed(1)} s | |`);
console.log(`| stock nbconvert --execute --to notebook | | ${total(stockCounts).join(", ")} |`);
console.log(`\nmean cold build over ${runs} runs: ${(oursSeconds / runs).toFixed(1)} s`);
await Deno.remove(tmp, { recursive: true });

/**
 * `deno task book`: chapters → notebooks → real Deno kernel → static HTML in site/.
 *
 * 1. setup (npm dependencies, kernelspec, Python with nbclient);
 * 2. notebooks/ in step with chapters/;
 * 3. type-check the chapters that must run;
 * 4. execute them in the kernel, several at once (cached by content);
 * 5. render every page into a temporary folder, then swap it in for site/.
 *
 * Any failure prints `chapters/NN-slug.md:LINE (cell K): Name: message`,
 * exits non-zero, and leaves the previous site/ untouched.
 *
 * Options: `--out DIR` (default site), `--no-cache`, `--only NN[,NN]`,
 * `--concurrency N`.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { ensureKernel, ensureNpm, ensurePython } from "./bootstrap.ts";
import { chapterKey, environmentHash, executeChapters, type Execution } from "./execute.ts";
import { serializeNotebook } from "./notebook.ts";
import { syncNotebooks } from "./notebooks.ts";
import { type ChapterFile, listChapters, ROOT } from "./project.ts";
import { BIBLIOGRAPHY, renderSite, writeSite } from "./render/site.ts";
import { type ChapterProblem, formatProblem, typecheckChapters } from "./typecheck.ts";

/** Options for {@linkcode buildBook}. */
export interface BuildOptions {
  /** Output folder. Default site/ under the root. */
  out?: string;
  /** Use the execution cache. Default true. */
  cache?: boolean;
  /** Only these chapter numbers (default: all). */
  only?: number[];
  /** Kernels at once. Default: number of CPUs. */
  concurrency?: number;
  /** Print progress. Default true. */
  log?: (line: string) => void;
}

/** The result of a build. */
export interface BuildResult {
  ok: boolean;
  problems: ChapterProblem[];
  executions: Execution[];
  out: string;
  seconds: number;
  /** True when nothing changed and the site was left as it was. */
  upToDate: boolean;
}

/** The files besides the chapters that the site depends on (with every file in tools/render/). */
function toolFiles(root: string): string[] {
  const render = [...Deno.readDirSync(join(root, "tools", "render"))].map((e) => e.name).sort();
  return [
    "tools/book.ts",
    ...render.map((f) => `tools/render/${f}`),
    "tools/chapter.ts",
    "tools/notebook.ts",
    BIBLIOGRAPHY,
    "deno.json",
  ];
}

async function sha(text: string): Promise<string> {
  const h = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(h), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Build the book. Never throws for chapter problems: they come back in `problems`. */
export async function buildBook(options: BuildOptions = {}, root = ROOT): Promise<BuildResult> {
  const t0 = performance.now();
  const log = options.log ?? ((l: string) => console.log(l));
  const out = resolve(root, options.out ?? "site");
  const fail = (problems: ChapterProblem[], executions: Execution[] = []): BuildResult => ({
    ok: false,
    problems,
    executions,
    out,
    seconds: (performance.now() - t0) / 1000,
    upToDate: false,
  });

  await ensureNpm(root);
  const jupyterPath = ensureKernel(root);
  for (const r of syncNotebooks("auto", root)) {
    if (r.action === "wrote-notebook") log(`notebooks: wrote ${r.chapter.ipynb}`);
    if (r.action === "wrote-chapter") {
      log(`notebooks: wrote ${r.chapter.md} from the Jupyter edits in ${r.chapter.ipynb}`);
    }
  }
  let chapters = listChapters(root);
  if (options.only) chapters = chapters.filter((c) => options.only!.includes(c.number));
  if (chapters.length === 0) {
    return fail([{ file: "chapters", line: 0, name: "Error", message: "no chapters to build" }]);
  }

  // Which chapters must run? Cache hits need no type check and no kernel.
  const cache = options.cache ?? true;
  const envHash = await environmentHash(root);
  const keys = new Map<string, string>();
  const misses: ChapterFile[] = [];
  for (const ch of chapters) {
    const md = Deno.readTextFileSync(join(root, ch.md));
    const key = await chapterKey(md, envHash);
    keys.set(ch.slug, key);
    let hit = false;
    try {
      hit = cache && Deno.statSync(join(root, ".cache", "exec", `${ch.slug}.${key}.ipynb`)).isFile;
    } catch { /* miss */ }
    if (!hit) misses.push(ch);
  }

  // Nothing changed at all: leave the site alone.
  const stamp = await sha(
    [
      envHash,
      ...chapters.map((c) => `${c.slug}:${keys.get(c.slug)}`),
      ...toolFiles(root).map((f) => Deno.readTextFileSync(join(root, f))),
    ].join("\n"),
  );
  if (misses.length === 0) {
    try {
      if (Deno.readTextFileSync(join(out, ".build-stamp")) === stamp) {
        for (const ch of chapters) log(`${ch.slug}: cached, site up to date`);
        return {
          ok: true,
          problems: [],
          executions: [],
          out,
          seconds: (performance.now() - t0) / 1000,
          upToDate: true,
        };
      }
    } catch { /* no stamp: render */ }
  }

  if (misses.length > 0) {
    const tc0 = performance.now();
    const problems = await typecheckChapters(misses, root);
    if (problems.length) return fail(problems);
    log(
      `type-checked ${misses.length} chapter${misses.length > 1 ? "s" : ""} in ${
        ((performance.now() - tc0) / 1000).toFixed(1)
      } s`,
    );
  }
  const python = misses.length > 0 ? await ensurePython(root) : "";
  const total = chapters.length;
  let done = 0;
  const executions = await executeChapters(chapters, { python, jupyterPath }, {
    cache,
    concurrency: options.concurrency,
    onDone: (e) => {
      done++;
      const what = e.cached
        ? "cached"
        : e.problem
        ? `FAILED after ${e.seconds.toFixed(1)} s`
        : `ran in ${e.seconds.toFixed(1)} s (${e.outputs} outputs)`;
      log(`[${done}/${total}] ${e.chapter.slug}: ${what}`);
    },
  }, root);
  const execProblems = executions.flatMap((e) => e.problem ? [e.problem] : []);
  if (execProblems.length) return fail(execProblems, executions);

  // Render every page in memory first; write only when all succeed.
  const rendered = await renderSite(executions, {
    root,
    partial: chapters.length < listChapters(root).length,
  });
  if (rendered.problems.length) return fail(rendered.problems, executions);
  for (const w of rendered.warnings) {
    log(`warning: ${formatProblem(w)} (not an error when building some chapters only)`);
  }

  // Write into a temporary folder next to the target, then swap.
  const tmp = `${out}.tmp-${Deno.pid}`;
  try {
    Deno.removeSync(tmp, { recursive: true });
  } catch { /* fresh */ }
  try {
    Deno.mkdirSync(join(tmp, "notebooks"), { recursive: true });
    writeSite(tmp, rendered);
    for (const e of executions) {
      Deno.writeTextFileSync(
        join(tmp, "notebooks", `${e.chapter.slug}.ipynb`),
        serializeNotebook(e.notebook),
      );
    }
    Deno.writeTextFileSync(join(tmp, ".build-stamp"), stamp);
    const old = `${out}.old-${Deno.pid}`;
    let hadOld = false;
    try {
      Deno.renameSync(out, old);
      hadOld = true;
    } catch { /* first build */ }
    Deno.renameSync(tmp, out);
    if (hadOld) Deno.removeSync(old, { recursive: true });
  } catch (e) {
    try {
      Deno.removeSync(tmp, { recursive: true });
    } catch { /* nothing to clean */ }
    throw e;
  }
  return {
    ok: true,
    problems: [],
    executions,
    out,
    seconds: (performance.now() - t0) / 1000,
    upToDate: false,
  };
}

if (import.meta.main) {
  const args = [...Deno.args];
  const opts: BuildOptions = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--no-cache") opts.cache = false;
    else if (a === "--out") opts.out = args[++i];
    else if (a === "--only") opts.only = (args[++i] ?? "").split(",").map(Number);
    else if (a === "--concurrency") opts.concurrency = Number(args[++i]);
    else {
      console.error(
        `Cannot build the book: unknown option ${a} (expected --out DIR, --no-cache, --only N[,N], --concurrency N)`,
      );
      Deno.exit(2);
    }
  }
  try {
    const r = await buildBook(opts);
    if (!r.ok) {
      for (const p of r.problems) console.error(formatProblem(p));
      console.error(`Build failed; the previous site (if any) is unchanged.`);
      Deno.exit(1);
    }
    console.log(
      `Built ${r.upToDate ? "(nothing changed) " : ""}in ${r.seconds.toFixed(1)} s. Open file://${
        join(r.out, "index.html")
      }  (or run: deno task serve)`,
    );
  } catch (e) {
    console.error(`Cannot build the book: ${(e as Error).message}`);
    Deno.exit(1);
  }
}

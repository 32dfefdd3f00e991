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
import { parseChapter } from "./chapter.ts";
import { chapterKey, environmentHash, executeChapters, type Execution } from "./execute.ts";
import { serializeNotebook } from "./notebook.ts";
import { syncNotebooks } from "./notebooks.ts";
import { type ChapterFile, listChapters, ROOT } from "./project.ts";
import { createMarkdown, newEnv } from "./render/markdown.ts";
import { chapterHtml, type ChapterPage, indexHtml, renderChapterBody } from "./render/page.ts";
import {
  BUNDLE_ASSET,
  definedExplorables,
  explorableIds,
  siteBundle,
  stripInlineBundles,
  withBundle,
} from "./render/explorables.ts";
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

const TOOL_FILES = [
  "tools/book.ts",
  "tools/render/markdown.ts",
  "tools/render/outputs.ts",
  "tools/render/page.ts",
  "tools/render/book.css",
  "tools/render/favicon.svg",
  "tools/render/explorables.ts",
  "tools/chapter.ts",
  "tools/notebook.ts",
];

async function sha(text: string): Promise<string> {
  const h = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(h), (b) => b.toString(16).padStart(2, "0")).join("");
}

function copyDir(from: string, to: string): void {
  Deno.mkdirSync(to, { recursive: true });
  for (const e of Deno.readDirSync(from)) {
    const a = join(from, e.name), b = join(to, e.name);
    const real = Deno.statSync(a); // follows symlinks (node_modules/katex is one)
    if (real.isDirectory) copyDir(a, b);
    else Deno.copyFileSync(a, b);
  }
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
      ...TOOL_FILES.map((f) => Deno.readTextFileSync(join(root, f))),
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
  const md = createMarkdown();
  const pages: ChapterPage[] = executions.map((e) => {
    const page = renderChapterBody(
      e.chapter,
      parseChapter(Deno.readTextFileSync(join(root, e.chapter.md)), e.chapter.md),
      e.notebook,
      md,
    );
    return { ...page, body: stripInlineBundles(page.body) }; // the site loads one shared bundle
  });
  const renderProblems = pages.flatMap((p) => p.problems);
  if (renderProblems.length) return fail(renderProblems, executions);

  // Explorables: every id on a page must be defined under book/explorables/; one bundle for all.
  let bundle = "";
  if (pages.some((p) => explorableIds(p.body).length > 0)) {
    const defined = await definedExplorables(root);
    const unknown = pages.flatMap((p) =>
      explorableIds(p.body).filter((id) => !defined.has(id)).map((id) => ({
        file: p.chapter.md,
        line: 1,
        name: "ExplorableError",
        message: `Cannot show explorable "${id}": no module under book/explorables/ defines it`,
      }))
    );
    if (unknown.length) return fail(unknown, executions);
    const b = siteBundle(envHash, root);
    bundle = b.js;
    log(
      `explorables: ${defined.size} in ${BUNDLE_ASSET} (${(bundle.length / 1024).toFixed(0)} KiB${
        b.cached ? ", cached" : ""
      })`,
    );
  }

  const introEnv = newEnv();
  const intro = md.render(
    "An executable companion to *Decoding the Hessian: The Role of the Hessian in Optimization Challenges* " +
      "(S. Bandyopadhyay, 2025). Every equation and worked example of the paper is recomputed here by code " +
      "and checked; where the paper is loose or wrong, the chapter says so and shows the evidence. " +
      "Each chapter is a Jupyter notebook that runs in the Deno kernel; the numbers on these pages come " +
      "from that run.",
    introEnv,
  );
  const files = new Map<string, string>();
  files.set("index.html", indexHtml(pages, intro));
  pages.forEach((p, i) =>
    files.set(p.file, withBundle(chapterHtml(p, pages[i - 1], pages[i + 1])))
  );
  if (bundle) files.set(BUNDLE_ASSET, bundle);

  // Write into a temporary folder next to the target, then swap.
  const tmp = `${out}.tmp-${Deno.pid}`;
  try {
    Deno.removeSync(tmp, { recursive: true });
  } catch { /* fresh */ }
  try {
    Deno.mkdirSync(join(tmp, "assets"), { recursive: true });
    Deno.mkdirSync(join(tmp, "notebooks"), { recursive: true });
    for (const [name, text] of files) Deno.writeTextFileSync(join(tmp, name), text);
    for (const e of executions) {
      Deno.writeTextFileSync(
        join(tmp, "notebooks", `${e.chapter.slug}.ipynb`),
        serializeNotebook(e.notebook),
      );
    }
    Deno.copyFileSync(join(root, "tools", "render", "book.css"), join(tmp, "assets", "book.css"));
    Deno.copyFileSync(
      join(root, "tools", "render", "favicon.svg"),
      join(tmp, "assets", "favicon.svg"),
    );
    const katexDist = Deno.realPathSync(join(root, "node_modules", "katex", "dist"));
    Deno.mkdirSync(join(tmp, "assets", "katex"), { recursive: true });
    Deno.copyFileSync(
      join(katexDist, "katex.min.css"),
      join(tmp, "assets", "katex", "katex.min.css"),
    );
    copyDir(join(katexDist, "fonts"), join(tmp, "assets", "katex", "fonts"));
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

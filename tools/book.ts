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
 * Options (`deno task book --help`): `--out DIR` (default site), `--no-cache`,
 * `--only N[,N]` (rebuild those chapters, keep the rest of the book),
 * `--concurrency N`, `--cell-timeout SECONDS`; a bad value exits 2 before
 * anything runs.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { type CommandSpec, runCommand, userPath } from "./args.ts";
import { ensureKernel, ensureNpm, ensurePython } from "./bootstrap.ts";
import {
  cachePath,
  chapterKey,
  DEFAULT_CELL_TIMEOUT,
  environmentHash,
  executeChapters,
  type Execution,
  latestExecution,
} from "./execute.ts";
import { notebookToCells, serializeNotebook } from "./notebook.ts";
import { renderChapter } from "./chapter.ts";
import { syncNotebooks } from "./notebooks.ts";
import { type ChapterFile, listChapters, ROOT } from "./project.ts";
import { sha256 } from "./sha256.ts";
import { BIBLIOGRAPHY, renderSite, writeSite } from "./render/site.ts";
import { BUNDLE_ASSET } from "./render/explorables.ts";
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
  /** The per-cell limit, seconds. Default {@linkcode DEFAULT_CELL_TIMEOUT}. */
  cellTimeout?: number;
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

/** An option no build can use (`deno task book` exits 2 for it). */
export class BuildOptionError extends RangeError {
  /** Create the error with its full `Cannot build the book: …` message. */
  constructor(message: string) {
    super(message);
    this.name = "BuildOptionError";
  }
}

/** Throw `Cannot build the book: <option> …` for an option no build can use. */
function validateBuildOptions(o: BuildOptions): void {
  const bad = (name: string, expected: string, got: unknown) => {
    throw new BuildOptionError(
      `Cannot build the book: ${name} must be ${expected}, got ${JSON.stringify(got) ?? got}`,
    );
  };
  if (o.concurrency !== undefined && (!Number.isInteger(o.concurrency) || o.concurrency < 1)) {
    bad("concurrency", "an integer ≥ 1", o.concurrency);
  }
  if (
    o.only !== undefined &&
    (!Array.isArray(o.only) || o.only.length === 0 ||
      !o.only.every((k) => Number.isInteger(k) && k >= 1))
  ) {
    bad("only", "a non-empty list of chapter numbers", o.only);
  }
  if (o.out !== undefined && (typeof o.out !== "string" || o.out === "")) {
    bad("out", "a folder path", o.out);
  }
  if (o.cellTimeout !== undefined && !(o.cellTimeout > 0 && Number.isFinite(o.cellTimeout))) {
    bad("cellTimeout", "a number of seconds > 0", o.cellTimeout);
  }
}

/**
 * Build the book. Never throws for chapter problems: they come back in
 * `problems`. Throws `Cannot build the book: …` (a {@linkcode BuildOptionError}) for options
 * no build can use: `concurrency` below 1, `only` naming no chapter.
 */
export async function buildBook(options: BuildOptions = {}, root = ROOT): Promise<BuildResult> {
  const t0 = performance.now();
  validateBuildOptions(options);
  if (options.only) {
    const chapters = listChapters(root);
    const missing = options.only.filter((k) => !chapters.some((c) => c.number === k));
    if (missing.length) {
      throw new BuildOptionError(
        `Cannot build the book: only: no chapter ${missing.join(", ")} in chapters/ (there are ${
          chapters.map((c) => c.number).join(", ") || "none"
        })`,
      );
    }
  }
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
  const chapters = listChapters(root);
  if (chapters.length === 0) {
    return fail([{ file: "chapters", line: 0, name: "Error", message: "no chapters to build" }]);
  }
  const selected = (ch: ChapterFile) => !options.only || options.only.includes(ch.number);

  // Which chapters must run? Cache hits need no type check and no kernel. With --only, the
  // other chapters keep their cached execution: the current one, else (when their sources
  // changed since) the latest one, rendered from its own cells; only a chapter never executed
  // before has to run.
  const cache = options.cache ?? true;
  const envHash = await environmentHash(root);
  const keys = new Map<string, string>();
  const misses: ChapterFile[] = [];
  const toRun: ChapterFile[] = [];
  const kept = new Map<string, { execution: Execution; stale: boolean }>();
  for (const ch of chapters) {
    const md = Deno.readTextFileSync(join(root, ch.md));
    const key = await chapterKey(md, envHash);
    keys.set(ch.slug, key);
    if (!selected(ch)) {
      const found = latestExecution(ch, key, root);
      if (found) {
        kept.set(ch.slug, found);
        continue;
      }
      log(`${ch.slug}: not in --only, but it has no cached execution, so it runs too`);
    }
    toRun.push(ch);
    let hit = false;
    try {
      hit = cache && Deno.statSync(cachePath(ch, key, root)).isFile;
    } catch { /* miss */ }
    if (!hit) misses.push(ch);
  }
  const stale = [...kept.values()].filter((k) => k.stale).map((k) => k.execution.chapter);

  // Nothing changed at all: leave the site alone.
  const stamp = await sha256(
    [
      envHash,
      ...chapters.map((c) => `${c.slug}:${keys.get(c.slug)}`),
      ...toolFiles(root).map((f) => Deno.readTextFileSync(join(root, f))),
    ].join("\n"),
  );
  if (misses.length === 0 && stale.length === 0) {
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
  for (const { execution, stale } of kept.values()) {
    log(
      `[${++done}/${total}] ${execution.chapter.slug}: ${
        stale
          ? "kept from an earlier build (its sources have changed since: run deno task book without --only to refresh it)"
          : "cached"
      }`,
    );
  }
  const ran = await executeChapters(toRun, { python, jupyterPath }, {
    cache,
    concurrency: options.concurrency,
    cellTimeout: options.cellTimeout,
    onDone: (e) => {
      done++;
      const what = e.cached
        ? "cached"
        : e.problem
        ? `FAILED after ${e.seconds.toFixed(1)} s`
        : `ran in ${e.seconds.toFixed(1)} s (${e.outputs} outputs${
          e.slowest ? `; slowest: cell ${e.slowest.cell}, ${e.slowest.seconds.toFixed(1)} s` : ""
        })`;
      log(`[${done}/${total}] ${e.chapter.slug}: ${what}`);
    },
  }, root);
  const execProblems = ran.flatMap((e) => e.problem ? [e.problem] : []);
  if (execProblems.length) return fail(execProblems, ran);
  const executions = chapters.map((ch) =>
    kept.get(ch.slug)?.execution ?? ran.find((e) => e.chapter.slug === ch.slug)!
  );

  // Render every page in memory first; write only when all succeed. A stale chapter is rendered
  // from the cells it was executed with, so its prose and its outputs still match.
  const rendered = await renderSite(
    executions.map((e) => ({
      chapter: e.chapter,
      notebook: e.notebook,
      source: kept.get(e.chapter.slug)?.stale
        ? renderChapter(notebookToCells(serializeNotebook(e.notebook)), e.chapter.md)
        : undefined,
    })),
    { root, envHash },
  );
  if (rendered.problems.length) return fail(rendered.problems, executions);
  for (const w of rendered.warnings) log(`warning: ${formatProblem(w)}`);
  if (rendered.explorables) {
    const x = rendered.explorables;
    log(
      `explorables: ${x.defined} in ${BUNDLE_ASSET} (${(x.bytes / 1024).toFixed(0)} KiB${
        x.cached ? ", cached" : ""
      })`,
    );
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
    // A site with stale chapters is not up to date: no stamp, so the next build renders again.
    if (stale.length === 0) Deno.writeTextFileSync(join(tmp, ".build-stamp"), stamp);
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

/** The command line of `deno task book`. */
export const BOOK_COMMAND = {
  name: "deno task book",
  summary: "Build the book: chapters → notebooks → type check → the Deno kernel → static HTML. " +
    "A failed build prints `chapters/NN-slug.md:LINE (cell K): Name: message` for each " +
    "problem, exits 1 and leaves the previous site untouched.",
  flags: {
    out: {
      type: "string",
      value: "DIR",
      help: "output folder, relative to where you run the task (default site/ in the project)",
    },
    "no-cache": {
      type: "boolean",
      help: "run every chapter again instead of reusing cached executions",
    },
    only: {
      type: "list",
      min: 1,
      value: "N[,N]",
      help: "rebuild only these chapters, e.g. --only 1,3; the rest of the book keeps its " +
        "cached executions (a chapter never executed runs too)",
    },
    concurrency: { type: "integer", min: 1, help: "kernels at once (default: the number of CPUs)" },
    "cell-timeout": {
      type: "number",
      min: 0,
      minExclusive: true,
      value: "SECONDS",
      help: `stop a cell that runs longer than this, and report it at its line ` +
        `(default ${DEFAULT_CELL_TIMEOUT})`,
    },
  },
} as const satisfies CommandSpec;

if (import.meta.main) {
  const code = await runCommand(BOOK_COMMAND, Deno.args, async ({ flags }) => {
    const opts: BuildOptions = {};
    if (flags["no-cache"]) opts.cache = false;
    if (flags.out !== undefined) opts.out = userPath(flags.out);
    if (flags.only !== undefined) opts.only = flags.only;
    if (flags.concurrency !== undefined) opts.concurrency = flags.concurrency;
    if (flags["cell-timeout"] !== undefined) opts.cellTimeout = flags["cell-timeout"];
    try {
      const r = await buildBook(opts);
      if (!r.ok) {
        for (const p of r.problems) console.error(formatProblem(p));
        console.error(`Build failed; the previous site (if any) is unchanged.`);
        return 1;
      }
      console.log(
        `Built ${r.upToDate ? "(nothing changed) " : ""}in ${r.seconds.toFixed(1)} s. Open file://${
          join(r.out, "index.html")
        }  (or run: deno task serve)`,
      );
      return 0;
    } catch (e) {
      const msg = (e as Error).message;
      console.error(msg.startsWith("Cannot ") ? msg : `Cannot build the book: ${msg}`);
      return e instanceof BuildOptionError ? 2 : 1;
    }
  });
  Deno.exit(code ?? 0);
}

/**
 * Execute chapters in the real Deno kernel (through tools/execute.py and
 * Jupyter's nbclient), several at once, with an execution cache.
 *
 * The cache key hashes the chapter, every file under lib/ and book/, the
 * recorded benchmark results (bench/results/), the list of chapter files,
 * deno.json, deno.lock, the Deno version and the executor itself. A hit starts no
 * kernel.
 *
 * @module
 */
import { basename, dirname, join, relative, resolve } from "node:path";
import { type LocatedCell, parseChapter } from "./chapter.ts";
import { type CommandSpec, invocationDir, runCommand } from "./args.ts";
import { bootstrap, type Toolchain } from "./bootstrap.ts";
import {
  cellsToNotebook,
  DENO_VERSION,
  fromLines,
  KERNEL_NAME,
  type Notebook,
  serializeNotebook,
} from "./notebook.ts";
import { type ChapterFile, ROOT, writeFileAtomic } from "./project.ts";
import { sha256 } from "./sha256.ts";
import { type ChapterProblem, checkModule } from "./typecheck.ts";

/** The outcome of executing one chapter. */
export interface Execution {
  chapter: ChapterFile;
  notebook: Notebook;
  /** Seconds spent, 0 for a cache hit. */
  seconds: number;
  cached: boolean;
  outputs: number;
  /** The slowest code cell of a run (absent for a cache hit): its number and seconds. */
  slowest?: { cell: number; seconds: number };
  problem?: ChapterProblem;
}

/** An execution error as tools/execute.py reports it. */
export interface PyError {
  cell_index: number | null;
  code_index: number | null;
  kind: string;
  ename: string;
  evalue: string;
  traceback: string[];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return out;
    throw e;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory) out.push(...walk(p));
    else if (e.isFile) out.push(p);
  }
  return out;
}

/** A hash of everything a chapter's execution depends on besides the chapter itself. */
export async function environmentHash(root = ROOT): Promise<string> {
  const chapterNames = [...Deno.readDirSync(join(root, "chapters"))].map((e) => e.name).sort();
  const parts: string[] = [`deno ${Deno.version.deno}`, `chapters ${chapterNames.join(" ")}`];
  const files = [
    ...walk(join(root, "lib")),
    // The bibliography is read by the renderer, not by any kernel: editing it re-renders the
    // site (its build stamp) without re-running every chapter.
    ...walk(join(root, "book")).filter((f) => !f.endsWith(".bib")),
    ...walk(join(root, "bench", "results")),
    join(root, "deno.json"),
    join(root, "deno.lock"),
    join(root, "tools", "execute.py"),
  ].sort();
  for (const f of files) {
    parts.push(relative(root, f), await sha256(Deno.readFileSync(f)));
  }
  return sha256(parts.join("\n"));
}

/** The cache key of one chapter. */
export async function chapterKey(mdText: string, envHash: string): Promise<string> {
  return (await sha256(`${envHash}\n${mdText}`)).slice(0, 24);
}

/** Where a chapter's cached execution lives. */
export function cachePath(ch: ChapterFile, key: string, root = ROOT): string {
  return join(root, ".cache", "exec", `${ch.slug}.${key}.ipynb`);
}

/**
 * A chapter's cached execution: the one for `key` (the chapter's current sources), else the
 * most recent one for older sources (`stale`), else undefined.
 */
export function latestExecution(
  ch: ChapterFile,
  key: string,
  root = ROOT,
): { execution: Execution; stale: boolean } | undefined {
  const dir = join(root, ".cache", "exec");
  const candidates: { path: string; stale: boolean; mtime: number }[] = [];
  try {
    for (const e of Deno.readDirSync(dir)) {
      if (!e.isFile || !e.name.startsWith(`${ch.slug}.`) || !e.name.endsWith(".ipynb")) continue;
      const path = join(dir, e.name);
      const stale = e.name !== `${ch.slug}.${key}.ipynb`;
      candidates.push({ path, stale, mtime: Deno.statSync(path).mtime?.getTime() ?? 0 });
    }
  } catch { /* no cache yet */ }
  candidates.sort((a, b) => Number(a.stale) - Number(b.stale) || b.mtime - a.mtime);
  for (const c of candidates) {
    try {
      const notebook = JSON.parse(Deno.readTextFileSync(c.path)) as Notebook;
      return {
        execution: {
          chapter: ch,
          notebook,
          seconds: 0,
          cached: true,
          outputs: countOutputs(notebook),
        },
        stale: c.stale,
      };
    } catch { /* unreadable: try the next */ }
  }
  return undefined;
}

/**
 * Find the Markdown line of a runtime error.
 *
 * The kernel re-prints each cell before running it (types and blank lines
 * go, imports are rewritten), so its stack positions do not match the
 * source. Deno run on a file does map positions exactly. So, when a cell
 * fails, the chapter's code cells are replayed as one module (the same
 * line-preserving module the type check uses) with `deno run`, and the first
 * stack frame in that module gives the line. The replay is accepted only if
 * it fails with the same error inside the same cell; otherwise the error is
 * reported at the cell's first line.
 */
export async function locateByReplay(
  ch: ChapterFile,
  md: string,
  cells: readonly LocatedCell[],
  e: PyError,
  root = ROOT,
): Promise<ChapterProblem> {
  const base = locateError(ch, cells, e);
  const code = cells.filter((c) => c.kind === "code");
  const cell = e.code_index ? code[e.code_index - 1] : undefined;
  // A timeout or a dead kernel has no stack to replay (and a replay could hang the same way).
  if (!cell || (e.kind !== "error" && QUIET_KINDS.includes(e.kind))) return base;
  const dir = join(root, ".cache", "replay");
  Deno.mkdirSync(dir, { recursive: true });
  const file = join(dir, `${ch.slug}.ts`);
  Deno.writeTextFileSync(file, checkModule(md, ch.md));
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-check", "--config", join(root, "deno.json"), file],
    cwd: join(root, "notebooks"),
    env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
    stdout: "null",
    stderr: "piped",
    signal: AbortSignal.timeout(120_000),
  }).output().catch(() => null);
  if (!out || out.success) return base;
  const err = new TextDecoder().decode(out.stderr);
  if (!err.includes(e.evalue.split("\n")[0].slice(0, 60))) return base;
  const frame = err.split("\n").map((l) => l.match(/(file:\/\/\S+?):(\d+):\d+\)?$/))
    .find((m) => m && decodeURIComponent(new URL(m[1]).pathname) === file);
  if (!frame) return base;
  const line = Number(frame[2]);
  const last = cell.line + cell.source.split("\n").length - 1;
  return line >= cell.line && line <= last ? { ...base, line } : base;
}

// Kinds whose message already says what happened (no "(kind)" suffix, no replay).
const QUIET_KINDS = ["error", "executor", "timeout", "settle", "kernel"];

/** Map an execution error to its cell's first line (the fallback of {@linkcode locateByReplay}). */
export function locateError(
  ch: ChapterFile,
  cells: readonly LocatedCell[],
  e: PyError,
): ChapterProblem {
  const code = cells.filter((c) => c.kind === "code");
  const cell = e.code_index ? code[e.code_index - 1] : undefined;
  const line = cell?.line ?? 1;
  return { file: ch.md, line, cell: e.code_index ?? undefined, ...describeError(e) };
}

/** The name and message of an execution error; the message ends with its kind when that adds anything. */
export function describeError(e: PyError): { name: string; message: string } {
  const kind = QUIET_KINDS.includes(e.kind) ? "" : ` (${e.kind})`;
  return { name: e.ename, message: `${e.evalue}${kind}` };
}

/** Options for {@linkcode executeChapters}. */
export interface ExecuteOptions {
  /** Kernels at once. Default: the number of CPUs (at least 1). */
  concurrency?: number;
  /** Use and fill the cache. Default true. */
  cache?: boolean;
  /** Called when a chapter finishes. */
  onDone?: (e: Execution) => void;
  /** Seconds of IOPub quiet after idle. Default 0.03. */
  quiet?: number;
  /** The per-cell limit, seconds. Default {@linkcode DEFAULT_CELL_TIMEOUT}. */
  cellTimeout?: number;
  /**
   * After the last cell, seconds to wait for the timers the cells set to fire or be
   * cleared (the settle limit). Default {@linkcode DEFAULT_SETTLE}.
   */
  settle?: number;
}

/**
 * The default per-cell limit, seconds. Most cells of the book take well under a second; the
 * slowest, chapter 9's re-evaluation of every claim, takes about 20 s on a shared two-core
 * machine and up to 40 s under heavy load. A cell still running after 180 s is stuck.
 */
export const DEFAULT_CELL_TIMEOUT = 180;
/** The default settle limit, seconds (see {@linkcode ExecuteOptions}). */
export const DEFAULT_SETTLE = 10;

/** Per-run settings of {@linkcode executeOne}. */
export interface RunSettings {
  /** Seconds of IOPub quiet after idle. */
  quiet: number;
  /** Folder for the temporary job files. */
  work: string;
  /** The per-cell limit, seconds. Default {@linkcode DEFAULT_CELL_TIMEOUT}. */
  cellTimeout?: number;
  /** The settle limit, seconds. Default {@linkcode DEFAULT_SETTLE}. */
  settle?: number;
}

/**
 * Execute chapters, cached ones first (instantly), the rest in parallel.
 * Results come back in the order of `chapters`.
 */
export async function executeChapters(
  chapters: readonly ChapterFile[],
  tools: Toolchain,
  options: ExecuteOptions = {},
  root = ROOT,
): Promise<Execution[]> {
  const { cache = true, onDone, quiet = 0.03, cellTimeout, settle } = options;
  const concurrency = Math.max(1, options.concurrency ?? navigator.hardwareConcurrency ?? 1);
  const envHash = await environmentHash(root);
  const results = new Array<Execution>(chapters.length);
  const todo: number[] = [];
  Deno.mkdirSync(join(root, ".cache", "exec"), { recursive: true });
  for (let i = 0; i < chapters.length; i++) {
    const ch = chapters[i];
    const md = Deno.readTextFileSync(join(root, ch.md));
    const key = await chapterKey(md, envHash);
    const path = cachePath(ch, key, root);
    if (cache) {
      try {
        const notebook = JSON.parse(Deno.readTextFileSync(path)) as Notebook;
        results[i] = {
          chapter: ch,
          notebook,
          seconds: 0,
          cached: true,
          outputs: countOutputs(notebook),
        };
        onDone?.(results[i]);
        continue;
      } catch { /* miss */ }
    }
    todo.push(i);
  }
  const work = join(root, ".cache", "run");
  Deno.mkdirSync(work, { recursive: true });
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const i = todo[next++];
      const ch = chapters[i];
      const md = Deno.readTextFileSync(join(root, ch.md));
      const r = await executeOne(ch, md, tools, { quiet, work, cellTimeout, settle }, root);
      if (!r.problem && cache) {
        const key = await chapterKey(md, envHash);
        writeFileAtomic(cachePath(ch, key, root), serializeNotebook(r.notebook));
        pruneCache(ch, key, root);
      }
      results[i] = r;
      onDone?.(r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  return results;
}

function countOutputs(nb: Notebook): number {
  return nb.cells.reduce((s, c) => s + (c.outputs?.length ?? 0), 0);
}

function pruneCache(ch: ChapterFile, keep: string, root: string): void {
  const dir = join(root, ".cache", "exec");
  for (const e of Deno.readDirSync(dir)) {
    if (e.name.startsWith(`${ch.slug}.`) && e.name !== `${ch.slug}.${keep}.ipynb`) {
      try {
        Deno.removeSync(join(dir, e.name));
      } catch { /* raced with another build */ }
    }
  }
}

let runCounter = 0;

/** What {@linkcode runNotebook} returns. */
export interface NotebookRun {
  /** The executed notebook (as far as it ran). */
  notebook: Notebook;
  /** Seconds spent. */
  seconds: number;
  /** Outputs written. */
  outputs: number;
  /** The slowest code cell: its number (1-based among code cells) and seconds. */
  slowest?: { cell: number; seconds: number };
  /** The first error, tied to its cell; null when every cell ran. */
  error: PyError | null;
  /** Set when the executor itself failed (no report): the end of its stderr. */
  crash?: string;
}

/**
 * Execute a notebook in a fresh kernel with tools/execute.py: outputs drained after idle,
 * errors from promises and timers caught, pending timers waited for, a per-cell limit.
 */
export async function runNotebook(
  nb: Notebook,
  tools: Toolchain,
  opts: RunSettings & { kernel?: string; cwd: string; name: string },
  root = ROOT,
): Promise<NotebookRun> {
  const stem = join(opts.work, `${opts.name}.${Deno.pid}.${++runCounter}`);
  const input = `${stem}.in.ipynb`, output = `${stem}.out.ipynb`, job = `${stem}.job.json`;
  Deno.writeTextFileSync(input, serializeNotebook(nb));
  Deno.writeTextFileSync(
    job,
    JSON.stringify({
      input,
      output,
      kernel: opts.kernel ?? KERNEL_NAME,
      cwd: opts.cwd,
      quiet: opts.quiet,
      timeout: opts.cellTimeout ?? DEFAULT_CELL_TIMEOUT,
      settle: opts.settle ?? DEFAULT_SETTLE,
    }),
  );
  const t0 = performance.now();
  try {
    const out = await new Deno.Command(tools.python, {
      args: [join(root, "tools", "execute.py"), job],
      cwd: root,
      env: {
        JUPYTER_PATH: [tools.jupyterPath, Deno.env.get("JUPYTER_PATH")].filter(Boolean).join(
          ":",
        ),
        JUPYTER_RUNTIME_DIR: join(root, ".cache", "jupyter-runtime"),
        JUPYTER_PLATFORM_DIRS: "1",
        PYDEVD_DISABLE_FILE_VALIDATION: "1",
        NO_COLOR: "1",
        RUST_BACKTRACE: "0",
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const seconds = (performance.now() - t0) / 1000;
    const stdout = new TextDecoder().decode(out.stdout).trim();
    let report: {
      ok: boolean;
      outputs: number;
      slowest?: { code_index: number | null; seconds: number };
      error: PyError | null;
    };
    try {
      report = JSON.parse(stdout.split("\n").pop() ?? "");
    } catch {
      const stderr = new TextDecoder().decode(out.stderr).trim().split("\n").slice(-15).join("\n");
      return { notebook: nb, seconds, outputs: 0, error: null, crash: stderr };
    }
    return {
      notebook: JSON.parse(Deno.readTextFileSync(output)) as Notebook,
      seconds,
      outputs: report.outputs,
      slowest: report.slowest?.code_index
        ? { cell: report.slowest.code_index, seconds: report.slowest.seconds }
        : undefined,
      error: report.error,
    };
  } finally {
    for (const f of [input, output, job]) {
      try {
        Deno.removeSync(f);
      } catch { /* already gone */ }
    }
  }
}

/** Execute one chapter's notebook in a fresh kernel. */
export async function executeOne(
  ch: ChapterFile,
  md: string,
  tools: Toolchain,
  opts: RunSettings,
  root = ROOT,
): Promise<Execution> {
  const cells = parseChapter(md, ch.md);
  const run = await runNotebook(cellsToNotebook(cells), tools, {
    ...opts,
    cwd: join(root, "notebooks"),
    name: ch.slug,
  }, root);
  const base = { chapter: ch, seconds: run.seconds, cached: false };
  if (run.crash !== undefined) {
    return {
      ...base,
      notebook: run.notebook,
      outputs: 0,
      problem: {
        file: ch.md,
        line: 1,
        name: "ExecutorError",
        message: `the notebook executor failed:\n${run.crash}`,
      },
    };
  }
  return {
    ...base,
    notebook: run.notebook,
    outputs: run.outputs,
    slowest: run.slowest,
    problem: run.error ? await locateByReplay(ch, md, cells, run.error, root) : undefined,
  };
}

/** Options of {@linkcode executeNotebookFile}. */
export interface ExecuteFileOptions {
  /** Where to write the executed copy. Default: NAME.executed.ipynb in `cwd`. */
  out?: string;
  /** The kernelspec to run. Default: the notebook's, else the project's {@linkcode KERNEL_NAME}. */
  kernel?: string;
  /** The per-cell limit, seconds. Default {@linkcode DEFAULT_CELL_TIMEOUT}. */
  cellTimeout?: number;
  /** The folder relative paths start from. Default: the current directory. */
  cwd?: string;
}

/**
 * `deno task execute NOTEBOOK.ipynb`: execute any Deno notebook with the book's executor and
 * write the executed copy. Returns the path written; throws `Cannot execute …` naming the cell
 * of the first error (and writes nothing).
 */
export async function executeNotebookFile(
  path: string,
  tools: Toolchain,
  options: ExecuteFileOptions = {},
  root = ROOT,
): Promise<{ out: string; run: NotebookRun }> {
  const cwd = options.cwd ?? Deno.cwd();
  const file = resolve(cwd, path);
  const shown = relative(cwd, file) || file;
  let nb: Notebook;
  try {
    nb = JSON.parse(Deno.readTextFileSync(file));
  } catch (e) {
    throw new Error(`Cannot execute ${shown}: ${(e as Error).message}`);
  }
  if (!nb || !Array.isArray(nb.cells)) {
    throw new Error(`Cannot execute ${shown}: not a notebook (field "cells" is missing)`);
  }
  const spec = nb.metadata?.kernelspec as { name?: string } | undefined;
  const kernel = options.kernel ?? spec?.name ?? KERNEL_NAME;
  const work = join(root, ".cache", "run");
  Deno.mkdirSync(work, { recursive: true });
  const stem = basename(file).replace(/\.ipynb$/, "");
  const run = await runNotebook(nb, tools, {
    quiet: 0.03,
    work,
    cellTimeout: options.cellTimeout,
    kernel,
    cwd: dirname(file),
    name: stem.replace(/[^\w.-]/g, "_"),
  }, root);
  if (run.crash !== undefined) {
    throw new Error(`Cannot execute ${shown} with kernel "${kernel}":\n${run.crash}`);
  }
  if (run.error) {
    const e = run.error;
    const { name, message } = describeError(e);
    let where = "";
    if (e.cell_index !== null) {
      const src = fromLines(nb.cells[e.cell_index]?.source).split("\n").find((l) => l.trim());
      where = `: cell ${e.cell_index + 1} (code cell ${e.code_index}${
        src ? `, ${JSON.stringify(src.trim().slice(0, 50))}` : ""
      })`;
    }
    const hint = name === "NoSuchKernel"
      ? ` (install it, or run with --kernel ${KERNEL_NAME}, this project's Deno ${DENO_VERSION})`
      : "";
    throw new Error(`Cannot execute ${shown}${where}: ${name}: ${message}${hint}`);
  }
  const out = resolve(cwd, options.out ?? `${stem}.executed.ipynb`);
  writeFileAtomic(out, serializeNotebook(run.notebook));
  return { out, run };
}

/** The command line of `deno task execute`. */
export const EXECUTE_COMMAND = {
  name: "deno task execute",
  summary: "Execute a Deno notebook with the book's executor and write the executed copy. " +
    "Unlike stock `jupyter nbconvert --execute`, it keeps reading a cell's outputs after the " +
    "kernel reports it idle (the Deno 2.9.6 kernel can send them a millisecond late), fails on " +
    "errors thrown in timers and un-awaited promises, waits for pending timers, and stops a cell " +
    "that runs too long. An error prints `NOTEBOOK.ipynb: cell N (code cell K, …): Name: " +
    "message`, exits 1 and writes nothing.",
  positionals: [{ name: "NOTEBOOK", help: "the notebook (.ipynb) to execute" }],
  flags: {
    out: {
      type: "string",
      value: "FILE",
      help:
        "where to write the executed copy (default NAME.executed.ipynb, where you run the task)",
    },
    kernel: {
      type: "string",
      value: "NAME",
      help: `the kernelspec to run (default: the notebook's, else ${KERNEL_NAME})`,
    },
    "cell-timeout": {
      type: "number",
      min: 0,
      minExclusive: true,
      value: "SECONDS",
      help: `stop a cell that runs longer than this (default ${DEFAULT_CELL_TIMEOUT})`,
    },
  },
} as const satisfies CommandSpec;

if (import.meta.main) {
  const code = await runCommand(EXECUTE_COMMAND, Deno.args, async ({ flags, positionals }) => {
    const cwd = invocationDir();
    const opts: ExecuteFileOptions = { cwd };
    if (flags.out !== undefined) opts.out = flags.out;
    if (flags.kernel !== undefined) opts.kernel = flags.kernel;
    if (flags["cell-timeout"] !== undefined) opts.cellTimeout = flags["cell-timeout"];
    try {
      const { out, run } = await executeNotebookFile(positionals[0], await bootstrap(), opts);
      const cells = run.notebook.cells.filter((c) => c.cell_type === "code").length;
      const shown = relative(cwd, out).startsWith("..") ? out : relative(cwd, out);
      console.log(
        `Executed ${cells} code cells (${run.outputs} outputs) in ${run.seconds.toFixed(1)} s: ` +
          `wrote ${shown}`,
      );
      return 0;
    } catch (e) {
      console.error((e as Error).message);
      return 1;
    }
  });
  Deno.exit(code ?? 0);
}

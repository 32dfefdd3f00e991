/**
 * Type-check the code cells of chapters before the kernel runs them.
 *
 * The kernel does not type-check: a syntax error comes back as a bare
 * "Execution failed" and a missing export is just `undefined`. So each
 * chapter's code cells are checked as one module with `deno check`. The module
 * keeps the chapter's line numbers (every non-code line becomes blank), so an
 * error position maps straight back to the Markdown.
 *
 * @module
 */
import { join } from "node:path";
import { type LocatedCell, parseChapter } from "./chapter.ts";
import { type ChapterFile, ROOT } from "./project.ts";

/** A problem found in a chapter, located in its Markdown. */
export interface ChapterProblem {
  file: string;
  line: number;
  /** 1-based code cell number, when the line is in a code cell. */
  cell?: number;
  name: string;
  message: string;
}

/** Format a problem as `chapters/NN-slug.md:LINE (cell K): Name: message`. */
export function formatProblem(p: ChapterProblem): string {
  return `${p.file}:${p.line}${p.cell ? ` (cell ${p.cell})` : ""}: ${p.name}: ${p.message}`;
}

/** The code cell that contains a Markdown line, if any. */
export function cellAtLine(cells: readonly LocatedCell[], line: number): LocatedCell | undefined {
  let found: LocatedCell | undefined;
  for (const c of cells) {
    if (c.kind === "code" && c.line <= line) found = c;
  }
  if (found && line <= found.line + Math.max(0, found.source.split("\n").length - 1)) return found;
  return undefined;
}

/** The chapter's code cells as one module, on the chapter's own line numbers. */
export function checkModule(mdText: string, file: string): string {
  const cells = parseChapter(mdText, file);
  const total = mdText.replace(/\r\n?/g, "\n").split("\n").length;
  const lines = new Array<string>(total).fill("");
  for (const c of cells) {
    if (c.kind !== "code") continue;
    c.source.split("\n").forEach((l, i) => lines[c.line - 1 + i] = l);
  }
  // `export {}` keeps it a module even if no cell imports anything.
  return lines.join("\n") + "\nexport {};\n";
}

/**
 * Run `deno check` over the given chapters. Returns the problems found
 * (empty when all pass). Check modules live in .cache/typecheck/ so Deno's
 * incremental check cache is reused between builds.
 */
export async function typecheckChapters(
  chapters: readonly ChapterFile[],
  root = ROOT,
): Promise<ChapterProblem[]> {
  if (chapters.length === 0) return [];
  const dir = join(root, ".cache", "typecheck");
  Deno.mkdirSync(dir, { recursive: true });
  const byPath = new Map<string, { ch: ChapterFile; cells: LocatedCell[] }>();
  const files: string[] = [];
  for (const ch of chapters) {
    const md = Deno.readTextFileSync(join(root, ch.md));
    const path = join(dir, `${ch.slug}.ts`);
    const text = checkModule(md, ch.md);
    let old: string | null = null;
    try {
      old = Deno.readTextFileSync(path);
    } catch { /* first time */ }
    if (old !== text) Deno.writeTextFileSync(path, text);
    files.push(path);
    byPath.set(path, { ch, cells: parseChapter(md, ch.md) });
  }
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["check", "--quiet", "--config", join(root, "deno.json"), ...files],
    cwd: root,
    env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (out.success) return [];
  const text = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
  return parseCheckOutput(text, byPath);
}

/** Turn `deno check` output into chapter problems. */
export function parseCheckOutput(
  text: string,
  byPath: Map<string, { ch: ChapterFile; cells: LocatedCell[] }>,
): ChapterProblem[] {
  const problems: ChapterProblem[] = [];
  const lines = text.split("\n");
  let pending: { name: string; message: string } | null = null;
  for (const line of lines) {
    const ts = line.match(/^(TS\d+) \[ERROR\]: (.*)$/);
    const syn = line.match(/^error: (SyntaxError|[A-Za-z]*Error): (.*)$/);
    if (ts) pending = { name: ts[1], message: ts[2] };
    else if (syn) pending = { name: syn[1], message: syn[2] };
    const at = line.match(/^\s+at (file:\/\/\S+?):(\d+):(\d+)$/);
    if (at && pending) {
      const path = decodeURIComponent(new URL(at[1]).pathname);
      const entry = byPath.get(path);
      if (entry) {
        const ln = Number(at[2]);
        problems.push({
          file: entry.ch.md,
          line: ln,
          cell: cellAtLine(entry.cells, ln)?.codeIndex,
          ...pending,
        });
      } else {
        // An error inside lib/ or elsewhere: report it where it is.
        problems.push({
          file: path.startsWith(ROOT + "/") ? path.slice(ROOT.length + 1) : path,
          line: Number(at[2]),
          ...pending,
        });
      }
      pending = null;
    }
  }
  if (problems.length === 0) {
    problems.push({
      file: "chapters",
      line: 0,
      name: "deno check",
      message: text.trim().split("\n").slice(0, 20).join("\n"),
    });
  }
  return problems;
}

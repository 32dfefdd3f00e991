/**
 * `deno task notebooks`: keep notebooks/*.ipynb in step with chapters/*.md.
 *
 * - default: write each notebook from its chapter. A notebook that was edited
 *   in Jupyter after its chapter (newer, and its cells differ) is synced the
 *   other way instead: its cells are written into the chapter first.
 * - `--from-ipynb`: write every chapter from its notebook, then regenerate
 *   the notebooks (outputs are dropped).
 * - `--check`: change nothing; exit 1 and list the stale notebooks.
 *
 * @module
 */
import { join } from "node:path";
import { type CommandSpec, runCommand } from "./args.ts";
import { parseChapter, renderChapter } from "./chapter.ts";
import { cellsToNotebook, notebookToCells, serializeNotebook } from "./notebook.ts";
import { type ChapterFile, listChapters, ROOT, writeFileAtomic } from "./project.ts";

/** What happened to one chapter. */
export interface SyncResult {
  chapter: ChapterFile;
  action: "unchanged" | "wrote-notebook" | "wrote-chapter" | "stale" | "orphan";
}

/** The notebook text a chapter generates. */
export function notebookFor(mdText: string, file: string): string {
  return serializeNotebook(cellsToNotebook(parseChapter(mdText, file)));
}

function read(path: string): string | null {
  try {
    return Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

function mtime(path: string): number {
  return Deno.statSync(path).mtime?.getTime() ?? 0;
}

/** Sync every chapter with its notebook. */
export function syncNotebooks(
  mode: "auto" | "from-ipynb" | "check",
  root = ROOT,
): SyncResult[] {
  Deno.mkdirSync(join(root, "notebooks"), { recursive: true });
  const chapters = listChapters(root);
  // Validate everything before writing anything.
  const plans = chapters.map((ch) => {
    const mdPath = join(root, ch.md), nbPath = join(root, ch.ipynb);
    const md = Deno.readTextFileSync(mdPath);
    const expected = notebookFor(md, ch.md);
    const current = read(nbPath);
    let fromNotebook: string | null = null;
    if (current !== null && current !== expected) {
      const edited = renderChapter(notebookToCells(current, ch.ipynb), ch.md);
      const cellsDiffer = edited !== renderChapter(parseChapter(md, ch.md), ch.md);
      if (
        mode === "from-ipynb" || (mode === "auto" && cellsDiffer && mtime(nbPath) > mtime(mdPath))
      ) {
        fromNotebook = edited;
      }
    }
    return { ch, mdPath, nbPath, expected, current, fromNotebook };
  });
  const known = new Set(chapters.map((c) => c.ipynb));
  const orphans: SyncResult[] = [];
  for (const e of Deno.readDirSync(join(root, "notebooks"))) {
    if (e.name.endsWith(".ipynb") && !known.has(`notebooks/${e.name}`)) {
      const slug = e.name.slice(0, -6);
      orphans.push({
        chapter: { slug, number: NaN, md: `chapters/${slug}.md`, ipynb: `notebooks/${e.name}` },
        action: "orphan",
      });
    }
  }
  if (mode === "check") {
    return [
      ...plans.map((p): SyncResult => ({
        chapter: p.ch,
        action: p.current === p.expected ? "unchanged" : "stale",
      })),
      ...orphans,
    ];
  }
  const results: SyncResult[] = [];
  for (const p of plans) {
    if (p.fromNotebook !== null) {
      writeFileAtomic(p.mdPath, p.fromNotebook);
      writeFileAtomic(p.nbPath, notebookFor(p.fromNotebook, p.ch.md));
      results.push({ chapter: p.ch, action: "wrote-chapter" });
    } else if (p.current !== p.expected) {
      writeFileAtomic(p.nbPath, p.expected);
      results.push({ chapter: p.ch, action: "wrote-notebook" });
    } else {
      results.push({ chapter: p.ch, action: "unchanged" });
    }
  }
  return [...results, ...orphans];
}

/** The command line of `deno task notebooks`. */
export const NOTEBOOKS_COMMAND = {
  name: "deno task notebooks",
  summary: "Keep notebooks/*.ipynb in step with chapters/*.md. By default each notebook is " +
    "written from its chapter, except that a notebook edited in Jupyter after its chapter " +
    "(newer, and its cells differ) is written back into the chapter first.",
  flags: {
    "from-ipynb": {
      type: "boolean",
      help: "write every chapter from its notebook, then regenerate the notebooks",
    },
    check: { type: "boolean", help: "change nothing; exit 1 and list stale notebooks" },
  },
  exclusive: [["from-ipynb", "check"]],
} as const satisfies CommandSpec;

if (import.meta.main) {
  const code = await runCommand(NOTEBOOKS_COMMAND, Deno.args, ({ flags }) => {
    const mode = flags["from-ipynb"] ? "from-ipynb" : flags.check ? "check" : "auto";
    try {
      const results = syncNotebooks(mode);
      let bad = 0;
      for (const r of results) {
        if (r.action === "unchanged") continue;
        if (r.action === "stale") bad++;
        if (r.action === "orphan") {
          bad++;
          console.error(`${r.chapter.ipynb}: no chapter ${r.chapter.md} generates this notebook`);
          continue;
        }
        const what = {
          "wrote-notebook": `wrote ${r.chapter.ipynb}`,
          "wrote-chapter": `wrote ${r.chapter.md} from the edits in ${r.chapter.ipynb}`,
          stale: `${r.chapter.ipynb} is stale; run \`deno task notebooks\``,
        }[r.action];
        console.log(what);
      }
      if (mode === "check" && bad > 0) return 1;
      if (results.every((r) => r.action === "unchanged")) console.log("notebooks are up to date");
      return 0;
    } catch (e) {
      const msg = (e as Error).message;
      console.error(msg.startsWith("Cannot ") ? msg : `Cannot sync notebooks: ${msg}`);
      return 1;
    }
  });
  Deno.exit(code ?? 0);
}

/**
 * Paths and the list of chapters, shared by the build tools.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the repository root. */
export const ROOT: string = fileURLToPath(new URL("../", import.meta.url)).replace(/\/$/, "");

/** The library's entry points: the `exports` of deno.json, as paths relative to the root. */
export const LIBRARY_ENTRY_POINTS: readonly string[] = Object.values(
  (JSON.parse(Deno.readTextFileSync(join(ROOT, "deno.json"))) as {
    exports: Record<string, string>;
  })
    .exports,
).map((p) => p.replace(/^\.\//, ""));

/** A chapter source file and the names derived from it. */
export interface ChapterFile {
  /** e.g. "01-introduction" */
  slug: string;
  /** Chapter number, e.g. 1. */
  number: number;
  /** Path relative to the root, e.g. "chapters/01-introduction.md". */
  md: string;
  /** Path relative to the root, e.g. "notebooks/01-introduction.ipynb". */
  ipynb: string;
}

const NAME = /^(\d\d)-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/** The chapters in `chapters/`, in order. Throws on a misnamed Markdown file. */
export function listChapters(root = ROOT): ChapterFile[] {
  const out: ChapterFile[] = [];
  for (const e of Deno.readDirSync(join(root, "chapters"))) {
    if (!e.isFile || !e.name.endsWith(".md")) continue;
    const m = e.name.match(NAME);
    if (!m) {
      throw new Error(
        `Cannot list chapters: chapters/${e.name} is not named NN-slug.md (two digits, a dash, lowercase words joined by dashes)`,
      );
    }
    const slug = e.name.slice(0, -3);
    out.push({
      slug,
      number: Number(m[1]),
      md: `chapters/${e.name}`,
      ipynb: `notebooks/${slug}.ipynb`,
    });
  }
  out.sort((a, b) => a.slug.localeCompare(b.slug));
  for (let i = 1; i < out.length; i++) {
    if (out[i].number === out[i - 1].number) {
      throw new Error(
        `Cannot list chapters: ${out[i - 1].md} and ${out[i].md} have the same number`,
      );
    }
  }
  return out;
}

/** Write a file atomically: to a temporary sibling, then rename. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${Deno.pid}`;
  Deno.writeTextFileSync(tmp, text);
  Deno.renameSync(tmp, path);
}

/**
 * The book's chapters, read from `chapters/` (the file names `NN-slug.md`),
 * so that nothing else keeps a list of them.
 *
 * @module
 */

/** Chapter number → page slug (the chapter file name without `.md`), from `chapters/`. */
export function chapterSlugs(
  dir: URL = new URL("../chapters/", import.meta.url),
): Readonly<Record<number, string>> {
  const slugs: Record<number, string> = {};
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch (e) {
    throw new Error(
      `Cannot list the chapters: cannot read ${dir.pathname}: ${(e as Error).message}`,
    );
  }
  for (const e of entries) {
    const m = e.isFile ? e.name.match(/^(\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/) : null;
    if (!m) continue;
    const n = Number(m[1]);
    if (slugs[n] !== undefined) {
      throw new Error(
        `Cannot list the chapters: ${slugs[n]}.md and ${e.name} have the same number ${n}`,
      );
    }
    slugs[n] = e.name.slice(0, -3);
  }
  return Object.freeze(slugs);
}

/** Chapter number → page slug, for every file in `chapters/`. */
export const CHAPTER_SLUGS: Readonly<Record<number, string>> = chapterSlugs();

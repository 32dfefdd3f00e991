/** The book built once for the site and browser tests, into test-output/site. */
import { join } from "node:path";
import { buildBook, type BuildResult } from "../../tools/book.ts";
import { ROOT } from "../../tools/project.ts";
import { formatProblem } from "../../tools/typecheck.ts";

export const OUT = join(ROOT, "test-output");
export const SITE = join(OUT, "site");

let built: Promise<BuildResult> | undefined;

/** Build (or reuse) the test site; throws with every problem if the build fails. */
export function site(): Promise<BuildResult> {
  built ??= (async () => {
    const r = await buildBook({ out: SITE, log: (l) => console.log(l) });
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
    return r;
  })();
  return built;
}

/** The HTML pages of the site (index first). */
export function pages(): string[] {
  return [...Deno.readDirSync(SITE)].filter((e) => e.name.endsWith(".html")).map((e) => e.name)
    .sort((a, b) => a === "index.html" ? -1 : b === "index.html" ? 1 : a.localeCompare(b));
}

/** The chapter pages of the site ("01-introduction.html", …), in order. */
export function chapterPages(): string[] {
  return pages().filter((p) => /^\d\d-/.test(p));
}

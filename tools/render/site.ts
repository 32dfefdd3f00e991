/**
 * The whole site from executed chapters: pages with numbered figures,
 * equations and exercises, cross-references resolved across chapters, each
 * page's references and the full list, the search index, the chapter
 * sources, the API reference (`deno doc --html`) and the assets. Everything
 * is rendered in memory first; {@linkcode writeSite} writes it.
 *
 * Deterministic: no dates, no random ids, every list in a fixed order.
 *
 * @module
 */
import { join, relative } from "node:path";
import { parseChapter } from "../chapter.ts";
import type { Notebook } from "../notebook.ts";
import { type ChapterFile, LIBRARY_ENTRY_POINTS, ROOT } from "../project.ts";
import type { ChapterProblem } from "../typecheck.ts";
import { BibError, type Bibliography, parseBibtex, sortKey } from "./bib.ts";
import { escapeHtml } from "./html.ts";
import { createMarkdown, newEnv } from "./markdown.ts";
import {
  BOOK_TITLE,
  chapterHtml,
  type ChapterPage,
  indexHtml,
  referencesHtml,
  renderChapterBody,
  type SiteConfig,
} from "./page.ts";
import { searchIndexScript } from "./search.ts";
import { environmentHash } from "../execute.ts";
import {
  BUNDLE_ASSET,
  definedExplorables,
  explorableIds,
  siteBundle,
  stripInlineBundles,
  withBundle,
} from "./explorables.ts";
import { resolveXrefs } from "./xref.ts";

/** Where the bibliography lives, relative to the root. */
export const BIBLIOGRAPHY = "book/references.bib";

/** The site's files: text by path, and files copied from disk (source → path in the site). */
export interface RenderedSite {
  files: Map<string, string>;
  copies: Map<string, string>;
  problems: ChapterProblem[];
  /**
   * Problems that do not fail a partial build (some chapters only): references to labels
   * that may live in the chapters left out.
   */
  warnings: ChapterProblem[];
  /** Number of search documents and the size of the index script in bytes. */
  search: { documents: number; bytes: number };
  /** The explorables' shared bundle, when a page has an explorable. */
  explorables?: { defined: number; bytes: number; cached: boolean };
}

/** The `book` settings in deno.json: `{"book": {"repository": "https://…"}}`. */
export function readConfig(root = ROOT): { repository: string } {
  const json = JSON.parse(Deno.readTextFileSync(join(root, "deno.json"))) as {
    book?: { repository?: unknown };
  };
  const repository = json.book?.repository ?? "";
  if (typeof repository !== "string") {
    throw new Error(
      'Cannot read deno.json: book.repository must be a string (the repository\'s address, or "")',
    );
  }
  return { repository };
}

/** Read the bibliography; a syntax error comes back as a problem at its line. */
export function readBibliography(
  root = ROOT,
): { bib: Bibliography; problems: ChapterProblem[] } {
  try {
    return {
      bib: parseBibtex(Deno.readTextFileSync(join(root, BIBLIOGRAPHY)), BIBLIOGRAPHY),
      problems: [],
    };
  } catch (e) {
    if (e instanceof BibError) {
      return {
        bib: new Map(),
        problems: [{
          file: BIBLIOGRAPHY,
          line: e.line,
          name: "Bibliography error",
          message: e.reason,
        }],
      };
    }
    throw e;
  }
}

const INTRO = "An executable companion to *Decoding the Hessian: The Role of the Hessian in " +
  "Optimization Challenges* by S. Bandyopadhyay [@bandyopadhyay2025]. Every equation and worked " +
  "example of the paper is recomputed here by code and checked; where the paper is loose or " +
  "wrong, the chapter says so and shows the evidence. Each chapter is a Jupyter notebook that " +
  "runs in the Deno kernel; the numbers on these pages come from that run.";

/**
 * Render every page and the assets of the site, in memory. A chapter's `source` is the Markdown
 * to render (default: its file in chapters/); the build passes the cells a kept chapter was
 * executed with, so its prose and outputs match.
 */
export async function renderSite(
  chapters: readonly { chapter: ChapterFile; notebook: Notebook; source?: string }[],
  options: { root?: string; api?: boolean; partial?: boolean; envHash?: string } = {},
): Promise<RenderedSite> {
  const root = options.root ?? ROOT;
  const config = readConfig(root);
  const { bib, problems } = readBibliography(root);
  const md = createMarkdown();
  const pages: ChapterPage[] = chapters.map((e) =>
    renderChapterBody(
      e.chapter,
      parseChapter(e.source ?? Deno.readTextFileSync(join(root, e.chapter.md)), e.chapter.md),
      e.notebook,
      md,
      { bib },
    )
  );
  problems.push(...pages.flatMap((p) => p.problems));
  // The notebooks inline the explorables' code in each output; the site loads one shared bundle.
  for (const p of pages) p.body = stripInlineBundles(p.body);

  // Explorables: every id on a page must be defined under book/explorables/.
  let explorables: RenderedSite["explorables"];
  let bundle = "";
  if (pages.some((p) => explorableIds(p.body).length > 0)) {
    const defined = await definedExplorables(root);
    for (const p of pages) {
      for (const id of explorableIds(p.body)) {
        if (defined.has(id)) continue;
        problems.push({
          file: p.chapter.md,
          line: 1,
          name: "ExplorableError",
          message: `Cannot show explorable "${id}": no module under book/explorables/ defines it`,
        });
      }
    }
    const b = siteBundle(options.envHash ?? await environmentHash(root), root);
    bundle = b.js;
    explorables = { defined: defined.size, bytes: bundle.length, cached: b.cached };
  }

  const introEnv = newEnv(new Set(), { bib });
  const intro = md.render(INTRO, introEnv);
  for (const issue of introEnv.issues) {
    problems.push({
      file: "tools/render/site.ts",
      line: 0,
      name: issue.name,
      message: issue.message,
    });
  }
  const resolved = pages.map((p) => ({
    file: p.file,
    source: p.chapter.md,
    body: p.body,
    labels: p.labels,
    xrefs: p.xrefs,
  }));
  const warnings: ChapterProblem[] = [];
  for (const p of resolveXrefs(resolved)) {
    if (options.partial && p.message.startsWith("Unknown label")) warnings.push(p);
    else problems.push(p);
  }
  pages.forEach((p, i) => p.body = resolved[i].body);

  const siteConfig: SiteConfig = { repository: config.repository, bib };
  const files = new Map<string, string>();
  const api = options.api ?? true ? await apiReference(root) : new Map<string, string>();
  for (const [name, text] of api) files.set(`api/${name}`, text);
  files.set(
    "index.html",
    indexHtml(pages, intro, { ...siteConfig, cited: introEnv.cited, api: apiEntries(api) }),
  );
  pages.forEach((p, i) =>
    files.set(p.file, withBundle(chapterHtml(p, siteConfig, pages[i - 1], pages[i + 1])))
  );
  if (bundle) files.set(BUNDLE_ASSET, bundle);
  const citedBy = new Map<string, ChapterPage[]>();
  for (const p of pages) {
    for (const key of p.cited) citedBy.set(key, [...(citedBy.get(key) ?? []), p]);
  }
  files.set(
    "references.html",
    referencesHtml(bib, citedBy, siteConfig, (k) => sortKey(bib.get(k)!)),
  );

  const search = searchIndexScript(
    // The book's own pages (the API reference has deno doc's search).
    [...files].filter(([name]) => /^[^/]+\.html$/.test(name)).map(([file, html]) => ({
      file,
      html,
    })),
  );
  files.set("assets/search-index.js", search.script);

  const copies = new Map<string, string>();
  const render = join(root, "tools", "render");
  copies.set(join(render, "book.css"), "assets/book.css");
  copies.set(join(render, "book.js"), "assets/book.js");
  copies.set(join(render, "favicon.svg"), "assets/favicon.svg");
  const nodeModules = join(root, "node_modules");
  // MiniSearch's browser build, with the addresses in its comments cut.
  files.set(
    "assets/minisearch.js",
    selfContained(
      Deno.readTextFileSync(join(nodeModules, "minisearch", "dist", "umd", "index.js")),
    ),
  );
  const katexDist = Deno.realPathSync(join(nodeModules, "katex", "dist"));
  copies.set(join(katexDist, "katex.min.css"), "assets/katex/katex.min.css");
  for (const f of [...Deno.readDirSync(join(katexDist, "fonts"))].map((e) => e.name).sort()) {
    copies.set(join(katexDist, "fonts", f), `assets/katex/fonts/${f}`);
  }
  for (const e of chapters) {
    if (e.source !== undefined) files.set(`source/${e.chapter.slug}.md`, e.source);
    else copies.set(join(root, e.chapter.md), `source/${e.chapter.slug}.md`);
  }

  return {
    files,
    copies,
    problems,
    warnings,
    search: { documents: search.documents, bytes: search.script.length },
    explorables,
  };
}

/**
 * The API reference: `deno doc --html` over the library's entry points, made
 * self-contained. Source links (absolute file:// paths of the build machine)
 * are dropped, and URLs in the bundled scripts' comments are cut, so the
 * site names no address outside itself and is the same on every machine.
 */
export async function apiReference(root = ROOT): Promise<Map<string, string>> {
  const tmp = await Deno.makeTempDir({ prefix: "hessian-api-" });
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "doc",
        "--html",
        `--name=${BOOK_TITLE}`,
        `--output=${tmp}`,
        ...LIBRARY_ENTRY_POINTS,
      ],
      cwd: root,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      throw new Error(
        `Cannot build the API reference: deno doc failed: ${
          new TextDecoder().decode(out.stderr).trim().split("\n").slice(-5).join("\n")
        }`,
      );
    }
    const files = new Map<string, string>();
    const walk = (dir: string) => {
      for (const e of [...Deno.readDirSync(dir)].sort((a, b) => a.name.localeCompare(b.name))) {
        const path = join(dir, e.name);
        if (e.isDirectory) walk(path);
        else {
          const name = relative(tmp, path);
          files.set(name, accessible(name, selfContained(Deno.readTextFileSync(path))));
        }
      }
    };
    walk(tmp);
    const entries = apiEntries(files);
    const index = files.get("index.html");
    if (index) files.set("index.html", withEntryPoints(index, entries));
    return files;
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

/** An entry point of the library and its page in the API reference. */
export interface ApiEntry {
  /** The export, e.g. "./spectra" ("." for the root). */
  name: string;
  /** The page, relative to api/, e.g. "spectra/index.html". */
  page: string;
  /** The first sentence of the module's documentation. */
  summary: string;
}

/** The entry points (deno.json exports) with their pages in deno doc's output. */
export function apiEntries(files: ReadonlyMap<string, string>): ApiEntry[] {
  const exports = LIBRARY_ENTRY_POINTS.map((path) => {
    const dir = path.match(/^lib\/(.+)\/mod\.ts$/)?.[1];
    return dir
      ? { name: `./${dir}`, page: `${dir}/index.html` }
      : { name: ".", page: "index.html" };
  });
  return exports.filter((e) => files.has(e.page)).map((e) => {
    const doc = files.get(e.page)!.match(/id="module_doc"><div class="markdown"><p>([\s\S]*?)<\/p>/)
      ?.[1] ?? "";
    const text = doc.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'").replace(/\s+/g, " ").trim();
    return { ...e, summary: text.match(/^.*?[.:](?=\s|$)/)?.[0] ?? text };
  });
}

/** deno doc's index page shows the root module only: add the list of every entry point. */
function withEntryPoints(index: string, entries: readonly ApiEntry[]): string {
  const list =
    `<section class="section" id="entry-points"><h2 class="anchorable mb-1">Entry points</h2>` +
    `<ul class="list-disc pl-6">${
      entries.filter((e) => e.name !== ".").map((e) =>
        `<li><a class="link" href="${e.page}"><code>${e.name}</code></a>: ${
          escapeHtml(e.summary)
        }</li>`
      ).join("")
    }</ul></section>`;
  return index.replace(
    /(<div class="space-y-7" id="module_doc"><div class="markdown">[\s\S]*?<\/div>)/,
    `$1${list}`,
  );
}

const NAMESPACES =
  /^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink|1998\/Math\/MathML|1999\/xhtml)$/;

/** Drop source links to the build machine's files and every external address. */
export function selfContained(text: string): string {
  return text
    .replace(/<a\s+class="sourceButton"\s+href="file:[^"]*">[\s\S]*?<\/a>/g, "")
    .replace(/\shref="file:[^"]*"/g, "")
    .replace(
      /https?:\/\/[^\s"'<>)\\&]+/g,
      (url) => NAMESPACES.test(url) ? url : "[address removed]",
    );
}

/** Token colours for deno doc's light theme with at least 4.5:1 contrast on its code background. */
const PRISM_CONTRAST = `
/* Added by the book's build (tools/render/site.ts): light-theme token colours with at least
   4.5:1 contrast (WCAG AA); the dark theme's rules (.dark …) are more specific and stay. */
.token.comment,.token.prolog,.token.doctype,.token.cdata{color:#5c636d}
.token.punctuation{color:#595959}
.token.property,.token.tag,.token.boolean,.token.number,.token.constant,.token.symbol,.token.deleted{color:#990055}
.token.selector,.token.attr-name,.token.string,.token.char,.token.builtin,.token.inserted{color:#3b7628}
.token.operator,.token.entity,.token.url{color:#7a5527;background:none}
.token.atrule,.token.attr-value,.token.keyword{color:#00669e}
.token.function,.token.class-name{color:#b3264a}
.token.regex,.token.important,.token.variable{color:#985300}
`;

/** deno doc's pages made to pass axe: a page language, named copy buttons, contrasting tokens. */
export function accessible(name: string, text: string): string {
  if (name === "prism.css") return text + PRISM_CONTRAST;
  if (!name.endsWith(".html")) return text;
  return text.replace(/<html>/, '<html lang="en">')
    .replace(/<button class="copyButton"/g, '<button class="copyButton" aria-label="Copy code"');
}

/** Write a rendered site into an (empty) folder. */
export function writeSite(dir: string, site: RenderedSite): void {
  const dirs = new Set<string>();
  const ensure = (path: string) => {
    const d = join(dir, path, "..");
    if (!dirs.has(d)) {
      Deno.mkdirSync(d, { recursive: true });
      dirs.add(d);
    }
  };
  for (const [path, text] of site.files) {
    ensure(path);
    Deno.writeTextFileSync(join(dir, path), text);
  }
  for (const [from, path] of site.copies) {
    ensure(path);
    Deno.copyFileSync(from, join(dir, path));
  }
}

/**
 * `deno task pdf [--site DIR] [--out FILE.pdf]`: the whole book as one PDF,
 * printed by headless Chromium from the built site (run `deno task book`
 * first). A title page with the contents, then every chapter from a new page,
 * then the references; figures and math as on screen, with the print
 * stylesheet (no navigation, no buttons).
 *
 * The chapters are joined into one temporary page inside the site folder (so
 * fonts and styles load from file://), with every id prefixed by its chapter
 * so that links and SVG references stay unique. The PDF is written to a
 * temporary file and renamed into place: an interrupted run leaves no partial
 * PDF. Chromium: $CHROMIUM or /usr/bin/chromium.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { type CommandSpec, runCommand, userPath } from "./args.ts";
import { withChromium } from "./chromium.ts";
import { ROOT } from "./project.ts";

/** Options for {@linkcode makePdf}. */
export interface PdfOptions {
  /** The built site. Default: site/ under the root. */
  site?: string;
  /** The PDF to write. Default: decoding-the-hessian.pdf under the root. */
  out?: string;
}

/** The pages of the book in reading order: the chapters, then the references. */
export function bookPages(site: string): string[] {
  const chapters = [...Deno.readDirSync(site)].map((e) => e.name)
    .filter((n) => /^\d\d-[a-z0-9-]+\.html$/.test(n)).sort();
  return [...chapters, "references.html"].filter((n) => {
    try {
      return Deno.statSync(join(site, n)).isFile;
    } catch {
      return false;
    }
  });
}

/** The <main> of a page, with ids (and the links and SVG references to them) made unique. */
export function printableMain(html: string, prefix: (page: string) => string, page: string) {
  const main = html.match(/<main\b[^>]*>([\s\S]*)<\/main>/)?.[1];
  if (main === undefined) throw new Error(`Cannot make the PDF: ${page} has no <main>`);
  const own = prefix(page);
  return main
    .replace(/\sid="([^"]+)"/g, (_m, id: string) => ` id="${own}${id}"`)
    .replace(/url\(#([^)"]+)\)/g, (_m, id: string) => `url(#${own}${id})`)
    .replace(/\s(xlink:href|href)="([^"]*)"/g, (m, attr: string, ref: string) => {
      if (ref.startsWith("#")) return ` ${attr}="#${own}${ref.slice(1)}"`;
      const local = ref.match(/^(\d\d-[a-z0-9-]+\.html|references\.html)(?:#(.*))?$/);
      if (local) return ` ${attr}="#${prefix(local[1])}${local[2] ?? "top"}"`;
      return m;
    });
}

/** Print the book to a PDF; returns the number of pages and the size in bytes. */
export async function makePdf(options: PdfOptions = {}): Promise<{ pages: number; bytes: number }> {
  const site = resolve(ROOT, options.site ?? "site");
  const out = resolve(ROOT, options.out ?? "decoding-the-hessian.pdf");
  try {
    Deno.statSync(join(site, "index.html"));
  } catch {
    throw new Error(
      `Cannot make the PDF: ${
        join(site, "index.html")
      } does not exist; build the book first (deno task book)`,
    );
  }
  const pages = bookPages(site);
  const prefixes = new Map(pages.map((p, i) => [p, `p${i + 1}-`]));
  const prefix = (p: string) => prefixes.get(p) ?? "p0-";
  const index = Deno.readTextFileSync(join(site, "index.html"));
  const title = index.match(/<h1>([\s\S]*?)<\/h1>/)?.[1] ?? "Decoding the Hessian";
  const intro = index.match(/<\/h1>([\s\S]*?)<h2 id="contents">/)?.[1] ?? "";
  const contents = pages.map((p) => {
    const h = Deno.readTextFileSync(join(site, p)).match(/<title>([\s\S]*?)( — [^<]*)?<\/title>/);
    return `<li><a href="#${prefix(p)}top">${h?.[1] ?? p}</a></li>`;
  }).join("");
  const bodies = pages.map((p) =>
    `<article class="hx-print-page" id="${prefix(p)}top">${
      printableMain(Deno.readTextFileSync(join(site, p)), prefix, p)
    }</article>`
  );
  const head =
    index.match(/<head>([\s\S]*?)<\/head>/)?.[1]?.replace(/<script>[\s\S]*?<\/script>/g, "") ??
      "";
  const doc = `<!doctype html><html lang="en" data-theme="light"><head>${head}</head><body>
<main class="hx-main hx-print-book"><h1 style="break-before: avoid">${title}</h1>${intro}<h2>Contents</h2><ol>${contents}</ol>
${bodies.join("\n")}</main></body></html>`;

  const tmpHtml = join(site, `.print-${Deno.pid}.html`);
  const tmpPdf = `${out}.tmp-${Deno.pid}`;
  Deno.writeTextFileSync(tmpHtml, doc);
  try {
    await withChromium({ offline: true }, async (ctx) => {
      const page = await ctx.newPage();
      page.setDefaultTimeout(300_000);
      await page.goto(`file://${tmpHtml}`, { waitUntil: "load", timeout: 180_000 });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.pdf({
        path: tmpPdf,
        format: "A4",
        margin: { top: "16mm", bottom: "18mm", left: "16mm", right: "16mm" },
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate:
          '<div style="font: 8px system-ui, sans-serif; width: 100%; text-align: center; color: #555"><span class="pageNumber"></span></div>',
      });
    });
    const bytes = Deno.readFileSync(tmpPdf);
    const text = new TextDecoder("latin1").decode(bytes);
    if (!text.startsWith("%PDF-")) throw new Error("Cannot make the PDF: Chromium wrote no PDF");
    const pageCount = (text.match(/\/Type\s*\/Page\b/g) ?? []).length;
    Deno.renameSync(tmpPdf, out);
    return { pages: pageCount, bytes: bytes.length };
  } finally {
    await Deno.remove(tmpHtml).catch(() => {});
    await Deno.remove(tmpPdf).catch(() => {});
  }
}

/** The command line of `deno task pdf`. */
export const PDF_COMMAND = {
  name: "deno task pdf",
  summary: "Print the whole built book (chapters from new pages) to one PDF with headless " +
    "Chromium. Build the site first with deno task book.",
  positionals: [],
  flags: {
    site: {
      type: "string",
      value: "DIR",
      help: "the built site (relative to where you run the task; default: the project's site/)",
    },
    out: {
      type: "string",
      value: "FILE",
      help: "the PDF to write (relative to where you run the task; " +
        "default: decoding-the-hessian.pdf in the project)",
    },
  },
} as const satisfies CommandSpec;

if (import.meta.main) {
  const code = await runCommand(PDF_COMMAND, Deno.args, async ({ flags }) => {
    const opts: PdfOptions = {
      site: flags.site === undefined ? undefined : userPath(flags.site),
      out: flags.out === undefined ? undefined : userPath(flags.out),
    };
    const t0 = performance.now();
    try {
      const r = await makePdf(opts);
      console.log(
        `Wrote ${resolve(ROOT, opts.out ?? "decoding-the-hessian.pdf")}: ${r.pages} pages, ${
          (r.bytes / 1e6).toFixed(1)
        } MB, in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      return 0;
    } catch (e) {
      console.error((e as Error).message);
      return 1;
    }
  });
  Deno.exit(code ?? 0);
}

/** `deno task pdf`: the whole book printed by headless Chromium from the built test site. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { bookPages, makePdf, printableMain } from "../../tools/pdf.ts";
import { OUT, SITE, site } from "./_site.ts";

Deno.test({
  name: "pdf: the whole book, chapters from new pages, fonts embedded, written atomically",
  // Chromium outlives the promise that launched it by a few ticks.
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await site();
    const out = join(OUT, "book.pdf");
    await Deno.remove(out).catch(() => {});
    const t0 = performance.now();
    const r = await makePdf({ site: SITE, out });
    const bytes = Deno.readFileSync(out);
    const text = new TextDecoder("latin1").decode(bytes);
    assert.ok(text.startsWith("%PDF-"));
    assert.equal(r.bytes, bytes.length);
    const chapters = bookPages(SITE).filter((p) => /^\d\d-/.test(p)).length;
    // A title page, then every chapter from a new page: far more pages than chapters.
    assert.ok(r.pages >= 4 * chapters, `${r.pages} pages for ${chapters} chapters`);
    assert.match(text, /\/FontFile2?|\/FontFile3/, "no embedded fonts (KaTeX)");
    // Nothing temporary is left in the site or next to the PDF.
    assert.deepEqual([...Deno.readDirSync(SITE)].filter((e) => e.name.startsWith(".print-")), []);
    assert.deepEqual([...Deno.readDirSync(OUT)].filter((e) => e.name.includes(".tmp-")), []);
    console.log(
      `PDF: ${r.pages} pages, ${(r.bytes / 1e6).toFixed(1)} MB in ${
        ((performance.now() - t0) / 1000).toFixed(0)
      } s`,
    );
  },
});

Deno.test("pdf: a clear error when the site has not been built", async () => {
  const empty = await Deno.makeTempDir();
  await assert.rejects(
    () => makePdf({ site: empty, out: join(empty, "x.pdf") }),
    /^Error: Cannot make the PDF: .*index\.html does not exist; build the book first \(deno task book\)$/,
  );
  assert.deepEqual([...Deno.readDirSync(empty)], []);
  await Deno.remove(empty, { recursive: true });
});

Deno.test("pdf: ids are made unique per chapter, and links between chapters stay inside the PDF", () => {
  const prefix = (p: string) => (p === "01-a.html" ? "p1-" : "p2-");
  const html =
    '<main class="hx-main"><h2 id="s">S</h2><a href="#s">x</a><a href="02-b.html#fig-f">F</a><svg><g clip-path="url(#c1)"></g><clipPath id="c1"></clipPath></svg><a href="notebooks/01-a.ipynb">nb</a></main>';
  assert.equal(
    printableMain(html, prefix, "01-a.html"),
    '<h2 id="p1-s">S</h2><a href="#p1-s">x</a><a href="#p2-fig-f">F</a><svg><g clip-path="url(#p1-c1)"></g><clipPath id="p1-c1"></clipPath></svg><a href="notebooks/01-a.ipynb">nb</a>',
  );
});

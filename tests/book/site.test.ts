import assert from "node:assert/strict";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { LIBRARY_ENTRY_POINTS, listChapters, ROOT } from "../../tools/project.ts";
import { parseBibtex } from "../../tools/render/bib.ts";
import { renderSite } from "../../tools/render/site.ts";
import { syncNotebooks } from "../../tools/notebooks.ts";
import { fromLines, type Notebook } from "../../tools/notebook.ts";
import { siteHandler } from "../../tools/serve.ts";
import { chapterPages, pages, SITE, site } from "./_site.ts";

const PYTHON = "/usr/bin/python3";

Deno.test("notebooks are in sync with their chapters", () => {
  const stale = syncNotebooks("check").filter((r) => r.action !== "unchanged");
  assert.deepEqual(
    stale.map((r) => `${r.chapter.ipynb}: ${r.action}`),
    [],
    "run `deno task notebooks` and commit the result",
  );
});

async function validate(files: string[]): Promise<void> {
  const code = "import sys, nbformat\nfor f in sys.argv[1:]:\n" +
    "    nb = nbformat.read(f, as_version=4)\n    nbformat.validate(nb)\n" +
    "    assert (nb.nbformat, nb.nbformat_minor) == (4, 5), (f, nb.nbformat, nb.nbformat_minor)\n";
  const out = await new Deno.Command(PYTHON, { args: ["-c", code, ...files], stderr: "piped" })
    .output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
}

Deno.test("committed notebooks are valid nbformat 4.5 with the Deno kernelspec and no outputs", async () => {
  const chapters = listChapters();
  assert.ok(chapters.length >= 1);
  await validate(chapters.map((c) => join(ROOT, c.ipynb)));
  for (const c of chapters) {
    const nb: Notebook = JSON.parse(Deno.readTextFileSync(join(ROOT, c.ipynb)));
    assert.equal((nb.metadata.kernelspec as Record<string, string>).name, "deno-hessian");
    assert.equal((nb.metadata.language_info as Record<string, string>).name, "typescript");
    for (const cell of nb.cells) {
      assert.ok(cell.id && /^[a-zA-Z0-9_-]{1,64}$/.test(cell.id));
      if (cell.cell_type === "code") {
        assert.deepEqual(cell.outputs, []);
        assert.equal(cell.execution_count, null);
      }
    }
  }
});

Deno.test("every chapter executes in the real kernel with no error output", async () => {
  const r = await site();
  const chapters = listChapters();
  assert.equal(chapterPages().length, chapters.length);
  const files = chapters.map((c) => join(SITE, "notebooks", `${c.slug}.ipynb`));
  await validate(files);
  for (const f of files) {
    const nb: Notebook = JSON.parse(Deno.readTextFileSync(f));
    let k = 0;
    for (const cell of nb.cells) {
      if (cell.cell_type !== "code") continue;
      k++;
      assert.equal(cell.execution_count, k, `${f}: cell ${k} was not executed in order`);
      for (const o of cell.outputs ?? []) {
        assert.notEqual(o.output_type, "error", `${f} cell ${k}: ${o.ename}: ${o.evalue}`);
        if (o.output_type === "stream") {
          assert.notEqual(o.name, "stderr", `${f} cell ${k}: ${fromLines(o.text)}`);
        }
      }
    }
  }
  assert.ok(r.ok);
});

function visibleText(html: string): string[] {
  const { document } = parseHTML(html);
  const skip = new Set(["PRE", "CODE", "SCRIPT", "STYLE", "svg", "SVG"]);
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === 3) {
      out.push(n.textContent ?? "");
      return;
    }
    const el = n as Element;
    if (el.tagName && (skip.has(el.tagName) || el.classList?.contains("katex"))) return;
    for (const c of Array.from(n.childNodes)) walk(c);
  };
  walk(document.body);
  return out;
}

Deno.test("every page: no unrendered math", async () => {
  await site();
  for (const p of pages()) {
    const text = visibleText(Deno.readTextFileSync(join(SITE, p))).join("\n");
    const bad = text.match(/\$\$|\$[^\s$][^$\n]*\$|\\(begin|frac|lambda|mathbb)\b/);
    assert.equal(bad, null, `${p}: unrendered math near ${JSON.stringify(bad?.[0])}`);
  }
});

Deno.test("no external URL anywhere in the site (namespace names excepted)", async () => {
  await site();
  const namespaces = new Set([
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1998/Math/MathML",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/2000/xmlns/",
    "http://www.w3.org/XML/1998/namespace",
  ]);
  const walk = (dir: string): string[] =>
    [...Deno.readDirSync(dir)].flatMap((e) =>
      e.isDirectory ? walk(join(dir, e.name)) : [join(dir, e.name)]
    );
  const files = walk(SITE).filter((f) => /\.(html|css|ipynb|js|svg)$/.test(f));
  assert.ok(files.some((f) => f.endsWith("katex.min.css")));
  const problems: string[] = [];
  for (const f of files) {
    const text = Deno.readTextFileSync(f);
    for (const m of text.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)\\&]*/gi)) {
      const before = text.slice(Math.max(0, m.index! - 16), m.index);
      // Namespace names as attributes (possibly HTML-escaped inside a code example), or as string
      // constants in the explorables' bundled DOM code.
      const isNamespace = namespaces.has(m[0]) &&
        (/xmlns(:\w+)?=(\\?["']|&quot;)$/.test(before) ||
          (/\.(js|ipynb)$/.test(f) && /["']$/.test(before)));
      if (!isNamespace) problems.push(`${f.slice(SITE.length + 1)}: ${m[0]}`);
    }
    for (const m of text.matchAll(/url\(\s*["']?([^"')]+)/g)) {
      if (/^(https?:|\/\/)/.test(m[1])) problems.push(`${f}: url(${m[1]})`);
    }
  }
  assert.deepEqual(problems.slice(0, 20), []);
});

const idCache = new Map<string, Set<string>>();
function idsOf(page: string): Set<string> {
  let ids = idCache.get(page);
  if (!ids) {
    ids = new Set(
      [...Deno.readTextFileSync(join(SITE, page)).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]),
    );
    idCache.set(page, ids);
  }
  return ids;
}

Deno.test("every figure is present, with alt text, and every local link resolves", async () => {
  await site();
  for (const ch of listChapters()) {
    const nb: Notebook = JSON.parse(
      Deno.readTextFileSync(join(SITE, "notebooks", `${ch.slug}.ipynb`)),
    );
    const figures = nb.cells.flatMap((c) =>
      c.outputs ?? []
    ).filter((o) => o.data && "image/svg+xml" in o.data)
      .length;
    const html = Deno.readTextFileSync(join(SITE, `${ch.slug}.html`));
    const { document } = parseHTML(html);
    // An explorable's fallback is one figure output (one numbered figure) holding its plots.
    const shown = document.querySelectorAll(".hx-figure, .hx-svg").length;
    assert.equal(shown, figures, `${ch.slug}: ${figures} figure outputs but ${shown} on the page`);
    for (const fig of Array.from(document.querySelectorAll(".hx-figure")) as Element[]) {
      const svg = fig.querySelector("svg[role=img]");
      assert.ok(
        svg && (svg.getAttribute("aria-label") ?? "").length > 10,
        `${ch.slug}: a figure lacks alt text`,
      );
      assert.ok(
        svg!.querySelector("path, circle, rect, line, text"),
        `${ch.slug}: an empty figure`,
      );
    }
  }
  for (const p of pages()) {
    const { document } = parseHTML(Deno.readTextFileSync(join(SITE, p)));
    for (const a of Array.from(document.querySelectorAll("[href], [src]")) as Element[]) {
      const ref = a.getAttribute("href") ?? a.getAttribute("src") ?? "";
      if (ref.startsWith("data:")) continue;
      assert.ok(!/^[a-z]+:/i.test(ref) && !ref.startsWith("//"), `${p}: external link ${ref}`);
      const [path, hash] = ref.split("#");
      const target = path === "" ? p : path;
      assert.ok(Deno.statSync(join(SITE, target)).isFile, `${p}: broken link ${ref}`);
      if (hash) {
        const ids = idsOf(target);
        assert.ok(ids.has(hash), `${p}: link ${ref} has no target #${hash}`);
      }
    }
  }
});

Deno.test("deno task serve's handler serves pages, fonts and notebooks", async () => {
  await site();
  const handle = siteHandler(SITE);
  const index = await handle(new Request("http://127.0.0.1/"));
  assert.equal(index.status, 200);
  assert.match(index.headers.get("content-type") ?? "", /text\/html/);
  const css = await (await handle(new Request("http://127.0.0.1/assets/katex/katex.min.css")))
    .text();
  const font = css.match(/url\((fonts\/KaTeX_Main-Regular\.woff2)\)/)![1];
  const f = await handle(new Request(`http://127.0.0.1/assets/katex/${font}`));
  assert.equal(f.status, 200);
  assert.equal(f.headers.get("content-type"), "font/woff2");
  assert.equal((await handle(new Request("http://127.0.0.1/../deno.json"))).status, 404);
  await f.body?.cancel();
  await index.body?.cancel();
});

// ---- The apparatus: numbering, references, bibliography, search, API reference, determinism

Deno.test("every page: a search box, the theme toggle; chapter pages: one pager and Run this chapter", async () => {
  await site();
  for (const p of pages()) {
    const { document } = parseHTML(Deno.readTextFileSync(join(SITE, p)));
    assert.equal(document.querySelectorAll('input[type="search"]').length, 1, p);
    assert.equal(document.querySelectorAll("button.hx-theme-toggle").length, 1, p);
    assert.equal(document.querySelectorAll('script[src="assets/book.js"]').length, 1, p);
  }
  for (const p of chapterPages()) {
    const { document } = parseHTML(Deno.readTextFileSync(join(SITE, p)));
    const slug = p.replace(/\.html$/, "");
    assert.equal(document.querySelectorAll(".hx-pager").length, 1, `${p}: pagers`);
    assert.ok(document.querySelectorAll('a[rel="prev"], a[rel="next"]').length <= 2, p);
    const run = document.querySelector("#run-this-chapter")?.closest("aside");
    assert.ok(run, `${p}: no Run this chapter`);
    const text = run!.textContent ?? "";
    assert.match(text, /deno task kernel/);
    assert.ok(text.includes(`jupyter lab notebooks/${slug}.ipynb`), p);
    assert.ok(run!.querySelector(`a[href="source/${slug}.md"]`), `${p}: no link to the source`);
    assert.ok(run!.querySelector(`a[href="notebooks/${slug}.ipynb"]`), `${p}: no notebook link`);
    assert.equal(
      Deno.readTextFileSync(join(SITE, "source", `${slug}.md`)),
      Deno.readTextFileSync(join(ROOT, "chapters", `${slug}.md`)),
    );
  }
});

Deno.test("figures, equations and exercises are numbered; every cross-reference names its target's number", async () => {
  await site();
  const numbers = new Map<string, string>(); // "page#id" → "Figure 3.2" etc.
  let figures = 0, equations = 0, exercises = 0, references = 0;
  for (const p of chapterPages()) {
    const { document } = parseHTML(Deno.readTextFileSync(join(SITE, p)));
    const n = Number(p.slice(0, 2));
    (Array.from(document.querySelectorAll(".hx-figure")) as Element[]).forEach((f, i) => {
      const num = f.querySelector("figcaption .hx-fignum")?.textContent;
      assert.equal(num, `Figure ${n}.${i + 1}.`, `${p}: figure ${i + 1} is numbered ${num}`);
      assert.ok(f.id, `${p}: figure ${num} has no id`);
      numbers.set(`${p}#${f.id}`, `Figure ${n}.${i + 1}`);
      figures++;
    });
    (Array.from(document.querySelectorAll(".hx-eq")) as Element[]).forEach((e, i) => {
      assert.equal(e.querySelector(".hx-eqno")?.textContent, `(${n}.${i + 1})`, p);
      numbers.set(`${p}#${e.id}`, `Eq. (${n}.${i + 1})`);
      equations++;
    });
    for (const li of Array.from(document.querySelectorAll('li[id^="ex-"]')) as Element[]) {
      const k = Array.from(li.parentElement!.children).indexOf(li) +
        Number(li.parentElement!.getAttribute("start") ?? 1);
      numbers.set(`${p}#${li.id}`, `Exercise ${n}.${k}`);
      exercises++;
    }
  }
  for (const p of chapterPages()) {
    const { document } = parseHTML(Deno.readTextFileSync(join(SITE, p)));
    for (const a of Array.from(document.querySelectorAll("a.hx-xref")) as Element[]) {
      const href = a.getAttribute("href")!;
      const key = href.startsWith("#") ? `${p}${href}` : href;
      assert.ok(numbers.has(key), `${p}: reference ${href} has no numbered target`);
      assert.equal(a.textContent!.replace(/\u00a0/g, " "), numbers.get(key), `${p}: ${href}`);
      references++;
    }
    assert.ok(!/@(fig|eq|ex):|\{#(eq|ex|fig):/.test(visibleText(document.toString()).join(" ")), p);
  }
  console.log(
    `${figures} figures, ${equations} labelled equations, ${exercises} labelled exercises, ${references} references`,
  );
  assert.ok(figures >= 40 && equations >= 10 && exercises >= 1 && references >= 20);
});

Deno.test("bibliography: every citation resolves, every entry is cited, references.html lists them all", async () => {
  await site();
  const bib = parseBibtex(Deno.readTextFileSync(join(ROOT, "book", "references.bib")));
  const cited = new Set<string>();
  for (const p of pages()) {
    const { document } = parseHTML(Deno.readTextFileSync(join(SITE, p)));
    const cites = Array.from(document.querySelectorAll(".hx-cite")) as Element[];
    for (const c of cites) {
      assert.ok(!c.textContent!.includes("?"), `${p}: unresolved citation ${c.textContent}`);
    }
    const listed =
      (Array.from(document.querySelectorAll('.hx-references li[id^="ref-"]')) as Element[])
        .map((li) => li.id.slice(4));
    const linked = (Array.from(document.querySelectorAll("a.hx-cite-ref")) as Element[])
      .map((a) => a.getAttribute("href")!.slice(5));
    // Each page lists exactly what it cites, numbered in order of first citation.
    assert.deepEqual(listed, [...new Set(linked)], `${p}: references section`);
    for (const key of linked) {
      assert.ok(bib.has(key), `${p}: citation ${key} is not in references.bib`);
      cited.add(key);
    }
    const numbers = (Array.from(document.querySelectorAll("a.hx-cite-ref")) as Element[]).map((a) =>
      Number(a.textContent)
    );
    assert.deepEqual(numbers, linked.map((k) => listed.indexOf(k) + 1), `${p}: citation numbers`);
  }
  assert.deepEqual([...bib.keys()].filter((k) => !cited.has(k)), [], "entries nobody cites");
  const { document } = parseHTML(Deno.readTextFileSync(join(SITE, "references.html")));
  assert.deepEqual(
    (Array.from(document.querySelectorAll(".hx-biblio > li")) as Element[]).map((li) => li.id)
      .sort(),
    [...bib.keys()].sort(),
  );
  assert.ok(
    parseHTML(Deno.readTextFileSync(join(SITE, "index.html"))).document.querySelector(
      'a[href="references.html"]',
    ),
  );
});

Deno.test("search index: a classic script with sections, figures, equations and claims of every chapter", async () => {
  await site();
  const script = Deno.readTextFileSync(join(SITE, "assets", "search-index.js"));
  const data = JSON.parse(script.slice(script.indexOf("=") + 1).trim().replace(/;$/, ""));
  const stored = Object.values(data.index.storedFields) as { kind: string; url: string }[];
  const kinds = new Set(stored.map((d) => d.kind));
  for (const k of ["page", "section", "figure", "equation", "claim", "reference"]) {
    assert.ok(kinds.has(k), `no ${k} in the search index`);
  }
  for (const p of chapterPages()) {
    assert.ok(stored.some((d) => d.url.startsWith(p)), `${p} is not searchable`);
  }
  for (const d of stored) {
    const [path, hash] = d.url.split("#");
    if (hash) assert.ok(idsOf(path).has(hash), `search result ${d.url} has no target`);
  }
  console.log(`search index: ${stored.length} documents, ${(script.length / 1024).toFixed(0)} KiB`);
});

Deno.test("API reference: every entry point, linked from the index, self-contained", async () => {
  await site();
  const api = join(SITE, "api");
  assert.ok(Deno.statSync(join(api, "index.html")).isFile);
  const index = parseHTML(Deno.readTextFileSync(join(SITE, "index.html"))).document;
  assert.ok(index.querySelector('a[href="api/index.html"]'), "the index does not link the API");
  for (const entry of LIBRARY_ENTRY_POINTS) {
    const dir = entry.match(/^lib\/(.+)\/mod\.ts$/)?.[1];
    if (dir) {
      assert.ok(Deno.statSync(join(api, dir, "index.html")).isFile, `no API page for ${entry}`);
    }
  }
  const walk = (d: string): string[] =>
    [...Deno.readDirSync(d)].flatMap((e) =>
      e.isDirectory ? walk(join(d, e.name)) : [join(d, e.name)]
    );
  let files = 0;
  for (const f of walk(api)) {
    if (!/\.(html|js|css)$/.test(f)) continue;
    files++;
    const text = Deno.readTextFileSync(f);
    assert.ok(
      !/file:|\/work\//.test(text.replace(/"file:\/\/"/g, "")),
      `${f}: a path of the build machine`,
    );
  }
  assert.ok(files > 100);
});

Deno.test("rendering the site again from the same executed notebooks gives byte-identical files", async () => {
  await site();
  const chapters = listChapters().map((chapter) => ({
    chapter,
    notebook: JSON.parse(
      Deno.readTextFileSync(join(SITE, "notebooks", `${chapter.slug}.ipynb`)),
    ) as Notebook,
  }));
  const again = await renderSite(chapters);
  assert.deepEqual(again.problems, []);
  const differ: string[] = [];
  for (const [path, text] of again.files) {
    if (Deno.readTextFileSync(join(SITE, path)) !== text) differ.push(path);
  }
  assert.deepEqual(differ, []);
  for (const [from, path] of again.copies) {
    assert.deepEqual(Deno.readFileSync(join(SITE, path)), Deno.readFileSync(from), path);
  }
});

import assert from "node:assert/strict";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { listChapters, ROOT } from "../../tools/project.ts";
import { syncNotebooks } from "../../tools/notebooks.ts";
import { fromLines, type Notebook } from "../../tools/notebook.ts";
import { siteHandler } from "../../tools/serve.ts";
import { pages, SITE, site } from "./_site.ts";

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
  assert.equal(pages().length, chapters.length + 1);
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
    for (const m of text.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)\\]*/gi)) {
      const before = text.slice(Math.max(0, m.index! - 16), m.index);
      // Namespace names as attributes, or as string constants in the explorables' bundled DOM code.
      const isNamespace = namespaces.has(m[0]) &&
        (/xmlns(:\w+)?=\\?["']$/.test(before) || (/\.(js|ipynb)$/.test(f) && /["']$/.test(before)));
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
    // An explorable's fallback is one figure output holding a figure per plot.
    const shown = document.querySelectorAll(".hx-figure, .hx-svg").length -
      document.querySelectorAll(".hx-explorable-fallback .hx-figure").length;
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

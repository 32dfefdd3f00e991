/** The built pages say what the computations say: captions and ledgers read from the site. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { SITE, site } from "./_site.ts";

function page(name: string): Document {
  return parseHTML(Deno.readTextFileSync(join(SITE, name))).document as unknown as Document;
}

Deno.test("chapter 5's boundary caption: each written factor's word (shrinks, stays, grows) is what |factor| implies", async () => {
  await site();
  const doc = page("05-gradient-descent-dynamics.html");
  const figure = doc.querySelector('[data-label="gd-boundary"]')?.closest("figure") ??
    doc.querySelector('[data-label="gd-boundary"]');
  assert.ok(figure, "the figure gd-boundary is on the page");
  const text = (figure.textContent ?? "").replace(/\s+/g, " ");
  const clauses = [
    ...text.matchAll(
      /factor (−?\d+\.\d+), (above|below|exactly) (−?1), so the amplitude (shrinks|stays|grows)/g,
    ),
  ];
  assert.equal(clauses.length, 3, text);
  for (const [, f, rel, one, word] of clauses) {
    const r = Number(f.replace("−", "-")), ref = Number(one.replace("−", "-"));
    assert.equal(rel, r === ref ? "exactly" : r > ref ? "above" : "below", f);
    assert.equal(word, Math.abs(r) === 1 ? "stays" : Math.abs(r) < 1 ? "shrinks" : "grows", f);
  }
});

Deno.test("chapter 9 renders every ledger entry: its sentence, and its claims' verdicts or its reason", async () => {
  await site();
  const { PAPER_LEDGER } = await import("../../book/ledger.ts");
  const { CLAIMS } = await import("../../book/mod.ts");
  const doc = page("09-conclusion.html");
  const norm = (s: string) => s.replace(/\s+/g, " ").trim();
  const ledger = [...doc.querySelectorAll("table")].find((t) =>
    norm(t.querySelector("tr")?.textContent ?? "").includes("Accounted for")
  );
  assert.ok(ledger, "chapter 9 has the ledger table");
  const rows = [...ledger.querySelectorAll("tr")].map((tr) => norm(tr.textContent ?? ""));
  assert.equal(rows.length, PAPER_LEDGER.length + 1, "one row per entry, and the header");
  for (const e of PAPER_LEDGER) {
    const row = rows.find((r) => r.includes(norm(e.sentence)));
    assert.ok(row, `chapter 9 does not show "${e.sentence}"`);
    if (e.notTested) assert.ok(row.includes("not tested"), e.sentence);
    for (const id of e.claims ?? []) {
      const verdict = CLAIMS.find((c) => c.id === id)!.expected;
      assert.ok(row.toLowerCase().includes(`${id}: ${verdict}`), `${id} in "${e.sentence}"`);
    }
  }
});

import assert from "node:assert/strict";
import { join } from "node:path";
import {
  CHAPTER_SLUGS,
  type Claim,
  CLAIMS,
  ERRATA,
  type Erratum,
  evidenceLink,
  showErratum,
  showVerdict,
  VerdictChangedError,
} from "../../book/mod.ts";
import { listChapters, ROOT } from "../../tools/project.ts";
import { isBeyondPaper } from "../../book/claims/claim.ts";

Deno.test("ch9 registry: every claim and erratum file in book/claims is registered exactly once", async () => {
  const dir = join(ROOT, "book", "claims");
  const found: (Claim | Erratum)[] = [];
  for (const e of Deno.readDirSync(dir)) {
    if (!e.name.endsWith(".ts") || ["claim.ts", "mod.ts", "registry.ts"].includes(e.name)) continue;
    const mod = await import(join(dir, e.name));
    for (const v of Object.values(mod)) {
      if (v && typeof v === "object" && "id" in v && "chapter" in v) {
        found.push(v as Claim | Erratum);
      }
    }
  }
  const registered = [...CLAIMS, ...ERRATA];
  assert.deepEqual(
    found.map((x) => x.id).sort(),
    registered.map((x) => x.id).sort(),
  );
  assert.equal(new Set(registered.map((x) => x.id)).size, registered.length);
});

Deno.test("ch9 registry: chapter slugs match chapters/ and links point at claim-/erratum- anchors", () => {
  const chapters = listChapters();
  assert.deepEqual(
    Object.entries(CHAPTER_SLUGS).map(([n, s]) => [Number(n), s]),
    chapters.map((c) => [c.number, c.slug]),
  );
  for (const c of CLAIMS) {
    assert.match(evidenceLink(c), new RegExp(`^\\d\\d-[a-z0-9-]+\\.html#claim-${c.id}$`));
  }
  for (const e of ERRATA) {
    assert.match(evidenceLink(e), new RegExp(`^\\d\\d-[a-z0-9-]+\\.html#erratum-${e.id}$`));
  }
});

Deno.test("ch9 a flipped verdict stops the build: showVerdict throws VerdictChangedError", () => {
  const claim: Claim = {
    id: "always-refuted",
    chapter: 9,
    statement: "a test statement",
    expected: "confirmed",
    evaluate: () => ({ verdict: "refuted", summary: "measured otherwise", numbers: {} }),
  };
  assert.throws(() => showVerdict(claim), VerdictChangedError);
  assert.throws(
    () => showVerdict(claim),
    /now evaluates to "refuted", but chapter 9 is written for "confirmed"/,
  );
  const broken: Erratum = {
    id: "broken",
    chapter: 9,
    paper: "x",
    correction: "y",
    check: () => {
      throw new Error("evidence failed");
    },
  };
  assert.throws(() => showErratum(broken), /evidence failed/);
});

Deno.test("ch9 errata: each erratum's evidence holds", () => {
  assert.equal(ERRATA.length, 5);
  for (const e of ERRATA) assert.ok(e.check().length > 10, e.id);
});

Deno.test("ch9 registry: claims beyond the paper are registered in chapter order, cite a source, and chapter 9 groups them", () => {
  const chapters = CLAIMS.map((c) => c.chapter);
  assert.deepEqual(chapters, [...chapters].sort((a, b) => a - b));
  const beyond = CLAIMS.filter(isBeyondPaper);
  assert.equal(beyond.length, 5);
  assert.ok(beyond.every((c) => c.reference && /^[a-z0-9]+([;,] ?[a-z0-9]+)*$/.test(c.reference)));
  const text = Deno.readTextFileSync(join(ROOT, "chapters", "09-conclusion.md"));
  for (const c of beyond) {
    assert.ok(text.includes(`"${c.id}"`), `${c.id} is not in chapter 9's table`);
  }
});

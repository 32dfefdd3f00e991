import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { buildBook } from "../../tools/book.ts";
import { formatProblem } from "../../tools/typecheck.ts";
import { SITE, site } from "../book/_site.ts";

/** Every file under `root`, as sorted relative paths. */
function files(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) out.push(...files(root, p));
    else out.push(relative(root, p).split("\\").join("/"));
  }
  return out.sort();
}

/** Where two byte strings first differ, with a little context, or null when equal. */
function firstDifference(a: Uint8Array, b: Uint8Array): string | null {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  if (i === n && a.length === b.length) return null;
  const text = (x: Uint8Array) =>
    JSON.stringify(new TextDecoder().decode(x.subarray(Math.max(0, i - 60), i + 60)));
  return `first difference at byte ${i} (sizes ${a.length} and ${b.length}):\n  ${text(a)}\n  ${
    text(b)
  }`;
}

Deno.test("the book is deterministic: a second build, executing every chapter again, is byte-identical", async () => {
  // One build is the test site (its executions may come from the cache, which holds what an
  // earlier clean execution wrote); the other executes every chapter afresh, without the cache.
  await site();
  const out = await Deno.makeTempDir({ prefix: "hessian-second-build-" });
  const again = join(out, "site");
  const r = await buildBook({ out: again, cache: false, log: () => {} });
  assert.ok(r.ok, r.problems.map(formatProblem).join("\n"));
  assert.ok(r.executions.every((e) => !e.cached), "the second build must execute every chapter");
  const first = files(SITE), second = files(again);
  assert.deepEqual(second, first, "both builds write the same files");
  const differ: string[] = [];
  for (const f of first) {
    const d = firstDifference(Deno.readFileSync(join(SITE, f)), Deno.readFileSync(join(again, f)));
    if (d) differ.push(`${f}: ${d}`);
  }
  assert.deepEqual(differ, [], `files differ between two builds:\n${differ.join("\n")}`);
  await Deno.remove(out, { recursive: true });
});

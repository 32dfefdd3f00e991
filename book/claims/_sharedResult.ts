// Private: one evaluation per claim and source tree, shared by every process of a test run.
//
// A claim's experiment takes seconds, and one `deno task test` used to run it three or
// more times: its doc example, its unit tests (in several files) and the book's kernels
// (its chapter, and Chapter 9 again). Now the first evaluation is memoized in the process
// and, when the process may read and write the project's `.cache/`, stored in
// `.cache/claims/<tree>/<id>.json`, where <tree> hashes every file under lib/, book/ and
// bench/results/ (recorded timings),
// deno.json, deno.lock and the Deno version (the inputs of the book's execution cache):
// the same code gives the same result, since claims are deterministic. A lock file makes
// concurrent processes (the book's kernels run in parallel) wait for one evaluation.
// Without the permissions, or outside a file checkout, only the in-process memo is used.
// The one evaluation runs with Math.random and crypto.getRandomValues disabled, so a claim
// that would give a different result in another process fails instead.
import type { ClaimResult, Verdict } from "./claim.ts";

const memo = new Map<string, ClaimResult>();

/** The result of `evaluate` for claim `id`, computed at most once per source tree. */
export function sharedResult(id: string, evaluate: () => ClaimResult): ClaimResult {
  const hit = memo.get(id);
  if (hit) return hit;
  const dir = cacheDir();
  const run = () => deterministically(id, evaluate);
  const result = deepFreeze(dir === null ? run() : throughDisk(dir, id, run));
  memo.set(id, result);
  return result;
}

/**
 * Run `evaluate` with `Math.random` and `crypto.getRandomValues` refusing to
 * work: a claim's numbers must come from seeded generators, since one
 * evaluation stands for every process that reads it back.
 */
function deterministically(id: string, evaluate: () => ClaimResult): ClaimResult {
  const random = Math.random, getRandomValues = crypto.getRandomValues;
  const refuse = (what: string) => () => {
    throw new Error(
      `Cannot evaluate claim "${id}": it called ${what}; a claim must be deterministic, so ` +
        "draw from a seeded Rng",
    );
  };
  Math.random = refuse("Math.random");
  crypto.getRandomValues = refuse("crypto.getRandomValues") as typeof getRandomValues;
  try {
    return evaluate();
  } finally {
    Math.random = random;
    crypto.getRandomValues = getRandomValues;
  }
}

const ROOT = new URL("../../", import.meta.url);
let dirCache: string | null | undefined;

/** `.cache/claims/<tree hash>` when the disk cache is usable, else null. */
function cacheDir(): string | null {
  if (dirCache !== undefined) return dirCache;
  dirCache = null;
  if (ROOT.protocol !== "file:" || typeof Deno === "undefined") return null;
  const root = decodeURIComponent(ROOT.pathname);
  const cache = `${root}.cache`;
  try {
    const read = Deno.permissions.querySync({ name: "read", path: root }).state;
    const write = Deno.permissions.querySync({ name: "write", path: cache }).state;
    if (read !== "granted" || write !== "granted") return null;
    const claims = `${cache}/claims`, tree = treeHash(root);
    Deno.mkdirSync(`${claims}/${tree}`, { recursive: true });
    pruneOlderTrees(claims, tree);
    dirCache = `${claims}/${tree}`;
  } catch {
    dirCache = null;
  }
  return dirCache;
}

/** Remove result folders of other source trees untouched for an hour (earlier edits). */
function pruneOlderTrees(claims: string, keep: string): void {
  for (const e of Deno.readDirSync(claims)) {
    if (!e.isDirectory || e.name === keep) continue;
    try {
      const p = `${claims}/${e.name}`;
      if (Date.now() - (Deno.statSync(p).mtime?.getTime() ?? 0) > 3_600_000) {
        Deno.removeSync(p, { recursive: true });
      }
    } catch { /* removed by another process */ }
  }
}

/** Read the stored result, or evaluate under a lock and store it. */
function throughDisk(dir: string, id: string, evaluate: () => ClaimResult): ClaimResult {
  const file = `${dir}/${id}.json`, lock = `${dir}/${id}.lock`;
  for (;;) {
    const stored = readResult(file);
    if (stored) return stored;
    try {
      Deno.openSync(lock, { write: true, createNew: true }).close();
    } catch {
      // another process is evaluating: wait for its result (or for a stale lock to expire)
      try {
        const age = Date.now() - (Deno.statSync(lock).mtime?.getTime() ?? 0);
        if (age > 15 * 60_000) Deno.removeSync(lock);
      } catch { /* the lock went away: look again */ }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
      continue;
    }
    try {
      // Another process may have stored the result and released the lock between our read
      // above and taking the lock: read again, so that exactly one process evaluates.
      const stored = readResult(file);
      if (stored) return stored;
      const result = evaluate();
      const tmp = `${file}.${Deno.pid}.tmp`;
      Deno.writeTextFileSync(tmp, encode(result));
      Deno.renameSync(tmp, file);
      return result;
    } finally {
      Deno.removeSync(lock);
    }
  }
}

function readResult(file: string): ClaimResult | null {
  let text: string;
  try {
    text = Deno.readTextFileSync(file);
  } catch {
    return null;
  }
  try {
    return decode(text);
  } catch {
    return null; // unreadable (e.g. written by another version): evaluate again
  }
}

// JSON loses −0, ±∞ and NaN: those numbers are stored as strings.
function encode(r: ClaimResult): string {
  const numbers: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(r.numbers)) {
    numbers[k] = Number.isFinite(v) && !Object.is(v, -0) ? v : Object.is(v, -0) ? "-0" : String(v);
  }
  return JSON.stringify({ verdict: r.verdict, summary: r.summary, numbers });
}

function decode(text: string): ClaimResult {
  const raw = JSON.parse(text) as {
    verdict: Verdict;
    summary: string;
    numbers: Record<string, number | string>;
  };
  const numbers: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw.numbers)) numbers[k] = Number(v);
  if (typeof raw.verdict !== "string" || typeof raw.summary !== "string") {
    throw new Error("malformed claim result");
  }
  return { verdict: raw.verdict, summary: raw.summary, numbers };
}

function deepFreeze(r: ClaimResult): ClaimResult {
  Object.freeze(r.numbers);
  return Object.freeze(r);
}

/** A 64-bit hash (two 32-bit FNV-1a lanes) of the files a claim's result depends on. */
function treeHash(root: string): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of Deno.readDirSync(`${root}${dir}`)) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory) walk(p);
      else if (e.isFile) files.push(p);
    }
  };
  walk("lib");
  walk("book");
  try {
    walk("bench/results");
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  files.sort();
  files.push("deno.json", "deno.lock");
  let h1 = 0x811c9dc5, h2 = 0x01000193 ^ 0x5bd1e995;
  const mix = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) {
      h1 = Math.imul(h1 ^ bytes[i], 0x01000193);
      h2 = Math.imul(h2 ^ bytes[i], 0x5bd1e995) ^ (h2 >>> 15);
    }
  };
  const enc = new TextEncoder();
  mix(enc.encode(`deno ${Deno.version.deno}\n`));
  for (const f of files) {
    mix(enc.encode(`${f}\n`));
    try {
      mix(Deno.readFileSync(`${root}${f}`));
    } catch {
      mix(enc.encode("(missing)"));
    }
  }
  const hex = (x: number) => (x >>> 0).toString(16).padStart(8, "0");
  return hex(h1) + hex(h2);
}

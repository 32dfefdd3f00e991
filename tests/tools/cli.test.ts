/**
 * Every tool with a command line, run as the user runs it (`deno task -q
 * NAME …`): a bad value exits 2 with one `Cannot …` line on stderr, prints
 * nothing on stdout and does no work; `--help` exits 0 with the usage.
 * (`deno task curvature` has its own tests in curvature.test.ts.)
 */
import { check } from "../../lib/assert.ts";

const ROOT = new URL("../..", import.meta.url).pathname;

/**
 * The environment of a user's shell: this process's, without the INIT_CWD that an enclosing
 * `deno task test` set (deno task keeps an INIT_CWD it inherits, and the tests choose the
 * directory each task runs from).
 */
const TASK_ENV = (() => {
  const env = Deno.env.toObject();
  delete env.INIT_CWD;
  return { ...env, NO_COLOR: "1", RUST_BACKTRACE: "0" };
})();

async function task(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", ...args],
    cwd: ROOT,
    clearEnv: true,
    env: TASK_ENV,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

async function rejects(args: string[], message: string): Promise<void> {
  const r = await task(args);
  const what = args.join(" ");
  check(r.code === 2, `${what}: exit 2, got ${r.code}: ${r.stderr}`);
  check(r.stdout === "", `${what}: nothing on stdout (no work started), got ${r.stdout}`);
  check(r.stderr.trim() === message, `${what}: expected\n  ${message}\ngot\n  ${r.stderr.trim()}`);
}

Deno.test("deno task book rejects bad values before starting any work", async () => {
  await rejects(
    ["book", "--concurrency", "abc"],
    'Cannot parse arguments: --concurrency expects an integer ≥ 1, got "abc"',
  );
  await rejects(
    ["book", "--concurrency=0"],
    'Cannot parse arguments: --concurrency expects an integer ≥ 1, got "0"',
  );
  await rejects(
    ["book", "--only", "1,x"],
    'Cannot parse arguments: --only expects a comma-separated list of integers ≥ 1, got "1,x"',
  );
  await rejects(["book", "--out"], "Cannot parse arguments: --out needs a value (DIR)");
  await rejects(
    ["book", "--cell-timeout", "0"],
    'Cannot parse arguments: --cell-timeout expects a number > 0, got "0"',
  );
  await rejects(
    ["book", "--nocache"],
    "Cannot parse arguments: unknown flag --nocache (see --help)",
  );
  await rejects(
    ["book", "chapters"],
    'Cannot parse arguments: unexpected argument "chapters" (this command takes none)',
  );
  // a chapter number that does not exist: known only from chapters/, still before any work
  const chapters = [...Deno.readDirSync(`${ROOT}chapters`)].filter((e) =>
    /^\d\d-.*\.md$/.test(e.name)
  );
  const r = await task(["book", "--only", "99"]);
  check(r.code === 2 && r.stdout === "", `exit ${r.code}: ${r.stdout}${r.stderr}`);
  check(
    r.stderr.startsWith("Cannot build the book: only: no chapter 99 in chapters/") &&
      r.stderr.includes(`${chapters.length}`),
    r.stderr,
  );
});

Deno.test("deno task notebooks, serve, kernel, screenshot, bench:book, execute, pdf and bench:record reject bad values", async () => {
  await rejects(
    ["notebooks", "--check", "--from-ipynb"],
    "Cannot parse arguments: --check and --from-ipynb exclude each other",
  );
  await rejects(
    ["notebooks", "--chek"],
    "Cannot parse arguments: unknown flag --chek (see --help)",
  );
  await rejects(
    ["serve", "--port", "http"],
    'Cannot parse arguments: --port expects an integer from 0 to 65535, got "http"',
  );
  await rejects(
    ["serve", "--port=70000"],
    'Cannot parse arguments: --port expects an integer from 0 to 65535, got "70000"',
  );
  await rejects(
    ["serve", "a", "b"],
    'Cannot parse arguments: unexpected argument "b" (expected DIR)',
  );
  await rejects(["kernel", "--user"], "Cannot parse arguments: unknown flag --user (see --help)");
  await rejects(
    ["screenshot", "page.html"],
    "Cannot parse arguments: missing the argument OUT (see --help)",
  );
  await rejects(
    ["screenshot", "page.html", "out.png", "--width", "wide"],
    'Cannot parse arguments: --width expects an integer from 100 to 10000, got "wide"',
  );
  await rejects(
    ["bench:book", "--runs", "0"],
    'Cannot parse arguments: --runs expects an integer ≥ 1, got "0"',
  );
  await rejects(["execute"], "Cannot parse arguments: missing the argument NOTEBOOK (see --help)");
  await rejects(
    ["execute", "a.ipynb", "--cell-timeout", "x"],
    'Cannot parse arguments: --cell-timeout expects a number > 0, got "x"',
  );
  await rejects(["pdf", "--site"], "Cannot parse arguments: --site needs a value (DIR)");
  await rejects(
    ["pdf", "book.pdf"],
    'Cannot parse arguments: unexpected argument "book.pdf" (this command takes none)',
  );
  await rejects(["bench:record", "--out"], "Cannot parse arguments: --out needs a value (FILE)");
});

Deno.test("--help on every tool: exit 0, the usage on stdout, every flag listed", async () => {
  const tools: [string, string[]][] = [
    ["book", [
      "--out DIR",
      "--no-cache",
      "--only N[,N]",
      "--concurrency N",
      "--cell-timeout SECONDS",
    ]],
    ["execute", ["NOTEBOOK", "--out FILE", "--kernel NAME", "--cell-timeout SECONDS"]],
    ["bench:record", ["--out FILE"]],
    ["notebooks", ["--from-ipynb", "--check"]],
    ["serve", ["--port N", "DIR"]],
    ["kernel", ["-h, --help"]],
    ["screenshot", ["PAGE", "OUT", "--width N", "--dark", "--selector CSS"]],
    ["bench:book", ["--runs N"]],
    ["pdf", ["--site DIR", "--out FILE"]],
    ["test", ["DENO_TEST_ARGS"]],
    ["curvature", ["SPEC", "--top K", "--dense", "--matrix-free"]],
  ];
  for (const [name, items] of tools) {
    const r = await task([name, "--help"]);
    check(r.code === 0 && r.stderr === "", `${name} --help: exit ${r.code}: ${r.stderr}`);
    check(r.stdout.startsWith(`Usage: deno task ${name}`), `${name}: ${r.stdout.slice(0, 200)}`);
    for (const item of items) check(r.stdout.includes(item), `${name} --help lacks ${item}`);
  }
});

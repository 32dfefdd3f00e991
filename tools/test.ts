/**
 * `deno task test`: everything CI checks, in one command.
 *
 * 1. setup (npm dependencies, kernelspec, Python with nbclient);
 * 2. `deno check`, `deno lint`, `deno fmt --check`, `deno doc --lint`;
 * 3. `deno test`: the library's doc examples, unit and property tests,
 *    the book built and executed in the real kernel, the exported pages
 *    checked, and every page opened in headless Chromium.
 *
 * Each static check counts as one test. The last line is `N passed, M failed`.
 * Extra arguments go to `deno test` (e.g. `deno task test --filter lanczos`).
 *
 * @module
 */
import { type CommandSpec, runCommand } from "./args.ts";
import { bootstrap, ensureChromium } from "./bootstrap.ts";
import { LIBRARY_ENTRY_POINTS, ROOT } from "./project.ts";

const env = { NO_COLOR: "1", RUST_BACKTRACE: "0" };

async function step(name: string, args: string[]): Promise<{ ok: boolean; output: string }> {
  const t0 = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const output = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`${out.success ? "ok  " : "FAIL"} ${name} (${secs} s)`);
  if (!out.success) console.log(output.trim().split("\n").slice(-40).join("\n"));
  return { ok: out.success, output };
}

/** The command line of `deno task test`: everything but `--help` goes to `deno test`. */
export const TEST_COMMAND = {
  name: "deno task test",
  summary: "Everything CI checks: setup, deno check, lint, fmt --check, doc --lint, then deno " +
    "test (doc examples, unit and property tests, the book in the real kernel, the site in " +
    "headless Chromium). The last line is `N passed, M failed`.",
  flags: {},
  rest: { name: "DENO_TEST_ARGS", help: "passed to deno test, e.g. --filter lanczos" },
} as const satisfies CommandSpec;

if (import.meta.main) {
  let extra: string[] = [];
  const parsed = await runCommand(TEST_COMMAND, Deno.args, ({ rest }) => {
    extra = rest;
  });
  if (parsed !== undefined) Deno.exit(parsed);
  let passed = 0, failed = 0;
  try {
    await bootstrap();
    await ensureChromium();
  } catch (e) {
    console.error((e as Error).message);
    console.log("0 passed, 1 failed");
    Deno.exit(1);
  }
  const statics: [string, string[]][] = [
    ["deno check", ["check", "--quiet", "lib/", "book/", "tools/", "tests/", "bench/"]],
    ["deno lint", ["lint", "--quiet"]],
    ["deno fmt --check", ["fmt", "--check", "--quiet"]],
    [
      "deno doc --lint (every export of the library)",
      ["doc", "--lint", ...LIBRARY_ENTRY_POINTS],
    ],
  ];
  for (const [name, args] of statics) {
    const r = await step(name, args);
    r.ok ? passed++ : failed++;
  }
  console.log("deno test: library doc examples, unit, property, book, site and browser tests");
  const t0 = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", "--doc", "lib/", "book/", "tests/", ...extra],
    cwd: ROOT,
    env,
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  let tail = "";
  const decoder = new TextDecoder();
  for await (const chunk of child.stdout) {
    const text = decoder.decode(chunk, { stream: true });
    tail = (tail + text).slice(-4000);
    await Deno.stdout.write(chunk);
  }
  const status = await child.status;
  const summary = tail.match(/(ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/);
  if (summary) {
    passed += Number(summary[2]);
    failed += Number(summary[3]);
  }
  if (!status.success && (!summary || Number(summary[3]) === 0)) failed++; // crashed or did not start
  console.log(`deno test finished in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  Deno.exit(failed === 0 ? 0 : 1);
}

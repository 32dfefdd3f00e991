/**
 * The `deno task curvature` command line, run as a subprocess exactly as a
 * user runs it (`deno task -q curvature …`, from a chosen directory):
 * reports on specs with independently computed answers, and every class of
 * bad input (the exit status, nothing on stdout, a stderr message naming
 * the field or flag).
 */
import { assertAllClose, assertClose, check } from "../../lib/assert.ts";

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
const SPECS = `${ROOT}examples/specs`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCli(
  args: string[],
  options: { cwd?: string; stdin?: string } = {},
): Promise<Run> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", "curvature", ...args],
    cwd: options.cwd ?? ROOT,
    clearEnv: true,
    env: TASK_ENV,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(options.stdin));
    await w.close();
  }
  const out = await child.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

const dir = await Deno.makeTempDir({ prefix: "curvature-cli-" });
let counter = 0;
async function specFile(spec: unknown): Promise<string> {
  const path = `${dir}/spec${counter++}.json`;
  await Deno.writeTextFile(path, typeof spec === "string" ? spec : JSON.stringify(spec));
  return path;
}

// deno-lint-ignore no-explicit-any
type Loose = Record<string, any>; // specs are edited into invalid shapes on purpose

/** A model spec whose every piece is valid (layers [2, 3, 2], tanh, cross-entropy). */
function goodModel(): Loose {
  return {
    model: { layers: [2, 3, 2], activation: "tanh", batchnorm: false, residual: false },
    loss: "cross_entropy",
    params: Array.from({ length: 17 }, (_, i) => Math.cos(i)),
    data: { x: [[1, 2], [0.5, -1], [0, 0.3]], y: [0, 1, 1] },
  };
}

async function expectFailure(args: string[], ...fragments: string[]): Promise<Run> {
  const r = await runCli(args);
  check(r.code !== 0, `expected a non-zero exit for ${args.join(" ")}`);
  check(r.stdout === "", `expected empty stdout, got ${JSON.stringify(r.stdout.slice(0, 200))}`);
  check(r.stderr.startsWith("Cannot "), `stderr should start with "Cannot ": ${r.stderr}`);
  for (const f of fragments) check(r.stderr.includes(f), `stderr should mention ${f}: ${r.stderr}`);
  check(r.stderr.trim().split("\n").length === 1, `one line: ${r.stderr}`);
  return r;
}

/** A bad command line: exit status 2. */
async function expectUsage(args: string[], ...fragments: string[]): Promise<void> {
  const r = await expectFailure(args, ...fragments);
  check(r.code === 2, `${args.join(" ")}: usage errors exit with 2, got ${r.code}`);
}

Deno.test("least squares through a linear model: report matches the closed form", async () => {
  // y ≈ w·x + b, mse over N = 3: H = (2/N)·[[Σx², Σx], [Σx, N]]
  const x = [1, 2, 4], y = [2, 3, 7], w = 1.5, b = 0.25;
  const N = x.length;
  const path = await specFile({
    model: { layers: [1, 1], activation: "linear", batchnorm: false, residual: false },
    loss: "mse",
    params: [w, b],
    data: { x: x.map((v) => [v]), y: y.map((v) => [v]) },
    report: { eigenvalues: true },
  });
  const r = await runCli([path]);
  check(r.code === 0 && r.stderr === "", r.stderr);
  const rep = JSON.parse(r.stdout);
  const res = x.map((v, i) => w * v + b - y[i]);
  const sxx = x.reduce((s, v) => s + v * v, 0), sx = x.reduce((s, v) => s + v, 0);
  const a = (2 / N) * sxx, c = 2, off = (2 / N) * sx;
  const disc = Math.sqrt((a - c) ** 2 + 4 * off * off);
  check(
    JSON.stringify(Object.keys(rep)) ===
      '["n","loss","gradient_norm","method","trace","trace_method","lambda_max","lambda_min",' +
        '"lambda_method","eigenvalues"]',
    r.stdout,
  );
  check(rep.method === "dense" && rep.trace_method === "exact", r.stdout);
  check(rep.lambda_method === "eigendecomposition", r.stdout);
  check(rep.n === 2, "n");
  assertClose(rep.loss, res.reduce((s, v) => s + v * v, 0) / N, { rtol: 1e-14 });
  const gw = (2 / N) * res.reduce((s, v, i) => s + v * x[i], 0),
    gb = (2 / N) * res.reduce((s, v) => s + v, 0);
  assertClose(rep.gradient_norm, Math.hypot(gw, gb), { rtol: 1e-13 });
  assertClose(rep.trace, a + c, { rtol: 1e-14 });
  assertAllClose(rep.eigenvalues, [(a + c - disc) / 2, (a + c + disc) / 2], { rtol: 1e-12 });
  assertClose(rep.lambda_max, (a + c + disc) / 2, { rtol: 1e-12 });
  assertClose(rep.lambda_min, (a + c - disc) / 2, { rtol: 1e-12 });
});

Deno.test("the ~100-parameter example: eigenvalues ascending, trace = Σλ, top/bottom/density flags", async () => {
  const path = `${SPECS}/small.json`;
  const r = await runCli([path, "--top", "3", "--bottom=2", "--density"]);
  check(r.code === 0, r.stderr);
  const rep = JSON.parse(r.stdout);
  const ev: number[] = rep.eigenvalues;
  check(rep.n === 108 && ev.length === 108, "all eigenvalues");
  check(ev.every((v, i) => i === 0 || ev[i - 1] <= v), "ascending");
  assertClose(rep.trace, ev.reduce((s, v) => s + v, 0), { rtol: 1e-10, atol: 1e-12 });
  check(rep.lambda_max === ev[107] && rep.lambda_min === ev[0], "extremes");
  assertAllClose(rep.top, [ev[107], ev[106], ev[105]]);
  assertAllClose(rep.bottom, [ev[0], ev[1]]);
  const h = rep.density.grid[1] - rep.density.grid[0];
  assertClose(rep.density.values.reduce((s: number, v: number) => s + v * h, 0), 1, { rtol: 0.01 });
});

Deno.test("matrix-free flags on the ~100-parameter example agree with its dense report", async () => {
  const path = `${SPECS}/small.json`;
  const dense = JSON.parse((await runCli([path])).stdout);
  // all eigenvalues need the dense path: ask for none
  const spec = JSON.parse(await Deno.readTextFile(path));
  const noEig = await specFile({ ...spec, report: { eigenvalues: false } });
  await expectUsage([path, "--matrix-free"], "report.eigenvalues asks for all 108 eigenvalues");
  const r = await runCli([
    noEig,
    "--matrix-free",
    "--top",
    "2",
    "--bottom",
    "2",
    "--trace",
    "hutchinson",
    "--samples",
    "30",
  ]);
  check(r.code === 0 && r.stderr === "", r.stderr);
  const free = JSON.parse(r.stdout);
  const ev: number[] = dense.eigenvalues, n = ev.length;
  check(
    free.method === "matrix-free" && !("eigenvalues" in free) && free.n === n,
    "matrix-free report",
  );
  check(free.lambda_method === "lanczos" && free.converged === true, r.stdout);
  check(free.lambda_tol === 1e-10 && free.lambda_error_bound <= 1e-10 * 6, r.stdout);
  const atol = free.lambda_error_bound + 1e-12;
  assertAllClose(free.top, [ev[n - 1], ev[n - 2]], { rtol: 0, atol });
  assertAllClose(free.bottom, [ev[0], ev[1]], { rtol: 0, atol });
  check(free.trace_method === "hutchinson", free.trace_method);
  check(free.trace_samples === 30 && free.seed === 0, "Hutchinson samples and seed");
  check(
    Math.abs(free.trace - dense.trace) <= 4 * free.trace_stderr,
    `${free.trace} vs ${dense.trace}`,
  );
  // the exact matrix-free trace is Σλ of the dense report
  const exact = JSON.parse((await runCli([noEig, "--matrix-free", "--trace", "exact"])).stdout);
  check(exact.trace_method === "exact" && !("trace_stderr" in exact), JSON.stringify(exact));
  assertClose(exact.trace, ev.reduce((a, b) => a + b, 0), { rtol: 1e-10, atol: 1e-12 });
});

Deno.test("the 20k-parameter example goes matrix-free automatically", async () => {
  const r = await runCli([`${SPECS}/large.json`, "--seed", "1"]);
  check(r.code === 0 && r.stderr === "", r.stderr);
  const rep = JSON.parse(r.stdout);
  check(rep.n === 20163 && rep.method === "matrix-free" && rep.seed === 1, r.stdout);
  check(rep.trace_method === "hutchinson" && rep.trace_stderr > 0, r.stdout);
  check(rep.lambda_method === "lanczos" && rep.converged === true, r.stdout);
  check(rep.lambda_error_bound <= rep.lambda_tol * rep.lambda_max * 1.01, r.stdout);
  check(rep.lambda_max > 0 && rep.lambda_min < rep.lambda_max, r.stdout);
  check(rep.hvps >= 100 && !("warnings" in rep), r.stdout);
});

Deno.test("a dense run that cannot fit is refused before it starts, with the estimate and the alternative", async () => {
  const large = `${SPECS}/large.json`;
  const r = await runCli([large, "--dense"]);
  check(r.code === 2 && r.stdout === "", `exit ${r.code}`);
  for (const f of ["--dense", "n = 20163", "GB", "cannot run here", "Without --dense"]) {
    check(r.stderr.includes(f), `${f}: ${r.stderr}`);
  }
  // asking for every eigenvalue of it: never suggest --dense, which cannot work here
  const spec = JSON.parse(await Deno.readTextFile(large));
  const all = await expectFailure(
    [await specFile({ ...spec, report: { eigenvalues: true } })],
    "report.eigenvalues asks for all 20163 eigenvalues",
    "set report.eigenvalues to false",
  );
  check(all.code === 1 && !all.stderr.includes("--dense"), all.stderr);
});

Deno.test("--top K that Lanczos cannot resolve fails clearly, and the suggested fix works", async () => {
  const spec = JSON.parse(await Deno.readTextFile(`${SPECS}/medium.json`));
  const path = await specFile({ ...spec, report: { eigenvalues: false } });
  // 1e-300 cannot be met: the message says what was resolved and what to do
  const r = await expectFailure(
    [path, "--matrix-free", "--top", "4", "--tol", "1e-300"],
    "Lanczos could not resolve the 4 largest eigenvalues",
    "--tol ",
    "--dense",
  );
  check(r.code === 1, `exit ${r.code}`);
  const tol = /--tol ([0-9.e+-]+)/.exec(r.stderr)![1];
  const ok = await runCli([path, "--matrix-free", "--top", "4", "--tol", tol]);
  check(ok.code === 0, ok.stderr);
  const rep = JSON.parse(ok.stdout);
  check(rep.top.length === 4 && rep.lambda_tol === Number(tol) && rep.converged, ok.stdout);
});

Deno.test("--help, standard input, and paths relative to where the task runs", async () => {
  const help = await runCli(["--help"]);
  check(help.code === 0 && help.stderr === "", help.stderr);
  check(help.stdout.startsWith("Usage: deno task curvature [options] SPEC"), help.stdout);
  for (const flag of ["--top K", "--bottom K", "--trace", "--samples S", "--tol X", "--dense"]) {
    check(help.stdout.includes(flag), `--help lists ${flag}`);
  }
  // deno task runs in the project root; the path is relative to the user's directory
  const rel = await runCli(["saddle.json"], { cwd: SPECS });
  check(rel.code === 0, rel.stderr);
  check(JSON.parse(rel.stdout).classification === "saddle", rel.stdout);
  const up = await runCli(["../examples/specs/saddle.json"], { cwd: `${ROOT}tests` });
  check(up.code === 0, up.stderr);
  const missing = await runCli(["nope.json"], { cwd: SPECS });
  check(
    missing.stderr.includes(`${SPECS}/nope.json`),
    `names the resolved path: ${missing.stderr}`,
  );
  // - reads the spec from standard input
  const stdin = await runCli(["-"], {
    stdin: '{"expression": "x^2 + y^2", "at": {"x": 0, "y": 0}}',
  });
  check(stdin.code === 0 && JSON.parse(stdin.stdout).classification === "minimum", stdin.stderr);
  const bad = await runCli(["-"], { stdin: "{" });
  check(bad.code === 1 && bad.stderr.includes("standard input is not valid JSON"), bad.stderr);
});

Deno.test("a closed pipe is reported as a write failure, not a crash", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", "curvature", `${SPECS}/small.json`],
    cwd: ROOT,
    clearEnv: true,
    env: TASK_ENV,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  await child.stdout.cancel(); // the reader goes away before the report is written
  const chunks: Uint8Array[] = [];
  for await (const c of child.stderr) chunks.push(c);
  const status = await child.status;
  const stderr = new TextDecoder().decode(
    chunks.reduce((a, b) => new Uint8Array([...a, ...b]), new Uint8Array()),
  );
  check(status.code === 1, `exit ${status.code}: ${stderr}`);
  check(
    stderr.trim() === "Cannot write the report to standard output: the reader closed the pipe " +
        "(broken pipe)",
    stderr,
  );
});

Deno.test("bad model specs: non-zero exit, empty stdout, the field named on stderr", async () => {
  const edit = async (f: (s: Loose) => void) => {
    const s = goodModel();
    f(s);
    return await specFile(s);
  };
  await expectFailure(
    [await edit((s) => s.params.pop())],
    "params",
    "expected 17 numbers",
    "got 16",
  );
  await expectFailure(
    [await edit((s) => s.model.activation = "relux")],
    'model.activation: unknown activation "relux" (expected relu, sigmoid, tanh, softplus, linear)',
  );
  await expectFailure([await edit((s) => s.data.y[1] = 2)], "data.y[1]", "out of range");
  await expectFailure([await edit((s) => s.data.x[2] = [1])], "data.x[2]", "expected 2 numbers");
  await expectFailure([await edit((s) => s.params[3] = "0.5")], "params[3]", "finite number");
  await expectFailure([await edit((s) => s.data.x[0][1] = "a")], "data.x[0][1]");
  await expectFailure([await edit((s) => delete s.loss)], "loss: missing field");
  await expectFailure(
    [await edit((s) => delete s.model.batchnorm)],
    "model.batchnorm: missing field",
  );
  await expectFailure([await edit((s) => s.model.layers = [2])], "model.layers");
  await expectFailure([await specFile("{ not json")], "not valid JSON");
  await expectFailure([await specFile("[1, 2]")], "expected a JSON object");
  await expectFailure([`${dir}/does-not-exist.json`], "cannot read file", "does-not-exist.json");
  await expectFailure([dir], "cannot read file");
});

Deno.test("bad command lines: exit status 2 and the flag named", async () => {
  const path = await specFile(goodModel());
  await expectUsage([], "missing the argument SPEC");
  await expectUsage([path, "--top"], "--top needs a value");
  await expectUsage([path, "--top", "zero"], '--top expects an integer ≥ 1, got "zero"');
  await expectUsage([path, "--top", "0"], "--top expects an integer ≥ 1");
  await expectUsage([path, "--top", "1.5"], '--top expects an integer ≥ 1, got "1.5"');
  await expectUsage([path, "--bogus"], "unknown flag --bogus");
  await expectUsage([path, "--dense", "--matrix-free"], "exclude each other");
  await expectUsage([path, "--samples", "x"], '--samples expects an integer ≥ 2, got "x"');
  await expectUsage([path, "--samples", "1"], '--samples expects an integer ≥ 2, got "1"');
  await expectUsage([path, "--seed", "-1"], "--seed expects an integer from 0 to 4294967295");
  await expectUsage([path, "--tol", "0"], '--tol expects a number > 0 and < 1, got "0"');
  await expectUsage([path, "--trace", "fast"], "--trace expects one of auto, exact, hutchinson");
  await expectUsage([path, "--dense=yes"], '--dense takes no value, got "yes"');
  await expectUsage([path, "--top", "2", "--top", "3"], "--top is given more than once");
  await expectUsage([path, path], "unexpected argument");
  // bounds that depend on the spec are still bad option values
  await expectUsage([path, "--top", "18"], "--top expects an integer from 1 to n = 17, got 18");
  await expectUsage([path, "--bottom=18"], "--bottom expects an integer from 1 to n = 17, got 18");
});

Deno.test("the paper's expressions: x² − y² is a saddle with eigenvalues ±2, x² in 2D is degenerate", async () => {
  const run = async (spec: unknown) => {
    const r = await runCli([await specFile(spec)]);
    check(r.code === 0 && r.stderr === "", r.stderr);
    return JSON.parse(r.stdout);
  };
  const saddle = await run({ expression: "x^2 - y^2", at: { x: 0, y: 0 } });
  check(saddle.classification === "saddle", saddle.classification);
  assertAllClose(saddle.eigenvalues, [-2, 2]);
  assertAllClose(saddle.hessian, [[2, 0], [0, -2]]);
  assertAllClose(saddle.gradient, [0, 0]);
  check(saddle.value === 0, "value");
  check(saddle.variables.join() === "x,y" && saddle.definiteness === "indefinite", "variables");
  const flat = await run({ expression: "x^2", variables: ["x", "y"], at: { x: 0, y: 0 } });
  check(flat.classification === "degenerate", flat.classification);
  assertAllClose(flat.eigenvalues, [0, 2]);
  assertAllClose(flat.hessian, [[2, 0], [0, 0]]);
  check(
    (await run({ expression: "x^2 + y^2", at: { x: 0, y: 0 } })).classification === "minimum",
    "bowl",
  );
  check(
    (await run({ expression: "-(x^2 + y^2)", at: { x: 0, y: 0 } })).classification === "maximum",
    "cap",
  );
  // off a critical point: no verdict, but the curvature and the gradient norm
  const away = await run({ expression: "x^2 - y^2", at: { x: 3, y: 4 } });
  check(away.classification === "not a critical point", away.classification);
  assertClose(away.gradient_norm, 10, { rtol: 1e-15 }); // |(6, −8)|
  check(away.definiteness === "indefinite", away.definiteness);
  assertAllClose(away.eigenvalues, [-2, 2]);
});

Deno.test("bad expression specs: non-zero exit, empty stdout, the field named on stderr", async () => {
  await expectFailure(
    [await specFile({ expression: "x^2 +", at: { x: 0 } })],
    "expression",
    "syntax",
  );
  await expectFailure([await specFile({ expression: "x^2 + z", at: { x: 0 } })], "at", '"z"');
  await expectFailure([await specFile({ expression: "x^2", at: { x: "a" } })], "at.x");
  await expectFailure([await specFile({ expression: "x^2" })], "at");
  await expectFailure(
    [await specFile({ expression: "x^2 + y^2", at: { x: 0, y: 0, z: 0 } })],
    'at.z: the expression does not use "z"',
  );
  await expectUsage(
    [await specFile({ expression: "x^2", at: { x: 0 } }), "--top", "1"],
    "--top applies to model specs, not expressions",
  );
});

Deno.test({
  name: "cleanup",
  fn: async () => await Deno.remove(dir, { recursive: true }),
});

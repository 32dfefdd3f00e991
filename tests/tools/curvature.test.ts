/**
 * The `deno task curvature` command line, run as a subprocess: reports on
 * specs with independently computed answers, and every class of bad input
 * (non-zero exit, nothing on stdout, a stderr message naming the field).
 */
import { assertAllClose, assertClose, check } from "../../lib/assert.ts";

const CLI = new URL("../../tools/curvature.ts", import.meta.url).pathname;

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", CLI, ...args],
    env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
    stdout: "piped",
    stderr: "piped",
  }).output();
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

async function expectFailure(args: string[], ...fragments: string[]): Promise<void> {
  const r = await runCli(args);
  check(r.code !== 0, `expected a non-zero exit for ${args.join(" ")}`);
  check(r.stdout === "", `expected empty stdout, got ${JSON.stringify(r.stdout.slice(0, 200))}`);
  check(r.stderr.startsWith("Cannot "), `stderr should start with "Cannot ": ${r.stderr}`);
  for (const f of fragments) check(r.stderr.includes(f), `stderr should mention ${f}: ${r.stderr}`);
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
      '["n","loss","gradient_norm","trace","lambda_max","lambda_min","eigenvalues"]',
    r.stdout,
  );
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
  const path = new URL("../../examples/specs/small.json", import.meta.url).pathname;
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
  const path = new URL("../../examples/specs/small.json", import.meta.url).pathname;
  const dense = JSON.parse((await runCli([path])).stdout);
  // all eigenvalues need the dense path: ask for none
  const spec = JSON.parse(await Deno.readTextFile(path));
  const noEig = await specFile({ ...spec, report: { eigenvalues: false } });
  await expectFailure([path, "--matrix-free"], "report.eigenvalues needs the dense Hessian");
  const r = await runCli([
    noEig,
    "--matrix-free",
    "--top",
    "2",
    "--bottom",
    "2",
    "--samples",
    "30",
  ]);
  check(r.code === 0, r.stderr);
  const free = JSON.parse(r.stdout);
  const ev: number[] = dense.eigenvalues, n = ev.length;
  check(
    free.method === "matrix-free" && !("eigenvalues" in free) && free.n === n,
    "matrix-free report",
  );
  assertAllClose(free.top, [ev[n - 1], ev[n - 2]], { rtol: 1e-7, atol: 1e-9 });
  assertAllClose(free.bottom, [ev[0], ev[1]], { rtol: 1e-7, atol: 1e-9 });
  check(free.trace_samples === 30 && free.seed === 0, "Hutchinson samples and seed");
  check(
    Math.abs(free.trace - dense.trace) <= 4 * free.trace_stderr,
    `${free.trace} vs ${dense.trace}`,
  );
});

Deno.test("the 20k-parameter example goes matrix-free automatically", async () => {
  const path = new URL("../../examples/specs/large.json", import.meta.url).pathname;
  const r = await runCli([path, "--seed", "1"]);
  check(r.code === 0, r.stderr);
  const rep = JSON.parse(r.stdout);
  check(rep.n === 20163 && rep.method === "matrix-free" && rep.seed === 1, r.stdout);
  check(rep.lambda_max > 0 && rep.lambda_min < rep.lambda_max && rep.trace_stderr > 0, r.stdout);
  check(rep.hvps >= 100 && !("warnings" in rep), r.stdout);
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
  await expectFailure([], "missing the spec file");
  await expectFailure([path, "--top"], "--top needs a value");
  await expectFailure([path, "--top", "zero"], '--top expects an integer ≥ 1, got "zero"');
  await expectFailure([path, "--top", "0"], "--top expects an integer ≥ 1");
  await expectFailure([path, "--bogus"], "unknown flag --bogus");
  await expectFailure([path, "--dense", "--matrix-free"], "exclude each other");
  await expectFailure([path, "--samples", "x"], '--samples expects an integer ≥ 1, got "x"');
  await expectFailure([path, path], "more than one spec file");
  await expectFailure([path, "--top", "18"], "top must be an integer from 1 to n = 17");
  const r = await runCli([path, "--bogus"]);
  check(r.code === 2, `usage errors exit with 2, got ${r.code}`);
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
  const flat = await run({ expression: "x^2", at: { x: 0, y: 0 } });
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
  await expectFailure([await specFile({ expression: "x^2", at: { x: 0 } }), "--top", "1"], "--top");
});

Deno.test({
  name: "cleanup",
  fn: async () => await Deno.remove(dir, { recursive: true }),
});

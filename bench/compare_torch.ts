/**
 * `deno task bench:torch [SPEC.json] [--runs N]`: `deno task curvature SPEC --top 1`
 * against the PyTorch + SciPy program a user would run instead
 * (`bench/torch_topeig.py`: λmax by `eigsh` on PyTorch HVPs, float64, one
 * thread), as whole processes under `/usr/bin/time`, alternating, N runs each
 * (default 5). Both must agree on λmax to 1e-6. Prints a Markdown table of
 * the medians (wall seconds and CPU seconds, user + system) and the ratio
 * ours / PyTorch, then the per-product timings of both (ours from the
 * library in this process, PyTorch from `torch_topeig.py --hvp-timing`).
 *
 * Needs Debian's python3-torch and python3-scipy (`/usr/bin/python3`) and
 * GNU time (`/usr/bin/time`). The default spec is examples/specs/large.json
 * (20,163 parameters). Machines shared with other work are noisy: compare
 * the ratio, and rerun at a quiet moment.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { grad, hessianOperator, hvp } from "../lib/autodiff/mod.ts";
import { modelFromSpec, parseModelSpec } from "../lib/nn/mod.ts";
import { Rng } from "../lib/random.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const args = [...Deno.args];
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 5;
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`Cannot compare with PyTorch: --runs must be a positive integer`);
  Deno.exit(2);
}
const spec = args[0] ?? `${ROOT}examples/specs/large.json`;

interface Run {
  wall: number;
  cpu: number;
  stdout: string;
}

/** One whole process under /usr/bin/time: wall and user + system seconds. */
async function timed(cmd: string[]): Promise<Run> {
  const out = await new Deno.Command("/usr/bin/time", {
    args: ["-f", "TIME %e %U %S", ...cmd],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(out.stderr);
  if (!out.success) {
    throw new Error(`Cannot compare with PyTorch: ${cmd.join(" ")} failed:\n${err}`);
  }
  const m = err.match(/TIME ([\d.]+) ([\d.]+) ([\d.]+)/);
  if (!m) throw new Error(`Cannot compare with PyTorch: no timing from /usr/bin/time:\n${err}`);
  return { wall: +m[1], cpu: +m[2] + +m[3], stdout: new TextDecoder().decode(out.stdout) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b), h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

const ours: Run[] = [], torch: Run[] = [];
const oursCmd = [Deno.execPath(), "task", "-q", "curvature", spec, "--top", "1"];
const torchCmd = ["/usr/bin/python3", `${ROOT}bench/torch_topeig.py`, spec];
for (let i = 0; i < runs; i++) {
  ours.push(await timed(oursCmd));
  torch.push(await timed(torchCmd));
}
const ourLambda = JSON.parse(ours[0].stdout).lambda_max as number;
const torchOut = JSON.parse(torch[0].stdout) as { lambda_max: number; hvps: number };
const agree = Math.abs(ourLambda - torchOut.lambda_max) <= 1e-6 * Math.abs(torchOut.lambda_max);

const f2 = (x: number) => x.toFixed(2);
const row = (name: string, pick: (r: Run) => number) => {
  const a = median(ours.map(pick)), b = median(torch.map(pick));
  return `| ${name} | ${f2(a)} | ${f2(b)} | ${f2(a / b)} |`;
};
console.log(`Spec: ${spec}; ${runs} alternating runs each; medians.\n`);
console.log("| whole process | ours (s) | PyTorch + SciPy (s) | ours / PyTorch |");
console.log("| --- | --- | --- | --- |");
console.log(row("wall", (r) => r.wall));
console.log(row("CPU (user + system)", (r) => r.cpu));
console.log(
  `\nλmax: ours ${ourLambda}, PyTorch ${torchOut.lambda_max} (${
    agree ? "agree to 1e-6" : "DISAGREE"
  }); our report also has λmin and a trace, PyTorch's only λmax (${torchOut.hvps} products).`,
);

// per-product timings, ours in this process, PyTorch's in its own
const { loss, params } = modelFromSpec(parseModelSpec(await Deno.readTextFile(spec)));
const v = new Rng(1).normalVector(params.length);
const g = grad(loss), h = hvp(loss), H = hessianOperator(loss, params);
const ms = (fn: () => void, reps = 200) => {
  for (let i = 0; i < 10; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return { median: median(t), min: Math.min(...t) };
};
const mine = {
  gradient: ms(() => g(params)),
  hvp: ms(() => h(params, v)),
  replayed: ms(() => H.apply(v)),
};
const theirs = JSON.parse((await timed([...torchCmd, "--hvp-timing"])).stdout) as Record<
  string,
  number
>;
console.log(
  "\n| per product, ms (median; fastest) | ours | PyTorch | ours / PyTorch (median; fastest) |",
);
console.log("| --- | --- | --- | --- |");
const rows: [string, { median: number; min: number }, string][] = [
  ["gradient", mine.gradient, "gradient"],
  ["HVP from scratch (`hvp(f)(x, v)`)", mine.hvp, "hvp"],
  [
    "HVP at a fixed point (`hessianOperator`; PyTorch: retained graph)",
    mine.replayed,
    "hvp_retained",
  ],
];
for (const [name, a, key] of rows) {
  const b = { median: theirs[`${key}_ms`], min: theirs[`${key}_min_ms`] };
  console.log(
    `| ${name} | ${f2(a.median)}; ${f2(a.min)} | ${f2(b.median)}; ${f2(b.min)} | ${
      f2(a.median / b.median)
    }; ${f2(a.min / b.min)} |`,
  );
}
if (!agree) Deno.exit(1);

/**
 * Measure the constants of the curvature cost model (`COST_MODEL` in
 * lib/curvature/estimateCost.ts) on this machine and compare them with the
 * model: batched Hessian-vector products over several network shapes, the
 * symmetric eigendecomposition's time, and the dense path's peak memory
 * (each size in a fresh process, peak RSS from /proc/self/status).
 *
 *     deno run -A bench/curvatureCost.ts [--sizes 500,1000,1500]
 *
 * Prints Markdown tables. Timings are noisy on a shared machine: quote
 * medians, and keep the model's constants on the slow side.
 *
 * @module
 */
import { hessianOperator } from "../lib/autodiff/hessianOperator.ts";
import { hessian } from "../lib/autodiff/hessian.ts";
import { COST_MODEL, estimateCost } from "../lib/curvature/estimateCost.ts";
import { eigh } from "../lib/linalg/eigh.ts";
import { Mlp, modelFromSpec, parseModelSpec } from "../lib/nn/mod.ts";
import { Rng } from "../lib/random.ts";
import { type CommandSpec, runCommand } from "../tools/args.ts";

const COMMAND = {
  name: "deno run -A bench/curvatureCost.ts",
  summary: "Measure the constants of the curvature cost model and compare them with the model.",
  flags: {
    sizes: {
      type: "list",
      min: 50,
      value: "N[,N]",
      help: "Hessian sizes n for the eigendecomposition and memory (default 500,1000,1500)",
    },
    child: { type: "integer", min: 1, help: "(internal) measure one dense run of this size" },
  },
} as const satisfies CommandSpec;

interface Shape {
  layers: number[];
  batchnorm: boolean;
  residual: boolean;
  samples: number;
}

function specOf(s: Shape) {
  const rng = new Rng(1);
  const net = new Mlp({
    layers: s.layers,
    activation: "tanh",
    batchnorm: s.batchnorm,
    residual: s.residual,
  });
  const out = s.layers[s.layers.length - 1];
  return {
    model: net.config,
    loss: "cross_entropy",
    params: Array.from(net.init({ seed: 1 })),
    data: {
      x: Array.from({ length: s.samples }, () => Array.from(rng.normalVector(s.layers[0]))),
      y: Array.from({ length: s.samples }, () => rng.int(out)),
    },
  };
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Seconds per Hessian-vector product, in batches of 32 unit vectors (the exact-trace pattern). */
function hvpSeconds(s: Shape): number {
  const { loss, params } = modelFromSpec(parseModelSpec(specOf(s)));
  const n = params.length;
  const H = hessianOperator(loss, params);
  const units = Array.from({ length: 32 }, (_, j) => {
    const e = new Float64Array(n);
    e[j % n] = 1;
    return e;
  });
  for (let i = 0; i < 3; i++) H.applyBatch(units);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    H.applyBatch(units);
    times.push((performance.now() - t0) / 1000 / 32);
  }
  return median(times);
}

/** One dense run of size n in this process: seconds of eigh and peak RSS. */
function child(n: number): void {
  const rss0 = Deno.memoryUsage().rss;
  // the dense path of a model: a Hessian as Float64Array rows, then eigh
  const rng = new Rng(n);
  const H = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) H[i][j] = H[j][i] = rng.normal();
  }
  const t0 = performance.now();
  eigh(H);
  const seconds = (performance.now() - t0) / 1000;
  const status = Deno.readTextFileSync("/proc/self/status");
  const peak = Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
  console.log(JSON.stringify({ n, seconds, copies: (peak - rss0) / (8 * n * n) }));
}

async function main(sizes: number[]): Promise<void> {
  const shapes: Shape[] = [
    { layers: [10, 30, 30, 3], batchnorm: true, residual: true, samples: 64 },
    { layers: [20, 60, 60, 3], batchnorm: false, residual: false, samples: 64 },
    { layers: [20, 60, 60, 3], batchnorm: false, residual: false, samples: 256 },
    { layers: [50, 100, 3], batchnorm: false, residual: false, samples: 64 },
    { layers: [12, 96, 96, 96, 3], batchnorm: false, residual: true, samples: 128 },
  ];
  console.log("| shape | N | n | HVP measured | model | measured / model |");
  console.log("| --- | --- | --- | --- | --- | --- |");
  for (const s of shapes) {
    const measured = hvpSeconds(s);
    const model = estimateCost(s).hvpSeconds;
    const name = `[${s.layers.join(", ")}]${s.batchnorm ? " BN" : ""}${s.residual ? " res" : ""}`;
    console.log(
      `| ${name} | ${s.samples} | ${estimateCost(s).n} | ${(measured * 1e3).toFixed(3)} ms | ${
        (model * 1e3).toFixed(3)
      } ms | ${(measured / model).toFixed(2)} |`,
    );
  }
  console.log("\n| n | eigh measured | model | s/n³ | peak memory / 8n² |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const n of sizes) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL(import.meta.url).pathname, "--child", String(n)],
      stdout: "piped",
    }).output();
    const r = JSON.parse(new TextDecoder().decode(out.stdout));
    console.log(
      `| ${n} | ${r.seconds.toFixed(2)} s | ${(COST_MODEL.eigenPerCube * n ** 3).toFixed(2)} s | ${
        (r.seconds / n ** 3).toExponential(2)
      } | ${r.copies.toFixed(1)} (model: ${COST_MODEL.denseCopies}, with the Hessian) |`,
    );
  }
  // keep `hessian` honest too: the dense Hessian of a model costs n products
  const s = shapes[0];
  const { loss, params } = modelFromSpec(parseModelSpec(specOf(s)));
  const t0 = performance.now();
  hessian(loss)(params);
  const t = (performance.now() - t0) / 1000;
  console.log(
    `\ndense Hessian of [${s.layers.join(", ")}] (n = ${params.length}): ${t.toFixed(2)} s, ` +
      `model ${estimateCost(s).exactTraceSeconds.toFixed(2)} s`,
  );
}

if (import.meta.main) {
  const code = await runCommand(COMMAND, Deno.args, async ({ flags }) => {
    if (flags.child !== undefined) child(flags.child);
    else await main(flags.sizes ?? [500, 1000, 1500]);
    return 0;
  });
  Deno.exit(code ?? 0);
}

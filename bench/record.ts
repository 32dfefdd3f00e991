/**
 * `deno task bench:record`: measure the costs the book shows and write them,
 * with the machine and the date, to bench/results/costs.json.
 *
 * The book never times anything while it builds (two builds must be
 * byte-identical, and a claim must read the same number in every chapter);
 * chapters 6, 7 and 9 read this file through book/recordedCosts.ts. Run this
 * on a quiet machine, check the printed table, and commit the file; the next
 * `deno task book` re-runs the chapters that read it.
 *
 * What is measured (a few minutes):
 * - seconds per step of SGD, Adam and Newton on ridge least squares against
 *   the dimension n (Table 1, chapter 6), with `stepCostScaling`;
 * - the dense Hessian's memory, and the time of a gradient, an HVP, forming
 *   H, a Cholesky solve and an EVD against the number of parameters of tanh
 *   MLPs on Iris (chapter 7), with `hessianCostScaling`;
 * - Lanczos for the top k eigenvalues against forming H and diagonalizing it,
 *   on chapter 7's trained network.
 *
 * Each time is the fastest of several repeats and sweeps, each repeat counted
 * as the smaller of its wall-clock and CPU time, so load from other processes
 * inflates it little. Each power law is fitted only from a size on where fixed
 * per-call costs no longer dominate (FIT_FROM below, chosen from the local
 * slopes between neighbouring sizes); the chapters show the smaller sizes too
 * and say that their slope is not an exponent.
 *
 * Usage: deno task bench:record [--out FILE] (`--help` for details)
 *
 * @module
 */
import { join } from "node:path";
import { hessian } from "../lib/autodiff/hessian.ts";
import { eigh } from "../lib/linalg/eigh.ts";
import { lanczos } from "../lib/spectra/lanczos.ts";
import { hessianCostScaling } from "../book/experiments/hessianCostScaling.ts";
import { stepCostScaling } from "../book/experiments/stepCostScaling.ts";
import { tradeoffTestbed } from "../book/experiments/tradeoffTestbed.ts";
import { minTime } from "../book/experiments/_minTime.ts";
import {
  COSTS_FILE,
  COSTS_SCHEMA,
  fitSeries,
  parseRecordedCosts,
  type RecordedCosts,
  type TimedSeries,
} from "../book/recordedCosts.ts";
import { type CommandSpec, runCommand, userPath } from "../tools/args.ts";
import { ROOT, writeFileAtomic } from "../tools/project.ts";

const STEP = {
  firstOrderSizes: [4096, 8192, 16384, 32768, 65536, 131072],
  firstOrderSamples: 16,
  newtonSizes: [128, 192, 256, 384, 512, 768],
  newtonSamples: 32,
  repeats: 3,
  minTime: 10,
  rounds: 5,
};
const HESSIAN = {
  widths: [8, 12, 16, 24, 32, 40], // n = 139 … 1963
  firstOrderWidths: [16, 32, 64, 128, 160, 192, 224, 256], // n = 403 … 67 843
  evdMaxSize: 800,
  budgetMs: 300,
  minRepeats: 3,
  rounds: 3,
};
const LANCZOS_KS = [1, 2, 4, 8, 16, 32];

/**
 * The smallest n of each fit. Below these sizes the slope between neighbouring sizes stays well
 * under the operation count's exponent: per-call overheads (allocating the autodiff graph,
 * batching the HVPs that form H, a solve's O(n²) work) are a large part of each call.
 */
const FIT_FROM = {
  sgd: 4096,
  adam: 4096,
  newton: 128,
  gradient: 17539, // width 128
  hvp: 17539,
  formHessian: 403, // width 16
  solve: 255, // width 12
  evd: 139,
};

function cpuModel(): string {
  try {
    const info = Deno.readTextFileSync("/proc/cpuinfo");
    const m = info.match(/^model name\s*:\s*(.+)$/m);
    if (m) return m[1].trim();
  } catch { /* not Linux */ }
  try {
    const out = new Deno.Command("sysctl", { args: ["-n", "machdep.cpu.brand_string"] })
      .outputSync();
    const text = new TextDecoder().decode(out.stdout).trim();
    if (out.success && text) return text;
  } catch { /* not macOS */ }
  return "unknown CPU";
}

function series(sizes: number[], seconds: number[], from: number): TimedSeries {
  return { sizes, seconds, fit: fitSeries(sizes, seconds, from) };
}

/** The command line of `deno task bench:record`. */
export const RECORD_COMMAND = {
  name: "deno task bench:record",
  summary: "Measure the costs the book shows (step costs, the dense Hessian's costs, Lanczos " +
    "against the dense EVD) and write them, with the machine and the date, to " +
    `${COSTS_FILE}. Takes a few minutes; run it on a quiet machine and commit the file.`,
  flags: {
    out: {
      type: "string",
      value: "FILE",
      help: `where to write the results (default ${COSTS_FILE} in the project)`,
    },
  },
} as const satisfies CommandSpec;

function record(out: string): void {
  const t0 = performance.now();
  const loadStart = Deno.loadavg()[0];
  const log = (line: string) => console.error(`bench:record: ${line}`);

  log("step costs of SGD, Adam and Newton (chapter 6, Table 1)");
  const step = stepCostScaling(STEP);
  log("the dense Hessian against n (chapter 7)");
  const h = hessianCostScaling(HESSIAN);
  log("Lanczos top-k against the dense EVD (chapter 7)");
  const tb = tradeoffTestbed();
  const timing = { budgetMs: 300, minRepeats: 3 };
  const matvecs = LANCZOS_KS.map((k) =>
    lanczos(tb.operator(), { top: k, tol: 1e-8, seed: 0 }).matvecs
  );
  const lanczosSeconds = LANCZOS_KS.map((k) =>
    minTime(() => lanczos(tb.operator(), { top: k, tol: 1e-8, seed: 0 }), timing) / 1000
  );
  const denseSeconds = minTime(() => eigh(hessian(tb.loss)(tb.params)), timing) / 1000;

  const withEvd = h.rows.filter((r) => r.evdMs !== null);
  const ms = (xs: number[]) => xs.map((x) => x / 1000);
  const costs: RecordedCosts = {
    schema: COSTS_SCHEMA,
    recorded: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    command: "deno task bench:record",
    seconds: Math.round((performance.now() - t0) / 1000),
    machine: {
      cpu: cpuModel(),
      cores: navigator.hardwareConcurrency,
      memoryGiB: Math.round(Deno.systemMemoryInfo().total / 2 ** 30),
      os: `${Deno.build.os} ${Deno.build.arch}`,
      deno: Deno.version.deno,
      v8: Deno.version.v8,
      load: [Math.round(loadStart * 100) / 100, Math.round(Deno.loadavg()[0] * 100) / 100],
    },
    stepCost: {
      problem: `ridge least squares f(β) = (1/N)‖Xβ − y‖² + 0.1‖β‖² with Gaussian X and y: ` +
        `SGD and Adam on batches of ${
          STEP.firstOrderSamples / 2
        } of N = ${STEP.firstOrderSamples} ` +
        `samples, Newton (dense Hessian, LU solve) with N = ${STEP.newtonSamples}`,
      sgd: series(step.sgd.sizes, step.sgd.seconds, FIT_FROM.sgd),
      adam: series(step.adam.sizes, step.adam.seconds, FIT_FROM.adam),
      newton: series(step.newton.sizes, step.newton.seconds, FIT_FROM.newton),
    },
    hessianCost: {
      model: "tanh MLPs [4, w, w, 3] on the 120 Iris training samples, cross-entropy loss " +
        "(n = w² + 9w + 3 parameters)",
      memory: { sizes: h.rows.map((r) => r.n), bytes: h.rows.map((r) => r.hessianBytes) },
      gradient: series(
        h.firstOrder.map((r) => r.n),
        ms(h.firstOrder.map((r) => r.gradientMs)),
        FIT_FROM.gradient,
      ),
      hvp: series(h.firstOrder.map((r) => r.n), ms(h.firstOrder.map((r) => r.hvpMs)), FIT_FROM.hvp),
      formHessian: series(
        h.rows.map((r) => r.n),
        ms(h.rows.map((r) => r.hessianMs)),
        FIT_FROM.formHessian,
      ),
      solve: series(h.rows.map((r) => r.n), ms(h.rows.map((r) => r.solveMs)), FIT_FROM.solve),
      evd: series(withEvd.map((r) => r.n), ms(withEvd.map((r) => r.evdMs!)), FIT_FROM.evd),
    },
    lanczos: {
      model: "chapter 7's tanh MLP [4, 12, 12, 3] on Iris after 30 Adam steps (tradeoffTestbed)",
      n: tb.n,
      ks: LANCZOS_KS,
      matvecs,
      seconds: lanczosSeconds,
      denseSeconds,
    },
  };
  parseRecordedCosts(costs, out); // the file must read back
  writeFileAtomic(out, JSON.stringify(costs, null, 2) + "\n");

  const fmt = (s: TimedSeries) =>
    `p = ${s.fit.exponent.toFixed(2)} (R² ${
      s.fit.r2.toFixed(3)
    }) over n = ${s.fit.from}…${s.fit.to}`;
  console.log(
    `wrote ${out} in ${costs.seconds} s (load average ${loadStart.toFixed(1)} → ` +
      `${costs.machine.load[1].toFixed(1)} on ${costs.machine.cores} cores)`,
  );
  for (const [name, s] of Object.entries(costs.stepCost)) {
    if (typeof s !== "string") console.log(`  step ${name.padEnd(12)} ${fmt(s)}`);
  }
  for (const [name, s] of Object.entries(costs.hessianCost)) {
    if (typeof s === "object" && "fit" in s) console.log(`  ${name.padEnd(17)} ${fmt(s)}`);
  }
  console.log(
    `  lanczos top ${LANCZOS_KS.join(", ")}: ${
      lanczosSeconds.map((s) => (s * 1000).toFixed(1)).join(", ")
    } ms; dense ${(denseSeconds * 1000).toFixed(1)} ms`,
  );
}

if (import.meta.main) {
  const code = await runCommand(RECORD_COMMAND, Deno.args, ({ flags }) => {
    record(flags.out !== undefined ? userPath(flags.out) : join(ROOT, COSTS_FILE));
    return 0;
  });
  Deno.exit(code ?? 0);
}

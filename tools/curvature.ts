/**
 * `deno task curvature SPEC.json [flags]`: the curvature report of a model
 * spec or an expression spec, as JSON on stdout. `deno task curvature --help`
 * lists the flags.
 *
 * Model spec: see `lib/nn/spec.ts`. Report: `{n, loss, gradient_norm,
 * method, trace, trace_method, lambda_max, lambda_min, lambda_method, …}`
 * (+ `eigenvalues` when `report.eigenvalues`), every number exact where
 * the estimated cost allows (see `planCurvature` in lib/curvature), and
 * labelled with the method that gave it. Expression spec:
 * `{"expression": "x^2 - y^2", "at": {"x": 0, "y": 0}}`. Report:
 * `{variables, value, gradient, gradient_norm, hessian, eigenvalues,
 * definiteness, classification}`.
 *
 * The spec path is resolved against the directory the task was run from
 * (`INIT_CWD`); `-` reads the spec from standard input.
 *
 * Exit status: 0 with the report on stdout; 1 for a bad spec, a
 * computation that cannot finish (e.g. Lanczos cannot resolve `--top K`)
 * or a failed write (e.g. a closed pipe); 2 for a bad command line: an
 * unknown flag, a bad value (including one out of range for the spec, such
 * as `--top` beyond n) or an option that cannot work for the spec (`--dense`
 * on a Hessian that does not fit in memory). Every error is one line
 * `Cannot …` on stderr naming the field or flag, and nothing is written to
 * stdout. A run estimated to take more than 30 s first prints one `note:`
 * line on stderr saying so.
 *
 * @module
 */
import v8 from "node:v8";
import {
  analyzeModel,
  CurvatureOptionError,
  type CurvatureOptions,
  type MemoryLimit,
  planCurvature,
} from "../lib/curvature/mod.ts";
import type { ExpressionSpec } from "../lib/expression/mod.ts";
import { type CommandSpec, type ParsedArgs, runCommand, UsageError, userPath } from "./args.ts";

/** The command line of `deno task curvature`. */
export const CURVATURE_COMMAND = {
  name: "deno task curvature",
  summary: "The curvature report of a model spec or an expression spec, as JSON on stdout: " +
    "loss, gradient norm, trace and extreme eigenvalues of the Hessian (models), or value, " +
    "gradient, Hessian, eigenvalues and the second-derivative test (expressions). Every number " +
    "is exact where the estimated cost allows, and the report names the method behind it. " +
    "The flags apply to model specs only.",
  positionals: [{
    name: "SPEC",
    help: "the spec file (JSON), relative to the directory you run the task from; - reads " +
      "standard input",
  }],
  flags: {
    top: { type: "integer", min: 1, value: "K", help: "also report the K largest eigenvalues" },
    bottom: {
      type: "integer",
      min: 1,
      value: "K",
      help: "also report the K smallest eigenvalues",
    },
    trace: {
      type: "string",
      choices: ["auto", "exact", "hutchinson"],
      default: "auto",
      help: "how to compute the trace: auto is exact when affordable (n Hessian-vector " +
        "products within about 10 s), else a Hutchinson estimate with its standard error",
    },
    samples: {
      type: "integer",
      min: 2,
      default: 100,
      value: "S",
      help: "probes (Hessian-vector products) of a Hutchinson trace",
    },
    density: { type: "boolean", help: "also report the spectral density on a grid" },
    seed: {
      type: "integer",
      min: 0,
      max: 2 ** 32 - 1,
      default: 0,
      help: "seed of the stochastic parts (Lanczos start, probes)",
    },
    tol: {
      type: "number",
      min: 0,
      minExclusive: true,
      max: 1,
      maxExclusive: true,
      default: 1e-10,
      value: "X",
      help: "Lanczos tolerance: every eigenvalue it reports is within X·‖H‖ of one of H's",
    },
    dense: {
      type: "boolean",
      help: "form the Hessian and diagonalize it (refused when it cannot fit in memory)",
    },
    "matrix-free": {
      type: "boolean",
      help: "never form the Hessian: Lanczos and Hessian-vector products only",
    },
  },
  exclusive: [["dense", "matrix-free"]],
  epilog: "Without --dense or --matrix-free the tool decides from the estimated cost: dense " +
    "when the spec asks for every eigenvalue (report.eigenvalues) or a dense run takes about " +
    "a second, matrix-free otherwise.\n\n" +
    "Examples:\n" +
    "  deno task curvature examples/specs/saddle.json\n" +
    "  deno task curvature examples/specs/large.json --top 5\n" +
    "  cat spec.json | deno task curvature - --trace hutchinson --samples 400\n\n" +
    "Exit status: 0 on success; 1 for a bad spec, a computation that cannot finish or a " +
    "failed write; 2 for a bad command line. Errors go to stderr, one line each; stdout " +
    "stays empty. A run estimated at more than 30 s says so first, in a note on stderr.",
} as const satisfies CommandSpec;

type Args = ParsedArgs<typeof CURVATURE_COMMAND.flags>;

/** The flag behind each option of `analyzeModel`, for messages. */
const FLAG_OF: Record<string, string> = {
  top: "--top",
  bottom: "--bottom",
  samples: "--samples",
  seed: "--seed",
  tol: "--tol",
  trace: "--trace",
  density: "--density",
};

/** The `analyzeModel` options a command line asks for. */
export function optionsOf(args: Args): CurvatureOptions {
  const f = args.flags;
  const options: CurvatureOptions = {
    trace: f.trace as CurvatureOptions["trace"],
    samples: f.samples,
    seed: f.seed,
    tol: f.tol,
    memory: machineMemory(),
  };
  if (f.top !== undefined) options.top = f.top;
  if (f.bottom !== undefined) options.bottom = f.bottom;
  if (f.density) options.density = true;
  if (f.dense) options.mode = "dense";
  if (f["matrix-free"]) options.mode = "matrix-free";
  return options;
}

/** This process's heap limit and the machine's memory (defaults when not permitted). */
function machineMemory(): MemoryLimit | undefined {
  try {
    return {
      heapBytes: v8.getHeapStatistics().heap_size_limit,
      totalBytes: Deno.systemMemoryInfo().total,
    };
  } catch {
    return undefined; // no --allow-sys: the library's defaults
  }
}

async function readSpecText(path: string): Promise<string> {
  if (path === "-") {
    try {
      return await new Response(Deno.stdin.readable).text();
    } catch (e) {
      throw new Error(`Cannot read spec: cannot read standard input: ${(e as Error).message}`);
    }
  }
  const full = userPath(path);
  try {
    return await Deno.readTextFile(full);
  } catch (e) {
    const reason = e instanceof Deno.errors.NotFound
      ? "no such file"
      : e instanceof Deno.errors.IsADirectory || (e as Error).message.includes("directory")
      ? "it is a directory"
      : (e as Error).message;
    throw new Error(`Cannot read spec: cannot read file ${JSON.stringify(full)}: ${reason}`);
  }
}

/** A line on stderr for runs estimated to take a while. */
function note(text: string): void {
  console.error(`note: ${text}`);
}

/** Read, dispatch and compute; returns the report object or throws `Cannot …`. */
export async function run(args: Args): Promise<unknown> {
  const path = args.positionals[0];
  const text = await readSpecText(path);
  const where = path === "-" ? "standard input" : JSON.stringify(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`Cannot read spec: ${where} is not valid JSON: ${(e as Error).message}`);
  }
  if (
    value !== null && typeof value === "object" && !Array.isArray(value) && "expression" in value
  ) {
    if (args.given.length > 0) {
      throw new UsageError(
        `Cannot parse arguments: --${args.given[0]} applies to model specs, not expressions`,
      );
    }
    // loaded only for expressions: mathjs takes a while to load
    const { analyzeExpression } = await import("../lib/expression/mod.ts");
    return analyzeExpression(value as ExpressionSpec);
  }
  const options = optionsOf(args);
  const plan = planCurvature(value, options);
  const c = plan.cost;
  const seconds = plan.mode === "dense"
    ? c.denseSeconds
    : plan.trace === "exact"
    ? c.exactTraceSeconds
    : plan.options.samples * c.hvpSeconds;
  if (seconds > 30) {
    note(
      `n = ${plan.n}: this ${plan.mode} run is estimated at ${Math.round(seconds)} s` +
        (plan.mode === "dense"
          ? " (the eigendecomposition costs O(n³))"
          : ` (the exact trace costs n Hessian-vector products${
            args.given.includes("trace") ? "" : "; --trace hutchinson estimates it"
          })`),
    );
  }
  return analyzeModel(plan.spec, options);
}

/**
 * JSON with two-space indentation, except that arrays of numbers or of short
 * strings stay on one line (eigenvalue lists, gradients, Hessian rows,
 * variable names).
 *
 * @example
 * ```ts
 * import { formatJson } from "./curvature.ts";
 * if (formatJson({ a: [1, 2] }) !== '{\n  "a": [1,2]\n}') throw new Error(formatJson({ a: [1, 2] }));
 * ```
 */
export function formatJson(value: unknown, indent = ""): string {
  if (value !== null && typeof value === "object" && "toJSON" in value) {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  if (Array.isArray(value)) {
    const flat = value.every((v) => typeof v === "number") ||
      value.every((v) => typeof v === "string" && v.length <= 32);
    if (flat) return JSON.stringify(value);
    const inner = indent + "  ";
    return `[\n${value.map((v) => inner + formatJson(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const inner = indent + "  ";
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    return `{\n${
      entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner)}`).join(",\n")
    }\n${indent}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Write all of `bytes` to stdout; a failure becomes `Cannot write the report …`. */
async function writeStdout(bytes: Uint8Array): Promise<void> {
  try {
    let off = 0;
    while (off < bytes.length) off += await Deno.stdout.write(bytes.subarray(off));
  } catch (e) {
    const why = e instanceof Deno.errors.BrokenPipe
      ? "the reader closed the pipe (broken pipe)"
      : (e as Error).message;
    throw new WriteError(`Cannot write the report to standard output: ${why}`);
  }
}

class WriteError extends Error {}

/** The exit status and the stderr line of a failure. */
function failure(e: unknown): [number, string] {
  if (e instanceof UsageError) return [2, e.message];
  if (e instanceof CurvatureOptionError) {
    const flag = FLAG_OF[e.option];
    if (flag && e.expected !== undefined) {
      return [2, `Cannot parse arguments: ${flag} expects ${e.expected}, got ${e.got}`];
    }
    return [2, e.message];
  }
  const msg = e instanceof Error ? e.message : String(e);
  return [1, msg.startsWith("Cannot ") ? msg : `Cannot compute the curvature report: ${msg}`];
}

/** The CLI: returns the exit status. Writes stdout only on success. */
export async function main(argv: string[]): Promise<number> {
  const code = await runCommand(CURVATURE_COMMAND, argv, async (args) => {
    try {
      const report = await run(args);
      await writeStdout(new TextEncoder().encode(formatJson(report) + "\n"));
      return 0;
    } catch (e) {
      const [status, line] = failure(e);
      console.error(line);
      return status;
    }
  });
  return code ?? 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));

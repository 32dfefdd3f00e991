/**
 * `deno task curvature SPEC.json [flags]`: the curvature report of a model
 * spec or an expression spec, as JSON on stdout.
 *
 * Model spec: see `lib/nn/spec.ts`. Report: `{n, loss, gradient_norm, trace,
 * lambda_max, lambda_min}` (+ `eigenvalues` when `report.eigenvalues`).
 * Expression spec: `{"expression": "x^2 - y^2", "at": {"x": 0, "y": 0}}`.
 * Report: `{value, gradient, hessian, eigenvalues, classification}`.
 *
 * Flags (model specs):
 *   --top K          the K largest eigenvalues
 *   --bottom K       the K smallest eigenvalues
 *   --trace          a stochastic (Hutchinson) trace estimate with its standard error
 *                    (matrix-free reports always estimate the trace this way)
 *   --samples S      Hessian-vector products (probes) for the trace (default 100)
 *   --density        the spectral density on a grid
 *   --seed N         seed of the stochastic parts (default 0)
 *   --dense          form the Hessian (default when n ≤ 1500)
 *   --matrix-free    never form the Hessian (default when n > 1500)
 *
 * Any bad input prints `Cannot …` naming the field on stderr, prints nothing
 * on stdout, and exits with status 1 (2 for bad command-line usage).
 *
 * @module
 */
import { analyzeModel, type CurvatureOptions } from "../lib/curvature/mod.ts";
import type { ExpressionSpec } from "../lib/expression/mod.ts";

const USAGE = "usage: deno task curvature SPEC.json [--top K] [--bottom K] [--trace] " +
  "[--samples S] [--density] [--seed N] [--dense | --matrix-free]";

/** Command-line options after parsing. */
export interface CliArgs {
  /** The spec file. */
  path: string;
  /** Options for the model report. */
  options: CurvatureOptions;
  /** Which flags were given (expression specs accept none). */
  flags: string[];
}

/** An error in the command line itself (exit status 2). */
export class UsageError extends Error {
  /** Create the error. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Parse the command line. Throws a {@linkcode UsageError} naming the flag.
 */
export function parseArgs(args: string[]): CliArgs {
  const options: CliArgs["options"] = {};
  const flags: string[] = [];
  let path: string | undefined;
  const integer = (flag: string, raw: string | undefined, min: number): number => {
    if (raw === undefined) throw new UsageError(`Cannot parse arguments: ${flag} needs a value`);
    const v = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(v) || v < min) {
      throw new UsageError(
        `Cannot parse arguments: ${flag} expects an integer ≥ ${min}, got ${JSON.stringify(raw)}`,
      );
    }
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--") || arg === "--") {
      if (arg === "--") continue;
      if (path !== undefined) {
        throw new UsageError(
          `Cannot parse arguments: more than one spec file (${JSON.stringify(path)} and ${
            JSON.stringify(arg)
          })`,
        );
      }
      path = arg;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const value = () => inline ?? args[++i];
    const noValue = () => {
      if (inline !== undefined) {
        throw new UsageError(`Cannot parse arguments: ${flag} takes no value`);
      }
    };
    flags.push(flag);
    switch (flag) {
      case "--top":
        options.top = integer(flag, value(), 1);
        break;
      case "--bottom":
        options.bottom = integer(flag, value(), 1);
        break;
      case "--samples":
        options.samples = integer(flag, value(), 1);
        break;
      case "--seed":
        options.seed = integer(flag, value(), 0);
        break;
      case "--trace":
        noValue();
        options.trace = true;
        break;
      case "--density":
        noValue();
        options.density = true;
        break;
      case "--dense":
      case "--matrix-free":
        noValue();
        if (options.mode && options.mode !== flag.slice(2)) {
          throw new UsageError(
            "Cannot parse arguments: --dense and --matrix-free exclude each other",
          );
        }
        options.mode = flag.slice(2) as "dense" | "matrix-free";
        break;
      default:
        throw new UsageError(`Cannot parse arguments: unknown flag ${flag} (${USAGE})`);
    }
  }
  if (path === undefined) {
    throw new UsageError(`Cannot parse arguments: missing the spec file (${USAGE})`);
  }
  return { path, options, flags };
}

/** Read, dispatch and compute; returns the report object or throws `Cannot …`. */
export async function run(cli: CliArgs): Promise<unknown> {
  let text: string;
  try {
    text = await Deno.readTextFile(cli.path);
  } catch (e) {
    throw new Error(
      `Cannot read spec: cannot read file ${JSON.stringify(cli.path)}: ${(e as Error).message}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(
      `Cannot read spec: ${JSON.stringify(cli.path)} is not valid JSON: ${(e as Error).message}`,
    );
  }
  if (
    value !== null && typeof value === "object" && !Array.isArray(value) && "expression" in value
  ) {
    if (cli.flags.length > 0) {
      throw new UsageError(
        `Cannot parse arguments: ${cli.flags[0]} applies to model specs, not expressions`,
      );
    }
    // loaded only for expressions: mathjs takes a while to load
    const { analyzeExpression } = await import("../lib/expression/mod.ts");
    return analyzeExpression(value as ExpressionSpec);
  }
  return analyzeModel(value, cli.options);
}

/**
 * JSON with two-space indentation, except that arrays of numbers stay on one
 * line (eigenvalue lists, gradients, Hessian rows).
 */
export function formatJson(value: unknown, indent = ""): string {
  if (value !== null && typeof value === "object" && "toJSON" in value) {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === "number")) return JSON.stringify(value);
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

/** The CLI: returns the exit status. Writes stdout only on success. */
export async function main(args: string[]): Promise<number> {
  try {
    const report = await run(parseArgs(args));
    const out = formatJson(report) + "\n";
    await Deno.stdout.write(new TextEncoder().encode(out));
    return 0;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const line = msg.startsWith("Cannot ") ? msg : `Cannot compute the curvature report: ${msg}`;
    await Deno.stderr.write(new TextEncoder().encode(line + "\n"));
    return e instanceof UsageError ? 2 : 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));

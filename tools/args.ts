/**
 * One command-line parser for every tool of the project (`deno task book`,
 * `notebooks`, `serve`, `kernel`, `screenshot`, `curvature`, `test`,
 * `bench:book`).
 *
 * A tool declares its flags once, as typed specs ({@linkcode FlagSpec}):
 * boolean, integer with bounds, number with bounds, string (optionally one
 * of a few choices) and comma-separated integer list (`--only 1,3`). The
 * parser accepts `--flag value` and `--flag=value`, `--` to end the flags,
 * and `-` as an ordinary argument (standard input). It rejects unknown
 * flags, missing or malformed values, values out of bounds, a flag given
 * twice, flags that exclude each other and surplus arguments, each with one
 * line of the form
 * `Cannot parse arguments: --concurrency expects an integer ≥ 1, got "abc"`
 * ({@linkcode UsageError}, exit status 2). `-h`/`--help` prints a usage text
 * generated from the same specs ({@linkcode usage}).
 *
 * @module
 */
import { resolve } from "node:path";

/** A flag without a value: present or absent. */
export interface BooleanFlag {
  type: "boolean";
  /** One line for `--help`. */
  help: string;
}

/** A flag whose value is a safe integer within optional bounds. */
export interface IntegerFlag {
  type: "integer";
  help: string;
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** The default, shown by `--help` and filled in when the flag is absent. */
  default?: number;
  /** The value's name in `--help` (default N). */
  value?: string;
}

/** A flag whose value is a finite number within optional bounds. */
export interface NumberFlag {
  type: "number";
  help: string;
  /** Lower bound; inclusive unless `minExclusive`. */
  min?: number;
  minExclusive?: boolean;
  /** Upper bound; inclusive unless `maxExclusive`. */
  max?: number;
  maxExclusive?: boolean;
  default?: number;
  value?: string;
}

/** A flag whose value is a non-empty string, optionally one of `choices`. */
export interface StringFlag {
  type: "string";
  help: string;
  choices?: readonly string[];
  default?: string;
  value?: string;
}

/** A comma-separated list of integers within optional bounds, e.g. `--only 1,3`. */
export interface ListFlag {
  type: "list";
  help: string;
  min?: number;
  max?: number;
  value?: string;
}

/** The spec of one flag. */
export type FlagSpec = BooleanFlag | IntegerFlag | NumberFlag | StringFlag | ListFlag;

/** The flags of a command, by name without the leading dashes (`"no-cache"`). */
export type FlagSpecs = Record<string, FlagSpec>;

/** The parsed value type of a flag spec. */
export type FlagValue<S extends FlagSpec> = S extends BooleanFlag ? boolean
  : S extends IntegerFlag | NumberFlag ? number
  : S extends StringFlag ? string
  : S extends ListFlag ? number[]
  : never;

/** Parsed flags: present ones (and those with a default) have a value. */
export type FlagValues<F extends FlagSpecs> = { [K in keyof F]?: FlagValue<F[K]> };

/** A positional argument. */
export interface PositionalSpec {
  /** Its name in `--help`, e.g. `SPEC`. */
  name: string;
  /** One line for `--help`. */
  help: string;
  /** Whether it must be given. Default true. */
  required?: boolean;
}

/** Everything a command accepts. */
export interface CommandSpec<F extends FlagSpecs = FlagSpecs> {
  /** How the user runs it, e.g. `deno task curvature`. */
  name: string;
  /** A paragraph for `--help`. */
  summary: string;
  /** The flags. */
  flags: F;
  /** Positional arguments, in order. Default none. */
  positionals?: PositionalSpec[];
  /** Pairs (or groups) of flags that cannot be given together. */
  exclusive?: (keyof F & string)[][];
  /**
   * Pass unknown flags and surplus arguments through verbatim (in
   * `rest`) instead of rejecting them, e.g. to forward them to another
   * program. Its `help` describes where they go.
   */
  rest?: { name: string; help: string };
  /** Extra paragraphs at the end of `--help` (examples, exit status). */
  epilog?: string;
}

/** The result of {@linkcode parseArgs}. */
export interface ParsedArgs<F extends FlagSpecs> {
  /** `-h` or `--help` was given: print {@linkcode usage} and stop. */
  help: boolean;
  /** Flag values (with defaults filled in). */
  flags: FlagValues<F>;
  /** The flags the user gave, in order, without dashes. */
  given: (keyof F & string)[];
  /** Positional arguments. */
  positionals: string[];
  /** Arguments passed through (only with `rest`). */
  rest: string[];
}

/** A bad command line; the tools exit with status 2. */
export class UsageError extends Error {
  /** The exit status for usage errors. */
  readonly exitCode = 2;
  /** Create the error; `message` is the full `Cannot parse arguments: …` line. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const fail = (reason: string): never => {
  throw new UsageError(`Cannot parse arguments: ${reason}`);
};

/** What a flag expects, in words: "an integer ≥ 1", "one of auto, exact", … */
export function expects(spec: FlagSpec): string {
  switch (spec.type) {
    case "boolean":
      return "no value";
    case "integer":
    case "list": {
      const what = spec.type === "integer" ? "an integer" : "a comma-separated list of integers";
      if (spec.min !== undefined && spec.max !== undefined) {
        return `${what} from ${spec.min} to ${spec.max}`;
      }
      if (spec.min !== undefined) return `${what} ≥ ${spec.min}`;
      if (spec.max !== undefined) return `${what} ≤ ${spec.max}`;
      return what;
    }
    case "number": {
      const lo = spec.min === undefined ? "" : `${spec.minExclusive ? ">" : "≥"} ${spec.min}`;
      const hi = spec.max === undefined ? "" : `${spec.maxExclusive ? "<" : "≤"} ${spec.max}`;
      return ["a number", lo && ` ${lo}`, lo && hi ? " and" : "", hi && ` ${hi}`].join("");
    }
    case "string":
      return spec.choices ? `one of ${spec.choices.join(", ")}` : "a value";
  }
}

function integerOf(raw: string): number | undefined {
  const t = raw.trim();
  if (!/^[+-]?\d+$/.test(t)) return undefined;
  const v = Number(t);
  return Number.isSafeInteger(v) ? v : undefined;
}

function numberOf(raw: string): number | undefined {
  const t = raw.trim();
  // Number("") is 0 and Number("0x10") is 16: accept decimal notation only.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

function inBounds(v: number, s: IntegerFlag | NumberFlag | ListFlag): boolean {
  const n = s as NumberFlag;
  if (s.min !== undefined && (n.minExclusive ? v <= s.min : v < s.min)) return false;
  if (s.max !== undefined && (n.maxExclusive ? v >= s.max : v > s.max)) return false;
  return true;
}

/** Convert one raw value; throws a {@linkcode UsageError} naming the flag. */
function convert(flag: string, spec: FlagSpec, raw: string): boolean | number | string | number[] {
  const bad = () => fail(`--${flag} expects ${expects(spec)}, got ${JSON.stringify(raw)}`);
  switch (spec.type) {
    case "boolean":
      return fail(`--${flag} takes no value, got ${JSON.stringify(raw)}`);
    case "integer": {
      const v = integerOf(raw);
      return v === undefined || !inBounds(v, spec) ? bad() : v;
    }
    case "number": {
      const v = numberOf(raw);
      return v === undefined || !inBounds(v, spec) ? bad() : v;
    }
    case "string":
      if (raw === "" || (spec.choices && !spec.choices.includes(raw))) return bad();
      return raw;
    case "list": {
      const parts = raw.split(",");
      const vs = parts.map(integerOf);
      if (vs.some((v) => v === undefined || !inBounds(v, spec))) return bad();
      return vs as number[];
    }
  }
}

/**
 * Parse `argv` against a command spec. Throws a {@linkcode UsageError}
 * (`Cannot parse arguments: …`) for anything it does not accept. When
 * `-h`/`--help` appears before `--`, returns `help: true` without
 * validating the rest.
 *
 * @example
 * ```ts
 * import { parseArgs } from "./args.ts";
 * const spec = {
 *   name: "demo", summary: "A demo.",
 *   flags: {
 *     concurrency: { type: "integer", min: 1, help: "workers" },
 *     only: { type: "list", min: 1, help: "chapters" },
 *     "no-cache": { type: "boolean", help: "skip the cache" },
 *   },
 * } as const;
 * const a = parseArgs(spec, ["--concurrency=2", "--only", "1,3", "--no-cache"]);
 * if (a.flags.concurrency !== 2 || a.flags.only?.join() !== "1,3" || !a.flags["no-cache"]) {
 *   throw new Error(JSON.stringify(a));
 * }
 * let msg = "";
 * try { parseArgs(spec, ["--concurrency", "abc"]); } catch (e) { msg = (e as Error).message; }
 * if (msg !== 'Cannot parse arguments: --concurrency expects an integer ≥ 1, got "abc"') {
 *   throw new Error(msg);
 * }
 * ```
 */
export function parseArgs<F extends FlagSpecs>(
  spec: CommandSpec<F>,
  argv: readonly string[],
): ParsedArgs<F> {
  const flags: Record<string, unknown> = {};
  const given: string[] = [];
  const positionals: string[] = [];
  const rest: string[] = [];
  const end = argv.indexOf("--");
  const before = end < 0 ? argv : argv.slice(0, end);
  if (before.includes("--help") || before.includes("-h")) {
    return { help: true, flags: {}, given: [], positionals: [], rest: [] };
  }
  let flagsDone = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!flagsDone && arg === "--") {
      flagsDone = true;
      if (spec.rest) rest.push(...argv.slice(i + 1));
      else positionals.push(...argv.slice(i + 1));
      break;
    }
    if (flagsDone || arg === "-" || !arg.startsWith("-")) {
      const full = positionals.length >= (spec.positionals ?? []).length;
      if (spec.rest && full) rest.push(arg);
      else positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/^--?/, "");
    const flagSpec = arg.startsWith("--") && Object.hasOwn(spec.flags, name)
      ? spec.flags[name]
      : undefined;
    if (flagSpec === undefined) {
      if (spec.rest) {
        rest.push(arg);
        continue;
      }
      fail(`unknown flag ${eq >= 0 ? arg.slice(0, eq) : arg} (see --help)`);
    }
    if (given.includes(name)) fail(`--${name} is given more than once`);
    given.push(name);
    if (flagSpec!.type === "boolean") {
      if (eq >= 0) convert(name, flagSpec!, arg.slice(eq + 1));
      flags[name] = true;
      continue;
    }
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) {
        const what = flagSpec!.type === "string" && !flagSpec!.choices
          ? flagSpec!.value
          : expects(flagSpec!);
        fail(`--${name} needs a value${what ? ` (${what})` : ""}`);
      }
      raw = argv[++i];
    }
    flags[name] = convert(name, flagSpec!, raw);
  }
  for (const group of spec.exclusive ?? []) {
    const present = given.filter((f) => (group as string[]).includes(f));
    if (present.length > 1) {
      fail(`${present.map((f) => `--${f}`).join(" and ")} exclude each other`);
    }
  }
  const slots = spec.positionals ?? [];
  if (positionals.length > slots.length) {
    const extra = positionals[slots.length];
    fail(
      slots.length === 0
        ? `unexpected argument ${JSON.stringify(extra)} (this command takes none)`
        : `unexpected argument ${JSON.stringify(extra)} (expected ${
          slots.map((s) => s.name).join(" ")
        })`,
    );
  }
  slots.forEach((slot, i) => {
    if (i >= positionals.length && slot.required !== false) {
      fail(`missing the argument ${slot.name} (see --help)`);
    }
  });
  for (const [name, s] of Object.entries(spec.flags)) {
    if (!(name in flags) && "default" in s && s.default !== undefined) flags[name] = s.default;
  }
  return {
    help: false,
    flags: flags as FlagValues<F>,
    given: given as (keyof F & string)[],
    positionals,
    rest,
  };
}

function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join(`\n${indent}`);
}

/**
 * The `--help` text of a command, generated from its spec: synopsis,
 * summary, arguments, and every flag with its value, bounds and default.
 *
 * @example
 * ```ts
 * import { usage } from "./args.ts";
 * const text = usage({
 *   name: "deno task serve", summary: "Serve the site.",
 *   flags: { port: { type: "integer", min: 0, max: 65535, default: 8000, help: "the port" } },
 * });
 * if (!text.includes("--port N") || !text.includes("an integer from 0 to 65535; default 8000")) {
 *   throw new Error(text);
 * }
 * ```
 */
export function usage<F extends FlagSpecs>(spec: CommandSpec<F>): string {
  const slots = spec.positionals ?? [];
  const synopsis = [
    `Usage: ${spec.name}`,
    Object.keys(spec.flags).length ? "[options]" : "",
    ...slots.map((s) => (s.required === false ? `[${s.name}]` : s.name)),
    spec.rest ? `[${spec.rest.name}…]` : "",
  ].filter(Boolean).join(" ");
  const rows: [string, string][] = [];
  for (const [name, s] of Object.entries(spec.flags)) {
    const left = s.type === "boolean"
      ? `--${name}`
      : `--${name} ${s.value ?? (s.type === "string" && s.choices ? s.choices.join("|") : "N")}`;
    const notes: string[] = [];
    if (s.type !== "boolean" && !(s.type === "string" && s.choices && !s.value)) {
      if (s.type !== "string" || s.choices) notes.push(expects(s));
    }
    if ("default" in s && s.default !== undefined) notes.push(`default ${s.default}`);
    rows.push([left, notes.length ? `${s.help} (${notes.join("; ")})` : s.help]);
  }
  rows.push(["-h, --help", "print this help and exit"]);
  const argRows: [string, string][] = slots.map((s) => [s.name, s.help]);
  if (spec.rest) argRows.push([`${spec.rest.name}…`, spec.rest.help]);
  const width = Math.min(
    28,
    Math.max(...[...rows, ...argRows].map(([l]) => l.length)) + 2,
  );
  const indent = " ".repeat(2 + width);
  const table = (rs: [string, string][]) =>
    rs.map(([l, r]) =>
      l.length + 2 > width
        ? `  ${l}\n${indent}${wrap(r, 98 - indent.length, indent)}`
        : `  ${l.padEnd(width)}${wrap(r, 98 - indent.length, indent)}`
    ).join("\n");
  const parts = [synopsis, "", wrap(spec.summary, 98, "")];
  if (argRows.length) parts.push("", "Arguments:", table(argRows));
  parts.push("", "Options:", table(rows));
  if (spec.epilog) {
    // Paragraphs are wrapped; lines that start with spaces (examples) are kept as they are.
    const paragraphs = spec.epilog.split("\n\n").map((p) =>
      p.split("\n").map((line) => (line.startsWith(" ") ? line : wrap(line, 98, ""))).join("\n")
    );
    parts.push("", paragraphs.join("\n\n"));
  }
  return parts.join("\n") + "\n";
}

/**
 * Run a tool's main function with parsed arguments: `--help` prints the
 * usage on stdout and returns 0; a {@linkcode UsageError} prints its one
 * line on stderr and returns 2; otherwise returns what `main` returns
 * (`undefined` for a tool that keeps running, like a server).
 *
 * @example
 * ```ts
 * import { runCommand } from "./args.ts";
 * const spec = { name: "demo", summary: "A demo.", flags: { n: { type: "integer", min: 1, help: "n" } } } as const;
 * const code = await runCommand(spec, ["--n", "0"], () => 0, { stderr: () => {} });
 * if (code !== 2) throw new Error(String(code));
 * ```
 */
export async function runCommand<F extends FlagSpecs>(
  spec: CommandSpec<F>,
  argv: readonly string[],
  main: (args: ParsedArgs<F>) => number | void | Promise<number | void>,
  io: { stdout?: (text: string) => void; stderr?: (text: string) => void } = {},
): Promise<number | undefined> {
  const stdout = io.stdout ?? ((t: string) => Deno.stdout.writeSync(new TextEncoder().encode(t)));
  const stderr = io.stderr ?? ((t: string) => console.error(t.replace(/\n$/, "")));
  let args: ParsedArgs<F>;
  try {
    args = parseArgs(spec, argv);
  } catch (e) {
    if (e instanceof UsageError) {
      stderr(e.message + "\n");
      return e.exitCode;
    }
    throw e;
  }
  if (args.help) {
    stdout(usage(spec));
    return 0;
  }
  const code = await main(args);
  return code ?? undefined;
}

/**
 * The directory the user ran the command from. `deno task` runs every task
 * in the project root and records the caller's directory in `INIT_CWD`; a
 * plain `deno run` has no `INIT_CWD` and uses the current directory. Like
 * npm, deno task keeps an `INIT_CWD` it inherits, so a task started from
 * another task resolves against the outermost directory. Needs
 * `--allow-env=INIT_CWD` to see it (without, the current directory).
 */
export function invocationDir(): string {
  try {
    const granted = Deno.permissions.querySync({ name: "env", variable: "INIT_CWD" }).state ===
      "granted";
    const dir = granted ? Deno.env.get("INIT_CWD") : undefined;
    if (dir) return dir;
  } catch { /* no permission API: fall through */ }
  return Deno.cwd();
}

/**
 * Resolve a path the user typed against the directory they ran the
 * command from ({@linkcode invocationDir}); absolute paths stay as they are.
 *
 * @example
 * ```ts
 * import { userPath } from "./args.ts";
 * if (userPath("/etc/hosts") !== "/etc/hosts") throw new Error();
 * ```
 */
export function userPath(path: string): string {
  return resolve(invocationDir(), path);
}

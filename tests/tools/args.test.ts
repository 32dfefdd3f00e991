/**
 * The shared argument parser (tools/args.ts): typed values, bounds, both
 * value syntaxes, rejection of everything else with one `Cannot parse
 * arguments: …` line, and `--help` generated from the specs.
 */
import { check } from "../../lib/assert.ts";
import {
  type CommandSpec,
  expects,
  parseArgs,
  runCommand,
  usage,
  UsageError,
  userPath,
} from "../../tools/args.ts";
import { errorOf } from "../lib/_helpers.ts";

const SPEC = {
  name: "deno task demo",
  summary: "A demo command.",
  positionals: [
    { name: "IN", help: "the input" },
    { name: "OUT", help: "the output", required: false },
  ],
  flags: {
    concurrency: { type: "integer", min: 1, help: "workers" },
    port: { type: "integer", min: 0, max: 65535, default: 8000, help: "the port" },
    tol: {
      type: "number",
      min: 0,
      minExclusive: true,
      max: 1,
      maxExclusive: true,
      help: "tolerance",
    },
    scale: { type: "number", help: "any finite number" },
    trace: { type: "string", choices: ["auto", "exact"], default: "auto", help: "method" },
    out: { type: "string", value: "DIR", help: "output folder" },
    only: { type: "list", min: 1, value: "N[,N]", help: "chapters" },
    "no-cache": { type: "boolean", help: "skip the cache" },
    dense: { type: "boolean", help: "dense" },
    sparse: { type: "boolean", help: "sparse" },
  },
  exclusive: [["dense", "sparse"]],
} as const satisfies CommandSpec;

const parse = (argv: string[]) => parseArgs(SPEC, argv);

Deno.test("parseArgs: typed values in both syntaxes, defaults filled in, positionals in order", () => {
  const a = parse([
    "in.json",
    "--concurrency=3",
    "--port",
    "0",
    "--tol",
    "1e-10",
    "--scale=-2.5",
    "--trace",
    "exact",
    "--out",
    "-weird-dir",
    "--only=1,3,10",
    "--no-cache",
    "out.json",
  ]);
  check(a.help === false, "no help");
  check(a.flags.concurrency === 3 && a.flags.port === 0, JSON.stringify(a.flags));
  check(a.flags.tol === 1e-10 && a.flags.scale === -2.5, JSON.stringify(a.flags));
  check(a.flags.trace === "exact" && a.flags.out === "-weird-dir", "a value may start with -");
  check(a.flags.only?.join() === "1,3,10" && a.flags["no-cache"] === true, "list and boolean");
  check(a.positionals.join() === "in.json,out.json", a.positionals.join());
  check(a.given.join() === "concurrency,port,tol,scale,trace,out,only,no-cache", a.given.join());
  const d = parse(["in"]);
  check(d.flags.port === 8000 && d.flags.trace === "auto", "defaults");
  check(d.flags.concurrency === undefined && d.flags.dense === undefined, "absent flags");
  // - is an argument (standard input); -- ends the flags
  const s = parse(["-", "--", "--not-a-flag"]);
  check(s.positionals.join() === "-,--not-a-flag", s.positionals.join());
});

Deno.test("parseArgs: every bad command line is one UsageError naming the flag", () => {
  const cases: [string[], string][] = [
    [["in", "--concurrency", "abc"], '--concurrency expects an integer ≥ 1, got "abc"'],
    [["in", "--concurrency", "0"], '--concurrency expects an integer ≥ 1, got "0"'],
    [["in", "--concurrency", "2.5"], '--concurrency expects an integer ≥ 1, got "2.5"'],
    [["in", "--concurrency", ""], '--concurrency expects an integer ≥ 1, got ""'],
    [["in", "--concurrency", "1e3"], '--concurrency expects an integer ≥ 1, got "1e3"'],
    [["in", "--concurrency", "99999999999999999999"], "--concurrency expects an integer ≥ 1"],
    [["in", "--concurrency"], "--concurrency needs a value (an integer ≥ 1)"],
    [["in", "--port", "65536"], '--port expects an integer from 0 to 65535, got "65536"'],
    [["in", "--tol", "0"], '--tol expects a number > 0 and < 1, got "0"'],
    [["in", "--tol", "1"], '--tol expects a number > 0 and < 1, got "1"'],
    [["in", "--tol", "0x10"], '--tol expects a number > 0 and < 1, got "0x10"'],
    [["in", "--scale", "Infinity"], '--scale expects a number, got "Infinity"'],
    [["in", "--scale", "NaN"], '--scale expects a number, got "NaN"'],
    [["in", "--trace", "fast"], '--trace expects one of auto, exact, got "fast"'],
    [["in", "--out="], '--out expects a value, got ""'],
    [["in", "--only", "1,x"], '--only expects a comma-separated list of integers ≥ 1, got "1,x"'],
    [["in", "--only", "1,,3"], "--only expects a comma-separated list of integers ≥ 1"],
    [["in", "--only", "0"], "--only expects a comma-separated list of integers ≥ 1"],
    [["in", "--no-cache=false"], '--no-cache takes no value, got "false"'],
    [["in", "--bogus"], "unknown flag --bogus (see --help)"],
    [["in", "--bogus=1"], "unknown flag --bogus (see --help)"],
    [["in", "-x"], "unknown flag -x"],
    [["in", "--port", "1", "--port=2"], "--port is given more than once"],
    [["in", "--dense", "--sparse"], "--dense and --sparse exclude each other"],
    [[], "missing the argument IN (see --help)"],
    [["a", "b", "c"], 'unexpected argument "c" (expected IN OUT)'],
  ];
  for (const [argv, expected] of cases) {
    let err: unknown;
    try {
      parse(argv);
    } catch (e) {
      err = e;
    }
    check(err instanceof UsageError, `${argv.join(" ")}: expected a UsageError, got ${err}`);
    const msg = (err as UsageError).message;
    check(msg === `Cannot parse arguments: ${expected}` || msg.includes(expected), msg);
    check(msg.startsWith("Cannot parse arguments: ") && !msg.includes("\n"), msg);
    check((err as UsageError).exitCode === 2, "exit status 2");
  }
  const none = { name: "x", summary: "x", flags: {} } as const satisfies CommandSpec;
  check(
    errorOf(() => parseArgs(none, ["extra"])).includes("(this command takes none)"),
    "no positionals",
  );
});

Deno.test("parseArgs: --help anywhere before -- wins over errors; rest passes arguments through", () => {
  check(parse(["--bogus", "--help"]).help, "--help");
  check(parse(["-h"]).help, "-h");
  check(!parse(["in", "--", "--help"]).help, "after --, --help is an argument");
  const pass = {
    name: "deno task test",
    summary: "x",
    flags: {},
    rest: { name: "ARGS", help: "for deno test" },
  } as const satisfies CommandSpec;
  const r = parseArgs(pass, ["--filter", "lanczos", "--fail-fast", "x"]);
  check(r.rest.join(" ") === "--filter lanczos --fail-fast x", r.rest.join(" "));
});

Deno.test("usage: generated from the specs, with values, bounds and defaults", () => {
  const text = usage(SPEC);
  check(text.startsWith("Usage: deno task demo [options] IN [OUT]\n"), text);
  for (
    const line of [
      "--concurrency N",
      "workers (an integer ≥ 1)",
      "the port (an integer from 0 to 65535; default 8000)",
      "tolerance (a number > 0 and < 1)",
      "--trace auto|exact",
      "method (default auto)",
      "--out DIR",
      "--only N[,N]",
      "chapters (a comma-separated list of integers ≥ 1)",
      "--no-cache",
      "-h, --help",
      "IN",
    ]
  ) {
    check(text.includes(line), `usage lacks ${JSON.stringify(line)}:\n${text}`);
  }
  // every flag of the spec is listed
  for (const name of Object.keys(SPEC.flags)) check(text.includes(`--${name}`), name);
  check(text.split("\n").every((l) => l.length <= 100), "fits in 100 columns");
  check(expects({ type: "integer", help: "" }) === "an integer", "unbounded integer");
});

Deno.test("runCommand: --help → 0 and usage on stdout; bad values → 2 and one line on stderr", async () => {
  const out: string[] = [], err: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
  const calls = { main: 0 };
  const main = () => {
    calls.main++;
    return 7;
  };
  check(await runCommand(SPEC, ["--help"], main, io) === 0, "help");
  check(out.join("").startsWith("Usage: deno task demo"), out.join(""));
  check(await runCommand(SPEC, ["in", "--concurrency", "abc"], main, io) === 2, "bad");
  check(
    err.join("") === 'Cannot parse arguments: --concurrency expects an integer ≥ 1, got "abc"\n',
    err.join(""),
  );
  check(calls.main === 0, "main never ran on help or bad input");
  const status = await runCommand(SPEC, ["in"], main, io);
  check(status === 7, `main's status, got ${status}`);
  check(calls.main > 0, "main ran on a good command line");
});

Deno.test("userPath: relative to INIT_CWD (where deno task was run), absolute paths kept", () => {
  const before = Deno.env.get("INIT_CWD");
  try {
    Deno.env.set("INIT_CWD", "/somewhere/else");
    check(userPath("spec.json") === "/somewhere/else/spec.json", userPath("spec.json"));
    check(userPath("../x.json") === "/somewhere/x.json", userPath("../x.json"));
    check(userPath("/abs/x.json") === "/abs/x.json", "absolute");
    Deno.env.delete("INIT_CWD");
    check(userPath("spec.json") === `${Deno.cwd()}/spec.json`, "no INIT_CWD: the cwd");
  } finally {
    if (before === undefined) Deno.env.delete("INIT_CWD");
    else Deno.env.set("INIT_CWD", before);
  }
});

/**
 * First-run setup, shared by `deno task book` and `deno task test`. Each step
 * announces itself in one line, and only when it has work to do:
 *
 * 1. install the npm dependencies (`deno install`);
 * 2. register the project-local Deno kernelspec in .jupyter/kernels/;
 * 3. find a Python with Jupyter's nbclient, installing it when possible.
 *
 * deno.json sets `"nodeModulesDir": "manual"`, so `deno task` itself never
 * installs packages (in "auto" mode it printed one "Initialize" line per
 * package, 164 of them, and a build-script warning, before any task ran).
 * Step 1 runs `deno install` with its output captured, and shows it only when
 * the install fails. Tasks whose code loads npm packages start with
 * `deno run -A tools/bootstrap.ts &&`, which runs step 1 (announcing on
 * stderr, so a task's stdout stays clean).
 *
 * @module
 */
import { join } from "node:path";
import { DENO_VERSION, KERNEL_DISPLAY_NAME, KERNEL_NAME } from "./notebook.ts";
import { ROOT } from "./project.ts";
import { sha256 } from "./sha256.ts";

/** What the build needs to run notebooks. */
export interface Toolchain {
  /** A Python interpreter that can import nbclient, nbformat and jupyter_client. */
  python: string;
  /** The value for JUPYTER_PATH so Jupyter finds the project's kernelspec. */
  jupyterPath: string;
}

let sink: (line: string) => void = (line) => console.log(line);

/** Print one setup line. */
export function announce(message: string): void {
  sink(`setup: ${message}`);
}

async function run(cmd: string, args: string[], opts: { cwd?: string; quiet?: boolean } = {}) {
  const out = await new Deno.Command(cmd, {
    args,
    cwd: opts.cwd ?? ROOT,
    stdout: opts.quiet ? "piped" : "inherit",
    stderr: "piped",
    env: { NO_COLOR: "1", RUST_BACKTRACE: "0", DEBIAN_FRONTEND: "noninteractive" },
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  const stdout = opts.quiet ? new TextDecoder().decode(out.stdout) : "";
  return { ok: out.success, stderr, output: stdout + stderr };
}

/** Step 1: `deno install` when node_modules is missing or older than deno.lock. */
export async function ensureNpm(root = ROOT): Promise<void> {
  const stamp = join(root, "node_modules", ".hessian-installed");
  const want = await sha256(
    Deno.readTextFileSync(join(root, "deno.json")) + Deno.readTextFileSync(join(root, "deno.lock")),
  );
  let have = "";
  try {
    have = Deno.readTextFileSync(stamp);
  } catch { /* not installed */ }
  if (have === want) return;
  announce("installing npm dependencies (deno install --frozen)");
  // Not --quiet: the full output is kept for the error message, and shown only on failure.
  const r = await run(Deno.execPath(), ["install", "--frozen"], { cwd: root, quiet: true });
  if (!r.ok) {
    throw new Error(
      `Cannot install npm dependencies: deno install failed:\n${r.output.trim()}\n` +
        `Run \`npx -y deno@${DENO_VERSION} install --frozen\` in ${root} to try it yourself.`,
    );
  }
  Deno.writeTextFileSync(stamp, want);
}

/** The kernelspec JSON for the running Deno. */
export function kernelSpec(): Record<string, unknown> {
  return {
    argv: [Deno.execPath(), "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: KERNEL_DISPLAY_NAME,
    language: "typescript",
    env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
    metadata: { debugger: false },
  };
}

/** Write a kernelspec folder (kernel.json) under `kernelsDir`; returns true when it changed. */
export function writeKernelSpec(kernelsDir: string): boolean {
  const dir = join(kernelsDir, KERNEL_NAME);
  Deno.mkdirSync(dir, { recursive: true });
  const text = JSON.stringify(kernelSpec(), null, 2) + "\n";
  const path = join(dir, "kernel.json");
  let old = "";
  try {
    old = Deno.readTextFileSync(path);
  } catch { /* new */ }
  if (old === text) return false;
  Deno.writeTextFileSync(path, text);
  return true;
}

/** Step 2: the project-local kernelspec, pointing at the running deno. */
export function ensureKernel(root = ROOT): string {
  const jupyterPath = join(root, ".jupyter");
  if (writeKernelSpec(join(jupyterPath, "kernels"))) {
    announce(`registered the project-local kernel "${KERNEL_NAME}" (${Deno.execPath()})`);
  }
  return jupyterPath;
}

async function hasNbclient(python: string): Promise<boolean> {
  try {
    const r = await run(python, ["-c", "import nbclient, nbformat, jupyter_client"], {
      quiet: true,
    });
    return r.ok;
  } catch {
    return false;
  }
}

function isDebianRoot(): boolean {
  try {
    return Deno.uid() === 0 && Deno.statSync("/etc/debian_version").isFile &&
      Deno.statSync("/usr/bin/apt-get").isFile;
  } catch {
    return false;
  }
}

const APT_PACKAGES = ["jupyter-nbconvert", "python3-nbclient", "jupyter-client"];

/** Step 3: a Python with nbclient; installs one (apt as root on Debian, else a venv) if needed. */
export async function ensurePython(root = ROOT): Promise<string> {
  const venvPython = join(root, ".venv", "bin", "python");
  const candidates = [Deno.env.get("HESSIAN_PYTHON"), "/usr/bin/python3", venvPython, "python3"]
    .filter((x): x is string => !!x);
  for (const c of candidates) if (await hasNbclient(c)) return c;
  if (isDebianRoot()) {
    announce(`installing Jupyter's nbclient with apt (${APT_PACKAGES.join(" ")})`);
    const u = await run("apt-get", ["update", "-qq"], { quiet: true });
    const r = u.ok
      ? await run("apt-get", ["install", "-y", "-qq", ...APT_PACKAGES], { quiet: true })
      : u;
    if (r.ok && await hasNbclient("/usr/bin/python3")) return "/usr/bin/python3";
    throw new Error(
      `Cannot install Jupyter's nbclient with apt:\n${r.stderr.trim()}\n` +
        `Run: apt-get update && apt-get install -y ${APT_PACKAGES.join(" ")}`,
    );
  }
  const sysPython = ["/usr/bin/python3", "python3"];
  for (const py of sysPython) {
    const venv = await run(py, ["-m", "venv", join(root, ".venv")], { quiet: true }).catch(() =>
      null
    );
    if (!venv?.ok) continue;
    announce("installing Jupyter's nbclient into a project-local venv (.venv) with pip");
    const pip = await run(venvPython, [
      "-m",
      "pip",
      "install",
      "--quiet",
      "nbclient",
      "nbformat",
      "jupyter_client",
    ], { quiet: true });
    if (pip.ok && await hasNbclient(venvPython)) return venvPython;
    break;
  }
  throw new Error(
    "Cannot find a Python with Jupyter's nbclient, and cannot install one here.\n" +
      "Install it, then run this command again:\n" +
      `  Debian/Ubuntu: sudo apt-get install -y ${APT_PACKAGES.join(" ")}\n` +
      `  elsewhere:     python3 -m venv ${
        join(root, ".venv")
      } && ${venvPython} -m pip install nbclient nbformat jupyter_client\n` +
      "  or point HESSIAN_PYTHON at a Python that has them.",
  );
}

/** The Chromium the browser tests drive: $CHROMIUM, else /usr/bin/chromium (installed with apt as root on Debian). */
export async function ensureChromium(): Promise<string> {
  const path = Deno.env.get("CHROMIUM") ?? "/usr/bin/chromium";
  try {
    if (Deno.statSync(path).isFile) return path;
  } catch { /* missing */ }
  if (isDebianRoot() && !Deno.env.get("CHROMIUM")) {
    announce("installing Chromium for the browser tests (apt-get install chromium)");
    const u = await run("apt-get", ["update", "-qq"], { quiet: true });
    const r = u.ok
      ? await run("apt-get", ["install", "-y", "-qq", "chromium"], { quiet: true })
      : u;
    if (r.ok) return path;
    throw new Error(
      `Cannot install Chromium with apt:\n${r.stderr.trim()}\nRun: apt-get install -y chromium`,
    );
  }
  throw new Error(
    `Cannot find Chromium at ${path} for the browser tests.\n` +
      "Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM to its path.",
  );
}

/** Run all three setup steps. */
export async function bootstrap(root = ROOT): Promise<Toolchain> {
  await ensureNpm(root);
  const jupyterPath = ensureKernel(root);
  const python = await ensurePython(root);
  return { python, jupyterPath };
}

// `deno run -A tools/bootstrap.ts`: step 1 only, the prefix of the tasks that load npm packages.
if (import.meta.main) {
  sink = (line) => console.error(line);
  try {
    await ensureNpm();
  } catch (e) {
    console.error((e as Error).message);
    Deno.exit(1);
  }
}

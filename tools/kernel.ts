/**
 * `deno task kernel`: register the book's Deno kernel with your own Jupyter,
 * so that `jupyter notebook notebooks/` offers it by name.
 *
 * It writes `kernels/deno-hessian/kernel.json` into Jupyter's user data
 * directory (as reported by `jupyter --data-dir`, else the platform default,
 * or $JUPYTER_DATA_DIR), pointing at the Deno that runs this task.
 *
 * @module
 */
import { join } from "node:path";
import { type CommandSpec, runCommand } from "./args.ts";
import { ensureNpm, writeKernelSpec } from "./bootstrap.ts";
import { KERNEL_DISPLAY_NAME, KERNEL_NAME } from "./notebook.ts";

/** Jupyter's user data directory. */
export async function jupyterDataDir(): Promise<string> {
  const env = Deno.env.get("JUPYTER_DATA_DIR");
  if (env) return env;
  try {
    const out = await new Deno.Command("jupyter", {
      args: ["--data-dir"],
      stdout: "piped",
      stderr: "null",
    })
      .output();
    const dir = new TextDecoder().decode(out.stdout).trim();
    if (out.success && dir) return dir;
  } catch { /* no jupyter on PATH */ }
  const home = Deno.env.get("HOME") ?? Deno.env.get("USERPROFILE") ?? ".";
  if (Deno.build.os === "darwin") return join(home, "Library", "Jupyter");
  if (Deno.build.os === "windows") return join(Deno.env.get("APPDATA") ?? home, "jupyter");
  return join(Deno.env.get("XDG_DATA_HOME") ?? join(home, ".local", "share"), "jupyter");
}

/** The command line of `deno task kernel` (no options). */
export const KERNEL_COMMAND = {
  name: "deno task kernel",
  summary: "Register the book's Deno kernel with your own Jupyter (in Jupyter's user data " +
    "directory, or $JUPYTER_DATA_DIR), so that `jupyter notebook notebooks/` offers it by name.",
  flags: {},
} as const satisfies CommandSpec;

if (import.meta.main) {
  const code = await runCommand(KERNEL_COMMAND, Deno.args, async () => {
    try {
      await ensureNpm(); // the kernel loads the chapters' npm packages from node_modules/
      const dir = join(await jupyterDataDir(), "kernels");
      const changed = writeKernelSpec(dir);
      console.log(
        `${
          changed ? "Registered" : "Already registered:"
        } kernel "${KERNEL_NAME}" (${KERNEL_DISPLAY_NAME}) in ${
          join(dir, KERNEL_NAME)
        }\nIt runs ${Deno.execPath()}. Open the chapters with: jupyter notebook notebooks/`,
      );
      return 0;
    } catch (e) {
      console.error(`Cannot register the Jupyter kernel: ${(e as Error).message}`);
      return 1;
    }
  });
  Deno.exit(code ?? 0);
}

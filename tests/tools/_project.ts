/** A throwaway project root that shares lib/, book/, tools/ and node_modules/ with the real one. */
import { join } from "node:path";
import { ensureKernel, ensurePython } from "../../tools/bootstrap.ts";
import type { Toolchain } from "../../tools/bootstrap.ts";
import { ROOT } from "../../tools/project.ts";

export async function tempProject(chapters: Record<string, string>): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "hessian-test-" });
  for (const name of ["tools", "node_modules"]) {
    Deno.symlinkSync(join(ROOT, name), join(root, name));
  }
  // A snapshot of lib/ and book/, so edits made while the tests run do not invalidate the cache
  // under test.
  copyTree(join(ROOT, "lib"), join(root, "lib"));
  copyTree(join(ROOT, "book"), join(root, "book"));
  for (const name of ["deno.json", "deno.lock"]) {
    Deno.copyFileSync(join(ROOT, name), join(root, name));
  }
  Deno.mkdirSync(join(root, "chapters"));
  Deno.mkdirSync(join(root, "notebooks"));
  for (const [name, text] of Object.entries(chapters)) {
    Deno.writeTextFileSync(join(root, "chapters", name), text);
  }
  return root;
}

let toolchain: Promise<Toolchain> | undefined;
export function tools(): Promise<Toolchain> {
  toolchain ??= (async () => ({ python: await ensurePython(), jupyterPath: ensureKernel() }))();
  return toolchain;
}

function copyTree(from: string, to: string): void {
  Deno.mkdirSync(to, { recursive: true });
  for (const e of Deno.readDirSync(from)) {
    if (e.isDirectory) copyTree(join(from, e.name), join(to, e.name));
    else if (e.isFile) Deno.copyFileSync(join(from, e.name), join(to, e.name));
  }
}

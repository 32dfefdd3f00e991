import assert from "node:assert/strict";
import { join } from "node:path";
import { ensureNpm } from "../../tools/bootstrap.ts";
import { ROOT } from "../../tools/project.ts";

// A user's shell: no INIT_CWD inherited from an enclosing `deno task test`.
const env = (() => {
  const e = Deno.env.toObject();
  delete e.INIT_CWD;
  return { ...e, NO_COLOR: "1", RUST_BACKTRACE: "0" };
})();

function copyTree(from: string, to: string): void {
  Deno.mkdirSync(to, { recursive: true });
  for (const e of Deno.readDirSync(from)) {
    if (e.isDirectory) copyTree(join(from, e.name), join(to, e.name));
    else if (e.isFile) Deno.copyFileSync(join(from, e.name), join(to, e.name));
  }
}

async function task(root: string, ...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", ...args],
    cwd: root,
    clearEnv: true,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { ok: out.success, stdout: text(out.stdout), stderr: text(out.stderr) };
}

Deno.test("first run: one setup line for the npm install, no per-package noise, stdout clean", async () => {
  // A fresh checkout without node_modules/ (tools/ is copied, not linked, so that the install
  // goes into this folder and not into the project's own node_modules/).
  const root = await Deno.makeTempDir({ prefix: "hessian-fresh-" });
  for (const dir of ["lib", "tools"]) copyTree(join(ROOT, dir), join(root, dir));
  for (const f of ["deno.json", "deno.lock"]) Deno.copyFileSync(join(ROOT, f), join(root, f));
  Deno.mkdirSync(join(root, "examples", "specs"), { recursive: true });
  Deno.copyFileSync(
    join(ROOT, "examples", "specs", "saddle.json"),
    join(root, "examples", "specs", "saddle.json"),
  );
  const first = await task(root, "curvature", "examples/specs/saddle.json");
  assert.ok(first.ok, first.stderr);
  assert.equal(JSON.parse(first.stdout).classification, "saddle");
  const lines = first.stderr.trim().split("\n").filter((l) => !l.startsWith("Task "));
  assert.deepEqual(lines, ["setup: installing npm dependencies (deno install --frozen)"]);
  assert.doesNotMatch(first.stderr, /Initialize|Download|Warning|approve-scripts/);
  assert.ok(Deno.statSync(join(root, "node_modules", "ml-matrix")).isDirectory);
  const again = await task(root, "curvature", "examples/specs/saddle.json");
  assert.ok(again.ok, again.stderr);
  assert.deepEqual(again.stderr.trim().split("\n").filter((l) => !l.startsWith("Task ")), []);
  await Deno.remove(root, { recursive: true });
});

Deno.test("a failed npm install shows deno install's own output", async () => {
  const root = await Deno.makeTempDir({ prefix: "hessian-badconfig-" });
  Deno.writeTextFileSync(join(root, "deno.json"), '{ "imports": { "x": ');
  Deno.writeTextFileSync(join(root, "deno.lock"), "");
  await assert.rejects(
    () => ensureNpm(root),
    (e: Error) => {
      assert.match(e.message, /^Cannot install npm dependencies: deno install failed:\n/);
      assert.match(e.message, /deno\.json/);
      return true;
    },
  );
  await Deno.remove(root, { recursive: true });
});

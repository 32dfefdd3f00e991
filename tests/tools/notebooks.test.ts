import assert from "node:assert/strict";
import { join } from "node:path";
import { syncNotebooks } from "../../tools/notebooks.ts";
import { notebookToCells, serializeNotebook } from "../../tools/notebook.ts";
import { ROOT } from "../../tools/project.ts";
import { tempProject } from "./_project.ts";

const chapter = "# Sync\n\nText $x$.\n\n```ts\n1 + 1\n```\n";

Deno.test("notebooks: generated from the chapter; --check reports stale and orphan notebooks", async () => {
  const root = await tempProject({ "01-sync.md": chapter });
  assert.deepEqual(syncNotebooks("check", root).map((r) => r.action), ["stale"]);
  assert.deepEqual(syncNotebooks("auto", root).map((r) => r.action), ["wrote-notebook"]);
  assert.deepEqual(syncNotebooks("check", root).map((r) => r.action), ["unchanged"]);
  Deno.writeTextFileSync(join(root, "notebooks", "99-gone.ipynb"), "{}");
  assert.deepEqual(syncNotebooks("check", root).map((r) => r.action), ["unchanged", "orphan"]);
});

Deno.test("notebooks: an edit saved in Jupyter (newer, with outputs) comes back into the Markdown", async () => {
  const root = await tempProject({ "01-sync.md": chapter });
  syncNotebooks("auto", root);
  const nbPath = join(root, "notebooks", "01-sync.ipynb");
  const nb = JSON.parse(Deno.readTextFileSync(nbPath));
  nb.cells[1].source = ["2 + 2"];
  nb.cells[1].outputs = [{
    output_type: "execute_result",
    data: { "text/plain": "4" },
    metadata: {},
    execution_count: 1,
  }];
  nb.cells[1].execution_count = 1;
  nb.cells.push({
    cell_type: "markdown",
    id: "new",
    metadata: {},
    source: ["A new cell with $y$."],
  });
  Deno.writeTextFileSync(nbPath, serializeNotebook(nb));
  const later = new Date(Date.now() + 5000);
  Deno.utimeSync(nbPath, later, later);
  assert.deepEqual(syncNotebooks("auto", root).map((r) => r.action), ["wrote-chapter"]);
  const md = Deno.readTextFileSync(join(root, "chapters", "01-sync.md"));
  assert.equal(md, "# Sync\n\nText $x$.\n\n```ts\n2 + 2\n```\n\nA new cell with $y$.\n");
  // The notebook is regenerated without outputs.
  const clean = JSON.parse(Deno.readTextFileSync(nbPath));
  assert.deepEqual(clean.cells[1].outputs, []);
  assert.deepEqual(notebookToCells(Deno.readTextFileSync(nbPath)).map((c) => c.kind), [
    "markdown",
    "code",
    "markdown",
  ]);
});

Deno.test("notebooks: --from-ipynb forces the notebook's cells into the chapter even when older", async () => {
  const root = await tempProject({ "01-sync.md": chapter });
  syncNotebooks("auto", root);
  const nbPath = join(root, "notebooks", "01-sync.ipynb");
  const nb = JSON.parse(Deno.readTextFileSync(nbPath));
  nb.cells[0].source = ["# Renamed"];
  Deno.writeTextFileSync(nbPath, serializeNotebook(nb));
  const earlier = new Date(Date.now() - 60_000);
  Deno.utimeSync(nbPath, earlier, earlier);
  // Older than the chapter: the default direction regenerates the notebook from the chapter.
  assert.deepEqual(syncNotebooks("auto", root).map((r) => r.action), ["wrote-notebook"]);
  Deno.writeTextFileSync(nbPath, serializeNotebook(nb));
  Deno.utimeSync(nbPath, earlier, earlier);
  assert.deepEqual(syncNotebooks("from-ipynb", root).map((r) => r.action), ["wrote-chapter"]);
  assert.ok(
    Deno.readTextFileSync(join(root, "chapters", "01-sync.md")).startsWith("# Renamed\n\n```ts"),
  );
});

Deno.test("deno task kernel registers deno-hessian in the user's Jupyter data dir", async () => {
  const data = await Deno.makeTempDir();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "tools", "kernel.ts")],
    env: { JUPYTER_DATA_DIR: data, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const spec = JSON.parse(
    Deno.readTextFileSync(join(data, "kernels", "deno-hessian", "kernel.json")),
  );
  assert.equal(spec.argv[0], Deno.execPath());
  assert.ok(spec.argv[0].startsWith("/"));
  assert.deepEqual(spec.argv.slice(1), ["jupyter", "--kernel", "--conn", "{connection_file}"]);
  assert.equal(spec.env.NO_COLOR, "1");
  // Jupyter itself lists it by name.
  const list = await new Deno.Command("/usr/bin/python3", {
    args: ["-m", "jupyter_client.kernelspecapp", "list", "--json"],
    env: { JUPYTER_DATA_DIR: data, JUPYTER_PATH: "" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(list.success, new TextDecoder().decode(list.stderr));
  const specs = JSON.parse(new TextDecoder().decode(list.stdout)).kernelspecs;
  assert.ok("deno-hessian" in specs, Object.keys(specs).join(", "));
});

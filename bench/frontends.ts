/**
 * Do interactive Jupyter front ends show every output of the Deno 2.9.6
 * kernel, which sometimes reports `status: idle` before a cell's outputs?
 *
 *   deno run -A bench/frontends.ts [--runs N] [--cells N]
 *
 * Needs the classic Jupyter Notebook server (Debian: `apt-get install
 * jupyter-notebook`) and Chromium. Prints a Markdown table.
 *
 * 1. **Message order.** Over the server's kernel websocket (the channel every
 *    browser front end uses), execute N output cells, one at a time, and record
 *    for each cell when its output arrives relative to its `status: idle`
 *    (iopub) and its `execute_reply` (shell). An output after idle is what
 *    stock nbclient / `jupyter nbconvert --execute` drops: it stops listening at
 *    idle. The classic Notebook's kernel.js and JupyterLab's
 *    @jupyterlab/services both keep routing a request's messages to its cell
 *    until they have seen both idle and the reply; only an output after both
 *    would be lost there.
 * 2. **The classic Notebook page.** Open a notebook of N output cells in
 *    headless Chromium, "Run All", and count the outputs in each cell's output
 *    area. The page's kernel client is instrumented to count the outputs that
 *    reached it after both the cell's idle and its reply, and the messages it
 *    could not route (`received_unsolicited_message.Kernel`). Repeated
 *    `--runs` times, with a kernel restart in between.
 *
 * Why the pages keep late outputs: the classic Notebook's code cells register
 * their callbacks with `clear_on_done: false`, and JupyterLab's
 * `OutputArea.execute` calls `kernel.requestExecute(content, false, …)`
 * (`disposeOnDone = false`): both keep a cell's output channel open until the
 * cell runs again. JupyterLab itself is not installed here (not in Debian, and
 * PyPI is not reachable), so it is covered by the message-order measurement
 * and that reading of its code, not by its page.
 *
 * @module
 */
import { join } from "node:path";
import { launchChromium } from "../tools/chromium.ts";
import { bootstrap, ensureChromium } from "../tools/bootstrap.ts";
import { cellsToNotebook, serializeNotebook } from "../tools/notebook.ts";
import { parseChapter } from "../tools/chapter.ts";

const arg = (name: string, fallback: number) => {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Number(Deno.args[i + 1]) : fallback;
};
const RUNS = arg("--runs", 5);
const CELLS = arg("--cells", 40);

const tools = await bootstrap();
const chromiumPath = await ensureChromium();
const dir = await Deno.makeTempDir({ prefix: "frontends-" });
const cells = Array.from(
  { length: CELLS },
  (
    _,
    k,
  ) => (k % 2 === 0 ? `\`\`\`ts\nconsole.log("line ${k}");\n\`\`\`` : `\`\`\`ts\n${k} * 2\n\`\`\``),
);
const sources = cells.map((c) => c.split("\n")[1]);
Deno.writeTextFileSync(
  join(dir, "race.ipynb"),
  serializeNotebook(cellsToNotebook(parseChapter(`# Race\n\n${cells.join("\n\n")}\n`, "race"))),
);

// --- the server -------------------------------------------------------------------------------
const port = 20000 + Math.floor(Math.random() * 20000);
const token = crypto.randomUUID().replaceAll("-", "");
const server = new Deno.Command("jupyter", {
  args: [
    "notebook",
    "--no-browser",
    `--port=${port}`,
    "--ip=127.0.0.1",
    `--NotebookApp.token=${token}`,
    `--notebook-dir=${dir}`,
    ...(Deno.uid() === 0 ? ["--allow-root"] : []),
  ],
  env: { JUPYTER_PATH: tools.jupyterPath, JUPYTER_RUNTIME_DIR: join(dir, "runtime") },
  stdout: "null",
  stderr: "null", // the server logs every request: an unread pipe would fill and stall it
}).spawn();
const base = `http://127.0.0.1:${port}`;
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${base}${path}${path.includes("?") ? "&" : "?"}token=${token}`, init);
const serverVersion = async () => {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await api("/api");
      if (r.ok) return (await r.json()).version as string;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("Cannot measure the front ends: the notebook server did not start");
};

// --- 1. message order over the kernel websocket ---------------------------------------------------
interface Order {
  afterIdle: number;
  afterBoth: number;
  outputs: number;
}
async function messageOrder(): Promise<Order> {
  const kernel = await (await api("/api/kernels", {
    method: "POST",
    body: JSON.stringify({ name: "deno-hessian" }),
  })).json();
  const ws = new WebSocket(
    `ws://127.0.0.1:${port}/api/kernels/${kernel.id}/channels?token=${token}`,
  );
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  const session = crypto.randomUUID();
  const events: { parent: string; what: "output" | "idle" | "reply" }[] = [];
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data as string);
    const parent = m.parent_header?.msg_id;
    if (!parent) return;
    const t = m.header.msg_type;
    if (m.channel === "shell" && t === "execute_reply") events.push({ parent, what: "reply" });
    else if (t === "status" && m.content.execution_state === "idle") {
      events.push({ parent, what: "idle" });
    } else if (["stream", "execute_result", "display_data"].includes(t)) {
      events.push({ parent, what: "output" });
    }
  };
  const send = (msg_type: string, content: Record<string, unknown>) => {
    const msg_id = crypto.randomUUID();
    ws.send(JSON.stringify({
      channel: "shell",
      header: {
        msg_id,
        msg_type,
        session,
        username: "bench",
        version: "5.3",
        date: new Date().toISOString(),
      },
      parent_header: {},
      metadata: {},
      content,
      buffers: [],
    }));
    return msg_id;
  };
  const execute = (code: string) =>
    send("execute_request", {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
  // The handshake: ask for kernel_info until the kernel answers (a starting kernel drops requests).
  for (let ready = false, tries = 0; !ready; tries++) {
    if (tries === 60) throw new Error("Cannot measure the front ends: the kernel never answered");
    const id = send("kernel_info_request", {});
    const t0 = Date.now();
    while (!ready && Date.now() - t0 < 1000) {
      ready = events.some((e) => e.parent === id && e.what === "idle");
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  const done = (id: string) =>
    events.some((e) => e.parent === id && e.what === "idle") &&
    events.some((e) => e.parent === id && e.what === "reply");
  const order: Order = { afterIdle: 0, afterBoth: 0, outputs: 0 };
  for (const code of sources) {
    const id = execute(code), t0 = Date.now();
    while (!done(id)) {
      if (Date.now() - t0 > 60_000) {
        throw new Error(`Cannot measure the front ends: no idle and reply for ${code} in 60 s`);
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    await new Promise((r) => setTimeout(r, 300)); // late outputs
    let idle = false, reply = false;
    for (const e of events.filter((e) => e.parent === id)) {
      if (e.what === "idle") idle = true;
      if (e.what === "reply") reply = true;
      if (e.what === "output") {
        order.outputs++;
        if (idle) order.afterIdle++;
        if (idle && reply) order.afterBoth++;
      }
    }
  }
  ws.close();
  await api(`/api/kernels/${kernel.id}`, { method: "DELETE" });
  return order;
}

// --- 2. the classic Notebook page in Chromium ----------------------------------------------------
interface PageRun {
  shown: number;
  late: number;
  unsolicited: number;
}
async function pageRuns(): Promise<PageRun[]> {
  const browser = await launchChromium({ executablePath: chromiumPath });
  const page = await browser.newPage();
  await page.goto(`${base}/notebooks/race.ipynb?token=${token}`);
  // deno-lint-ignore no-explicit-any
  type W = any;
  await page.waitForFunction(
    () => {
      const nb = (globalThis as W).Jupyter?.notebook;
      return nb?.kernel?.is_connected?.() && nb.kernel_selector && !nb.kernel_busy;
    },
    undefined,
    { timeout: 60_000 },
  );
  await page.evaluate(() => {
    const g = globalThis as W;
    const k = g.Jupyter.notebook.kernel;
    g.__unsolicited = 0;
    g.__late = 0;
    g.__seen = {};
    const state = (id: string) => (g.__seen[id] ??= { idle: false, reply: false });
    k.events.on("received_unsolicited_message.Kernel", (_e: unknown, msg: W) => {
      if (["stream", "execute_result", "display_data"].includes(msg.header.msg_type)) {
        g.__unsolicited++;
      }
    });
    const iopub = k._handle_iopub_message, shell = k._handle_shell_reply;
    k._handle_iopub_message = function (msg: W) {
      const st = state(msg.parent_header?.msg_id);
      const t = msg.header.msg_type;
      if (t === "status" && msg.content.execution_state === "idle") st.idle = true;
      if (["stream", "execute_result", "display_data"].includes(t) && st.idle && st.reply) {
        g.__late++;
      }
      return iopub.call(this, msg);
    };
    k._handle_shell_reply = function (msg: W) {
      state(msg.parent_header?.msg_id).reply = true;
      return shell.call(this, msg);
    };
  });
  const runs: PageRun[] = [];
  for (let r = 0; r < RUNS; r++) {
    await page.evaluate(() => {
      const nb = (globalThis as W).Jupyter.notebook;
      (globalThis as W).__unsolicited = 0;
      (globalThis as W).__late = 0;
      nb.clear_all_output();
      nb.execute_all_cells();
    });
    await page.waitForFunction(
      (n: number) => {
        const nb = (globalThis as W).Jupyter.notebook;
        const code = nb.get_cells().filter((c: W) => c.cell_type === "code");
        return code.length === n && code.every((c: W) => typeof c.input_prompt_number === "number");
      },
      CELLS,
      { timeout: 120_000, polling: 50 },
    );
    await page.waitForTimeout(1500); // late outputs
    runs.push(
      await page.evaluate(() => {
        const nb = (globalThis as W).Jupyter.notebook;
        const code = nb.get_cells().filter((c: W) => c.cell_type === "code");
        return {
          shown: code.reduce((s: number, c: W) => s + c.output_area.outputs.length, 0),
          late: (globalThis as W).__late,
          unsolicited: (globalThis as W).__unsolicited,
        };
      }),
    );
    await page.evaluate(() =>
      new Promise<void>((resolve) =>
        (globalThis as W).Jupyter.notebook.kernel.restart(() => setTimeout(resolve, 500))
      )
    );
    await page.waitForFunction(
      () => {
        const k = (globalThis as W).Jupyter.notebook.kernel;
        return k.is_connected() && !(globalThis as W).Jupyter.notebook.kernel_busy;
      },
      undefined,
      { timeout: 60_000 },
    );
  }
  await browser.close();
  return runs;
}

try {
  const version = await serverVersion();
  const orders: Order[] = [];
  for (let r = 0; r < RUNS; r++) orders.push(await messageOrder());
  const pages = await pageRuns();
  console.log(
    `Jupyter Notebook server ${version}, kernel deno-hessian (Deno ${Deno.version.deno}), ` +
      `${CELLS} output cells, ${RUNS} runs each\n`,
  );
  console.log(
    "| run | websocket: outputs | after idle (stock nbclient drops them) | after idle and reply " +
      "| Notebook page: outputs after idle and reply | shown | unrouted |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  const sum = (f: (i: number) => number) => orders.reduce((s, _, i) => s + f(i), 0);
  orders.forEach((o, i) =>
    console.log(
      `| ${i + 1} | ${o.outputs} | ${o.afterIdle} | ${o.afterBoth} | ${pages[i].late} | ` +
        `${pages[i].shown} of ${CELLS} | ${pages[i].unsolicited} |`,
    )
  );
  console.log(
    `| all | ${sum((i) => orders[i].outputs)} | ${sum((i) => orders[i].afterIdle)} | ` +
      `${sum((i) => orders[i].afterBoth)} | ${sum((i) => pages[i].late)} | ` +
      `${sum((i) => pages[i].shown)} of ${RUNS * CELLS} | ${sum((i) => pages[i].unsolicited)} |`,
  );
} finally {
  server.kill("SIGTERM");
  await server.status;
  await Deno.remove(dir, { recursive: true }).catch(() => {});
}

"""Execute one notebook in the real Deno kernel through Jupyter's nbclient.

Usage: execute.py JOB.json
JOB = {"input": path, "output": path, "kernel": name, "cwd": dir,
       "quiet": seconds, "timeout": seconds, "final_wait_ms": ms}

Writes the executed notebook to JOB["output"] and prints one JSON object on
stdout: {"ok": bool, "seconds": float, "outputs": int, "error": {...} | null}.

Two things differ from stock nbclient:

* The Deno 2.9.6 kernel sometimes reports `status: idle` about a
  millisecond before the cell's last outputs. Stock nbclient stops listening
  at idle and loses them. Here, after idle, IOPub is drained until it has
  been quiet for JOB["quiet"] seconds.
* A throw in an un-awaited promise or a timer is swallowed by the kernel.
  A hidden setup execution installs listeners that record such errors, with
  the cell that caused them; after every cell a hidden probe collects them.
  Hidden executions are never written to the notebook, and execution counts
  are renumbered 1, 2, 3... over the notebook's code cells.
"""

import asyncio
import json
import sys
import time
from queue import Empty

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError
from nbclient.util import ensure_async

SETUP = r"""
(() => {
  if (globalThis.__hx) return;
  const origSetTimeout = globalThis.setTimeout;
  const hx = { cell: 1, errors: [] };
  Object.defineProperty(globalThis, "__hx", { value: hx, enumerable: false });
  const describe = (kind, err, cell) => ({
    kind,
    cell,
    name: (err && typeof err === "object" && err.name) ? String(err.name) : "Error",
    message: (err && typeof err === "object" && "message" in err) ? String(err.message) : String(err),
    stack: (err && typeof err === "object" && err.stack) ? String(err.stack) : "",
  });
  globalThis.addEventListener("unhandledrejection", (e) => {
    e.preventDefault();
    hx.errors.push(describe("unhandled promise rejection", e.reason, hx.cell));
  });
  globalThis.addEventListener("error", (e) => {
    e.preventDefault();
    hx.errors.push(describe("uncaught error", e.error ?? e.message, hx.cell));
  });
  for (const name of ["setTimeout", "setInterval"]) {
    const orig = globalThis[name];
    globalThis[name] = function (fn, ...rest) {
      if (typeof fn !== "function") return orig(fn, ...rest);
      const cell = hx.cell;
      return orig(function (...args) {
        try {
          const r = fn.apply(this, args);
          if (r && typeof r.then === "function") {
            r.then(undefined, (err) => hx.errors.push(describe("error in a timer callback", err, cell)));
          }
          return r;
        } catch (err) {
          hx.errors.push(describe("error in a timer callback", err, cell));
        }
      }, ...rest);
    };
  }
  hx.after = async (k, wait) => {
    await new Promise((r) => origSetTimeout(r, wait));
    const errors = hx.errors.splice(0);
    hx.cell = k + 1;
    return { [Symbol.for("Jupyter.display")]() { return { "application/json": { errors } }; } };
  };
})();
"""


class DrainingClient(NotebookClient):
    """nbclient that keeps draining IOPub after idle, and probes for async errors."""

    quiet_period = 0.03

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        assert self.kc is not None
        idle = False
        while True:
            try:
                msg = await ensure_async(
                    self.kc.iopub_channel.get_msg(timeout=self.quiet_period if idle else None)
                )
            except Empty:
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                idle = True

    async def hidden(self, code):
        """Run code that is not part of the notebook; return its outputs."""
        cell = nbformat.v4.new_code_cell(code)
        cell.outputs = []
        msg_id = await ensure_async(self.kc.execute(code, store_history=False))
        poll = asyncio.ensure_future(self._async_poll_output_msg(msg_id, cell, -1))
        while True:
            reply = await ensure_async(self.kc.shell_channel.get_msg(timeout=self.timeout))
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        await asyncio.wait_for(poll, self.iopub_timeout)
        if reply["content"].get("status") != "ok":
            raise RuntimeError(
                "hidden execution failed: %s: %s"
                % (reply["content"].get("ename"), reply["content"].get("evalue"))
            )
        return cell.outputs

    def output(self, outs, msg, display_id, cell_index):
        if cell_index < 0:  # hidden execution: no widget or display-id bookkeeping
            out = nbformat.v4.output_from_msg(msg)
            outs.append(out)
            return out
        return super().output(outs, msg, display_id, cell_index)

    async def probe(self, k, wait_ms):
        outs = await self.hidden("await globalThis.__hx.after(%d, %d)" % (k, wait_ms))
        for o in outs:
            data = o.get("data", {})
            if "application/json" in data:
                return data["application/json"]["errors"]
        raise RuntimeError("the async-error probe returned no data: %r" % (outs,))

    async def run(self, final_wait_ms):
        error = None
        async with self.async_setup_kernel():
            assert self.kc is not None
            info = await self.async_wait_for_reply(await ensure_async(self.kc.kernel_info()))
            if info is not None:
                self.nb.metadata["language_info"] = info["content"]["language_info"]
            await self.hidden(SETUP)
            k = 0
            for index, cell in enumerate(self.nb.cells):
                if cell.cell_type != "code":
                    continue
                k += 1
                try:
                    await self.async_execute_cell(cell, index, execution_count=k)
                except CellExecutionError:
                    error = failure(cell, index, k)
                finally:
                    cell["execution_count"] = k
                    for o in cell.get("outputs", []):
                        if o.get("output_type") == "execute_result":
                            o["execution_count"] = k
                if error:
                    break
                last = k == sum(1 for c in self.nb.cells if c.cell_type == "code")
                errs = await self.probe(k, final_wait_ms if last else 0)
                if errs:
                    e = errs[0]
                    cidx = code_cell_index(self.nb, e["cell"])
                    error = {
                        "cell_index": cidx,
                        "code_index": e["cell"],
                        "kind": e["kind"],
                        "ename": e["name"],
                        "evalue": e["message"],
                        "traceback": e["stack"].split("\n") if e["stack"] else [],
                    }
                    target = self.nb.cells[cidx]
                    target.outputs.append(
                        nbformat.v4.new_output(
                            "error",
                            ename=e["name"],
                            evalue="%s (%s)" % (e["message"], e["kind"]),
                            traceback=error["traceback"] or ["%s: %s" % (e["name"], e["message"])],
                        )
                    )
                    break
        return error


def code_cell_index(nb, k):
    n = 0
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code":
            n += 1
            if n == k:
                return i
    return len(nb.cells) - 1


def failure(cell, index, k):
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            return {
                "cell_index": index,
                "code_index": k,
                "kind": "error",
                "ename": o.get("ename", "Error"),
                "evalue": o.get("evalue", ""),
                "traceback": list(o.get("traceback", [])),
            }
    # The kernel reports syntax errors as a bare "Execution failed" with no output.
    return {
        "cell_index": index,
        "code_index": k,
        "kind": "error",
        "ename": "Error",
        "evalue": "Execution failed (the kernel gives no detail; usually a syntax error)",
        "traceback": [],
    }


def main():
    job = json.load(open(sys.argv[1]))
    t0 = time.time()
    nb = nbformat.read(job["input"], as_version=4)
    client = DrainingClient(
        nb,
        kernel_name=job["kernel"],
        timeout=job.get("timeout", 600),
        startup_timeout=120,
        iopub_timeout=10,
        record_timing=False,
        resources={"metadata": {"path": job["cwd"]}},
    )
    client.quiet_period = job.get("quiet", 0.03)
    try:
        error = asyncio.run(client.run(job.get("final_wait_ms", 50)))
    except Exception as e:  # kernel died, timeout, ...
        error = {
            "cell_index": None,
            "code_index": None,
            "kind": "executor",
            "ename": type(e).__name__,
            "evalue": str(e).strip().splitlines()[0] if str(e).strip() else repr(e),
            "traceback": [],
        }
    count = sum(len(c.get("outputs", [])) for c in nb.cells if c.cell_type == "code")
    with open(job["output"], "w", encoding="utf-8") as f:
        nbformat.write(nb, f)
    json.dump(
        {"ok": error is None, "seconds": round(time.time() - t0, 3), "outputs": count, "error": error},
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

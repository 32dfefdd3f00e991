"""Execute one notebook in the real Deno kernel through Jupyter's nbclient.

Usage: execute.py JOB.json
JOB = {"input": path, "output": path, "kernel": name, "cwd": dir,
       "quiet": seconds, "timeout": seconds, "settle": seconds}

Writes the executed notebook to JOB["output"] and prints one JSON object on
stdout: {"ok": bool, "seconds": float, "outputs": int,
"slowest": {"code_index": int, "seconds": float}, "error": {...} | null}.

Three things differ from stock nbclient:

* The Deno 2.9.6 kernel sometimes reports `status: idle` about a
  millisecond before the cell's last outputs. Stock nbclient stops listening
  at idle and loses them. Here, after idle, IOPub is drained until it has
  been quiet for JOB["quiet"] seconds.
* A throw in an un-awaited promise or a timer is swallowed by the kernel.
  A hidden setup execution installs listeners that record such errors, with
  the cell that caused them, and keeps a list of pending timers (with the
  cell that set each one); after every cell a hidden probe collects the
  errors. After the last cell, the notebook is not done until every pending
  timer has fired or been cleared, for at most JOB["settle"] seconds (the
  settle limit): an error that arrives meanwhile fails the notebook at the
  cell that set the timer, and a timer still pending at the limit fails it
  too. Hidden executions are never written to the notebook, and execution
  counts are renumbered 1, 2, 3... over the notebook's code cells.
* Every failure is tied to a cell: an error, a cell that runs longer than
  JOB["timeout"] seconds (the per-cell limit), a kernel that dies.
"""

import asyncio
import json
import sys
import time
from queue import Empty

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import (
    CellExecutionComplete,
    CellExecutionError,
    CellTimeoutError,
    DeadKernelError,
)
from nbclient.util import ensure_async

SETUP = r"""
(() => {
  if (globalThis.__hx) return;
  const origSetTimeout = globalThis.setTimeout;
  // cell: the cell running now; current: the cell whose timer callback ran in this turn of the
  // event loop (a rejection it causes is reported after the callback returns).
  const hx = { cell: 1, current: null, errors: [] };
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
    hx.errors.push(describe("unhandled promise rejection", e.reason, hx.current ?? hx.cell));
  });
  globalThis.addEventListener("error", (e) => {
    e.preventDefault();
    hx.errors.push(describe("uncaught error", e.error ?? e.message, hx.current ?? hx.cell));
  });
  // Timers not yet fired (setTimeout) or not yet cleared (setInterval): id -> {kind, cell}.
  const pending = new Map();
  for (const name of ["clearTimeout", "clearInterval"]) {
    const orig = globalThis[name];
    globalThis[name] = function (id) {
      pending.delete(Number(id));
      return orig(id);
    };
  }
  for (const name of ["setTimeout", "setInterval"]) {
    const orig = globalThis[name];
    globalThis[name] = function (fn, ...rest) {
      if (typeof fn !== "function") return orig(fn, ...rest);
      const cell = hx.cell;
      let id;
      id = orig(function (...args) {
        if (name === "setTimeout") pending.delete(Number(id));
        hx.current = cell;
        origSetTimeout(() => (hx.current = null), 0);
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
      pending.set(Number(id), { kind: name, cell });
      return id;
    };
  }
  hx.after = async (k, wait) => {
    await new Promise((r) => origSetTimeout(r, wait));
    const errors = hx.errors.splice(0);
    hx.cell = k + 1;
    hx.current = null;
    return { [Symbol.for("Jupyter.display")]() { return { "application/json": { errors } }; } };
  };
  // After the last cell: wait until no timer is pending (or an error arrives), at most limit ms.
  hx.settle = async (limit) => {
    const t0 = Date.now();
    while (pending.size > 0 && hx.errors.length === 0 && Date.now() - t0 < limit) {
      await new Promise((r) => origSetTimeout(r, 5));
    }
    // One more turn of the event loop, so a rejection from the last callback is reported.
    await new Promise((r) => origSetTimeout(r, 20));
    const errors = hx.errors.splice(0);
    const left = [...pending.values()];
    return {
      [Symbol.for("Jupyter.display")]() {
        return { "application/json": { errors, pending: left, waited: Date.now() - t0 } };
      },
    };
  };
})();
"""


class DrainingClient(NotebookClient):
    """nbclient that keeps draining IOPub after idle, and probes for async errors."""

    quiet_period = 0.03
    slowest = {"code_index": None, "seconds": 0.0}

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

    async def hidden(self, code, timeout=None):
        """Run code that is not part of the notebook; return its outputs."""
        cell = nbformat.v4.new_code_cell(code)
        cell.outputs = []
        msg_id = await ensure_async(self.kc.execute(code, store_history=False))
        poll = asyncio.ensure_future(self._async_poll_output_msg(msg_id, cell, -1))
        while True:
            reply = await ensure_async(
                self.kc.shell_channel.get_msg(timeout=timeout or self.timeout)
            )
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

    async def probe_json(self, code, timeout=None):
        outs = await self.hidden(code, timeout)
        for o in outs:
            data = o.get("data", {})
            if "application/json" in data:
                return data["application/json"]
        raise RuntimeError("the async-error probe returned no data: %r" % (outs,))

    async def run(self, settle):
        """Execute every code cell; return the first error (a dict) or None."""
        async with self.async_setup_kernel():
            assert self.kc is not None
            info = await self.async_wait_for_reply(await ensure_async(self.kc.kernel_info()))
            if info is not None:
                self.nb.metadata["language_info"] = info["content"]["language_info"]
            await self.hidden(SETUP)
            total = sum(1 for c in self.nb.cells if c.cell_type == "code")
            k = 0
            for index, cell in enumerate(self.nb.cells):
                if cell.cell_type != "code":
                    continue
                k += 1
                error = None
                started = time.monotonic()
                try:
                    await self.async_execute_cell(cell, index, execution_count=k)
                except CellExecutionError:
                    error = failure(cell, index, k)
                except CellTimeoutError:
                    error = cell_error(
                        index,
                        k,
                        "timeout",
                        "Timeout",
                        "the cell did not finish within the per-cell limit of %s s"
                        " (set it with --cell-timeout SECONDS)" % seconds(self.timeout),
                    )
                except DeadKernelError:
                    error = cell_error(
                        index, k, "kernel", "DeadKernelError", "the kernel died while running this cell"
                    )
                finally:
                    cell["execution_count"] = k
                    for o in cell.get("outputs", []):
                        if o.get("output_type") == "execute_result":
                            o["execution_count"] = k
                took = time.monotonic() - started
                if took > self.slowest["seconds"]:
                    self.slowest = {"code_index": k, "seconds": round(took, 3)}
                if error:
                    return error
                report = await self.probe_json("await globalThis.__hx.after(%d, 0)" % k)
                if report["errors"]:
                    return self.async_error(report["errors"][0], total)
            # The notebook is done only when the timers its cells set have fired or been cleared.
            report = await self.probe_json(
                "await globalThis.__hx.settle(%d)" % int(settle * 1000), timeout=settle + 60
            )
            if report["errors"]:
                return self.async_error(report["errors"][0], total)
            if report["pending"]:
                p = report["pending"][0]
                cidx = code_cell_index(self.nb, p["cell"])
                more = len(report["pending"]) - 1
                return cell_error(
                    cidx,
                    p["cell"],
                    "settle",
                    "Timeout",
                    "a %s set in this cell was still pending %s s after the last cell finished"
                    " (the settle limit)%s; clear it, or await it inside the cell"
                    % (p["kind"], seconds(settle), " (and %d more)" % more if more else ""),
                )
        return None

    def async_error(self, e, total):
        """An error recorded by the hidden listeners: attach it to its cell and return it."""
        late = e["cell"] > total
        code_index = min(e["cell"], total)
        cidx = code_cell_index(self.nb, code_index)
        kind = e["kind"] + (", noticed after the last cell had finished" if late else "")
        error = {
            "cell_index": cidx,
            "code_index": code_index,
            "kind": kind,
            "ename": e["name"],
            "evalue": e["message"],
            "traceback": e["stack"].split("\n") if e["stack"] else [],
        }
        self.nb.cells[cidx].setdefault("outputs", []).append(
            nbformat.v4.new_output(
                "error",
                ename=e["name"],
                evalue="%s (%s)" % (e["message"], kind),
                traceback=error["traceback"] or ["%s: %s" % (e["name"], e["message"])],
            )
        )
        return error


def seconds(x):
    return ("%g" % x) if x is not None else "unlimited"


def code_cell_index(nb, k):
    n = 0
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code":
            n += 1
            if n == k:
                return i
    return len(nb.cells) - 1


def cell_error(index, k, kind, ename, evalue):
    return {
        "cell_index": index,
        "code_index": k,
        "kind": kind,
        "ename": ename,
        "evalue": evalue,
        "traceback": [],
    }


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
    return cell_error(
        index,
        k,
        "error",
        "Error",
        "Execution failed (the kernel gives no detail; usually a syntax error)",
    )


def main():
    job = json.load(open(sys.argv[1]))
    t0 = time.time()
    nb = nbformat.read(job["input"], as_version=4)
    client = DrainingClient(
        nb,
        kernel_name=job["kernel"],
        timeout=job.get("timeout", 120),
        startup_timeout=120,
        iopub_timeout=10,
        record_timing=False,
        resources={"metadata": {"path": job["cwd"]}},
    )
    client.quiet_period = job.get("quiet", 0.03)
    try:
        error = asyncio.run(client.run(job.get("settle", 10)))
    except Exception as e:  # the kernel did not start, ...
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
        {
            "ok": error is None,
            "seconds": round(time.time() - t0, 3),
            "outputs": count,
            "slowest": client.slowest,
            "error": error,
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { analyzeModel, CurvatureReport, exactDensity } from "../../lib/curvature/mod.ts";
import { Mlp } from "../../lib/nn/mod.ts";
import { Rng } from "../../lib/random.ts";

function spec(eigenvalues: boolean) {
  const rng = new Rng(4);
  const net = new Mlp({
    layers: [3, 4, 2],
    activation: "sigmoid",
    batchnorm: true,
    residual: false,
  });
  return {
    model: net.config,
    loss: "mse",
    params: Array.from(net.init({ seed: 4 }), (v) => v + 0.1 * rng.normal()),
    data: {
      x: Array.from({ length: 5 }, () => Array.from(rng.normalVector(3))),
      y: Array.from({ length: 5 }, () => Array.from(rng.normalVector(2))),
    },
    report: { eigenvalues },
  };
}

Deno.test("analyzeModel: fields in contract order, consistent with each other", () => {
  const r = analyzeModel(spec(true));
  check(
    Object.keys(r).join() === "n,loss,gradient_norm,trace,lambda_max,lambda_min,eigenvalues",
    Object.keys(r).join(),
  );
  const ev = r.eigenvalues!;
  check(ev.length === r.n && r.n === 34, "n");
  assertClose(r.trace, ev.reduce((s, v) => s + v, 0), { rtol: 1e-10, atol: 1e-12 });
  check(r.lambda_min === ev[0] && r.lambda_max === ev[r.n - 1], "extremes");
  // BatchNorm makes b₁ invisible: its Hessian rows are zero, so 0 is an eigenvalue (4 times)
  check(
    ev.filter((v) => Math.abs(v) < 1e-10).length >= 4,
    "b₁ directions are flat under BatchNorm",
  );
  const noEig = analyzeModel(spec(false));
  check(!("eigenvalues" in noEig), "eigenvalues only when asked");
  assertAllClose([noEig.trace, noEig.lambda_max], [r.trace, r.lambda_max], { rtol: 1e-12 });
});

Deno.test("analyzeModel: options are validated", () => {
  const errs: [() => unknown, string][] = [
    [() => analyzeModel(spec(false), { top: 0 }), "top must be an integer from 1 to n = 34"],
    [() => analyzeModel(spec(false), { bottom: 35 }), "bottom must be an integer from 1 to n = 34"],
    [
      () => analyzeModel(spec(false), { mode: "fast" as "auto" }),
      "mode must be auto, dense or matrix-free",
    ],
    [
      () => analyzeModel({ ...spec(false), loss: "l1" }),
      'Cannot read spec: loss: unknown loss "l1"',
    ],
  ];
  for (const [fn, text] of errs) {
    let msg = "";
    try {
      fn();
    } catch (e) {
      msg = String(e);
    }
    check(msg.includes(text), `expected "${text}", got "${msg}"`);
  }
});

Deno.test("exactDensity integrates to 1 and peaks at the eigenvalues", () => {
  const d = exactDensity([-1, -1, 3], 401);
  const h = d.grid[1] - d.grid[0];
  assertClose(d.values.reduce((s, v) => s + v * h, 0), 1, { rtol: 1e-3 });
  const at = (t: number) =>
    d.values[d.grid.reduce((b, g, i) => Math.abs(g - t) < Math.abs(d.grid[b] - t) ? i : b, 0)];
  check(at(-1) > at(3) && at(3) > 100 * at(1), "twice the mass at −1, none in between");
  const single = exactDensity([2, 2]);
  check(single.sigma > 0 && single.values.every(Number.isFinite), "equal eigenvalues");
});

Deno.test("a CurvatureReport displays as a Markdown table", () => {
  const r = new CurvatureReport({
    n: 3,
    loss: 0.5,
    gradient_norm: 0,
    trace: 1,
    lambda_max: 2,
    lambda_min: -1,
    eigenvalues: [-1, 0, 2],
    top: [2],
  });
  const b = (r as unknown as Record<symbol, () => Record<string, string>>)
    [Symbol.for("Jupyter.display")]();
  check(b["text/markdown"].includes("| $\\lambda_{\\max}$ | 2 |"), b["text/markdown"]);
  check(b["text/markdown"].includes("negative eigenvalues | 1 of 3"), b["text/markdown"]);
  check(JSON.parse(b["text/plain"]).top[0] === 2, b["text/plain"]);
});

function midSpec() {
  const rng = new Rng(11);
  const net = new Mlp({
    layers: [5, 12, 12, 3],
    activation: "tanh",
    batchnorm: false,
    residual: true,
  });
  return {
    model: net.config,
    loss: "cross_entropy",
    params: Array.from(net.init({ seed: 11 }), (v) => v + 0.05 * rng.normal()),
    data: {
      x: Array.from({ length: 40 }, () => Array.from(rng.normalVector(5))),
      y: Array.from({ length: 40 }, () => rng.int(3)),
    },
  };
}

Deno.test("matrix-free report agrees with the dense eigendecomposition", () => {
  const spec = midSpec();
  const dense = analyzeModel({ ...spec, report: { eigenvalues: true } }, {
    mode: "dense",
    trace: true,
  });
  const free = analyzeModel(spec, {
    mode: "matrix-free",
    top: 3,
    bottom: 3,
    density: true,
    seed: 5,
  });
  const ev = dense.eigenvalues!;
  const n = dense.n, scale = Math.max(Math.abs(ev[0]), Math.abs(ev[n - 1]));
  check(free.method === "matrix-free" && dense.method === undefined, "method");
  assertClose(free.loss, dense.loss, { rtol: 1e-14 });
  assertClose(free.gradient_norm, dense.gradient_norm, { rtol: 1e-13 });
  assertClose(free.lambda_max, ev[n - 1], { rtol: 0, atol: 1e-8 * scale });
  assertClose(free.lambda_min, ev[0], { rtol: 0, atol: 1e-8 * scale });
  assertAllClose(free.top!, [ev[n - 1], ev[n - 2], ev[n - 3]], { rtol: 0, atol: 1e-7 * scale });
  assertAllClose(free.bottom!, [ev[0], ev[1], ev[2]], { rtol: 0, atol: 1e-7 * scale });
  // Hutchinson (matrix-free trace, and the dense --trace estimate) within 4 standard errors
  check(free.trace_stderr! > 0 && free.trace_samples === 100, "trace spread reported");
  check(
    Math.abs(free.trace - dense.trace) <= 4 * free.trace_stderr!,
    `${free.trace} vs ${dense.trace}`,
  );
  check(
    Math.abs(dense.trace_estimate! - dense.trace) <= 4 * dense.trace_stderr!,
    `${dense.trace_estimate} vs ${dense.trace}`,
  );
  const d = free.density!;
  const h = d.grid[1] - d.grid[0];
  assertClose(d.values.reduce((s, v) => s + v * h, 0), 1, { rtol: 0.01 });
  check(free.hvps! >= 100 && free.seed === 5, "cost and seed reported");
  const again = analyzeModel(spec, {
    mode: "matrix-free",
    top: 3,
    bottom: 3,
    density: true,
    seed: 5,
  });
  check(JSON.stringify(again) === JSON.stringify(free), "same seed, same report");
});

Deno.test("matrix-free mode refuses report.eigenvalues with a clear message", () => {
  let msg = "";
  try {
    analyzeModel({ ...midSpec(), report: { eigenvalues: true } }, { mode: "matrix-free" });
  } catch (e) {
    msg = String(e);
  }
  check(msg.includes("report.eigenvalues needs the dense Hessian"), msg);
});

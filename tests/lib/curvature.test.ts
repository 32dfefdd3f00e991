import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { hessian } from "../../lib/autodiff/mod.ts";
import {
  analyzeModel,
  type CurvatureCost,
  CurvatureOptionError,
  CurvatureReport,
  denseFits,
  estimateCost,
  exactDensity,
  planCurvature,
} from "../../lib/curvature/mod.ts";
import { eigh } from "../../lib/linalg/mod.ts";
import { Mlp, modelFromSpec, parseModelSpec } from "../../lib/nn/mod.ts";
import { Rng } from "../../lib/random.ts";
import { errorOf } from "./_helpers.ts";

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
    Object.keys(r).join() ===
      "n,loss,gradient_norm,method,trace,trace_method,lambda_max,lambda_min,lambda_method,eigenvalues",
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
      'mode must be one of "auto", "dense" or "matrix-free", got "fast"',
    ],
    [
      () => analyzeModel(spec(false), { trace: true as unknown as "auto" }),
      'trace must be one of "auto", "exact" or "hutchinson", got true',
    ],
    [() => analyzeModel(spec(false), { samples: 1 }), "samples must be an integer ≥ 2, got 1"],
    [() => analyzeModel(spec(false), { tol: 0 }), "tol must be a number > 0 and < 1, got 0"],
    [() => analyzeModel(spec(false), { budget: -1 }), "budget must be a number > 0, got -1"],
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
    method: "dense",
    trace: 1,
    trace_method: "exact",
    lambda_max: 2,
    lambda_min: -1,
    lambda_method: "eigendecomposition",
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
  const dense = analyzeModel({ ...spec, report: { eigenvalues: true } }, { mode: "dense" });
  const free = analyzeModel(spec, {
    mode: "matrix-free",
    trace: "hutchinson",
    top: 3,
    bottom: 3,
    density: true,
    seed: 5,
  });
  const ev = dense.eigenvalues!;
  const n = dense.n, scale = Math.max(Math.abs(ev[0]), Math.abs(ev[n - 1]));
  check(free.method === "matrix-free" && dense.method === "dense", "method");
  check(dense.lambda_method === "eigendecomposition" && dense.trace_method === "exact", "dense");
  check(free.lambda_method === "lanczos" && free.trace_method === "hutchinson", "matrix-free");
  assertClose(free.loss, dense.loss, { rtol: 1e-14 });
  assertClose(free.gradient_norm, dense.gradient_norm, { rtol: 1e-13 });
  // Lanczos: every value within its stated bound, and the bound within tol·‖H‖
  check(free.converged === true && free.lambda_tol === 1e-10, "tolerance stated");
  check(free.lambda_error_bound! <= 1e-10 * scale * 1.01, `bound ${free.lambda_error_bound}`);
  const near = (x: number, want: number) =>
    assertClose(x, want, { rtol: 0, atol: free.lambda_error_bound! + 1e-13 * scale });
  near(free.lambda_max, ev[n - 1]);
  near(free.lambda_min, ev[0]);
  [ev[n - 1], ev[n - 2], ev[n - 3]].forEach((v, i) => near(free.top![i], v));
  [ev[0], ev[1], ev[2]].forEach((v, i) => near(free.bottom![i], v));
  // Hutchinson within 4 standard errors of the exact trace
  check(free.trace_stderr! > 0 && free.trace_samples === 100, "trace spread reported");
  check(
    Math.abs(free.trace - dense.trace) <= 4 * free.trace_stderr!,
    `${free.trace} vs ${dense.trace}`,
  );
  check(dense.trace_stderr === undefined, "an exact trace has no standard error");
  const d = free.density!;
  const h = d.grid[1] - d.grid[0];
  assertClose(d.values.reduce((s, v) => s + v * h, 0), 1, { rtol: 0.01 });
  check(free.hvps! >= 100 && free.seed === 5, "cost and seed reported");
  const again = analyzeModel(spec, {
    mode: "matrix-free",
    trace: "hutchinson",
    top: 3,
    bottom: 3,
    density: true,
    seed: 5,
  });
  check(JSON.stringify(again) === JSON.stringify(free), "same seed, same report");
  // the exact matrix-free trace is Σ Hᵢᵢ of the dense Hessian
  const exact = analyzeModel(spec, { mode: "matrix-free", trace: "exact" });
  check(exact.trace_method === "exact" && exact.trace_stderr === undefined, "exact");
  assertClose(exact.trace, dense.trace, { rtol: 1e-12, atol: 1e-12 * scale });
  check(exact.hvps! >= exact.n, "n unit-vector products");
});

Deno.test("matrix-free mode refuses report.eigenvalues with a clear message", () => {
  const msg = errorOf(() =>
    analyzeModel({ ...midSpec(), report: { eigenvalues: true } }, { mode: "matrix-free" })
  );
  check(msg.includes("report.eigenvalues asks for all"), msg);
  check(msg.includes("drop --matrix-free"), `a dense run fits, so say so: ${msg}`);
});

// ---------------------------------------------------------------------------
// Switch points. Every decision of planCurvature compares an estimate from
// estimateCost (a function of the shape only) with a budget or a memory limit.
// For each one: the model family [3, w, 2] (n = 6w + 2) at the width just
// below the switch and at the width just above, each checked against the
// dense answer computed here independently (hessian() and eigh()). Budgets
// and limits are passed explicitly so the switch falls at a few hundred
// parameters and the dense answers stay cheap; the last test checks where
// the default budgets put the switches.

/** The tanh MLP [3, w, 2], mean squared error on 20 samples: n = 6w + 2. */
function family(w: number, eigenvalues = false) {
  const rng = new Rng(7);
  const net = new Mlp({ layers: [3, w, 2], activation: "tanh", batchnorm: false, residual: false });
  return {
    model: net.config,
    loss: "mse",
    params: Array.from(net.init({ seed: 7 }), (v) => v + 0.1 * rng.normal()),
    data: {
      x: Array.from({ length: 20 }, () => Array.from(rng.normalVector(3))),
      y: Array.from({ length: 20 }, () => Array.from(rng.normalVector(2))),
    },
    report: { eigenvalues },
  };
}

const familyCost = (w: number) =>
  estimateCost({ layers: [3, w, 2], batchnorm: false, residual: false, samples: 20 });

/** The smallest width whose cost satisfies `past` (the predicate is monotone in w). */
function switchWidth(past: (c: CurvatureCost) => boolean): number {
  let w = 1;
  while (!past(familyCost(w))) {
    w++;
    if (w > 5000) throw new Error("no switch below w = 5000");
  }
  return w;
}

/** The dense answer, independently of analyzeModel: the Hessian, Σ Hᵢᵢ and eigh. */
function denseAnswer(spec: unknown) {
  const { loss, params } = modelFromSpec(parseModelSpec(spec));
  const H = hessian(loss)(params);
  let trace = 0;
  for (let i = 0; i < H.length; i++) trace += H[i][i];
  const values = eigh(H).values;
  return { trace, values, scale: Math.max(Math.abs(values[0]), Math.abs(values.at(-1)!)) };
}

/** Lanczos values within their stated bound of the dense ones. */
function checkLanczos(r: CurvatureReport, want: ReturnType<typeof denseAnswer>) {
  check(r.lambda_method === "lanczos" && r.converged === true, "Lanczos, converged");
  check(r.lambda_error_bound! <= r.lambda_tol! * want.scale * 1.01, "bound within tol·‖H‖");
  const atol = r.lambda_error_bound! + 1e-12 * want.scale;
  assertClose(r.lambda_max, want.values.at(-1)!, { rtol: 0, atol });
  assertClose(r.lambda_min, want.values[0], { rtol: 0, atol });
}

/** Dense values equal the independent eigendecomposition. */
function checkDense(r: CurvatureReport, want: ReturnType<typeof denseAnswer>) {
  check(r.method === "dense" && r.lambda_method === "eigendecomposition", r.method);
  assertClose(r.lambda_max, want.values.at(-1)!, { rtol: 0, atol: 1e-12 * want.scale });
  assertClose(r.lambda_min, want.values[0], { rtol: 0, atol: 1e-12 * want.scale });
  if (r.trace_method === "exact") {
    assertClose(r.trace, want.trace, { rtol: 1e-12, atol: 1e-12 * want.scale });
  }
}

Deno.test("switch: auto mode is dense up to denseBudget, matrix-free with the exact trace just above", () => {
  const denseBudget = 0.1;
  const w = switchWidth((c) => c.denseSeconds > denseBudget);
  check(familyCost(w - 1).denseSeconds <= denseBudget, "w − 1 is below the switch");
  const below = family(w - 1), above = family(w);
  check(planCurvature(below, { denseBudget }).mode === "dense", "below: dense");
  check(planCurvature(above, { denseBudget }).mode === "matrix-free", "above: matrix-free");
  const rb = analyzeModel(below, { denseBudget });
  const wb = denseAnswer(below);
  checkDense(rb, wb);
  check(rb.trace_method === "exact", "dense trace is exact");
  const ra = analyzeModel(above, { denseBudget, top: 2, bottom: 2 });
  const wa = denseAnswer(above);
  check(ra.method === "matrix-free" && ra.n === 6 * w + 2, `n = ${ra.n}`);
  check(ra.trace_method === "exact" && ra.trace_stderr === undefined, ra.trace_method);
  assertClose(ra.trace, wa.trace, { rtol: 1e-12, atol: 1e-12 * wa.scale });
  checkLanczos(ra, wa);
  const atol = ra.lambda_error_bound! + 1e-12 * wa.scale;
  assertAllClose(ra.top!, [wa.values.at(-1)!, wa.values.at(-2)!], { rtol: 0, atol });
  assertAllClose(ra.bottom!, [wa.values[0], wa.values[1]], { rtol: 0, atol });
});

Deno.test("switch: the matrix-free trace is exact up to the budget, Hutchinson just above", () => {
  const budget = 0.01;
  const w = switchWidth((c) => c.exactTraceSeconds > budget);
  check(familyCost(w - 1).exactTraceSeconds <= budget, "w − 1 is below the switch");
  const opts = { mode: "matrix-free", budget } as const;
  const below = family(w - 1), above = family(w);
  const rb = analyzeModel(below, opts), wb = denseAnswer(below);
  check(rb.trace_method === "exact" && rb.hvps! >= rb.n, "below: exact, n products");
  assertClose(rb.trace, wb.trace, { rtol: 1e-12, atol: 1e-12 * wb.scale });
  checkLanczos(rb, wb);
  const ra = analyzeModel(above, opts), wa = denseAnswer(above);
  check(ra.trace_method === "hutchinson" && ra.trace_samples === 100, "above: Hutchinson");
  check(ra.trace_stderr! > 0, "with its standard error");
  check(
    Math.abs(ra.trace - wa.trace) <= 4 * ra.trace_stderr!,
    `${ra.trace} ± ${ra.trace_stderr} vs ${wa.trace}`,
  );
  checkLanczos(ra, wa);
  // asking for the exact trace above the budget still gets it
  const forced = analyzeModel(above, { ...opts, trace: "exact" });
  assertClose(forced.trace, wa.trace, { rtol: 1e-12, atol: 1e-12 * wa.scale });
});

Deno.test("switch: all eigenvalues are dense while the heap holds them, refused just above", () => {
  // the heap part of a dense run, 5·8n² bytes, must stay within 90% of the limit
  const n50 = 6 * 50 + 2;
  const memory = { heapBytes: (40 * n50 * n50) / 0.9, totalBytes: 64 * 2 ** 30 };
  const w = switchWidth((c) => !denseFits(c, memory));
  check(w === 51, `the limit falls after w = 50, got ${w}`);
  const below = family(w - 1, true), above = family(w, true);
  const rb = analyzeModel(below, { memory }), wb = denseAnswer(below);
  checkDense(rb, wb);
  assertAllClose(rb.eigenvalues!, wb.values, { rtol: 0, atol: 1e-12 * wb.scale });
  const err = errorOf(() => analyzeModel(above, { memory }));
  check(err.includes(`report.eigenvalues asks for all ${6 * w + 2} eigenvalues`), err);
  check(err.includes("set report.eigenvalues to false") && !err.includes("--dense"), err);
  // mode "dense" (--dense): the same line
  check(analyzeModel({ ...below, report: {} }, { memory, mode: "dense" }).method === "dense", "");
  let e: unknown;
  try {
    analyzeModel({ ...above, report: {} }, { memory, mode: "dense" });
  } catch (x) {
    e = x;
  }
  check(e instanceof CurvatureOptionError && e.option === "mode", String(e));
  const m = (e as Error).message;
  check(
    m.includes("cannot run here") && m.includes("Without --dense the report is matrix-free"),
    m,
  );
});

Deno.test("switch: a dense run must also fit in the machine's memory", () => {
  // the whole dense run, 9·8n² bytes plus the runtime, within 80% of the machine
  const bytes = (n: number) => 72 * n * n + 100 * 2 ** 20;
  const memory = { heapBytes: 64 * 2 ** 30, totalBytes: bytes(6 * 50 + 2) / 0.8 };
  const w = switchWidth((c) => !denseFits(c, memory));
  check(w === 51, `the limit falls after w = 50, got ${w}`);
  const below = family(w - 1), above = family(w);
  checkDense(analyzeModel(below, { memory, mode: "dense" }), denseAnswer(below));
  const msg = errorOf(() => analyzeModel(above, { memory, mode: "dense" }));
  check(msg.includes(`n = ${6 * w + 2} parameters needs about`), msg);
});

/**
 * Least squares with a linear model [d, 1] on N ≈ 1.6d random rows: H = (2/N)·X̃ᵀX̃ has a
 * Marchenko–Pastur spectrum whose lower edge Lanczos resolves slowly, so with n = 501 > 300
 * steps it cannot resolve the 10 smallest eigenvalues to 1e-10 (it gets 7 of them).
 */
function leastSquares(d = 500, N = 800) {
  const rng = new Rng(3);
  return {
    model: { layers: [d, 1], activation: "linear", batchnorm: false, residual: false },
    loss: "mse",
    params: Array.from({ length: d + 1 }, () => 0.1 * rng.normal()),
    data: {
      x: Array.from({ length: N }, () => Array.from(rng.normalVector(d))),
      y: Array.from({ length: N }, () => [rng.normal()]),
    },
  };
}

Deno.test("switch: what Lanczos cannot resolve falls back to dense within the budget, else fails with fixes that work", () => {
  const spec = leastSquares();
  const want = denseAnswer(spec);
  const cost = planCurvature(spec).cost;
  const ask = { top: 10, bottom: 10, denseBudget: 1e-6 }; // auto, but matrix-free first
  // just below the switch: the dense fallback costs more than the budget → a clear failure
  const msg = errorOf(() => analyzeModel(spec, { ...ask, budget: cost.denseSeconds * 0.999 }));
  check(msg.startsWith("Cannot compute the curvature report: Lanczos could not resolve"), msg);
  const k = Number(/the 10 smallest eigenvalues \(only the first (\d+) met it\)/.exec(msg)?.[1]);
  check(k >= 1 && k < 10, `how many were resolved: ${msg}`);
  check(msg.includes(`ask for --bottom ${k}`) && msg.includes("use --dense"), msg);
  // just at the switch: the fallback is affordable, and the report is the dense answer
  const fell = analyzeModel(spec, { ...ask, budget: cost.denseSeconds });
  checkDense(fell, want);
  assertAllClose(fell.bottom!, want.values.slice(0, 10), { rtol: 0, atol: 1e-12 * want.scale });
  check(fell.warnings?.[0].includes("the Hessian was formed") === true, String(fell.warnings));
  // the suggested smaller request works, and meets the tolerance
  const fewer = analyzeModel(spec, { mode: "matrix-free", top: 10, bottom: k });
  checkLanczos(fewer, want);
  const atol = fewer.lambda_error_bound! + 1e-12 * want.scale;
  assertAllClose(fewer.bottom!, want.values.slice(0, k), { rtol: 0, atol });
  // (the suggested --tol is checked by the command-line tests)
  check(/--tol [0-9.e+-]+ \(option tol\)/.test(msg), msg);
  // an explicit mode "matrix-free" never falls back; an unmeetable tolerance names λmax and λmin
  const strict = errorOf(() => analyzeModel(family(20), { tol: 1e-300, mode: "matrix-free" }));
  check(strict.includes("Lanczos could not resolve λmax and λmin"), strict);
  check(!strict.includes("ask for"), `no fewer values to ask for: ${strict}`);
});

Deno.test("the default budgets: where the switches fall for the example models", () => {
  const plan = (layers: number[], samples: number, extra: Record<string, unknown> = {}) => {
    const net = new Mlp({ layers, activation: "tanh", batchnorm: false, residual: true });
    return planCurvature({
      model: net.config,
      loss: "cross_entropy",
      params: new Array(net.size).fill(0),
      data: {
        x: Array.from({ length: samples }, () => new Array(layers[0]).fill(0)),
        y: new Array(samples).fill(0),
      },
      ...extra,
    });
  };
  // auto goes dense while a dense run is estimated within 1 s: a few hundred parameters
  let w = 2;
  while (plan([10, w, w, 3], 64).mode === "dense") w++;
  const nDense = plan([10, w - 1, w - 1, 3], 64).n, nFree = plan([10, w, w, 3], 64).n;
  check(nDense >= 300 && nDense < nFree && nFree <= 1500, `dense up to n = ${nDense}`);
  check(plan([10, w - 1, w - 1, 3], 64).cost.denseSeconds <= 1, "within 1 s below");
  check(plan([10, w, w, 3], 64).cost.denseSeconds > 1, "over 1 s above");
  // the matrix-free trace is exact while n products are estimated within 10 s
  w = 10;
  while (plan([12, w, w, w, 3], 128).trace === "exact") w++;
  const nExact = plan([12, w - 1, w - 1, w - 1, 3], 128).n;
  check(nExact >= 2000 && nExact <= 20000, `exact trace up to n = ${nExact}`);
  check(plan([12, w, w, w, 3], 128).trace === "hutchinson", "Hutchinson above");
  check(plan([12, 96, 96, 96, 3], 128).trace === "hutchinson", "the 20k example: Hutchinson");
  // asking for every eigenvalue goes dense whatever the time, as long as it fits
  const all = plan([10, 30, 30, 3], 64, { report: { eigenvalues: true } });
  check(all.mode === "dense" && all.cost.denseSeconds > 1, "medium with eigenvalues");
});

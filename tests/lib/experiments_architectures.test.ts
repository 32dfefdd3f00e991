import assert from "node:assert/strict";
import fc from "fast-check";
import { assertAllClose, assertClose } from "../../lib/assert.ts";
import { loadIris } from "../../lib/data/loadIris.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import { mlp } from "../../lib/nn/mlp.ts";
import { mlpObjective } from "../../lib/optim/mlpObjective.ts";
import { Rng } from "../../lib/random.ts";
import { activationPattern } from "../../book/experiments/activationPattern.ts";
import { architectureSweep } from "../../book/experiments/architectureSweep.ts";
import { batchNormSymmetry } from "../../book/experiments/batchNormSymmetry.ts";
import { compareVariants } from "../../book/experiments/compareVariants.ts";
import type { ArchitectureRow } from "../../book/experiments/architectureSweep.ts";
import { inactiveParameters } from "../../book/experiments/inactiveParameters.ts";
import { networkSpectrum } from "../../book/experiments/networkSpectrum.ts";
import { reluKink } from "../../book/experiments/reluKink.ts";
import { saturationSweep } from "../../book/experiments/saturationSweep.ts";
import { NEAR_ZERO_RELATIVE, spectrumSummary } from "../../book/experiments/spectrumSummary.ts";

const iris = loadIris({ seed: 0 }).train;
const small = { x: iris.x.slice(0, 24), y: iris.y.slice(0, 24) };

// ---------------------------------------------------------------- spectrumSummary

Deno.test("spectrumSummary: counts, κ and median of a hand-made spectrum", () => {
  const s = spectrumSummary([-2, -1e-5, 0, 1e-18, 3e-3, 0.5, 4]);
  assert.equal(s.n, 7);
  assert.equal(s.lambdaMax, 4);
  assert.equal(s.lambdaMin, -2);
  assert.equal(s.scale, 4);
  assert.equal(s.zero, 2); // 0 and 1e-18 ≤ 7·ε·4
  assert.equal(s.nearZero, 4); // plus −1e-5 and 3e-3, both ≤ 4e-3
  assert.equal(s.negative, 1); // only −2 < −4e-3
  assert.equal(s.smallestNonzero, 1e-5);
  assert.equal(s.kappaNonzero, 4 / 1e-5);
  assert.equal(s.medianAbs, 3e-3);
  assert.equal(s.relative, NEAR_ZERO_RELATIVE);
  assertClose(s.nearZeroFraction, 4 / 7);
  assertClose(s.zeroFraction, 2 / 7);
});

Deno.test("spectrumSummary: even count median, custom threshold, all-zero spectrum", () => {
  assert.equal(spectrumSummary([1, 2, 3, 4]).medianAbs, 2.5);
  assert.equal(spectrumSummary([0.05, 1], { relative: 0.1 }).nearZero, 1);
  const z = spectrumSummary([0, 0]);
  assert.equal(z.zero, 2);
  assert.ok(Number.isNaN(z.kappaNonzero));
});

Deno.test("spectrumSummary: errors name the problem", () => {
  assert.throws(() => spectrumSummary([]), /Cannot summarize the spectrum: values is empty/);
  assert.throws(() => spectrumSummary([1, NaN]), /values\[1\] is NaN/);
  assert.throws(() => spectrumSummary([1], { relative: 1 }), /relative must be in \[0, 1\)/);
});

Deno.test("spectrumSummary: invariants on random spectra (seeded property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 40 }),
      (values) => {
        const s = spectrumSummary(values);
        const big = Math.max(...values.map(Math.abs));
        assert.equal(s.scale, big);
        assert.ok(s.zero <= s.nearZero && s.nearZero <= s.n);
        assert.ok(s.negative + s.nearZero <= s.n);
        if (s.zero < s.n) assert.ok(s.kappaNonzero >= 1);
        // scaling the spectrum changes no count
        const t = spectrumSummary(values.map((v) => 3 * v));
        assert.equal(t.nearZero, s.nearZero);
        assert.equal(t.negative, s.negative);
      },
    ),
    { seed: 42, numRuns: 200 },
  );
});

// ---------------------------------------------------------------- activationPattern

/** A plain-JS forward pass for checking: returns pre-activations (after BN) per hidden layer. */
function handForward(
  layers: number[],
  act: (u: number) => number,
  p: Float64Array,
  x: number[][],
  opts: { batchnorm?: boolean; residual?: boolean } = {},
): number[][][] {
  let h = x.map((r) => r.slice());
  let at = 0;
  const out: number[][][] = [];
  for (let l = 1; l < layers.length; l++) {
    const din = layers[l - 1], dout = layers[l];
    const W = p.slice(at, at + din * dout);
    at += din * dout;
    const b = p.slice(at, at + dout);
    at += dout;
    let z = h.map((r) =>
      Array.from({ length: dout }, (_, j) => r.reduce((s, v, i) => s + v * W[i * dout + j], b[j]))
    );
    if (l === layers.length - 1) break;
    if (opts.batchnorm) {
      const g = p.slice(at, at + dout), be = p.slice(at + dout, at + 2 * dout);
      at += 2 * dout;
      const N = z.length;
      z = z.map((r) => r.slice());
      for (let j = 0; j < dout; j++) {
        const mu = z.reduce((s, r) => s + r[j], 0) / N;
        const v = z.reduce((s, r) => s + (r[j] - mu) ** 2, 0) / N;
        for (const r of z) r[j] = g[j] * (r[j] - mu) / Math.sqrt(v + 1e-5) + be[j];
      }
    }
    out.push(z);
    const a = z.map((r) => r.map(act));
    h = opts.residual && l >= 2 && din === dout ? a.map((r, n) => r.map((v, j) => v + h[n][j])) : a;
  }
  return out;
}

Deno.test("activationPattern: pre-activations match a hand-written forward pass (plain, residual, BatchNorm)", () => {
  const x = iris.x.slice(0, 10);
  const cases = [
    { activation: "relu", f: (u: number) => Math.max(0, u), opts: {} },
    { activation: "tanh", f: Math.tanh, opts: { residual: true } },
    { activation: "relu", f: (u: number) => Math.max(0, u), opts: { batchnorm: true } },
  ];
  for (const c of cases) {
    const layers = [4, 3, 3, 2];
    const net = mlp({ layers, activation: c.activation, ...c.opts });
    const p = net.init({ seed: 5 });
    const rng = new Rng(9);
    for (let i = 0; i < p.length; i++) p[i] += 0.3 * rng.normal();
    const a = activationPattern(net, p, x);
    const hand = handForward(layers, c.f, p, x, c.opts);
    a.inputs.forEach((u, l) => assertAllClose(u, hand[l].flat(), { rtol: 1e-12, atol: 1e-12 }));
    for (let l = 0; l < 2; l++) {
      for (let j = 0; j < 3; j++) {
        const never = hand[l].every((r) => c.f === Math.tanh ? false : r[j] <= 0);
        assert.equal(a.deadUnits[l].includes(j), never, `${c.activation} layer ${l} unit ${j}`);
      }
    }
  }
});

Deno.test("activationPattern: rejects a parameter vector of the wrong length", () => {
  const net = mlp({ layers: [2, 2, 1], activation: "relu" });
  assert.throws(() => activationPattern(net, [1, 2], [[0, 0]]), /params has 2 entries, expected 9/);
});

// ---------------------------------------------------------------- inactiveParameters

Deno.test("inactiveParameters: exactly the Hessian's zero rows, and the loss is unchanged along each (seeded property)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 1, max: 3 }),
      (seed, depth) => {
        const layers = [4, ...Array(depth).fill(4), 3];
        const net = mlp({ layers, activation: "relu" });
        const p = net.init({ seed });
        // push some biases down so that units die
        const rng = new Rng(seed);
        for (const l of net.layout.layers) {
          if (l.hidden) {
            for (let j = 0; j < l.output; j++) {
              p[l.b.offset + j] = -1.5 * rng.uniform();
            }
          }
        }
        const obj = mlpObjective(net, small, "cross_entropy");
        const r = inactiveParameters(net, p, small.x);
        const H = obj.hessian(p);
        const zero = H.flatMap((row, k) => (row.every((v) => v === 0) ? [k] : []));
        assert.deepEqual(r.indices, zero);
        assert.equal(r.perLayer.reduce((a, b) => a + b, 0), zero.length);
        // independent route: moving an invisible parameter does not change the loss at all
        const L0 = obj.f(p);
        for (const k of r.indices.slice(0, 5)) {
          const q = Float64Array.from(p);
          q[k] += 1e-3;
          assert.equal(obj.f(q), L0);
        }
      },
    ),
    { seed: 42, numRuns: 12 },
  );
});

Deno.test("inactiveParameters: refuses residual and BatchNorm networks, and kinks", () => {
  const res = mlp({ layers: [2, 2, 2, 1], activation: "relu", residual: true });
  assert.throws(() => inactiveParameters(res, res.init(), [[1, 1]]), /residual connections/);
  const bn = mlp({ layers: [2, 2, 1], activation: "relu", batchnorm: true });
  assert.throws(() => inactiveParameters(bn, bn.init(), [[1, 1], [0, 1]]), /BatchNorm/);
  const net = mlp({ layers: [1, 1, 1], activation: "relu" });
  const p = net.pack([{ W: [[1]], b: [-1] }, { W: [[1]], b: [0] }]);
  assert.throws(() => inactiveParameters(net, p, [[1]]), /1 activation inputs are exactly 0/);
});

// ---------------------------------------------------------------- networkSpectrum

Deno.test("networkSpectrum: eigenvalues equal a dense EVD of the full Hessian; zero rows are exact", () => {
  const opts = { layers: [4, 4, 4, 3], activation: "relu", data: small, seed: 3, steps: 20 };
  const r = networkSpectrum({ ...opts, cache: false });
  const net = mlp({ layers: opts.layers, activation: "relu" });
  const obj = mlpObjective(net, small, "cross_entropy");
  const H = obj.hessian(r.params);
  const full = eigh(H).values;
  assertAllClose(r.eigenvalues, full, { atol: 1e-12 * r.summary.scale, rtol: 1e-9 });
  for (const k of r.zeroRows) assert.ok(H[k].every((v) => v === 0));
  assertClose(r.loss, obj.f(r.params), { rtol: 1e-15 });
  assert.ok(r.loss < r.initialLoss);
});

Deno.test("networkSpectrum: the cache returns the same result; cache: false recomputes it identically", () => {
  const opts = { layers: [4, 3, 3], activation: "tanh", data: small, seed: 11, steps: 5 };
  const a = networkSpectrum(opts), b = networkSpectrum(opts);
  assert.equal(a, b);
  const c = networkSpectrum({ ...opts, cache: false });
  assert.notEqual(c, a);
  assert.deepEqual(c.eigenvalues, a.eigenvalues);
  assert.deepEqual(Array.from(c.params), Array.from(a.params));
  // the same numbers in fresh arrays are the same key
  const d = networkSpectrum({
    ...opts,
    data: { x: small.x.map((r) => r.slice()), y: [...small.y] },
  });
  assert.equal(d, a);
});

Deno.test("networkSpectrum: training steps run Adam from the seeded initialization", () => {
  const layers = [4, 3, 3];
  const r = networkSpectrum({ layers, activation: "tanh", data: small, seed: 2, steps: 0 });
  assert.deepEqual(
    Array.from(r.params),
    Array.from(mlp({ layers, activation: "tanh" }).init({ seed: 2 })),
  );
  assert.equal(r.steps, 0);
  assertClose(r.loss, r.initialLoss, { rtol: 0 });
});

Deno.test("networkSpectrum: hiddenWeightScale multiplies only hidden weights", () => {
  const layers = [4, 3, 3];
  const base = mlp({ layers, activation: "tanh" }).init({ seed: 4 });
  const r = networkSpectrum({
    layers,
    activation: "tanh",
    data: small,
    seed: 4,
    hiddenWeightScale: 3,
  });
  const net = mlp({ layers, activation: "tanh" });
  const [h, o] = net.layout.layers;
  for (let i = 0; i < r.n; i++) {
    const inHidden = i >= h.W.offset && i < h.W.offset + h.W.length;
    assert.equal(r.params[i], inHidden ? 3 * base[i] : base[i], `entry ${i}`);
  }
  assert.ok(o.W.offset > h.b.offset);
});

Deno.test("networkSpectrum: errors name the option", () => {
  const base = { layers: [4, 2, 3], activation: "relu", data: small };
  assert.throws(
    () => networkSpectrum({ ...base, steps: -1 }),
    /steps must be a non-negative integer/,
  );
  assert.throws(() => networkSpectrum({ ...base, lr: 0 }), /lr must be a positive number/);
  assert.throws(
    () => networkSpectrum({ ...base, hiddenWeightScale: Infinity }),
    /hiddenWeightScale/,
  );
});

// ---------------------------------------------------------------- sweeps

Deno.test("architectureSweep: one row per grid point, layer sizes and residual depth 1 = plain", () => {
  const rows = architectureSweep({
    data: small,
    activations: ["relu"],
    variants: ["plain", "residual"],
    depths: [1, 2],
    widths: [3],
    seeds: [1, 2],
    states: ["init"],
  });
  assert.equal(rows.length, 2 * 2 * 2);
  const n = (d: number) => 4 * 3 + 3 + (d - 1) * (9 + 3) + 3 * 3 + 3;
  for (const r of rows) assert.equal(r.n, n(r.depth));
  const plain1 = rows.filter((r) => r.variant === "plain" && r.depth === 1);
  const res1 = rows.filter((r) => r.variant === "residual" && r.depth === 1);
  assert.deepEqual(res1.map((r) => r.kappaNonzero), plain1.map((r) => r.kappaNonzero));
  assert.throws(
    () => architectureSweep({ data: small, depths: [] }),
    /depths must be a non-empty array/,
  );
  assert.throws(() => architectureSweep({ data: small, widths: [0] }), /positive integers/);
});

Deno.test("saturationSweep: rows per grid point, saturation grows with the scale", () => {
  const rows = saturationSweep({ data: small, activations: ["tanh"], scales: [1, 8], seeds: [1] });
  assert.equal(rows.length, 2);
  assert.ok(rows[1].saturated > rows[0].saturated);
  const direct = networkSpectrum({
    layers: [4, 5, 5, 3],
    activation: "tanh",
    data: small,
    seed: 1,
    hiddenWeightScale: 8,
  });
  assert.deepEqual(rows[1].eigenvalues, direct.eigenvalues);
  assert.throws(() => saturationSweep({ data: small, scales: [0] }), /scales must be positive/);
});

Deno.test("compareVariants: medians per cell, fraction lower, trend thresholds", () => {
  const row = (
    variant: string,
    depth: number,
    seed: number,
    k: number,
  ) => ({ variant, depth, seed, state: "init", kappaNonzero: k } as unknown as ArchitectureRow);
  const rows = [
    row("plain", 2, 1, 10),
    row("plain", 2, 2, 30),
    row("plain", 2, 3, 20),
    row("batchnorm", 2, 1, 1),
    row("batchnorm", 2, 2, 100),
    row("batchnorm", 2, 3, 2),
    row("plain", 3, 1, 5),
    row("batchnorm", 3, 1, 50),
  ];
  const c = compareVariants(rows, {
    baseline: "plain",
    variant: "batchnorm",
    metric: "kappaNonzero",
  });
  assert.equal(c.cells.length, 2);
  assert.deepEqual(c.cells.map((x) => [x.baseline, x.variant]), [[20, 2], [5, 50]]);
  assert.equal(c.fractionLower, 0.5);
  assert.equal(c.trend, "mixed");
  assertClose(c.geometricMeanRatio, 1, { rtol: 1e-12 });
  const all = compareVariants(rows.slice(0, 6), {
    baseline: "plain",
    variant: "batchnorm",
    metric: "kappaNonzero",
  });
  assert.equal(all.trend, "lower");
  assert.throws(
    () => compareVariants(rows, { baseline: "plain", variant: "residual", metric: "kappaNonzero" }),
    /no depth and state has both plain and residual/,
  );
});

// ---------------------------------------------------------------- BatchNorm

Deno.test("batchNormSymmetry: He_b = 0 and Hw̄ = −ḡ_w, checked against finite differences of the gradient", () => {
  const layers = [4, 3, 3];
  const opts = { layers, activation: "tanh", batchnorm: true, data: small, seed: 6, steps: 10 };
  const s = batchNormSymmetry(opts);
  assert.equal(s.units.length, 3);
  const net = mlp({ layers, activation: "tanh", batchnorm: true });
  const obj = mlpObjective(net, small, "cross_entropy");
  const p = networkSpectrum(opts).params;
  const g = obj.grad(p);
  const lay = net.layout.layers[0];
  for (const u of s.units) {
    // independent: directional derivative of the gradient along w̄ by central differences
    const w = new Float64Array(p.length);
    for (let i = 0; i < 4; i++) w[lay.W.offset + i * 3 + u.unit] = p[lay.W.offset + i * 3 + u.unit];
    const h = 1e-5;
    const gp = obj.grad(p.map((v, k) => v + h * w[k]));
    const gm = obj.grad(p.map((v, k) => v - h * w[k]));
    const fd = gp.map((v, k) => (v - gm[k]) / (2 * h));
    const gw = w.map((v, k) => (v !== 0 ? g[k] : 0));
    const residual = Math.hypot(...fd.map((v, k) => v + gw[k]));
    assert.ok(residual <= 4 * (1e-5 / u.preNormVariance) * s.hessianNorm * u.weightNorm + 1e-8);
    assertClose(u.scaleResidual, residual, { rtol: 1e-3, atol: 1e-8 });
    assert.ok(u.shiftNorm <= 1e-14 * s.hessianNorm);
    // the loss is exactly unchanged by a bias shift (up to rounding)
    const q = Float64Array.from(p);
    q[lay.b.offset + u.unit] += 0.7;
    assertClose(obj.f(q), obj.f(p), { rtol: 1e-13 });
  }
  assert.throws(() => batchNormSymmetry({ ...opts, batchnorm: false }), /has no BatchNorm/);
});

// ---------------------------------------------------------------- relu kink

Deno.test("reluKink: closed-form one-sided curvatures H_bb = (2/N)·W2[0]²·#active, and finite differences", () => {
  const k = reluKink();
  const b = k.index;
  const N = 3, w2 = 2; // W2[0] = 2; off side: unit 1 active on 1 sample, on side: 2 samples
  assertClose(k.hessian.left[b][b], (2 / N) * w2 * w2 * 1, { rtol: 1e-12 });
  assertClose(k.hessian.right[b][b], (2 / N) * w2 * w2 * 2, { rtol: 1e-12 });
  assertClose(k.hessian.autodiff[b][b], k.hessian.left[b][b], { rtol: 1e-12 });
  assertClose(k.hessian.rightConvention[b][b], k.hessian.right[b][b], { rtol: 1e-12 });
  assert.equal(k.preactivation, 0);
  // the slope on either side from finite differences of the loss
  const f = (t: number) => k.line.find((p) => Math.abs(p.t - t) < 1e-12)!.loss;
  const dt = 1 / 80; // the line has 81 points on [−0.5, 0.5]
  const leftSlope = (f(0) - f(-dt)) / dt, rightSlope = (f(dt) - f(0)) / dt;
  assert.ok(rightSlope - leftSlope < -1, `${leftSlope} ${rightSlope}`);
  assertClose(k.slopeJump, -(2 / N) * w2 * 1, { rtol: 1e-5 }); // the on side adds 2/N·w2·(output − y)·1 with residual −1
  assert.throws(() => reluKink({ delta: 0 }), /delta must be in/);
});

import assert from "node:assert/strict";
import { assertAllClose, assertClose } from "../../lib/assert.ts";
import { relu } from "../../lib/activations/relu.ts";
import { sigmoid } from "../../lib/activations/sigmoid.ts";
import { tanh } from "../../lib/activations/tanh.ts";
import { loadIris } from "../../lib/data/loadIris.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import { mlp } from "../../lib/nn/mlp.ts";
import { mlpObjective } from "../../lib/optim/mlpObjective.ts";
import { activationPattern } from "../../book/experiments/activationPattern.ts";
import {
  ARCHITECTURE_SWEEP_DEFAULTS as P,
  type ArchitectureRow,
  architectureSweep,
} from "../../book/experiments/architectureSweep.ts";
import { batchNormSymmetry } from "../../book/experiments/batchNormSymmetry.ts";
import { inactiveParameters } from "../../book/experiments/inactiveParameters.ts";
import { networkSpectrum } from "../../book/experiments/networkSpectrum.ts";
import { reluKink } from "../../book/experiments/reluKink.ts";
import { NEAR_ZERO_RELATIVE, spectrumSummary } from "../../book/experiments/spectrumSummary.ts";
import { reluZeroEigenvalues } from "../../book/claims/reluZeroEigenvalues.ts";
import { reluLossPiecewiseLinear } from "../../book/claims/reluLossPiecewiseLinear.ts";
import { depthWidensSpectrum } from "../../book/claims/depthWidensSpectrum.ts";
import { saturationFlattensSpectrum } from "../../book/claims/saturationFlattensSpectrum.ts";
import {
  wideFewerZeroEigenvalues,
  WIDTH_SWEEP_WIDTHS,
} from "../../book/claims/wideFewerZeroEigenvalues.ts";
import { overparameterizationFlatDirections } from "../../book/claims/overparameterizationFlatDirections.ts";
import { residualLowersConditionNumber } from "../../book/claims/residualLowersConditionNumber.ts";
import { batchNormLowersConditionNumber } from "../../book/claims/batchNormLowersConditionNumber.ts";
import { batchNormSmoothsLandscape } from "../../book/claims/batchNormSmoothsLandscape.ts";
import { reluHessianNeedsApproximation } from "../../book/claims/reluHessianNeedsApproximation.ts";
import { hessianOutliersPerClass } from "../../book/claims/hessianOutliersPerClass.ts";
import { batchNormSuppressesOutliers } from "../../book/claims/batchNormSuppressesOutliers.ts";
import { batchNormOutliers, outlierSweep } from "../../book/experiments/hessianOutliers.ts";

const data = loadIris({ seed: 0 }).train;
const W = P.widths[0];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
};
/** The full spectrum by a dense EVD of the full autodiff Hessian (no deflation, no cache). */
function denseSpectrum(
  layers: number[],
  activation: string,
  params: Float64Array,
  batchnorm = false,
  residual = false,
) {
  const net = mlp({ layers, activation, batchnorm, residual });
  return eigh(mlpObjective(net, data, "cross_entropy").hessian(params)).values;
}

// ---------------------------------------------------------------- the laboratory

Deno.test("ch8 §what counts as zero: τ = 1e-3 means 1000 steps per e-fold at α = 1/λmax", () => {
  assert.equal(NEAR_ZERO_RELATIVE, 1e-3);
  // gradient descent on the diagonal quadratic ½(λmax x² + τλmax y²) with α = 1/λmax
  const lmax = 7, alpha = 1 / lmax, slow = NEAR_ZERO_RELATIVE * lmax;
  let y = 1;
  const steps = Math.round(1 / NEAR_ZERO_RELATIVE);
  for (let k = 0; k < steps; k++) y -= alpha * slow * y;
  assertClose(y, Math.exp(-1), { rtol: 1e-3 });
});

Deno.test("ch8 §flat directions: softmax shifts of the logits leave the loss unchanged, d + 1 zero eigenvalues", () => {
  const layers = [4, W, 3];
  const net = mlp({ layers, activation: "tanh" });
  const obj = mlpObjective(net, data, "cross_entropy");
  const p = net.init({ seed: 1 });
  const out = net.layout.layers[1];
  // along every shift direction the loss is unchanged, even for a large step
  for (let i = 0; i <= W; i++) {
    const q = Float64Array.from(p);
    if (i < W) { for (let k = 0; k < 3; k++) q[out.W.offset + 3 * i + k] += 2.5; }
    else for (let k = 0; k < 3; k++) q[out.b.offset + k] += 2.5;
    assertClose(obj.f(q), obj.f(p), { rtol: 1e-14 });
  }
  const values = denseSpectrum(layers, "tanh", p);
  assert.equal(spectrumSummary(values).zero, W + 1);
  assertAllClose(
    networkSpectrum({ layers, activation: "tanh", data, seed: 1 }).eigenvalues,
    values,
    {
      atol: 1e-12,
    },
  );
});

// ---------------------------------------------------------------- ReLU

Deno.test("ch8 §ReLU eq. ∂²L/∂θ_k∂θ_m = 0 for hidden θ_k: the example network's zero rows are its hidden parameters", () => {
  const layers = [4, W, W, W, 3];
  const ex = networkSpectrum({ layers, activation: "relu", data, seed: 2 });
  const net = mlp({ layers, activation: "relu" });
  const H = mlpObjective(net, data, "cross_entropy").hessian(ex.params);
  const zero = H.flatMap((row, k) => (row.every((v) => v === 0) ? [k] : []));
  const hidden = inactiveParameters(net, ex.params, data.x);
  assert.deepEqual(hidden.indices, zero);
  assert.ok(zero.length > 0 && hidden.pattern.dead > 0);
  // zeros = hidden parameters + softmax shifts not already among them
  const overlap = hidden.pattern.deadUnits.at(-1)!.length;
  const dense = spectrumSummary(denseSpectrum(layers, "relu", ex.params));
  assert.equal(dense.zero, zero.length + W + 1 - overlap);
});

Deno.test("ch8 exercise 2: a dead first-layer unit hides its 4 + 1 + 5 parameters", () => {
  const layers = [4, 5, 5, 3];
  const net = mlp({ layers, activation: "relu" });
  const p = net.init({ seed: 1 });
  p[net.layout.layers[0].b.offset + 2] = -100;
  const H = mlpObjective(net, data, "cross_entropy").hessian(p);
  const zero = new Set(H.flatMap((row, k) => (row.every((v) => v === 0) ? [k] : [])));
  const own = [
    ...[0, 1, 2, 3].map((i) => net.layout.layers[0].W.offset + i * 5 + 2),
    net.layout.layers[0].b.offset + 2,
    ...[0, 1, 2, 3, 4].map((k) => net.layout.layers[1].W.offset + 2 * 5 + k),
  ];
  assert.equal(own.length, 10);
  for (const k of own) assert.ok(zero.has(k), `parameter ${k}`);
});

Deno.test("ch8 claim relu-zero-eigenvalues: qualified; dead units and zero rows recounted from the activation pattern", () => {
  const r = reluZeroEigenvalues.evaluate();
  assert.equal(r.verdict, reluZeroEigenvalues.expected);
  assert.equal(r.verdict, "qualified");
  assert.equal(r.numbers.structuralMismatches, 0);
  // recount the deepest relu networks' dead units directly from activationPattern
  const dL = P.depths.at(-1)!;
  const layers = [4, ...Array(dL).fill(W), 3];
  const net = mlp({ layers, activation: "relu" });
  const dead: number[] = [];
  for (const seed of P.seeds) {
    for (const steps of [0, P.steps]) {
      const s = networkSpectrum({ layers, activation: "relu", data, seed, steps });
      dead.push(activationPattern(net, s.params, data.x).dead);
    }
  }
  assertClose(r.numbers.deadUnitsDeepest, mean(dead), { rtol: 1e-12 });
  assert.equal(r.numbers.deadUnitsDepth1, 0);
  // one near-zero fraction recomputed from a dense EVD of the full Hessian
  const p = networkSpectrum({ layers, activation: "relu", data, seed: 1 }).params;
  const fr = spectrumSummary(denseSpectrum(layers, "relu", p)).nearZeroFraction;
  const row = architectureSweep({ data, depths: [dL], seeds: [1], states: ["init"] })[0];
  assertClose(row.nearZeroFraction, fr, { rtol: 1e-12 });
  assert.ok(r.numbers.minGapInit >= 0.05 && r.numbers.minGapTrained < 0.05);
});

Deno.test("ch8 erratum relu-loss-piecewise-linear: curved inside an activation region", () => {
  const text = reluLossPiecewiseLinear.check();
  assert.match(text, /second difference of the loss is/);
});

Deno.test("ch8 claim depth-widens-spectrum: κ above 1e-6·max|λ| grows with depth, less the coarser the cutoff", () => {
  const r = depthWidensSpectrum.evaluate();
  assert.equal(r.verdict, depthWidensSpectrum.expected);
  assert.equal(r.verdict, "qualified");
  // independent recount of one median κ from dense EVDs, at the stated cutoff 1e-6
  const kappas = P.seeds.map((seed) => {
    const layers = [4, W, 3];
    const p = networkSpectrum({ layers, activation: "relu", data, seed }).params;
    const abs = denseSpectrum(layers, "relu", p).map(Math.abs);
    const top = Math.max(...abs);
    return top / Math.min(...abs.filter((a) => a > 1e-6 * top));
  });
  assertClose(r.numbers.kappaInitShallowest, median(kappas), { rtol: 1e-6 });
  assert.ok(r.numbers.kappaInitDeepest <= 1e6 && r.numbers.kappaTrainedDeepest <= 1e6);
  assert.ok(r.numbers.kappaGrowthInit > 1 && r.numbers.kappaGrowthTrained > 1);
  // sensitivity: the finer the cutoff, the larger the growth at initialization
  const g = ["1e-8", "1e-6", "1e-4"].map((c) => r.numbers[`kappaGrowthInitAt${c}`]);
  assert.ok(g[0] > g[1] && g[1] > g[2], JSON.stringify(g));
  assert.equal(r.numbers["verdictAt1e-6"], 0);
});

// ---------------------------------------------------------------- saturation

Deno.test("ch8 §saturation: tanh′, tanh″ decay like e^{−2|u|}, sigmoid′, sigmoid″ like e^{−|u|}", () => {
  for (const u of [6, 10, 14]) {
    assertClose(tanh.df(u), 4 * Math.exp(-2 * u), { rtol: 1e-4 });
    assertClose(-tanh.d2f(u), 8 * Math.exp(-2 * u), { rtol: 1e-4 });
    assertClose(sigmoid.df(u), Math.exp(-u), { rtol: 1e-2 });
    assertClose(-sigmoid.d2f(u), Math.exp(-u), { rtol: 1e-2 });
  }
});

Deno.test("ch8 claim saturation-flattens-spectrum: qualified; the medians recomputed from dense EVDs", () => {
  const r = saturationFlattensSpectrum.evaluate();
  assert.equal(r.verdict, saturationFlattensSpectrum.expected);
  assert.equal(r.verdict, "qualified");
  const layers = [4, 5, 5, 3];
  const medianAt = (scale: number) =>
    median(P.seeds.map((seed) => {
      const p =
        networkSpectrum({ layers, activation: "tanh", data, seed, hiddenWeightScale: scale })
          .params;
      return spectrumSummary(denseSpectrum(layers, "tanh", p)).medianAbs;
    }));
  assertClose(r.numbers.tanhMedianAt1, medianAt(1), { rtol: 1e-6 });
  assertClose(r.numbers.tanhMedianAtLargest, medianAt(16), { rtol: 1e-6 });
  assert.ok(r.numbers.tanhMedianDrop >= 10 && r.numbers.sigmoidMedianDrop >= 10);
  assert.ok(r.numbers.tanhTopDrop < 2 || r.numbers.sigmoidTopDrop < 2);
});

// ---------------------------------------------------------------- width

Deno.test("ch8 claims wide-fewer-zero-eigenvalues (refuted) and overparameterization-flat-directions (confirmed)", () => {
  const wide = wideFewerZeroEigenvalues.evaluate();
  const over = overparameterizationFlatDirections.evaluate();
  assert.equal(wide.verdict, wideFewerZeroEigenvalues.expected);
  assert.equal(over.verdict, overparameterizationFlatDirections.expected);
  assert.equal(wide.verdict, "refuted");
  assert.equal(over.verdict, "confirmed");
  // parameter counts 8w + 3 and the Gauss–Newton bound N(C − 1)
  assert.equal(wide.numbers.paramsNarrowest, 8 * WIDTH_SWEEP_WIDTHS[0] + 3);
  assert.equal(wide.numbers.paramsWidest, 8 * WIDTH_SWEEP_WIDTHS.at(-1)! + 3);
  assert.equal(over.numbers.gaussNewtonRankBound, data.x.length * 2);
  assert.ok(over.numbers.nearZeroTrainedWidest > 0);
  // the widest network's softmax zeros, by a dense EVD: at least w + 1
  const w = WIDTH_SWEEP_WIDTHS.at(-1)!;
  const p = networkSpectrum({ layers: [4, w, 3], activation: "relu", data, seed: 1 }).params;
  assert.ok(spectrumSummary(denseSpectrum([4, w, 3], "relu", p)).zero >= w + 1);
});

// ---------------------------------------------------------------- residual connections

Deno.test("ch8 claim residual-lowers-condition-number: qualified; skips raise λmax at initialization", () => {
  const r = residualLowersConditionNumber.evaluate();
  assert.equal(r.verdict, residualLowersConditionNumber.expected);
  assert.equal(r.verdict, "qualified");
  assert.equal(r.numbers.cells, 2 * (P.depths.length - 1));
  assert.equal(r.numbers.lambdaMaxInitFractionLower, 0);
  // one cell recomputed from dense EVDs: depth 5 at initialization
  const layers = [4, ...Array(5).fill(W), 3];
  const top = (residual: boolean) =>
    median(P.seeds.map((seed) => {
      const p = mlp({ layers, activation: "relu", residual }).init({ seed });
      return Math.max(...denseSpectrum(layers, "relu", p, false, residual));
    }));
  assert.ok(top(true) > 2 * top(false));
});

// ---------------------------------------------------------------- BatchNorm

Deno.test("ch8 §BatchNorm eq. H w̄ = −ḡ_w, w̄ᵀHw̄ = 0 (up to ε/σ²) and H e_b = 0 on the chapter's network", () => {
  const s = batchNormSymmetry({
    layers: [4, W, W, 3],
    activation: "relu",
    batchnorm: true,
    data,
    seed: 1,
    steps: P.steps,
  });
  assert.equal(s.units.length, 2 * W);
  assert.ok(s.maxShiftRelative < 1e-14);
  for (const u of s.units) {
    const slack = 4 * (1e-5 / u.preNormVariance);
    assert.ok(u.scaleResidual <= slack * s.hessianNorm * u.weightNorm);
    assert.ok(Math.abs(u.curvatureAlongW) <= slack * s.hessianNorm);
    assert.ok(Math.abs(u.gradientDotW) <= slack * s.hessianNorm * u.weightNorm ** 2);
  }
});

Deno.test("ch8 §BatchNorm: zero eigenvalues = (d + 1) softmax + one per normalized unit, by dense EVD", () => {
  for (const depth of [1, 2]) {
    const layers = [4, ...Array(depth).fill(W), 3];
    const p =
      networkSpectrum({ layers, activation: "relu", batchnorm: true, data, seed: 3 }).params;
    const z = spectrumSummary(denseSpectrum(layers, "relu", p, true)).zero;
    assert.equal(z, W + 1 + depth * W);
  }
});

Deno.test("ch8 claims batchnorm-lowers-condition-number (qualified at the cutoff 1e-6) and batchnorm-smooths-landscape (qualified)", () => {
  const k = batchNormLowersConditionNumber.evaluate();
  const s = batchNormSmoothsLandscape.evaluate();
  assert.equal(k.verdict, batchNormLowersConditionNumber.expected);
  assert.equal(s.verdict, batchNormSmoothsLandscape.expected);
  assert.equal(k.verdict, "qualified");
  assert.equal(s.verdict, "qualified");
  assert.equal(k.numbers.cells, 2 * P.depths.length);
  assert.ok(k.numbers.fractionLower > 0.25 && k.numbers.fractionLower < 0.75);
  // the old ratio, divided by rounding-level eigenvalues, looked decisive; the cutoff makes it not
  assert.ok(k.numbers.roundingKappaFractionLower >= 0.75);
  assert.equal(k.numbers["verdictAt1e-8"], 1);
  assert.ok(s.numbers.fractionLower > 0.25 && s.numbers.fractionLower < 0.75);
  assert.equal(
    s.numbers.lowerInit + s.numbers.lowerTrained,
    s.numbers.fractionLower * s.numbers.cells,
  );
});

Deno.test("ch8 exercise 3: doubling a BatchNorm unit's w keeps L, halves g_w and quarters H_ww", () => {
  const layers = [4, 5, 3];
  const net = mlp({ layers, activation: "relu", batchnorm: true });
  const obj = mlpObjective(net, data, "cross_entropy");
  const q =
    networkSpectrum({ layers, activation: "relu", batchnorm: true, data, seed: 1, steps: P.steps })
      .params;
  const q2 = Float64Array.from(q);
  const cols = [0, 1, 2, 3].map((i) => net.layout.layers[0].W.offset + i * 5);
  for (const k of cols) q2[k] *= 2;
  assertClose(obj.f(q2), obj.f(q), { rtol: 1e-4 });
  const g = obj.grad(q), g2 = obj.grad(q2);
  for (const k of cols) assertClose(g2[k], g[k] / 2, { rtol: 1e-3, atol: 1e-9 });
  const H = obj.hessian(q), H2 = obj.hessian(q2);
  for (const i of cols) {
    for (const j of cols) assertClose(H2[i][j], H[i][j] / 4, { rtol: 1e-3, atol: 1e-9 });
  }
});

// ---------------------------------------------------------------- the relu kink

Deno.test("ch8 §kink: relu′(0) = 0 by convention, and autodiff returns the left (unit off) Hessian", () => {
  assert.equal(relu.df(0), 0);
  assert.equal(relu.d2f(0), 0);
  const k = reluKink();
  assert.ok(k.gapToLeft < 1e-5 && k.gapToRight > 1 && k.rightConventionGap < 1e-5);
  // the crease: one-sided gradients differ by a finite jump
  assert.ok(k.gradientJump > 1);
});

Deno.test("ch8 claim relu-hessian-needs-approximation: qualified; the kink found in the sweep is a dead unit with bias 0", () => {
  const r = reluHessianNeedsApproximation.evaluate();
  assert.equal(r.verdict, reluHessianNeedsApproximation.expected);
  assert.equal(r.verdict, "qualified");
  assert.ok(r.numbers.finiteDifferenceGap < 1e-6);
  assert.ok(r.numbers.networksWithKinks >= 1);
  const kinked = architectureSweep({ data, variants: ["plain"] }).filter((x) => x.kinks > 0);
  for (const row of kinked) {
    const layers = [4, ...Array(row.depth).fill(W), 3];
    const net = mlp({ layers, activation: "relu" });
    const steps = row.state === "trained" ? P.steps : 0;
    const p = networkSpectrum({ layers, activation: "relu", data, seed: row.seed, steps }).params;
    const pattern = activationPattern(net, p, data.x);
    const parts = net.unpack(p);
    pattern.inputs.forEach((u, l) => {
      u.forEach((v, i) => {
        if (v === 0) assert.equal(parts[l].b[i % W], 0, "the unit's bias is exactly 0");
      });
    });
  }
});

Deno.test("ch8 beyond the paper: C outliers for C = 2 … 6 (median over 3 seeds), each recounted from the eigenvalues", () => {
  const r = hessianOutliersPerClass.evaluate();
  assert.equal(r.verdict, hessianOutliersPerClass.expected);
  for (const row of outlierSweep()) {
    assert.equal(r.numbers[`count${row.classes}`], row.count);
    for (const run of row.runs) {
      // The rule by hand: the largest ratio among the top 2C + 2 positive eigenvalues.
      const top = run.eigenvalues.filter((v) => v > 0).slice(0, 2 * row.classes + 2);
      const gaps = top.slice(0, -1).map((v, k) => v / top[k + 1]);
      const k = gaps.indexOf(Math.max(...gaps)) + 1;
      assert.equal(run.outliers.count, Math.max(...gaps) >= 1.5 ? k : 0);
    }
  }
  assert.ok(r.numbers.matchC >= 4);
});

Deno.test("ch8 beyond the paper: batchnorm-suppresses-outliers is qualified; BatchNorm's top eigenvalue lies in the hidden weights", () => {
  const r = batchNormSuppressesOutliers.evaluate();
  assert.equal(r.verdict, batchNormSuppressesOutliers.expected);
  assert.equal(r.numbers.seeds, 5);
  for (const p of batchNormOutliers()) {
    assert.equal(p.plain.outliers.count, 4);
    assert.ok(p.batchnorm.topVectorShare.hidden > 0.95);
    assert.ok(p.batchnorm.eigenvalues[0] > p.plain.eigenvalues[0]);
  }
});

Deno.test("ch8 exercise 2: the solution's predicted count of zero rows equals the Hessian's, term by term", async () => {
  const { chapterSource } = await import("./_prose.ts");
  const src = chapterSource("08-activations-and-architectures.md");
  const solutions = src.slice(src.indexOf("<summary>Solutions</summary>"));
  const m = solutions.match(/^2\. \$(\d+) \+ (\d+) - (\d+) \+ (\d+) = (\d+)\$/m);
  assert.ok(m, "solution 2 starts with its count, $a + b - c + d = total$");
  const [own, before, both, appeared, total] = m.slice(1).map(Number);
  assert.equal(own + before - both + appeared, total, "the arithmetic of the solution");
  // Independently: exactly zero rows of the autodiff Hessian, before and after the kill.
  const data = loadIris({ seed: 0 }).train;
  const net = mlp({ layers: [4, 5, 5, 3], activation: "relu" });
  const zeroRowsOf = (p: Float64Array) =>
    mlpObjective(net, data, "cross_entropy").hessian(p).flatMap((row, k) =>
      row.every((v) => v === 0) ? [k] : []
    );
  const p0 = net.init({ seed: 1 });
  const rowsBefore = zeroRowsOf(p0);
  const p = Float64Array.from(p0);
  p[net.layout.layers[0].b.offset + 2] = -100;
  const rowsAfter = zeroRowsOf(p);
  // The killed unit's parameters: column 2 of W1, b1[2], row 2 of W2.
  const unit = [
    ...[0, 1, 2, 3].map((i) => net.layout.layers[0].W.offset + i * 5 + 2),
    net.layout.layers[0].b.offset + 2,
    ...[0, 1, 2, 3, 4].map((k) => net.layout.layers[1].W.offset + 2 * 5 + k),
  ];
  assert.equal(own, unit.length);
  assert.equal(before, rowsBefore.length);
  assert.equal(both, unit.filter((k) => rowsBefore.includes(k)).length);
  assert.equal(
    appeared,
    rowsAfter.filter((k) => !rowsBefore.includes(k) && !unit.includes(k)).length,
  );
  assert.equal(total, rowsAfter.length, "the predicted count is the Hessian's");
});

// ---------------------------------------------------------------- conditioning: cutoff and verdict logic

Deno.test("ch8 κ above a cutoff: synthetic spectra with a known answer; rounding-level eigenvalues cannot decide a verdict", async () => {
  const { kappaAbove, spectrumSummary: summary, KAPPA_CUTOFFS } = await import(
    "../../book/experiments/spectrumSummary.ts"
  );
  const { compareVariants, kappaCutoffSensitivity } = await import(
    "../../book/experiments/compareVariants.ts"
  );
  const { batchNormVerdict } = await import("../../book/claims/batchNormLowersConditionNumber.ts");
  const { residualVerdict } = await import("../../book/claims/residualLowersConditionNumber.ts");
  const { depthVerdict } = await import("../../book/claims/depthWidensSpectrum.ts");
  // By hand: the eigenvalues above 1e-6 of [−2, 1e-12, 3e-5, 0.1, 1] are 3e-5…2, so κ = 2/3e-5.
  assertClose(kappaAbove([-2, 1e-12, 3e-5, 0.1, 1], 1e-6), 2 / 3e-5, { rtol: 1e-15 });
  assert.equal(kappaAbove([0, 0, 4], 1e-3), 1);
  assert.ok(Number.isNaN(kappaAbove([0, 0], 1e-6)));
  assert.throws(() => kappaAbove([1], 0), /Cannot compute the condition number/);
  for (const c of KAPPA_CUTOFFS) {
    assert.ok(kappaAbove([1e-15, 1e-9, 1e-7, 1e-5, 1e-2, 1], c) <= 1 / c);
  }
  // Two "networks" that differ only by a rounding-level eigenvalue (1e-11·λmax, above n·ε·λmax):
  const bulk = [0, 0, 2e-4, 0.003, 0.04, 0.5, 1];
  const noisy = [...bulk, 1e-11];
  const tidy = [...bulk, 0];
  const row = (variant: string, depth: number, values: number[]) => {
    const s = summary(values);
    return { variant, depth, state: "init", seed: 1, ...s } as unknown as ArchitectureRow;
  };
  // plain has the noise eigenvalue, batchnorm does not: the old ratio calls that a huge gain …
  const rows = [1, 2, 3, 4].flatMap((d) => [row("plain", d, noisy), row("batchnorm", d, tidy)]);
  const old = compareVariants(rows, {
    baseline: "plain",
    variant: "batchnorm",
    metric: "kappaNonzero",
  });
  assert.equal(old.trend, "lower");
  assert.ok(old.geometricMeanRatio < 1e-6);
  // … and κ above any of the cutoffs sees two identical spectra: no cell is lower, never "confirmed".
  for (const { comparison } of kappaCutoffSensitivity(rows, "batchnorm")) {
    assert.equal(comparison.fractionLower, 0);
    assertClose(comparison.geometricMeanRatio, 1, { rtol: 1e-12 });
    assert.notEqual(batchNormVerdict(comparison), "confirmed");
  }
  // A real compression of the spectrum (eigenvalues in [1e-2, 1] against [1e-5, 1]) is found at every cutoff.
  const wide = [0, 1e-5, 3e-4, 0.01, 1], narrow = [0, 0.01, 0.1, 0.5, 1];
  const real = [1, 2, 3, 4].flatMap((d) => [row("plain", d, wide), row("batchnorm", d, narrow)]);
  const sens = kappaCutoffSensitivity(real, "batchnorm");
  for (const { cutoff, comparison } of sens) {
    // at 1e-3 the plain spectrum is cut to [0.01, 1] too: equal, not lower
    assert.equal(
      batchNormVerdict(comparison),
      cutoff < 1e-3 ? "confirmed" : "refuted",
      String(cutoff),
    );
  }
  // The other verdict rules on known inputs.
  assert.equal(residualVerdict({ trend: "lower" }, { trend: "lower" }), "confirmed");
  assert.equal(residualVerdict({ trend: "mixed" }, { trend: "lower" }), "qualified");
  assert.equal(residualVerdict({ trend: "higher" }, { trend: "mixed" }), "refuted");
  const g = {
    kappaGrowthInit: 50,
    kappaGrowthTrained: 20,
    rangeDoublesInit: true,
    rangeDoublesTrained: true,
  };
  assert.equal(depthVerdict(g), "confirmed");
  assert.equal(depthVerdict({ ...g, rangeDoublesInit: false }), "qualified");
  assert.equal(depthVerdict({ ...g, kappaGrowthTrained: 3 }), "qualified");
  assert.equal(depthVerdict({ ...g, kappaGrowthTrained: 1 }), "refuted");
});

Deno.test("ch8 cutoff sensitivity: the chapter's κ verdicts at 1e-8, 1e-6, 1e-4 and 1e-3, recomputed from the sweep", async () => {
  const { architectureSweep } = await import("../../book/experiments/architectureSweep.ts");
  const { kappaCutoffSensitivity } = await import("../../book/experiments/compareVariants.ts");
  const rows = architectureSweep({ data, variants: ["plain", "residual", "batchnorm"] });
  // κ never exceeds 1/cutoff, and recomputing it from each row's own cutoffs agrees with the claims' numbers.
  for (const r of rows) {
    r.kappaAt.forEach((k, i) => assert.ok(k <= 1 / [1e-8, 1e-6, 1e-4, 1e-3][i] + 1e-6));
  }
  const k = batchNormLowersConditionNumber.evaluate().numbers;
  const res = residualLowersConditionNumber.evaluate().numbers;
  for (const { cutoff, comparison } of kappaCutoffSensitivity(rows, "batchnorm")) {
    assert.equal(comparison.fractionLower, k[`fractionLowerAt${cutoff.toExponential(0)}`]);
  }
  for (const { cutoff, comparison } of kappaCutoffSensitivity(rows, "residual")) {
    assert.equal(comparison.fractionLower, res[`fractionLowerAt${cutoff.toExponential(0)}`]);
  }
  // The verdicts are not the same at every cutoff: that is why the boxes report all four.
  const bnVerdicts = ["1e-8", "1e-6", "1e-4", "1e-3"].map((c) => k[`verdictAt${c}`]);
  assert.ok(new Set(bnVerdicts).size > 1, JSON.stringify(bnVerdicts));
});

Deno.test("ch8 sigmoid-needs-adam: gradient descent stays at ln 3 (the class priors of the balanced Iris split); Adam goes below", async () => {
  const { sigmoidNeedsAdam } = await import("../../book/claims/sigmoidNeedsAdam.ts");
  const r = sigmoidNeedsAdam.evaluate();
  assert.equal(r.verdict, "confirmed");
  const counts = [0, 1, 2].map((c) => data.y.filter((y) => y === c).length);
  const priorsLoss = -counts.reduce(
    (s, k) => s + (k / data.y.length) * Math.log(k / data.y.length),
    0,
  );
  assertClose(r.numbers.gdLoss, priorsLoss, { atol: 1e-3 });
  assert.ok(r.numbers.adamLoss < 0.9 * priorsLoss);
  assert.ok(r.numbers.firstToLastGradient < 0.01);
});

Deno.test("ch8 batchnorm-batch-dependence: a plain network's logits of one example are the same alone and in any batch; BatchNorm's are not", async () => {
  const { batchNormBatchDependence } = await import(
    "../../book/claims/batchNormBatchDependence.ts"
  );
  const r = batchNormBatchDependence.evaluate();
  assert.equal(r.verdict, "confirmed");
  assert.equal(r.numbers.plainOutputChange, 0);
  assert.ok(r.numbers.batchnormHessianChange > 0.01);
  // Independently: plain logits of example 0 alone equal its logits in a batch; BatchNorm of a
  // batch of two gives ±1 after normalization (γ = 1, β = 0), whoever the other example is.
  const plain = mlp({ layers: [4, 5, 5, 3], activation: "relu" });
  const p = plain.init({ seed: 1 });
  const alone = plain.forward(p, [data.x[0]]).data;
  const inBatch = plain.forward(p, [data.x[0], data.x[5], data.x[9]]).data.slice(0, 3);
  assert.deepEqual([...alone], [...inBatch]);
  const bn = mlp({ layers: [4, 3, 3], activation: "linear", batchnorm: true });
  const q = bn.init({ seed: 1 });
  const a = bn.forward(q, [data.x[0], data.x[1]]).data.slice(0, 3);
  const b = bn.forward(q, [data.x[0], data.x[2]]).data.slice(0, 3);
  assert.notDeepEqual([...a], [...b]);
});

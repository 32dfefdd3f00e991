// The results beyond the paper: every verdict rule on synthetic inputs whose answer is known, the
// experiments against independent recomputations, and the claims' sources.
import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import {
  assertAllClose,
  assertClose,
  eigh,
  fisherDiagonal,
  Mlp,
  mlpObjective,
  quadraticObjective,
  Rng,
  trackSharpness,
} from "../../lib/mod.ts";
import { chebyshevRegression } from "../../lib/data/chebyshevRegression.ts";
import { mimeBundle } from "../../lib/display.ts";
import { ROOT } from "../../tools/project.ts";
import { type EdgeTrace, edgeVerdict, judgeEdgeRun } from "../../book/claims/edgeOfStability.ts";
import { judgeOutlierCounts } from "../../book/claims/hessianOutliersPerClass.ts";
import { judgeBatchNormOutliers } from "../../book/claims/batchNormSuppressesOutliers.ts";
import { judgeTracking, type TrackingRow } from "../../book/claims/adamTracksEmpiricalFisher.ts";
import { citation, type Claim, isBeyondPaper, showVerdict } from "../../book/claims/claim.ts";
import { CLAIMS } from "../../book/claims/registry.ts";
import {
  edgeOfStabilityRuns,
  localQuadraticRun,
} from "../../book/experiments/edgeOfStabilityRuns.ts";
import {
  batchNormOutliers,
  outlierDensity,
  outlierRun,
  trainClassifier,
} from "../../book/experiments/hessianOutliers.ts";
import {
  adamMomentsVsCurvature,
  scaledRelativeError,
} from "../../book/experiments/adamMomentsVsCurvature.ts";
import { irisMlp } from "../../book/experiments/irisMlp.ts";

/** A synthetic sharpness trace: measured every 10 steps for T steps, values s(t). */
function trace(threshold: number, s: (t: number) => number, T = 2000): EdgeTrace {
  const sharpnessSteps = Array.from({ length: T / 10 + 1 }, (_, i) => 10 * i);
  return {
    lr: 0.1,
    threshold,
    steps: T,
    sharpnessSteps,
    sharpness: sharpnessSteps.map(s),
    diverged: false,
  };
}

/** Rises linearly from `start` to `level`, then wiggles ±2% around `level` (deterministic). */
const riseThenHover = (start: number, level: number) => (t: number) =>
  Math.min(start + t / 50, level * (1 + 0.02 * Math.sin(t)));

Deno.test("edge-of-stability rule: a trace rising to 2/η and hovering there is confirmed; rising past it is not", () => {
  const atEdge = judgeEdgeRun(trace(20, riseThenHover(8, 20)));
  assert.ok(atEdge.rises && atEdge.hovers, JSON.stringify(atEdge));
  assertClose(atEdge.ratio, 1, { rtol: 0.02 });
  assert.equal(atEdge.initialRatio, 0.4);
  const past = judgeEdgeRun(trace(20, (t) => 8 + t / 50));
  assert.ok(past.rises && !past.hovers, "sharpens past 2/η");
  const below = judgeEdgeRun(trace(20, riseThenHover(8, 15)));
  assert.ok(!below.hovers && below.ratio < 0.8, "settles below the edge");
  assert.equal(edgeVerdict([atEdge, atEdge, atEdge]), "confirmed");
  assert.equal(edgeVerdict([atEdge, past, atEdge]), "qualified");
  assert.equal(edgeVerdict([past, below]), "refuted");
});

Deno.test("edge-of-stability rule: ±10% is the boundary, the early rise is required, a diverged run fails", () => {
  assert.ok(judgeEdgeRun(trace(20, riseThenHover(8, 21.8))).hovers);
  assert.ok(!judgeEdgeRun(trace(20, riseThenHover(8, 22.2))).hovers);
  assert.ok(judgeEdgeRun(trace(20, riseThenHover(8, 18.2))).hovers);
  assert.ok(!judgeEdgeRun(trace(20, riseThenHover(8, 17.8))).hovers);
  // Starting at the edge is hovering without progressive sharpening: not confirmed.
  const flat = judgeEdgeRun(trace(20, () => 20));
  assert.ok(flat.hovers && !flat.rises);
  assert.equal(edgeVerdict([flat]), "qualified");
  const gone = judgeEdgeRun({ ...trace(20, riseThenHover(8, 20)), diverged: true });
  assert.ok(!gone.rises && !gone.hovers);
  // Only the last quarter counts: a late excursion past the edge fails, an early one does not.
  const earlySpike = judgeEdgeRun(trace(20, (t) => (t < 1000 ? 8 + t / 30 : 20)));
  assert.ok(earlySpike.hovers);
  const lateClimb = judgeEdgeRun(trace(20, (t) => (t < 1400 ? riseThenHover(8, 20)(t) : 30)));
  assert.ok(!lateClimb.hovers);
  // The loss bookkeeping: increases after the edge, loss at the edge and at the end.
  const loss = Float64Array.from(
    { length: 2001 },
    (_, t) => 1 / (1 + t) + (t % 3 === 0 ? 1e-3 : 0),
  );
  const j = judgeEdgeRun({ ...trace(20, riseThenHover(8, 20)), loss });
  assert.equal(j.lossAtReach, loss[j.reachStep]);
  assert.equal(j.lossAtEnd, loss[2000]);
  let ups = 0;
  for (let t = j.reachStep + 1; t <= 2000; t++) if (loss[t] > loss[t - 1]) ups++;
  assert.equal(j.lossIncreases, ups);
  assert.throws(() => judgeEdgeRun({ ...trace(20, () => 1), sharpness: [] }), /empty or ragged/);
});

Deno.test("edge-of-stability rule with momentum: the threshold (2 + 2β)/η decides, not 2/η", () => {
  const beta = 0.5, lr = 0.1, hb = (2 + 2 * beta) / lr;
  const atHb = judgeEdgeRun(trace(hb, riseThenHover(8, hb)));
  assert.ok(atHb.rises && atHb.hovers);
  const atGd = judgeEdgeRun(trace(hb, riseThenHover(8, 2 / lr)));
  assert.ok(!atGd.hovers, "settling at 2/η is not the heavy-ball edge");
  assert.equal(edgeVerdict([atGd]), "refuted");
});

Deno.test("outlier rule: C in at least 4 of 5 settings confirms; C − 1 in 4 of 5 refutes; otherwise qualified", () => {
  const rows = (f: (c: number) => number) =>
    [2, 3, 4, 5, 6].map((c) => ({ classes: c, count: f(c) }));
  assert.equal(judgeOutlierCounts(rows((c) => c)).verdict, "confirmed");
  assert.equal(judgeOutlierCounts(rows((c) => (c === 6 ? 7 : c))).verdict, "confirmed");
  assert.equal(judgeOutlierCounts(rows((c) => (c > 4 ? c + 1 : c))).verdict, "qualified");
  assert.equal(judgeOutlierCounts(rows((c) => c - 1)).verdict, "refuted");
  assert.equal(judgeOutlierCounts(rows((c) => (c === 2 ? 2 : c - 1))).verdict, "refuted");
  assert.equal(judgeOutlierCounts(rows(() => 1)).verdict, "qualified");
  const j = judgeOutlierCounts(rows((c) => (c < 4 ? c - 1 : c)));
  assert.deepEqual([j.matchC, j.matchCMinus1, j.needed], [3, 2, 4]);
  // Fewer than five settings: all must match.
  assert.equal(judgeOutlierCounts(rows((c) => c).slice(0, 3)).verdict, "confirmed");
  assert.equal(
    judgeOutlierCounts([{ classes: 2, count: 2 }, { classes: 3, count: 4 }]).verdict,
    "qualified",
  );
  assert.throws(() => judgeOutlierCounts([]), /no settings/);
});

Deno.test("BatchNorm rule: suppressed by both measures in ≥ 4 of 5 seeds confirms; by neither in ≥ 4 refutes", () => {
  const seed = (count: number, ratio: number) => ({
    plain: { count: 4, ratio: 5 },
    batchnorm: { count, ratio },
  });
  assert.equal(judgeBatchNormOutliers(Array(5).fill(seed(1, 2))).verdict, "confirmed");
  assert.equal(
    judgeBatchNormOutliers([...Array(4).fill(seed(1, 2)), seed(5, 9)]).verdict,
    "confirmed",
  );
  assert.equal(
    judgeBatchNormOutliers([...Array(3).fill(seed(1, 2)), seed(5, 9), seed(5, 9)]).verdict,
    "qualified",
  );
  // Fewer outliers but a higher ratio in every seed: the two measures disagree.
  assert.equal(judgeBatchNormOutliers(Array(5).fill(seed(1, 9))).verdict, "qualified");
  assert.equal(judgeBatchNormOutliers(Array(5).fill(seed(4, 5))).verdict, "refuted");
  assert.equal(
    judgeBatchNormOutliers([...Array(4).fill(seed(6, 9)), seed(1, 2)]).verdict,
    "refuted",
  );
  const j = judgeBatchNormOutliers([seed(1, 9), seed(1, 2), seed(4, 2), seed(5, 9), seed(3, 4)]);
  assert.deepEqual([j.countLower, j.ratioLower], [3, 3]);
});

Deno.test("tracking rule: the empirical Fisher must win the paired ρ comparison against both others in ≥ 2/3 of rows", () => {
  const row = (h: number, e: number, f: number): TrackingRow => ({
    rho: { hessian: h, empirical: e, fisher: f },
    error: { hessian: 1 - h, empirical: 1 - e, fisher: 1 - f },
  });
  const many = (r: TrackingRow, k: number) => Array(k).fill(r);
  assert.equal(judgeTracking(many(row(0.2, 0.9, 0.5), 6)).verdict, "confirmed");
  assert.equal(judgeTracking(many(row(0.2, 0.5, 0.9), 6)).tracked, "fisher");
  assert.equal(judgeTracking(many(row(0.2, 0.5, 0.9), 6)).verdict, "refuted");
  assert.equal(judgeTracking(many(row(0.9, 0.5, 0.2), 6)).verdict, "refuted");
  // 4 of 6 (= 2/3) wins confirm; 3 of 6 do not.
  assert.equal(
    judgeTracking([...many(row(0.1, 0.9, 0.5), 4), ...many(row(0.1, 0.5, 0.9), 2)]).verdict,
    "confirmed",
  );
  assert.equal(
    judgeTracking([...many(row(0.1, 0.9, 0.5), 3), ...many(row(0.1, 0.5, 0.9), 3)]).verdict,
    "qualified",
  );
  const j = judgeTracking([row(0.1, 0.2, 0.3), row(0.5, 0.6, 0.4), row(0.9, 0.7, 0.8)]);
  assert.deepEqual(j.medianRho, { hessian: 0.5, empirical: 0.6, fisher: 0.4 });
  assert.equal(j.tracked, "empirical");
  assert.throws(() => judgeTracking([]), /no rows/);
});

Deno.test("scaledRelativeError is sin∠(v, d): scale-free, 0 for multiples, symmetric in the angle (property)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 20 }),
      fc.integer({ min: 0, max: 1e6 }),
      fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
      (n, seed, scale) => {
        const r = new Rng(seed);
        const v = Array.from(r.normalVector(n)), d = Array.from(r.normalVector(n));
        const e = scaledRelativeError(v, d);
        const cos = v.reduce((s, x, i) => s + x * d[i], 0) /
          (Math.hypot(...v) * Math.hypot(...d));
        assertClose(e, Math.sqrt(1 - cos * cos), { rtol: 1e-9, atol: 1e-12 });
        assertClose(scaledRelativeError(v, d.map((x) => scale * x)), e, {
          rtol: 1e-9,
          atol: 1e-12,
        });
        assert.ok(scaledRelativeError(v, v.map((x) => -scale * x)) < 1e-6);
      },
    ),
    { seed: 3, numRuns: 100 },
  );
  assert.throws(() => scaledRelativeError([0, 0], [1, 2]), /v is zero/);
  assert.throws(() => scaledRelativeError([1], [1, 2]), /must be equal/);
});

Deno.test("edgeOfStabilityRuns: each run is trackSharpness on the chapter's problem; the snapshot is the largest late overshoot", () => {
  const r = edgeOfStabilityRuns({
    lrs: [0.2],
    time: 40,
    every: 20,
    momentum: { lr: 0.2, beta: 0.5 },
  });
  const net = new Mlp({ layers: [1, 30, 20, 1], activation: "tanh" });
  const obj = mlpObjective(net, chebyshevRegression(), "mse");
  const ref = trackSharpness(obj, net.init({ seed: 1 }), {
    lr: 0.2,
    steps: 200,
    every: 20,
    lanczos: { seed: 1 },
  });
  assert.deepEqual(r.gd[0].sharpness, ref.sharpness);
  assert.deepEqual(Array.from(r.gd[0].loss), Array.from(ref.loss));
  assert.equal(r.momentum.steps, 200);
  assertClose(r.momentum.threshold, 15, { rtol: 1e-12 });
  const late = ref.sharpness.filter((s, i) => ref.sharpnessSteps[i] >= 100 && s > ref.threshold);
  if (late.length === 0) assert.equal(r.gd[0].snapshot, undefined);
  else {
    const snap = r.gd[0].snapshot!;
    assert.equal(snap.sharpness, Math.max(...late));
    assertClose(obj.f(snap.x), ref.loss[snap.t], { rtol: 0 });
  }
  assert.throws(() => edgeOfStabilityRuns({ lrs: [] }), /option lrs is empty/);
});

Deno.test("localQuadraticRun: the model's loss is f + gᵀd + ½dᵀHd with the dense Hessian, and d follows its recurrence", () => {
  const net = new Mlp({ layers: [1, 3, 1], activation: "tanh" });
  const obj = mlpObjective(net, chebyshevRegression({ points: 6, degree: 2 }), "mse");
  const x = net.init({ seed: 4 });
  const H = obj.hessian(x), g = obj.grad(x), f0 = obj.f(x), lr = 0.3;
  const q = new Float64Array(net.size).fill(1 / Math.sqrt(net.size));
  const r = localQuadraticRun(obj, x, lr, 6, q);
  let d = new Float64Array(net.size);
  for (let k = 0; k <= 6; k++) {
    const Hd = H.map((row) => row.reduce((s, h, j) => s + h * d[j], 0));
    const model = f0 + d.reduce((s, v, i) => s + v * g[i] + 0.5 * v * Hd[i], 0);
    assertClose(r.loss[k], model, { rtol: 1e-12, atol: 1e-15 });
    assertClose(r.along[k], d.reduce((s, v, i) => s + v * q[i], 0), { rtol: 1e-12, atol: 1e-15 });
    d = d.map((v, i) => v - lr * (g[i] + Hd[i]));
  }
  assert.throws(
    () => localQuadraticRun({ f: () => 0, grad: () => new Float64Array(1) }, x, lr, 1),
    /has no hvp/,
  );
});

Deno.test("outlierRun: eigenvalues equal eigh of the exact Hessian and sum to its trace; class-mean singular values; eigenvector shares", () => {
  const setting = { classes: 3, seed: 2, steps: 150, hidden: 6 };
  const r = outlierRun(setting);
  const t = trainClassifier(setting);
  const H = t.objective.hessian(t.x);
  assertAllClose(r.eigenvalues, eigh(H).values.slice().reverse(), { rtol: 1e-10, atol: 1e-12 });
  assertClose(r.eigenvalues.reduce((a, b) => a + b, 0), H.reduce((s, row, i) => s + row[i], 0), {
    rtol: 1e-10,
  });
  const s = r.topVectorShare;
  assertClose(s.hidden + s.batchnorm + s.output, 1, { rtol: 1e-12 });
  assert.equal(s.batchnorm, 0);
  // Σ πc ḡc = ∇f, so the smallest singular value of the √πc ḡc is at most ‖∇f‖.
  const sv = r.classMeanSingularValues;
  assert.equal(sv.length, 3);
  assert.ok(sv[2] <= r.gradNorm * (1 + 1e-9), `${sv[2]} vs ${r.gradNorm}`);
  assert.ok(sv[0] >= sv[1] && sv[1] >= sv[2]);
  assert.equal(r.samples, 180);
  assert.ok(r.accuracy > 0.5 && r.accuracy <= 1);
  assert.equal(outlierRun({ ...setting }), r, "cached by setting");
  assert.throws(() => outlierRun({ classes: 1, seed: 1 }), /classes must be an integer ≥ 2/);
});

Deno.test("batchNormOutliers and outlierDensity: BatchNorm adds γ, β per hidden unit; SLQ integrates to 1 and sees the same top", () => {
  const pairs = batchNormOutliers({ seeds: [1, 2], steps: 20, hidden: 5 });
  for (const p of pairs) {
    assert.equal(p.batchnorm.parameters, p.plain.parameters + 10);
    assert.ok(p.batchnorm.batchnorm && !p.plain.batchnorm);
  }
  const d = outlierDensity({ classes: 3, seed: 1, hidden: 10, steps: 50, probes: 3, slqSteps: 30 });
  assertClose(d.density.integral, 1, { rtol: 1e-3 });
  const t = trainClassifier({ classes: 3, seed: 1, hidden: 10, steps: 50 });
  const dense = eigh(t.objective.hessian(t.x)).values.slice().reverse();
  assertAllClose(d.top, dense.slice(0, 8), { rtol: 1e-6, atol: 1e-9 });
});

Deno.test("adamMomentsVsCurvature: the true Fisher diagonal is fisherDiagonal at the snapshot, and the new ρ and errors match", () => {
  const r = adamMomentsVsCurvature({ seeds: [5], batchSizes: [8], checkpoints: [25] });
  const snap = r.final[0], row = r.checkpoints[0];
  const iris = irisMlp();
  assertAllClose(snap.trueFisherDiagonal, fisherDiagonal(iris.net, iris.data, snap.x), {
    rtol: 1e-14,
  });
  assertClose(row.errVTrueF, scaledRelativeError(snap.vHat, snap.trueFisherDiagonal), {
    rtol: 1e-14,
  });
  assertClose(row.errVH, scaledRelativeError(snap.vHat, snap.hessianDiagonal), { rtol: 1e-14 });
  assertClose(row.errVF, scaledRelativeError(snap.vHat, snap.fisherDiagonal), { rtol: 1e-14 });
  assert.ok(Math.abs(row.rhoVTrueF) <= 1);
});

Deno.test("claims beyond the paper: marked, cited with keys of book/references.bib (authors, title, venue, year), shown as such", () => {
  const bib = Deno.readTextFileSync(join(ROOT, "book", "references.bib"));
  const entries = new Map<string, string>();
  for (const m of bib.matchAll(/@\w+\{([a-z0-9]+),([\s\S]*?)\n\}/g)) entries.set(m[1], m[2]);
  for (const key of ["cohen2021", "sagun2017", "papyan2019", "ghorbani2019", "kunstner2019"]) {
    const body = entries.get(key);
    assert.ok(body, `${key} is missing from references.bib`);
    for (const field of ["author", "title", "year"]) {
      assert.match(body, new RegExp(`\\b${field}\\s*=`));
    }
    assert.match(body, /\b(booktitle|journal|note|archivePrefix)\s*=/, `${key} has no venue`);
  }
  const beyond = CLAIMS.filter(isBeyondPaper);
  assert.deepEqual(beyond.map((c) => c.id).sort(), [
    "adam-tracks-empirical-fisher",
    "batchnorm-suppresses-outliers",
    "edge-of-stability",
    "edge-of-stability-momentum",
    "hessian-outliers-per-class",
  ]);
  for (const c of beyond) {
    for (const k of citation(c.reference!).slice(1, -1).split("; ")) {
      assert.ok(entries.has(k.slice(1)), `${c.id} cites ${k}, not in references.bib`);
    }
  }
  assert.ok(CLAIMS.filter((c) => !isBeyondPaper(c)).every((c) => c.source === undefined));
  const fake: Claim = {
    ...beyond[0],
    evaluate: () => ({ verdict: beyond[0].expected, summary: "measured", numbers: {} }),
  };
  const md = mimeBundle(showVerdict(fake))["text/markdown"];
  assert.match(md, /Claim check \(beyond the paper\)/);
  assert.match(md, /\[@cohen2021\]/);
  assert.match(md, /hx-beyond/);
  const paper = CLAIMS.find((c) => !isBeyondPaper(c))!;
  const plain = mimeBundle(
    showVerdict({ ...paper, evaluate: fake.evaluate, expected: fake.expected }),
  );
  assert.match(plain["text/markdown"], /\*\*Claim check\.\*\* The paper:/);
  assert.throws(() => citation(" ; "), /no citation key/);
});

Deno.test("fisherDiagonal of a trained classifier differs from the empirical Fisher, which depends on the labels", () => {
  const t = trainClassifier({ classes: 3, seed: 3, steps: 100, hidden: 6 });
  const F = fisherDiagonal(t.net, t.data, t.x);
  const shuffled = {
    ...t.data,
    y: new Rng(1).permutation(t.data.y.length).map((i) => t.data.y[i]),
  };
  assert.deepEqual(fisherDiagonal(t.net, shuffled, t.x), F);
  const emp = (y: number[]) => {
    const o = mlpObjective(t.net, { x: t.data.x, y }, "cross_entropy");
    const out = new Float64Array(t.net.size);
    for (let i = 0; i < y.length; i++) {
      o.gradBatch(t.x, [i]).forEach((g, j) => (out[j] += g * g / y.length));
    }
    return out;
  };
  assert.notDeepEqual(emp(shuffled.y), emp(t.data.y));
  assert.ok(scaledRelativeError(emp(t.data.y), F) > 0);
  // Sanity against a quadratic: fisherDiagonal needs an Mlp.
  assert.throws(
    () => fisherDiagonal(quadraticObjective([[1]]) as never, t.data, t.x),
    /must be an Mlp/,
  );
});

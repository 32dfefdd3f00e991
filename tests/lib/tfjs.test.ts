import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { ad, grad, hessian } from "../../lib/autodiff/mod.ts";
import { gaussianBlobs, loadIris, oneHot } from "../../lib/data/mod.ts";
import { mimeBundle } from "../../lib/display.ts";
import { Mlp, modelFromSpec } from "../../lib/nn/mod.ts";
import { momentum } from "../../lib/optim/mod.ts";
import { logisticRegressionObjective } from "../../lib/optim/mod.ts";
import {
  compareOptimizerWithTfjs,
  initTfjs,
  tfjsLoss,
  tfjsSecondDerivativeDemo,
  trainMlpTfjs,
} from "../../lib/tfjs/mod.ts";

type Act = "relu" | "sigmoid" | "tanh" | "softplus" | "linear";

function ourLoss(
  spec: {
    model: ConstructorParameters<typeof Mlp>[0];
    loss: "mse" | "cross_entropy";
    params: number[];
    data: { x: number[][]; y: number[] | number[][] };
  },
) {
  return new Mlp(spec.model).loss(spec.params, spec.data, spec.loss).value;
}

/** Capture everything written to the console while fn runs. */
async function captureConsole(fn: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const saved = { log: console.log, warn: console.warn, info: console.info, error: console.error };
  const grab = (...a: unknown[]) => void lines.push(a.map(String).join(" "));
  Object.assign(console, { log: grab, warn: grab, info: grab, error: grab });
  try {
    await fn();
  } finally {
    Object.assign(console, saved);
  }
  return lines;
}

Deno.test("initTfjs: wasm backend, idempotent, and silent (also on the cpu backend)", async () => {
  let info = await initTfjs();
  const printed = await captureConsole(async () => {
    info = await initTfjs();
    await tfjsLoss({
      model: { layers: [1, 1], activation: "linear", batchnorm: false, residual: false },
      loss: "mse",
      params: [1, 0],
      data: { x: [[1]], y: [[1]] },
    });
  });
  check(info.backend === "wasm", `backend ${info.backend}: ${info.note}`);
  check(info.version.startsWith("4."), info.version);
  check(printed.length === 0, `printed: ${printed.join(" | ")}`);
  const cpuPrinted = await captureConsole(async () => {
    const cpu = await initTfjs({ backend: "cpu" });
    check(cpu.backend === "cpu", cpu.note);
    await tfjsLoss({
      model: { layers: [1, 1], activation: "linear", batchnorm: false, residual: false },
      loss: "mse",
      params: [1, 0],
      data: { x: [[1]], y: [[1]] },
    }, { backend: "cpu" });
  });
  check(cpuPrinted.length === 0, `cpu printed: ${cpuPrinted.join(" | ")}`);
  check((await initTfjs()).backend === "wasm", "switches back to wasm");
});

Deno.test("tfjsLoss equals our float64 loss to float32 precision for every activation, BN, residual, loss", async () => {
  const iris = loadIris({ seed: 2 });
  const acts: Act[] = ["relu", "sigmoid", "tanh", "softplus", "linear"];
  for (const activation of acts) {
    for (const batchnorm of [false, true]) {
      for (const loss of ["cross_entropy", "mse"] as const) {
        const model = { layers: [4, 6, 6, 3], activation, batchnorm, residual: true };
        const params = Array.from(new Mlp(model).init({ seed: 5 }));
        const data = {
          x: iris.train.x,
          y: loss === "mse" ? oneHot(iris.train.y, 3) : iris.train.y,
        };
        const spec = { model, loss, params, data };
        const ours = ourLoss(spec);
        const theirs = await tfjsLoss(spec);
        assertClose(theirs, ours, {
          rtol: 2e-6,
          atol: 1e-7,
          label: `${activation} bn=${batchnorm} ${loss}`,
        });
      }
    }
  }
});

Deno.test("trainMlpTfjs: weights come back in the spec layout; our float64 loss at them matches tfjs's", async () => {
  const iris = loadIris({ seed: 0 });
  for (
    const [activation, batchnorm, optimizer] of [
      ["tanh", false, "adam"],
      ["relu", true, "momentum"],
      ["sigmoid", true, "sgd"],
    ] as const
  ) {
    const model = { layers: [4, 8, 8, 3], activation, batchnorm, residual: true };
    const params = Array.from(new Mlp(model).init({ seed: 1 }));
    const spec = { model, loss: "cross_entropy", params, data: iris.train };
    const r = await trainMlpTfjs(spec, {
      optimizer,
      lr: optimizer === "sgd" ? 0.5 : 0.02,
      steps: 150,
    });
    check(r.backend === "wasm", r.note);
    check(r.params.length === params.length && r.spec.params === r.params, "layout size");
    check(r.finalLoss < 0.5 * r.losses[0], `${activation}: loss ${r.losses[0]} → ${r.finalLoss}`);
    // The float64 loss of the trained weights (exactly the float32 values) agrees with tfjs.
    assertClose(r.finalLoss, ourLoss(r.spec), {
      rtol: 2e-6,
      atol: 1e-7,
      label: `${activation} final loss`,
    });
    // And the exact Hessian of the trained network is there to take.
    if (activation === "tanh") {
      const { loss, params: p } = modelFromSpec(r.spec);
      const H = hessian(loss)(p);
      check(
        H.length === p.length && H.every((row) => row.every(Number.isFinite)),
        "finite Hessian",
      );
      for (let i = 0; i < H.length; i++) {
        for (let j = 0; j < i; j++) assertClose(H[i][j], H[j][i], { rtol: 1e-9, atol: 1e-12 });
      }
    }
  }
});

Deno.test("trainMlpTfjs: one SGD step is θ − α∇L(θ) with our float64 gradient (same layout)", async () => {
  const blobs = gaussianBlobs({ perClass: 20, classes: 3, seed: 4 }).data;
  for (const batchnorm of [false, true]) {
    const model = { layers: [2, 5, 3], activation: "tanh" as const, batchnorm, residual: false };
    const params = Array.from(new Mlp(model).init({ seed: 2 })).map(Math.fround);
    const spec = { model, loss: "cross_entropy" as const, params, data: blobs };
    const r = await trainMlpTfjs(spec, { optimizer: "sgd", lr: 0.5, steps: 1 });
    const g = grad(new Mlp(model).lossFunction(blobs, "cross_entropy"))(params);
    const expected = params.map((p, i) => p - 0.5 * g[i]);
    assertAllClose(r.params, expected, { rtol: 1e-5, atol: 1e-6, label: `bn=${batchnorm}` });
    assertClose(r.losses[0], ourLoss(spec), { rtol: 2e-6 });
  }
  // Mini-batches are seeded: same seed, same weights.
  const model = {
    layers: [2, 4, 3],
    activation: "tanh" as const,
    batchnorm: false,
    residual: false,
  };
  const spec = {
    model,
    loss: "cross_entropy",
    params: Array.from(new Mlp(model).init({ seed: 9 })),
    data: blobs,
  };
  const a = await trainMlpTfjs(spec, { batchSize: 8, steps: 20, seed: 3 });
  const b = await trainMlpTfjs(spec, { batchSize: 8, steps: 20, seed: 3 });
  check(a.params.join() === b.params.join(), "seeded mini-batches");
});

Deno.test("trainMlpTfjs rejects a bad spec or options naming the field", async () => {
  const good = {
    model: { layers: [1, 1], activation: "linear", batchnorm: false, residual: false },
    loss: "mse",
    params: [1, 0],
    data: { x: [[1]], y: [[1]] },
  };
  const cases: [unknown, object, string][] = [
    [{ ...good, params: [1] }, {}, "params"],
    [{ ...good, model: { ...good.model, activation: "relux" } }, {}, "model.activation"],
    [good, { optimizer: "lbfgs" }, "option optimizer"],
    [good, { batchSize: 0 }, "option batchSize"],
  ];
  for (const [spec, opts, text] of cases) {
    let msg = "";
    try {
      await trainMlpTfjs(spec, opts);
    } catch (e) {
      msg = (e as Error).message;
    }
    check(msg.startsWith("Cannot") && msg.includes(text), `expected "${text}", got "${msg}"`);
  }
});

Deno.test("our sgd, momentum, nesterov and adam match tf.train.* step by step for 100 steps", async () => {
  const b =
    gaussianBlobs({ perClass: 30, classes: 2, dim: 3, spread: 1.5, radius: 1, seed: 1 }).data;
  const x = b.x.map((r) => [1, ...r]);
  const w0 = [0.1, -0.2, 0.3, 0];
  for (const optimizer of ["sgd", "momentum", "nesterov", "adam"] as const) {
    const c = await compareOptimizerWithTfjs({
      optimizer,
      lr: optimizer === "adam" ? 0.05 : 0.5,
      x,
      y: b.y,
      w0,
      steps: 100,
    });
    check(c.ours.length === 101 && c.tfjs.length === 101, "101 iterates each");
    // Float32 tolerance: the paths agree to ~1e-6 although they travel far.
    check(c.maxRelDiff < 1e-4, `${optimizer}: max relative difference ${c.maxRelDiff}`);
    const travel = Math.hypot(...c.ours[100].map((v, i) => v - c.ours[0][i]));
    check(travel > 0.5, `${optimizer} moved only ${travel}`);
    // Our path is our optimizer run on the float32-rounded problem.
    const obj = logisticRegressionObjective(x.map((r) => r.map(Math.fround)), b.y);
    check(c.optimizer.startsWith(optimizer === "nesterov" ? "nesterov" : optimizer), c.optimizer);
    check(obj.f(c.ours[100]) < obj.f(c.ours[0]), "descends");
  }
  // The check discriminates: heavy ball against tfjs's Nesterov differs far beyond float32.
  const nest = await compareOptimizerWithTfjs({
    optimizer: "nesterov",
    lr: 0.5,
    x,
    y: b.y,
    w0,
    steps: 50,
  });
  const heavy = momentum({ lr: 0.5, momentum: 0.9 }).start(
    logisticRegressionObjective(x.map((r) => r.map(Math.fround)), b.y),
    w0.map(Math.fround),
  );
  let worst = 0;
  for (let k = 1; k <= 50; k++) {
    const xk = heavy.step().x;
    worst = Math.max(worst, ...xk.map((v, i) => Math.abs(v - nest.tfjs[k][i])));
  }
  check(worst > 1e-2, `heavy ball vs Nesterov differ by only ${worst}`);
});

Deno.test("tfjs second derivatives: for each case tfjs differs from the exact value or throws", async () => {
  const demo = await tfjsSecondDerivativeDemo();
  check(demo.cases.length === 2, "two cases");
  for (const c of demo.cases) {
    check(c.differs || c.threw, `tfjs got "${c.name}" right: ${c.tfjs} vs exact ${c.exact}`);
    check(c.verdict === (c.threw ? "threw" : "wrong"), c.verdict);
  }
  check(demo.broken, "broken");
  // The exact values are right: closed form against our autodiff and finite differences.
  const [tanhCase, ceCase] = demo.cases;
  const f = (x: ad.Tensor) => ad.sum(ad.tanh(ad.mul(x, x)));
  assertClose(tanhCase.exact[0], hessian(f)([1])[0][0], { rtol: 1e-12 });
  const fp = (x: number) => 2 * x * (1 - Math.tanh(x * x) ** 2); // f′, by hand
  const h = 1e-4;
  assertClose(
    tanhCase.exact[0],
    (fp(1 - 2 * h) - 8 * fp(1 - h) + 8 * fp(1 + h) - fp(1 + 2 * h)) / (12 * h),
    {
      rtol: 1e-9,
    },
  );
  assertClose(tanhCase.exact[0], -1.7188513505688, { rtol: 1e-12 }); // 2(1 − tanh²1)(1 − 4 tanh 1)
  const ce = (z: ad.Tensor) => ad.softmaxCrossEntropy(ad.reshape(z, [1, 3]), [1]);
  const H = hessian(ce)([0.5, -1, 2]);
  assertAllClose(ceCase.exact, H.flatMap((r) => Array.from(r)), { rtol: 1e-12, atol: 1e-15 });
  // Display: a table naming each case and its verdict.
  const html = mimeBundle(demo)["text/html"];
  check(html.includes("tanh") && html.includes(demo.cases[0].verdict), html);
});

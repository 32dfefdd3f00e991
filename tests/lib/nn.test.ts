import fc from "fast-check";
import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { assertErrors } from "./_helpers.ts";
import { checkGrads, hessian, valueAndGrad } from "../../lib/autodiff/mod.ts";
import { Mlp, mlp, mlpLayout } from "../../lib/nn/mod.ts";
import { Rng } from "../../lib/random.ts";

/**
 * An independent reference of the model-spec forward pass and loss, written
 * from the contract with plain loops (no autodiff, no shared code).
 */
function referenceLoss(
  layers: number[],
  act: string,
  batchnorm: boolean,
  residual: boolean,
  loss: "mse" | "cross_entropy",
  p: ArrayLike<number>,
  X: number[][],
  Y: number[][] | number[],
): number {
  const phi = (z: number): number => {
    switch (act) {
      case "relu":
        return Math.max(0, z);
      case "sigmoid":
        return 1 / (1 + Math.exp(-z));
      case "tanh":
        return Math.tanh(z);
      case "softplus":
        return Math.log(1 + Math.exp(z));
      case "gelu": {
        // x·Φ(x) by Simpson integration of the normal density (independent of erf)
        const m = 2000, a = -10, b = z;
        if (b <= a) return 0;
        const h = (b - a) / m;
        let s = 0;
        for (let k = 0; k <= m; k++) {
          const t = a + k * h, w = k === 0 || k === m ? 1 : k % 2 ? 4 : 2;
          s += w * Math.exp(-t * t / 2);
        }
        return z * (s * h / 3) / Math.sqrt(2 * Math.PI);
      }
      default:
        return z;
    }
  };
  let at = 0;
  const take = (n: number) => Array.from({ length: n }, () => p[at++]);
  let h = X.map((r) => r.slice());
  const L = layers.length - 1, N = X.length;
  for (let l = 1; l <= L; l++) {
    const din = layers[l - 1], dout = layers[l];
    const W = take(din * dout), b = take(dout);
    let z = h.map((row) =>
      Array.from(
        { length: dout },
        (_, j) => row.reduce((s, v, i) => s + v * W[i * dout + j], 0) + b[j],
      )
    );
    if (l === L) {
      h = z;
      break;
    }
    if (batchnorm) {
      const g = take(dout), be = take(dout);
      const mu = Array.from({ length: dout }, (_, j) => z.reduce((s, r) => s + r[j], 0) / N);
      const va = Array.from(
        { length: dout },
        (_, j) => z.reduce((s, r) => s + (r[j] - mu[j]) ** 2, 0) / N,
      );
      z = z.map((r) => r.map((v, j) => g[j] * (v - mu[j]) / Math.sqrt(va[j] + 1e-5) + be[j]));
    }
    const a = z.map((r) => r.map(phi));
    h = residual && l >= 2 && dout === din ? h.map((r, i) => r.map((v, j) => v + a[i][j])) : a;
  }
  if (at !== p.length) throw new Error(`reference consumed ${at} of ${p.length} params`);
  if (loss === "mse") {
    const Yr = Y as number[][];
    let s = 0;
    h.forEach((r, i) => r.forEach((v, j) => s += (v - Yr[i][j]) ** 2));
    return s / (N * layers[L]);
  }
  const y = Y as number[];
  return h.reduce((s, r, i) => {
    const m = Math.max(...r);
    return s + m + Math.log(r.reduce((t, v) => t + Math.exp(v - m), 0)) - r[y[i]];
  }, 0) / N;
}

function dataFor(rng: Rng, N: number, layers: number[], loss: "mse" | "cross_entropy") {
  const d0 = layers[0], dL = layers[layers.length - 1];
  const x = Array.from({ length: N }, () => Array.from(rng.normalVector(d0)));
  const y = loss === "mse"
    ? Array.from({ length: N }, () => Array.from(rng.normalVector(dL)))
    : Array.from({ length: N }, () => rng.int(dL));
  return { x, y };
}

const ACTS = ["relu", "sigmoid", "tanh", "softplus", "gelu", "linear"];
const VARIANTS = [
  { batchnorm: false, residual: false },
  { batchnorm: true, residual: false },
  { batchnorm: false, residual: true },
  { batchnorm: true, residual: true },
];

for (const act of ACTS) {
  for (const v of VARIANTS) {
    for (const loss of ["mse", "cross_entropy"] as const) {
      const name = `MLP ${act}${v.batchnorm ? " +BN" : ""}${
        v.residual ? " +residual" : ""
      } ${loss}`;
      Deno.test(`${name}: loss matches the reference; gradcheck and gradgradcheck pass`, () => {
        fc.assert(
          fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
            const rng = new Rng(seed);
            const layers = [3, 4, 4, 3];
            const net = new Mlp({ layers, activation: act, ...v });
            const p = net.init({ seed });
            // perturb biases, γ and β away from their init so every parameter matters
            for (let i = 0; i < p.length; i++) p[i] += 0.3 * rng.normal();
            const data = dataFor(rng, 6, layers, loss);
            const f = net.lossFunction(data, loss);
            const { value } = valueAndGrad(f)(p);
            const ref = referenceLoss(
              layers,
              act,
              v.batchnorm,
              v.residual,
              loss,
              p,
              data.x,
              data.y,
            );
            assertClose(value, ref, { rtol: act === "gelu" ? 1e-9 : 1e-12, atol: 1e-14 });
            // relu: a small step keeps finite differences off the kinks
            const step = act === "relu" ? 1e-5 : 1e-3;
            const r = checkGrads(f, p, {
              seed,
              step,
              rtol: 1e-6,
              atol: act === "relu" ? 1e-6 : 1e-7,
            });
            check(r.ok, r.message);
          }),
          { seed: 42, numRuns: 3 },
        );
      });
    }
  }
}

Deno.test("layout: offsets follow W, b, γ, β per layer; residual only where the contract allows", () => {
  const L = mlpLayout({
    layers: [3, 3, 3, 5, 5, 2],
    activation: "tanh",
    batchnorm: true,
    residual: true,
  });
  let at = 0;
  for (const l of L.layers) {
    check(l.W.offset === at, `W${l.layer} at ${at}`);
    at += l.input * l.output;
    check(l.b.offset === at, `b${l.layer}`);
    at += l.output;
    if (l.hidden) {
      check(l.gamma?.offset === at && l.beta?.offset === at + l.output, `γβ${l.layer}`);
      at += 2 * l.output;
    } else check(l.gamma === null && l.beta === null, "no BN on the output layer");
  }
  check(L.size === at, "size");
  // layer 1 never (even with d0 = d1), layer 2 (3→3) yes, layer 3 (3→5) no, layer 4 (5→5) yes, output no
  check(L.layers.map((l) => l.residual).join() === "false,true,false,true,false", "residual rule");
  const noBn = mlpLayout({ layers: [2, 2], activation: "relu" });
  check(noBn.size === 6 && !noBn.layers[0].hidden, "no hidden layer");
});

Deno.test("the 20k-parameter benchmark architecture has 20163 parameters", () => {
  // 12·96+96 + 2·(96·96+96) + 96·3+3
  check(
    mlp({ layers: [12, 96, 96, 96, 3], activation: "tanh", residual: true }).size === 20163,
    "size",
  );
});

Deno.test("no hidden layer, mse: Hessian is (2/(N·dL))·[X 1]ᵀ[X 1] per output, interleaved by the layout", () => {
  const rng = new Rng(9);
  const N = 7, d0 = 3, dL = 2;
  const net = new Mlp({ layers: [d0, dL], activation: "relu" });
  const data = dataFor(rng, N, [d0, dL], "mse");
  const H = hessian(net.lossFunction(data, "mse"))(rng.normalVector(net.size));
  const n = net.size, expected = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  // parameter of (input feature a or bias, output j): W at a·dL + j, b at d0·dL + j
  const idx = (a: number, j: number) => (a < d0 ? a * dL + j : d0 * dL + j);
  const feat = (i: number, a: number) => (a < d0 ? data.x[i][a] : 1);
  for (let j = 0; j < dL; j++) {
    for (let a = 0; a <= d0; a++) {
      for (let b = 0; b <= d0; b++) {
        let s = 0;
        for (let i = 0; i < N; i++) s += feat(i, a) * feat(i, b);
        expected[idx(a, j)][idx(b, j)] = (2 / (N * dL)) * s;
      }
    }
  }
  assertAllClose(H, expected, { rtol: 1e-13, atol: 1e-14 });
});

Deno.test("init: seeded, He and Xavier scales, zero biases, γ = 1 and β = 0", () => {
  const net = new Mlp({ layers: [200, 300, 10], activation: "relu", batchnorm: true });
  const a = net.init({ seed: 3 }), b = net.init({ seed: 3 }), c = net.init({ seed: 4 });
  check(a.every((v, i) => v === b[i]) && a.some((v, i) => v !== c[i]), "seeded");
  const [l1, l2] = net.layout.layers;
  const ms = (p: Float64Array, blk: { offset: number; length: number }) => {
    let s = 0;
    for (let i = 0; i < blk.length; i++) s += p[blk.offset + i] ** 2;
    return s / blk.length;
  };
  assertClose(ms(a, l1.W), 2 / 200, { rtol: 0.02 }); // He (relu default), 60000 draws
  const x = net.init({ seed: 3, scheme: "xavier" });
  assertClose(ms(x, l1.W), 2 / 500, { rtol: 0.02 });
  assertClose(ms(x, l2.W), 2 / 310, { rtol: 0.1 });
  check(ms(a, l1.b) === 0 && ms(a, l1.beta!) === 0 && ms(a, l1.gamma!) === 1, "b, β, γ");
});

Deno.test("pack and unpack are inverse and follow the layout", () => {
  const net = new Mlp({ layers: [2, 3, 1], activation: "tanh", batchnorm: true });
  const p = new Rng(1).normalVector(net.size);
  const parts = net.unpack(p);
  check(
    parts[0].W.length === 2 && parts[0].W[0].length === 3 && parts[0].gamma?.length === 3,
    "shapes",
  );
  check(parts[0].W[1][2] === p[1 * 3 + 2], "row-major W");
  check(parts[1].gamma === undefined, "no γ on the output layer");
  assertAllClose(net.pack(parts), p);
  let msg = "";
  try {
    net.pack([parts[0]]);
  } catch (e) {
    msg = String(e);
  }
  check(msg.includes("expected 2 layers"), msg);
});

Deno.test("forward and lossFunction reject bad shapes and labels", () => {
  const net = new Mlp({ layers: [2, 3, 2], activation: "tanh" });
  const errs: [() => unknown, string][] = [
    [() => net.forward([1, 2], [[1, 2]]), "params has 2 entries, expected 17"],
    [() => net.forward(net.init(), [[1, 2, 3]]), "x must have shape [N, 2]"],
    [() => net.lossFunction({ x: [[1, 2]], y: [5] }, "cross_entropy"), "y[0] is 5"],
    [() => net.lossFunction({ x: [[1, 2]], y: [[1]] }, "mse"), "y[0] has 1 entry, expected 2"],
    [
      () => net.lossFunction({ x: [[1, 2], [3]], y: [[1, 1], [1, 1]] }, "mse"),
      "x[1] has 1 entry, expected 2",
    ],
    [() => net.lossFunction({ x: [[1, 2]], y: [0] }, "hinge" as "mse"), 'unknown loss "hinge"'],
    [
      () => new Mlp({ layers: [2, 0], activation: "tanh" }),
      "layers[1]: expected a positive integer",
    ],
    [() => new Mlp({ layers: [2, 2], activation: "swish" }), 'unknown activation "swish"'],
  ];
  assertErrors(errs);
});

Deno.test("an Mlp displays as a layer table in notebooks", () => {
  const net = new Mlp({
    layers: [2, 3, 3, 1],
    activation: "relu",
    batchnorm: true,
    residual: true,
  });
  const bundle = (net as unknown as Record<symbol, () => Record<string, string>>)[
    Symbol.for("Jupyter.display")
  ]();
  check(
    bundle["text/plain"].includes("Mlp [2, 3, 3, 1] relu +batchnorm +residual"),
    bundle["text/plain"],
  );
  check(
    bundle["text/markdown"].includes("| 2 | 3 → 3 | relu + BN + residual |"),
    bundle["text/markdown"],
  );
});

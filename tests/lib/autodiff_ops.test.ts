/**
 * gradcheck and gradgradcheck of every autodiff op: each op is fed inputs
 * that all depend on the parameter vector, then reduced to a scalar two ways,
 * linearly (constant adjoint) and through tanh and a square (adjoint and
 * adjoint-tangent both non-trivial), and checked against fourth-order finite
 * differences of the value (gradient) and of the gradient (HVP).
 */
import fc from "fast-check";
import { check } from "../../lib/assert.ts";
import {
  ad,
  checkGrads,
  hessianOperator,
  hvp,
  hvpBatch,
  type Tensor,
} from "../../lib/autodiff/mod.ts";
import { Rng } from "../../lib/random.ts";

interface OpCase {
  name: string;
  /** Number of parameters the case reads. */
  n: number;
  /** Build the op output from the parameter vector (and seeded constants). */
  build: (x: Tensor, rng: Rng) => Tensor;
  /** Shift applied to the random parameters (keeps relu away from its kink). */
  keepFromZero?: boolean;
}

const v = (x: Tensor, off: number, shape: number[]) => ad.view(x, off, shape);
const konst = (rng: Rng, shape: number[]) => {
  const size = shape.reduce((a, b) => a * b, 1);
  return ad.tensor(rng.normalVector(size), shape);
};

const cases: OpCase[] = [
  { name: "add (same shape)", n: 24, build: (x) => ad.add(v(x, 0, [3, 4]), v(x, 12, [3, 4])) },
  { name: "add (row broadcast)", n: 16, build: (x) => ad.add(v(x, 0, [3, 4]), v(x, 12, [4])) },
  { name: "add (both broadcast)", n: 7, build: (x) => ad.add(v(x, 0, [3, 1]), v(x, 3, [1, 4])) },
  { name: "add (constant)", n: 12, build: (x, r) => ad.add(konst(r, [3, 4]), v(x, 0, [3, 4])) },
  { name: "add (scalar number)", n: 5, build: (x) => ad.add(v(x, 0, [5]), 2.5) },
  { name: "add (x + x)", n: 5, build: (x) => ad.add(x, x) },
  {
    name: "add (diamond: shared inputs and outputs)",
    n: 8,
    build: (x) => {
      const a = v(x, 0, [4]), b = v(x, 4, [4]);
      const y = ad.add(a, b), z = ad.add(y, a);
      return ad.mul(ad.add(z, ad.tanh(y)), ad.sub(y, b));
    },
  },
  { name: "sub (same shape)", n: 24, build: (x) => ad.sub(v(x, 0, [3, 4]), v(x, 12, [3, 4])) },
  { name: "sub (broadcast)", n: 7, build: (x) => ad.sub(v(x, 0, [1, 4]), v(x, 4, [3, 1])) },
  { name: "sub (constant minus var)", n: 4, build: (x, r) => ad.sub(konst(r, [4]), v(x, 0, [4])) },
  { name: "mul (same shape)", n: 24, build: (x) => ad.mul(v(x, 0, [3, 4]), v(x, 12, [3, 4])) },
  { name: "mul (row broadcast)", n: 16, build: (x) => ad.mul(v(x, 0, [3, 4]), v(x, 12, [4])) },
  { name: "mul (both broadcast)", n: 7, build: (x) => ad.mul(v(x, 0, [3, 1]), v(x, 3, [1, 4])) },
  { name: "mul (square of itself)", n: 6, build: (x) => ad.mul(x, x) },
  { name: "mul (constant)", n: 6, build: (x, r) => ad.mul(v(x, 0, [2, 3]), konst(r, [3])) },
  {
    name: "matmul [m,p]·[p,n]",
    n: 6 + 12,
    build: (x) => ad.matmul(v(x, 0, [2, 3]), v(x, 6, [3, 4])),
  },
  { name: "matmul [p]·[p,n]", n: 3 + 6, build: (x) => ad.matmul(v(x, 0, [3]), v(x, 3, [3, 2])) },
  { name: "matmul [m,p]·[p]", n: 6 + 3, build: (x) => ad.matmul(v(x, 0, [2, 3]), v(x, 6, [3])) },
  { name: "matmul [p]·[p] (dot)", n: 8, build: (x) => ad.matmul(v(x, 0, [4]), v(x, 4, [4])) },
  {
    name: "matmul constant·var",
    n: 12,
    build: (x, r) => ad.matmul(konst(r, [5, 3]), v(x, 0, [3, 4])),
  },
  {
    name: "matmul var·constant",
    n: 15,
    build: (x, r) => ad.matmul(v(x, 0, [5, 3]), konst(r, [3, 2])),
  },
  {
    name: "matmul A·A (shared input)",
    n: 9,
    build: (x) => ad.matmul(v(x, 0, [3, 3]), v(x, 0, [3, 3])),
  },
  { name: "sum (all)", n: 6, build: (x) => ad.sum(v(x, 0, [2, 3])) },
  { name: "sum (axis 0)", n: 6, build: (x) => ad.sum(v(x, 0, [2, 3]), 0) },
  { name: "sum (axis -1)", n: 6, build: (x) => ad.sum(v(x, 0, [2, 3]), -1) },
  { name: "mean (all)", n: 6, build: (x) => ad.mean(v(x, 0, [2, 3])) },
  { name: "mean (axis 1)", n: 6, build: (x) => ad.mean(v(x, 0, [2, 3]), 1) },
  { name: "relu", n: 8, build: (x) => ad.relu(x), keepFromZero: true },
  { name: "sigmoid", n: 8, build: (x) => ad.sigmoid(ad.mul(x, 2)) },
  { name: "tanh", n: 8, build: (x) => ad.tanh(ad.mul(x, 1.5)) },
  { name: "softplus", n: 8, build: (x) => ad.softplus(ad.mul(x, 2)) },
  { name: "gelu", n: 8, build: (x) => ad.gelu(ad.mul(x, 2)) },
  { name: "linear", n: 8, build: (x) => ad.linear(x) },
  {
    name: "batchNorm (z, γ, β all variable)",
    n: 15 + 3 + 3,
    build: (x) => ad.batchNorm(v(x, 0, [5, 3]), v(x, 15, [3]), v(x, 18, [3])),
  },
  {
    name: "batchNorm (constant γ, β)",
    n: 12,
    build: (x, r) => ad.batchNorm(v(x, 0, [4, 3]), konst(r, [3]), konst(r, [3])),
  },
  {
    name: "batchNorm (constant z)",
    n: 6,
    build: (x, r) => ad.batchNorm(konst(r, [4, 3]), v(x, 0, [3]), v(x, 3, [3])),
  },
  {
    name: "batchNorm (eps 0.5)",
    n: 8 + 4,
    build: (x) => ad.batchNorm(v(x, 0, [2, 4]), v(x, 8, [4]), v(x, 8, [4]), { eps: 0.5 }),
  },
  { name: "residualAdd", n: 12, build: (x) => ad.residualAdd(v(x, 0, [2, 3]), v(x, 6, [2, 3])) },
  {
    name: "mse (constant target)",
    n: 6,
    build: (x, r) => ad.mse(v(x, 0, [3, 2]), konst(r, [3, 2])),
  },
  { name: "mse (variable target)", n: 12, build: (x) => ad.mse(v(x, 0, [3, 2]), v(x, 6, [3, 2])) },
  {
    name: "softmaxCrossEntropy",
    n: 12,
    build: (x) => ad.softmaxCrossEntropy(ad.mul(v(x, 0, [4, 3]), 2), [0, 2, 1, 2]),
  },
  { name: "view", n: 10, build: (x) => v(x, 3, [2, 3]) },
  { name: "reshape", n: 6, build: (x) => ad.reshape(x, [3, 2]) },
];

/** Reduce linearly: ȳ is a constant, ȳ˙ = 0. */
function linearReduce(y: Tensor, rng: Rng): Tensor {
  return ad.sum(ad.mul(y, konst(rng, [...y.shape])));
}

/** Reduce through tanh and a square: ȳ depends on y and ȳ˙ ≠ 0. */
function curvedReduce(y: Tensor, rng: Rng): Tensor {
  const w = konst(rng, [...y.shape]);
  return ad.add(ad.sum(ad.mul(ad.tanh(y), w)), ad.mul(ad.sum(ad.mul(y, y)), 0.3));
}

for (const c of cases) {
  for (const [label, reduce] of [["linear", linearReduce], ["curved", curvedReduce]] as const) {
    Deno.test(`gradcheck and gradgradcheck: ${c.name}, ${label} reduction`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
          const rng = new Rng(seed);
          const x = rng.normalVector(c.n);
          if (c.keepFromZero) {
            for (let i = 0; i < x.length; i++) x[i] += x[i] >= 0 ? 0.1 : -0.1;
          }
          const f = (p: Tensor) => reduce(c.build(p, new Rng(seed + 1)), new Rng(seed + 2));
          const r = checkGrads(f, x, { seed, directions: 3, rtol: 1e-6, atol: 1e-7 });
          check(r.ok, r.message);
          check(r.hvp !== null && r.hvp.checked === 3 * c.n, "every HVP entry compared");
        }),
        { seed: 42, numRuns: 8 },
      );
    });
  }
}

Deno.test("replayed products (hessianOperator) equal fresh hvp and hvpBatch bit for bit, every op", () => {
  // The operator records f once and replays only the tangent rules; the
  // products must not depend on that, on the order of k, or on earlier products.
  const same = (a: Float64Array, b: Float64Array) => a.every((x, i) => Object.is(x, b[i]));
  for (const c of cases) {
    for (const [label, reduce] of [["linear", linearReduce], ["curved", curvedReduce]] as const) {
      const seed = 7, rng = new Rng(seed);
      const x = rng.normalVector(c.n);
      if (c.keepFromZero) { for (let i = 0; i < x.length; i++) x[i] += x[i] >= 0 ? 0.1 : -0.1; }
      const f = (p: Tensor) => reduce(c.build(p, new Rng(seed + 1)), new Rng(seed + 2));
      const vs = [rng.normalVector(c.n), rng.normalVector(c.n), rng.normalVector(c.n)];
      // a direction that moves only the first parameter: later views see zero tangents
      vs[2].fill(0, 1);
      const H = hessianOperator(f, x);
      const where = `${c.name}, ${label} reduction`;
      for (const v of [vs[0], vs[2], vs[1]]) {
        check(same(H.apply(v), hvp(f)(x, v)), `apply ≠ hvp: ${where}`);
      }
      const batch = H.applyBatch(vs), fresh = hvpBatch(f)(x, vs);
      batch.forEach((b, j) => check(same(b, fresh[j]), `applyBatch[${j}] ≠ hvpBatch: ${where}`));
      check(same(H.apply(vs[0]), hvp(f)(x, vs[0])), `apply after a batch: ${where}`);
      check(H.count === 7, "count");
    }
  }
});

Deno.test("softmaxCrossEntropy stays finite and exact for huge logits", () => {
  // −log softmax([1000, 0])[1] = 1000 + log(1 + e^{−1000}) = 1000
  const L = ad.softmaxCrossEntropy(ad.tensor([[1000, 0], [0, 1000]]), [1, 1]);
  check(L.value === 500, `loss ${L.value}`);
  const r = checkGrads((x) => ad.softmaxCrossEntropy(ad.mul(ad.reshape(x, [2, 2]), 300), [0, 1]), [
    1,
    -1,
    0.5,
    2,
  ], { throwOnFailure: false });
  check(Number.isFinite(r.value) && r.ok, r.message);
});

Deno.test("op input validation names the problem", () => {
  const cases: [() => unknown, string][] = [
    [() => ad.add(ad.tensor([[1, 2, 3]]), ad.tensor([1, 2])), "Cannot add: shapes [1, 3] and [2]"],
    [() => ad.matmul(ad.tensor([[1, 2]]), ad.tensor([[1, 2]])), "inner dimensions 2 and 1"],
    [() => ad.sum(ad.tensor([1, 2]), 3), "axis 3 is out of range"],
    [
      () => ad.mse(ad.tensor([1, 2]), ad.tensor([[1, 2]])),
      "output shape [2] and target shape [1, 2]",
    ],
    [
      () => ad.softmaxCrossEntropy(ad.tensor([[1, 2]]), [2]),
      "label 0 is 2, expected an integer in [0, 2)",
    ],
    [() => ad.softmaxCrossEntropy(ad.tensor([[1, 2]]), [0.5]), "label 0 is 0.5"],
    [() => ad.softmaxCrossEntropy(ad.tensor([[1, 2]]), [0, 1]), "expected 1 labels, got 2"],
    [() => ad.batchNorm(ad.tensor([[1, 2]]), ad.tensor([1]), ad.tensor([1, 2])), "gamma [1]"],
    [() => ad.residualAdd(ad.tensor([1, 2]), ad.tensor([[1, 2]])), "Cannot add a residual"],
    [() => ad.view(ad.tensor([1, 2]), 1, [2]), "do not fit"],
    [() => ad.reshape(ad.tensor([1, 2, 3]), [2, 2]), "Cannot reshape"],
    [() => ad.tensor([[1, 2], [3]]), "row 1 has 1 entries"],
    [() => ad.tensor([1, "a" as unknown as number]), "entry [1] is string"],
  ];
  for (const [fn, expected] of cases) {
    let msg = "";
    try {
      fn();
    } catch (e) {
      msg = String(e);
    }
    check(msg.includes(expected), `expected an error containing "${expected}", got "${msg}"`);
  }
});

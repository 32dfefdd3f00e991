import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { defineActivation } from "../../lib/activations/activation.ts";
import { tanh as tanhAct } from "../../lib/activations/tanh.ts";
import {
  ad,
  checkGrads,
  grad,
  hessian,
  hessianOperator,
  hvp,
  hvpBatch,
  type Tensor,
  valueAndGrad,
} from "../../lib/autodiff/mod.ts";
import { isLinearOperator } from "../../lib/linalg/operator.ts";

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  return "";
}

const cubic = (p: Tensor) => ad.sum(ad.mul(ad.mul(p, p), p)); // Σ xᵢ³

Deno.test("grad, valueAndGrad, hvp and hessian of Σx³", () => {
  const x = [1, -2, 0.5];
  assertAllClose(grad(cubic)(x), [3, 12, 0.75]);
  const vg = valueAndGrad(cubic)(new Float64Array(x));
  assertClose(vg.value, 1 - 8 + 0.125);
  assertAllClose(hvp(cubic)(x, [1, 1, 1]), [6, -12, 3]);
  assertAllClose(hessian(cubic)(x), [[6, 0, 0], [0, -12, 0], [0, 0, 3]]);
  const [a, b] = hvpBatch(cubic)(x, [[1, 0, 0], [0, 0, 2]]);
  assertAllClose(a, [6, 0, 0]);
  assertAllClose(b, [0, 0, 6]);
});

Deno.test("a function that ignores x has zero gradient and Hessian", () => {
  const f = (_p: Tensor) => ad.sum(ad.tensor([1, 2]));
  assertAllClose(grad(f)([1, 2, 3]), [0, 0, 0]);
  assertAllClose(hessian(f)([1, 2]), [[0, 0], [0, 0]]);
});

Deno.test("bad inputs are rejected with Cannot … messages naming the argument", () => {
  check(
    errorOf(() => grad(cubic)([1, NaN])).includes("Cannot take the gradient: x[1] is NaN"),
    "NaN x",
  );
  check(errorOf(() => grad(cubic)([])).includes("x is empty"), "empty x");
  check(errorOf(() => hvp(cubic)([1, 2], [1])).includes("v has length 1, x has 2"), "short v");
  check(
    errorOf(() => grad((p) => ad.mul(p, 2))([1, 2])).includes(
      "f must return a scalar Tensor, got shape [2]",
    ),
    "vector output",
  );
  check(
    errorOf(() => grad((() => 3) as unknown as (p: Tensor) => Tensor)([1])).includes(
      "f must return a scalar Tensor built with the autodiff ops, got number",
    ),
    "number output",
  );
  check(
    errorOf(() => hessian(cubic, { batch: 0 })).includes("batch must be a positive integer"),
    "batch",
  );
  check(
    errorOf(() => hessianOperator(cubic, [1, 2]).apply(new Float64Array(3))).includes(
      "vector has length 3, expected 2",
    ),
    "operator length",
  );
});

Deno.test("nested differentiation is an error, not a silent wrong answer", () => {
  const msg = errorOf(() =>
    grad((p) => {
      const inner = grad((q) => ad.sum(ad.mul(q, p)))([1, 2]);
      return ad.sum(ad.mul(p, inner));
    })([3, 4])
  );
  check(msg.includes("nested differentiation is not supported"), msg);
});

Deno.test("tensors escaping a finished differentiation are constants afterwards", () => {
  let leaked: Tensor | null = null;
  grad((p) => {
    leaked = ad.mul(p, 2);
    return ad.sum(leaked);
  })([1, 2]);
  const g = grad((p) => ad.sum(ad.mul(p, leaked!)))([5, 5]);
  assertAllClose(g, [2, 4]);
});

Deno.test("hessianOperator is a LinearOperator whose apply is the HVP", () => {
  const x = [0.3, -0.4, 1.2];
  const f = (p: Tensor) => ad.sum(ad.tanh(ad.mul(p, ad.sum(p))));
  const H = hessianOperator(f, x);
  check(isLinearOperator(H) && H.size === 3, "interface");
  const dense = hessian(f)(x);
  for (let j = 0; j < 3; j++) {
    const e = new Float64Array(3);
    e[j] = 1;
    assertAllClose(H.apply(e), dense.map((r) => r[j]), { rtol: 1e-13, atol: 1e-15 });
  }
  const batch = H.applyBatch([new Float64Array([1, 0, 0]), new Float64Array([0, 1, 1])]);
  assertAllClose(batch[1], dense.map((r) => r[1] + r[2]), { rtol: 1e-13, atol: 1e-15 });
  check(H.count === 5, `count ${H.count}`);
  assertAllClose(H.x, x);
});

Deno.test("checkGrads passes correct derivatives and reports its errors", () => {
  const r = checkGrads(cubic, [0.5, -1, 2]);
  check(r.ok && r.gradient.checked === 3 && r.hvp!.checked === 9, r.message);
  check(r.gradient.maxAbsError < 1e-9 && r.hvp!.maxAbsError < 1e-9, r.message);
  check(r.message.includes("match finite differences"), r.message);
});

Deno.test("checkGrads catches a wrong first derivative and a wrong second derivative", () => {
  const wrongFirst = defineActivation({
    ...tanhAct,
    name: "bad",
    df: (x) => 1.01 * tanhAct.df(x),
    evaluate(x, f, df, d2f) {
      tanhAct.evaluate(x, f, df, d2f);
      if (df) { for (let i = 0; i < x.length; i++) df[i] *= 1.01; }
    },
  });
  const f1 = (p: Tensor) => ad.sum(ad.activate(p, wrongFirst));
  const r1 = checkGrads(f1, [0.2, 0.4], { throwOnFailure: false });
  check(!r1.ok && r1.gradient.failure?.label === "gradient[0]", r1.message);
  const thrown = errorOf(() => checkGrads(f1, [0.2, 0.4]));
  check(thrown.startsWith("Error: Cannot verify derivatives: gradient[0] is"), thrown);

  const wrongSecond = defineActivation({
    ...tanhAct,
    name: "bad2",
    evaluate(x, f, df, d2f) {
      tanhAct.evaluate(x, f, df, d2f);
      if (d2f) { for (let i = 0; i < x.length; i++) d2f[i] = 0; }
    },
  });
  const f2 = (p: Tensor) => ad.sum(ad.activate(p, wrongSecond));
  const r2 = checkGrads(f2, [0.2, 0.4], { throwOnFailure: false });
  check(r2.gradient.passed && !r2.hvp!.passed, r2.message);
  check(r2.message.startsWith("Hv (direction 0)"), r2.message);
  const r3 = checkGrads(f2, [0.2, 0.4], { secondOrder: false });
  check(r3.ok && r3.hvp === null, "gradcheck alone passes");
});

Deno.test("a Tensor shows its values: toArray, toString and the notebook display", () => {
  const t = ad.tensor([[1, 2.5], [3, 4]]);
  check(JSON.stringify(t.toArray()) === "[[1,2.5],[3,4]]", JSON.stringify(t.toArray()));
  check(t.toString() === "Tensor[2, 2] [1, 2.5, 3, 4]", t.toString());
  const show = (x: Tensor) =>
    (x as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]();
  const b = show(t);
  check(
    b["text/html"].includes("<td>2.5</td>") && b["text/plain"] === t.toString(),
    b["text/html"],
  );
  const big = show(ad.tensor(new Float64Array(1000), [10, 10, 10]));
  check(
    big["text/html"] === undefined && big["text/plain"].startsWith("Tensor[10, 10, 10]"),
    "plain only",
  );
  check(ad.tensor(7).value === 7 && ad.tensor(7).toArray() === 7, "scalar");
});

import fc from "fast-check";
import { assertClose, check } from "../../lib/assert.ts";
import {
  activations,
  erf,
  erfc,
  gelu,
  getActivation,
  linear,
  relu,
  sigmoid,
  softplus,
  tanh,
} from "../../lib/activations/mod.ts";

/** Fourth-order central difference of g at x with step h. */
function fd4(g: (x: number) => number, x: number, h: number): number {
  return (g(x - 2 * h) - 8 * g(x - h) + 8 * g(x + h) - g(x + 2 * h)) / (12 * h);
}

const all = Object.values(activations);

for (const act of all) {
  Deno.test(`${act.name}: f′ and f″ match fourth-order finite differences`, () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        // relu has a kink at 0: stay a few steps away from it.
        if (act.name === "relu" && Math.abs(x) < 1e-2) return;
        const h = 1e-3;
        assertClose(act.df(x), fd4(act.f, x, h), {
          rtol: 1e-8,
          atol: 1e-9,
          label: `${act.name}′(${x})`,
        });
        assertClose(act.d2f(x), fd4(act.df, x, h), {
          rtol: 1e-7,
          atol: 1e-8,
          label: `${act.name}″(${x})`,
        });
        // f″ also from f alone: the five-point second difference.
        const d2 = (-act.f(x + 2 * h) + 16 * act.f(x + h) - 30 * act.f(x) + 16 * act.f(x - h) -
          act.f(x - 2 * h)) / (12 * h * h);
        assertClose(act.d2f(x), d2, { rtol: 1e-5, atol: 1e-5, label: `${act.name}″(${x}) from f` });
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  Deno.test(`${act.name}: vectorized forms equal the scalar forms exactly`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { maxLength: 40 }),
        (xs) => {
          const f = act.fVec(xs), df = act.dfVec(xs), d2f = act.d2fVec(xs);
          const f3 = new Float64Array(xs.length),
            df3 = new Float64Array(xs.length),
            d2f3 = new Float64Array(xs.length);
          act.evaluate(xs, f3, df3, d2f3);
          for (let i = 0; i < xs.length; i++) {
            check(Object.is(f[i], act.f(xs[i])), `${act.name}.fVec[${i}]`);
            check(Object.is(df[i], act.df(xs[i])), `${act.name}.dfVec[${i}]`);
            check(Object.is(d2f[i], act.d2f(xs[i])), `${act.name}.d2fVec[${i}]`);
            check(
              Object.is(f3[i], f[i]) && Object.is(df3[i], df[i]) && Object.is(d2f3[i], d2f[i]),
              `${act.name}.evaluate[${i}]`,
            );
          }
        },
      ),
      { seed: 7, numRuns: 100 },
    );
  });
}

Deno.test("relu conventions: relu′(0) = 0 and relu″ = 0 everywhere", () => {
  check(relu.f(0) === 0 && relu.df(0) === 0 && relu.df(-0) === 0, "relu′(0) must be 0");
  check(relu.df(Number.MIN_VALUE) === 1, "relu′ of the smallest positive number is 1");
  for (const x of [-3, -1e-300, 0, 1e-300, 2]) check(relu.d2f(x) === 0, `relu″(${x})`);
});

Deno.test("closed-form identities between activations", () => {
  fc.assert(
    fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => {
      const s = 1 / (1 + Math.exp(-x));
      assertClose(sigmoid.f(x), s, { rtol: 1e-14, atol: 1e-300 });
      assertClose(sigmoid.df(x), s * (1 - s), { rtol: 1e-9, atol: 1e-16 });
      assertClose(sigmoid.d2f(x), s * (1 - s) * (1 - 2 * s), { rtol: 1e-8, atol: 1e-16 });
      assertClose(softplus.f(x), Math.log(1 + Math.exp(x)), { rtol: 1e-12, atol: 1e-15 });
      check(softplus.df(x) === sigmoid.f(x), "softplus′ = σ");
      check(softplus.d2f(x) === sigmoid.df(x), "softplus″ = σ′");
      const c = Math.cosh(x);
      assertClose(tanh.df(x), 1 / (c * c), { rtol: 1e-12, atol: 1e-15 });
      check(linear.f(x) === x && linear.df(x) === 1 && linear.d2f(x) === 0, "linear");
      // gelu(x) = x·Φ(x) and gelu(x) − gelu(−x) = x
      assertClose(gelu.f(x) - gelu.f(-x), x, { rtol: 1e-14, atol: 1e-14 });
    }),
    { seed: 3, numRuns: 300 },
  );
});

Deno.test("sigmoid and softplus keep accuracy far in the tails", () => {
  // σ′(40) = e^{-40}/(1+e^{-40})², σ″(40) ≈ −e^{-40}
  const e = Math.exp(-40);
  assertClose(sigmoid.df(40), e / ((1 + e) * (1 + e)), { rtol: 1e-14 });
  assertClose(sigmoid.df(-40), e / ((1 + e) * (1 + e)), { rtol: 1e-14 });
  assertClose(sigmoid.d2f(40), -e * (1 - e) / ((1 + e) ** 3), { rtol: 1e-13 });
  assertClose(softplus.f(-40), Math.log1p(e), { rtol: 1e-15 });
  check(softplus.f(800) === 800 && Number.isFinite(softplus.f(-800)), "no overflow");
});

Deno.test("erf and erfc agree with tabulated values", () => {
  // Values of erf and erfc to 19 digits (Abramowitz & Stegun table 7.1; DLMF 7.2).
  const erfTable: [number, number][] = [
    [0.1, 0.1124629160182848922],
    [0.5, 0.5204998778130465377],
    [1, 0.8427007929497148693],
    [1.5, 0.9661051464753107271],
    [2, 0.9953222650189527342],
  ];
  for (const [x, v] of erfTable) {
    assertClose(erf(x), v, { rtol: 4e-16, label: `erf(${x})` });
    assertClose(erf(-x), -v, { rtol: 4e-16, label: `erf(${-x})` });
  }
  const erfcTable: [number, number][] = [
    [1, 0.1572992070502851307],
    [2, 0.004677734981047265838],
    [3, 2.209049699858544137e-5],
    [5, 1.537459794428034850e-12],
    [10, 2.088487583762544757e-45],
  ];
  for (const [x, v] of erfcTable) assertClose(erfc(x), v, { rtol: 2e-15, label: `erfc(${x})` });
  fc.assert(
    fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (x) => {
      assertClose(erf(x) + erfc(x), 1, { rtol: 1e-15, atol: 1e-15 });
      assertClose(erfc(-x), 2 - erfc(x), { rtol: 1e-15, atol: 1e-15 });
    }),
    { seed: 11, numRuns: 300 },
  );
});

Deno.test("getActivation rejects unknown names with the list of known ones", () => {
  check(getActivation("gelu") === gelu, "lookup");
  let msg = "";
  try {
    getActivation("relux");
  } catch (e) {
    msg = String(e);
  }
  check(
    msg.includes('Cannot find activation: unknown activation "relux"') &&
      msg.includes("relu, sigmoid, tanh, softplus, gelu, linear"),
    msg,
  );
  let msg2 = "";
  try {
    getActivation("toString");
  } catch (e) {
    msg2 = String(e);
  }
  check(msg2.includes("unknown activation"), "inherited properties are not activations");
});

Deno.test("vectorized forms write into a given buffer and reject a short one", () => {
  const out = new Float64Array(3);
  const r = tanh.fVec([0, 1, 2], out);
  check(r === out && out[1] === Math.tanh(1), "writes into out");
  let threw = false;
  try {
    tanh.fVec([0, 1, 2], new Float64Array(2));
  } catch (e) {
    threw = String(e).includes("Cannot apply tanh");
  }
  check(threw, "short out buffer is an error");
});

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

/** The spacing of doubles at |y| (one unit in the last place). */
function ulp(y: number): number {
  const a = Math.abs(y);
  if (a < 2 ** -1021) return Number.MIN_VALUE;
  const u = 2 ** (Math.floor(Math.log2(a)) - 52);
  return a < u * 2 ** 52 ? u / 2 : u; // log2 rounded up at a power of two
}

Deno.test("tanh and tanh′ are float64-exact to a few ulps (own kernel, not Math.tanh)", () => {
  // [x, tanh x, sech² x] to 20 digits, from 200-bit arithmetic (mpmath), across
  // the rational branch, its edge at 0.625, the exp branch and the tails.
  const table: [number, number, number][] = [
    [1e-300, 1.0000000000000000251e-300, 1.0],
    [1e-8, 9.9999999999999998759e-9, 0.9999999999999999],
    [0.1, 0.099667994624955822614, 0.99006629084743977725],
    [0.5, 0.4621171572600097585, 0.78644773296592741015],
    [0.6249, 0.55453047659444847598, 0.69249595052793383096],
    [0.625, 0.554599722349382294, 0.69241914796998806963],
    [0.626838, 0.55587109133625604143, 0.69100732981663969368],
    [1, 0.76159415595576488812, 0.41997434161402606939],
    [2.075582644461246, 0.96899607539853214433, 0.06104660586224220761],
    [5, 0.99990920426259513121, 0.00018158323094380668413],
    [10, 0.99999999587769276362, 8.2446144557673973746e-9],
    [19, 0.99999999999999993722, 1.2556531168192117727e-16],
    [21.9, 0.99999999999999999981, 3.801558552371947912e-19],
    [22, 0.99999999999999999984, 3.1124528964535186058e-19],
    [30, 1.0, 3.5026043050786081354e-26],
    [300, 1.0, 1.0601586212017243265e-260],
  ];
  for (const [x, t, d] of table) {
    for (const s of [1, -1]) {
      const errT = Math.abs(tanh.f(s * x) - s * t) / ulp(t);
      check(errT <= 1.5, `tanh(${s * x}) is ${errT.toFixed(2)} ulp off`);
      const errD = Math.abs(tanh.df(s * x) - d) / ulp(d);
      check(errD <= 3, `tanh′(${s * x}) is ${errD.toFixed(2)} ulp off`);
      check(Object.is(tanh.d2f(s * x), -2 * tanh.f(s * x) * tanh.df(s * x)), "tanh″ = −2t·tanh′");
    }
  }
  // A dense sweep against V8's Math.tanh (fdlibm, within 2 ulp itself) and
  // against sech² = 4e/(1 + e)² with e = e^{−2|x|}; tiny |x| and ±∞ exactly.
  const xs: number[] = [];
  for (let i = -200000; i <= 200000; i++) xs.push(i * 1.5e-4);
  for (let e = -320; e <= 2.6; e += 0.002) xs.push(10 ** e, -(10 ** e));
  const f = new Float64Array(xs.length), df = new Float64Array(xs.length);
  tanh.evaluate(xs, f, df, null);
  let worstT = 0, worstD = 0;
  xs.forEach((x, i) => {
    const m = Math.tanh(x);
    worstT = Math.max(worstT, Math.abs(f[i] - m) / ulp(m));
    const e = Math.exp(-2 * Math.abs(x)), ref = (4 * e) / ((1 + e) * (1 + e));
    if (ref > 0) worstD = Math.max(worstD, Math.abs(df[i] - ref) / ulp(ref));
  });
  check(worstT <= 2, `tanh vs Math.tanh: ${worstT} ulp`);
  check(worstD <= 8, `tanh′ vs 4e/(1 + e)²: ${worstD} ulp`);
  for (const x of [1e-20, -3e-200, 5e-324, -0]) check(Object.is(tanh.f(x), x), `tanh(${x}) = x`);
  check(tanh.f(Infinity) === 1 && tanh.f(-Infinity) === -1 && tanh.df(Infinity) === 0, "±∞");
  check(Number.isNaN(tanh.f(NaN)) && Number.isNaN(tanh.df(NaN)), "NaN");
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

import fc from "fast-check";
import { assertAllClose, assertClose, check } from "../../lib/assert.ts";
import { mimeBundle } from "../../lib/display.ts";
import { eigh } from "../../lib/linalg/mod.ts";
import {
  analyzeExpression,
  ExpressionError,
  symbolicDerivatives,
} from "../../lib/expression/mod.ts";
import { errorOf } from "./_helpers.ts";

/** Closed forms written by hand: f, ∇f and ∇²f of three variables (x, y, z). */
interface Case {
  expression: string;
  f: (x: number, y: number, z: number) => number;
  g: (x: number, y: number, z: number) => number[];
  h: (x: number, y: number, z: number) => number[][];
}

const cases: Case[] = [
  {
    expression: "x^3 - 3*x*y^2 + z",
    f: (x, y, z) => x ** 3 - 3 * x * y * y + z,
    g: (x, y) => [3 * x * x - 3 * y * y, -6 * x * y, 1],
    h: (x, y) => [[6 * x, -6 * y, 0], [-6 * y, -6 * x, 0], [0, 0, 0]],
  },
  {
    expression: "sin(x) * y + exp(x * z)",
    f: (x, y, z) => Math.sin(x) * y + Math.exp(x * z),
    g: (x, y, z) => [Math.cos(x) * y + z * Math.exp(x * z), Math.sin(x), x * Math.exp(x * z)],
    h: (x, y, z) => {
      const e = Math.exp(x * z);
      return [
        [-Math.sin(x) * y + z * z * e, Math.cos(x), e + x * z * e],
        [Math.cos(x), 0, 0],
        [e + x * z * e, 0, x * x * e],
      ];
    },
  },
  {
    expression: "log(1 + x^2 + y^2 + z^2)",
    f: (x, y, z) => Math.log(1 + x * x + y * y + z * z),
    g: (x, y, z) => {
      const s = 1 + x * x + y * y + z * z;
      return [2 * x / s, 2 * y / s, 2 * z / s];
    },
    h: (x, y, z) => {
      const s = 1 + x * x + y * y + z * z, v = [x, y, z];
      return v.map((a, i) => v.map((b, j) => (i === j ? 2 / s : 0) - 4 * a * b / (s * s)));
    },
  },
  {
    expression: "tanh(x + 2 y) * z",
    f: (x, y, z) => Math.tanh(x + 2 * y) * z,
    g: (x, y, z) => {
      const t = Math.tanh(x + 2 * y), s = 1 - t * t;
      return [s * z, 2 * s * z, t];
    },
    h: (x, y, z) => {
      const t = Math.tanh(x + 2 * y), s = 1 - t * t, d = -2 * t * s; // tanh''
      return [[d * z, 2 * d * z, s], [2 * d * z, 4 * d * z, 2 * s], [s, 2 * s, 0]];
    },
  },
  {
    expression: "1 / (1 + exp(-x)) + y^2 * z^2 / 2",
    f: (x, y, z) => 1 / (1 + Math.exp(-x)) + y * y * z * z / 2,
    g: (x, y, z) => {
      const s = 1 / (1 + Math.exp(-x));
      return [s * (1 - s), y * z * z, y * y * z];
    },
    h: (x, y, z) => {
      const s = 1 / (1 + Math.exp(-x));
      return [[s * (1 - s) * (1 - 2 * s), 0, 0], [0, z * z, 2 * y * z], [0, 2 * y * z, y * y]];
    },
  },
];

const point = fc.tuple(
  fc.double({ min: -1.5, max: 1.5, noNaN: true }),
  fc.double({ min: -1.5, max: 1.5, noNaN: true }),
  fc.double({ min: -1.5, max: 1.5, noNaN: true }),
);

Deno.test("analyzeExpression: value, gradient and Hessian match closed forms at random points", () => {
  for (const c of cases) {
    fc.assert(
      fc.property(point, ([x, y, z]) => {
        const r = analyzeExpression({ expression: c.expression, at: { x, y, z } });
        assertClose(r.value, c.f(x, y, z), { rtol: 1e-12, atol: 1e-12 });
        assertAllClose(r.gradient, c.g(x, y, z), { rtol: 1e-11, atol: 1e-11 });
        assertAllClose(r.hessian, c.h(x, y, z), { rtol: 1e-10, atol: 1e-10 });
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 3; j++) check(r.hessian[i][j] === r.hessian[j][i], "symmetric");
        }
        assertAllClose(r.eigenvalues, eigh(c.h(x, y, z)).values, { rtol: 1e-9, atol: 1e-9 });
      }),
      { seed: 42, numRuns: 40 },
    );
  }
});

Deno.test("analyzeExpression: gradient and Hessian match fourth-order finite differences of f", () => {
  const h = 1e-3;
  for (const c of cases) {
    fc.assert(
      fc.property(point, ([x, y, z]) => {
        const at = { x, y, z };
        const r = analyzeExpression({ expression: c.expression, at });
        const f = (p: number[]) =>
          analyzeExpression({ expression: c.expression, at: { x: p[0], y: p[1], z: p[2] } }).value;
        const p0 = [x, y, z];
        const shift = (i: number, d: number) => p0.map((v, k) => (k === i ? v + d : v));
        for (let i = 0; i < 3; i++) {
          // f′ ≈ (−f(+2h) + 8f(+h) − 8f(−h) + f(−2h)) / 12h, and likewise on the gradient
          const fd = (-f(shift(i, 2 * h)) + 8 * f(shift(i, h)) - 8 * f(shift(i, -h)) +
            f(shift(i, -2 * h))) / (12 * h);
          assertClose(r.gradient[i], fd, { atol: 1e-8, rtol: 1e-7 });
          const g = (p: number[]) =>
            analyzeExpression({ expression: c.expression, at: { x: p[0], y: p[1], z: p[2] } })
              .gradient;
          const gp2 = g(shift(i, 2 * h)), gp1 = g(shift(i, h));
          const gm1 = g(shift(i, -h)), gm2 = g(shift(i, -2 * h));
          for (let j = 0; j < 3; j++) {
            const fdh = (-gp2[j] + 8 * gp1[j] - 8 * gm1[j] + gm2[j]) / (12 * h);
            assertClose(r.hessian[j][i], fdh, { atol: 1e-7, rtol: 1e-7 });
          }
        }
      }),
      { seed: 42, numRuns: 8 },
    );
  }
});

Deno.test("the paper's examples: saddle, degenerate x², minimum and maximum", () => {
  const saddle = analyzeExpression({ expression: "x^2 - y^2", at: { x: 0, y: 0 } });
  check(
    JSON.stringify(saddle) === JSON.stringify({
      variables: ["x", "y"],
      value: 0,
      gradient: [0, 0],
      gradient_norm: 0,
      hessian: [[2, 0], [0, -2]],
      eigenvalues: [-2, 2],
      definiteness: "indefinite",
      classification: "saddle",
    }),
    JSON.stringify(saddle),
  );
  const flat = analyzeExpression({ expression: "x^2", variables: ["x", "y"], at: { x: 0, y: 0 } });
  check(flat.classification === "degenerate", "x² in 2D");
  check(flat.definiteness === "positive semidefinite", flat.definiteness);
  check(flat.eigenvalues.join() === "0,2" && flat.gradient.join() === "0,0", "unused y");
  const bowl = analyzeExpression({ expression: "x^2 + 3*y^2", at: { x: 0, y: 0 } });
  check(bowl.classification === "minimum" && bowl.definiteness === "positive definite", "bowl");
  const cap = analyzeExpression({ expression: "-(x^2) - x*y - y^2", at: { x: 0, y: 0 } });
  check(cap.classification === "maximum" && cap.definiteness === "negative definite", "cap");
});

Deno.test("a point with a non-zero gradient is not a critical point, and its curvature is still given", () => {
  // x² − y² at (1, 2): ∇f = (2, −4), |∇f| = √20, H = diag(2, −2) everywhere
  const away = analyzeExpression({ expression: "x^2 - y^2", at: { x: 1, y: 2 } });
  check(away.classification === "not a critical point", away.classification);
  check(away.gradient.join() === "2,-4", "gradient");
  assertClose(away.gradient_norm, Math.sqrt(20), { rtol: 1e-15 });
  check(away.definiteness === "indefinite" && away.eigenvalues.join() === "-2,2", "curvature");
  // x² + y² away from 0 is positive definite, but not a minimum there
  const slope = analyzeExpression({ expression: "x^2 + y^2", at: { x: 0.5, y: 0 } });
  check(slope.classification === "not a critical point", slope.classification);
  check(slope.definiteness === "positive definite", slope.definiteness);
  // eight fields, in this order
  check(
    Object.keys(away).join() ===
      "variables,value,gradient,gradient_norm,hessian,eigenvalues,definiteness,classification",
    Object.keys(away).join(),
  );
});

Deno.test("critical-point tolerance: relative to ‖H‖·‖x‖, with an absolute floor of 1", () => {
  // f = (x − 1/3)²: the minimizer typed to 10 digits is critical, to 4 digits it is not
  const third = (x: number) => analyzeExpression({ expression: "(x - 1/3)^2", at: { x } });
  check(third(0.3333333333).classification === "minimum", "10 digits");
  check(third(0.3333).classification === "not a critical point", "4 digits");
  // a steep bowl far from the origin: ∇f = 2e6·δ with δ = 1e-12 relative to ‖H‖‖x‖ = 2e6·1
  const steep = analyzeExpression({ expression: "1e6 * (x - 1)^2", at: { x: 1 + 2 ** -40 } });
  check(
    steep.gradient_norm > 1e-7,
    `gradient ${steep.gradient_norm} is not tiny in absolute terms`,
  );
  check(steep.classification === "minimum", steep.classification);
  // adding a constant changes nothing: f = 1e6 + x² at x = 1e-3 has ∇f = 2e-3
  const shifted = analyzeExpression({ expression: "1e6 + x^2", at: { x: 1e-3 } });
  check(shifted.classification === "not a critical point", shifted.classification);
  // the tolerance is an option; 0 accepts only an exactly vanishing gradient
  const strict = analyzeExpression({ expression: "(x - 1/3)^2", at: { x: 0.3333333333 } }, {
    tolerance: 0,
  });
  check(strict.classification === "not a critical point", "tolerance 0");
  check(
    errorOf(() => analyzeExpression({ expression: "x", at: { x: 0 } }, { tolerance: -1 }))
      .includes("tolerance: expected a finite number ≥ 0"),
    "bad tolerance",
  );
});

Deno.test("variables: the keys of at in key order, or the declared variables in their order", () => {
  const r = analyzeExpression({ expression: "x * y^2", at: { y: 3, x: 2 } });
  check(r.variables.join() === "y,x", r.variables.join());
  assertAllClose(r.gradient, [2 * 2 * 3, 9], { rtol: 0, atol: 0 }); // ∂y, ∂x
  assertAllClose(r.hessian, [[4, 6], [6, 0]], { rtol: 0, atol: 0 });
  // declared variables set the order, and may include ones the expression ignores
  const d = analyzeExpression({
    expression: "x * y^2",
    variables: ["x", "w", "y"],
    at: { y: 3, w: 7, x: 2 },
  });
  check(d.variables.join() === "x,w,y", d.variables.join());
  assertAllClose(d.gradient, [9, 0, 12], { rtol: 0, atol: 0 });
  assertAllClose(d.hessian, [[0, 0, 6], [0, 0, 0], [6, 0, 4]], { rtol: 0, atol: 0 });
  // constants are constants, and a key named like one overrides it
  const pi = analyzeExpression({ expression: "pi * x^2", at: { x: 1 } });
  assertClose(pi.hessian[0][0], 2 * Math.PI, { rtol: 1e-15 });
  const e = analyzeExpression({ expression: "e^2 + x", at: { e: 3, x: 0 } });
  check(e.value === 9 && e.gradient.join() === "6,1", JSON.stringify(e));
  // implicit multiplication and functions of one variable
  const imp = analyzeExpression({ expression: "2x sin(y)", at: { x: 1, y: 0 } });
  check(imp.gradient.join() === "0,2", JSON.stringify(imp));
});

Deno.test("keys of at that the expression does not use are rejected, naming the key", () => {
  const msg = errorOf(() =>
    analyzeExpression({ expression: "x^2 + y^2", at: { x: 0, y: 0, z: 0 } })
  );
  check(
    msg.startsWith('Cannot analyze expression: at.z: the expression does not use "z"'),
    msg,
  );
  check(msg.includes('"variables"'), `the error says how to keep z on purpose: ${msg}`);
  const cases: [unknown, string][] = [
    [{ expression: "x", variables: "x", at: { x: 1 } }, "variables: expected a non-empty array"],
    [{ expression: "x", variables: [], at: { x: 1 } }, "variables: expected a non-empty array"],
    [{ expression: "x", variables: ["x", "x"], at: { x: 1 } }, 'variables[1]: "x" is listed twice'],
    [{ expression: "x", variables: ["x y"], at: { x: 1 } }, 'variables[0]: "x y" is not a valid'],
    [
      { expression: "x", variables: ["x", "y"], at: { x: 1 } },
      'at: missing the variable "y" listed in variables',
    ],
    [
      { expression: "x", variables: ["x"], at: { x: 1, z: 2 } },
      'at.z: "z" is not one of the variables ["x"]',
    ],
  ];
  for (const [spec, expected] of cases) {
    const m = errorOf(() => analyzeExpression(spec as never));
    check(
      m.startsWith("Cannot analyze expression: ") && m.includes(expected),
      `${m} lacks ${expected}`,
    );
  }
});

Deno.test("bad input: every error names its field", () => {
  const cases: [unknown, string][] = [
    [null, "Cannot analyze expression: spec: expected an object"],
    [{ at: { x: 1 } }, "Cannot analyze expression: expression: missing field"],
    [{ expression: "x" }, "Cannot analyze expression: at: missing field"],
    [{ expression: 3, at: { x: 1 } }, "expression: expected a string in mathjs syntax, got 3"],
    [{ expression: "  ", at: { x: 1 } }, "expression: is empty"],
    [
      { expression: "x^2 + * y", at: { x: 1, y: 1 } },
      "expression: syntax error: Value expected (char 7)",
    ],
    [{ expression: "(x + 1", at: { x: 1 } }, "expression: syntax error:"],
    [
      { expression: "x = 3", at: { x: 1 } },
      "expression: expected a single expression, found Assignment",
    ],
    [
      { expression: "x; y", at: { x: 1, y: 1 } },
      "expression: expected a single expression, found Block",
    ],
    [{ expression: "foo(x)", at: { x: 1 } }, 'expression: unknown function "foo"'],
    [
      { expression: "max(x, 1)", at: { x: 1 } },
      'expression: mathjs cannot differentiate the function "max"',
    ],
    [
      { expression: "x!", at: { x: 1 } },
      'expression: mathjs cannot differentiate the operator "!"',
    ],
    [{ expression: "x", at: [1] }, "at: expected an object of variable values, got an array"],
    [{ expression: "x", at: {} }, "at: expected at least one variable"],
    [{ expression: "x", at: { x: "a" } }, 'at.x: expected a finite number, got "a"'],
    [{ expression: "x", at: { x: NaN } }, "at.x: expected a finite number, got NaN"],
    [{ expression: "x", at: { x: Infinity } }, "at.x: expected a finite number, got Infinity"],
    [{ expression: "x", at: { x: null } }, "at.x: expected a finite number, got null"],
    [{ expression: "x", at: { "x y": 1 } }, 'at["x y"]: is not a valid variable name'],
    [{ expression: "x * z", at: { x: 1 } }, 'at: missing the variable "z" used by the expression'],
    [{ expression: "1 / x", at: { x: 0 } }, "value: f is Infinity at the point"],
    [{ expression: "log(x)", at: { x: 0 } }, "value: f is -Infinity at the point"],
    [{ expression: "sqrt(x)", at: { x: -1 } }, "value: f is the complex number i, not real"],
    [{ expression: "abs(x)", at: { x: 0 } }, "gradient[0]: ∂f/∂x is NaN at the point"],
    [
      { expression: "x^3 / y", at: { x: 1, y: 1e-200 } },
      "hessian[0][1]: ∂²f/∂x∂y is -Infinity at the point",
    ],
    [{ expression: "[x, 1]", at: { x: 1 } }, "value: f is an object, not a number"],
    [
      { expression: "sin()", variables: ["x"], at: { x: 1 } },
      "expression: Too few arguments in function sin",
    ],
  ];
  for (const [spec, expected] of cases) {
    let err: unknown;
    try {
      analyzeExpression(spec as never);
    } catch (e) {
      err = e;
    }
    const msg = (err as Error)?.message ?? "(no error)";
    check(
      err instanceof ExpressionError,
      `${JSON.stringify(spec)}: not an ExpressionError: ${msg}`,
    );
    check(msg.startsWith("Cannot analyze expression: "), msg);
    check(msg.includes(expected), `${JSON.stringify(spec)}: "${msg}" lacks "${expected}"`);
  }
});

Deno.test("symbolicDerivatives: strings re-evaluate to the numeric derivatives; TeX for display", () => {
  for (const c of cases) {
    const d = symbolicDerivatives(c.expression, ["x", "y", "z"]);
    fc.assert(
      fc.property(point, ([x, y, z]) => {
        const variables = ["x", "y", "z"];
        const r = analyzeExpression({ expression: d.gradient[0], variables, at: { x, y, z } });
        assertClose(r.value, c.g(x, y, z)[0], { rtol: 1e-10, atol: 1e-10 });
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 3; j++) {
            const v = analyzeExpression({ expression: d.hessian[i][j], variables, at: { x, y, z } })
              .value;
            assertClose(v, c.h(x, y, z)[i][j], { rtol: 1e-9, atol: 1e-9 });
          }
        }
      }),
      { seed: 42, numRuns: 10 },
    );
    check(
      d.tex.gradient.startsWith("\\begin{bmatrix}") && d.tex.gradient.split("\\\\").length === 3,
      d.tex.gradient,
    );
  }
  const s = symbolicDerivatives("x^2 - y^2", ["x", "y"]);
  check(s.tex.hessian === "\\begin{bmatrix} 2 & 0 \\\\ 0 & -2 \\end{bmatrix}", s.tex.hessian);
  check(s.tex.expression.replace(/ /g, "") === "{x}^{2}-{y}^{2}", s.tex.expression);
  check(errorOf(() => symbolicDerivatives("x", [])).includes("variables"), "no variables");
  check(
    errorOf(() => symbolicDerivatives("x +", ["x"])).startsWith(
      "Cannot differentiate expression: expression: syntax error",
    ),
    "syntax",
  );
});

Deno.test("the report displays richly in a notebook and serializes as plain JSON", () => {
  const r = analyzeExpression({ expression: "x^2 - y^2", at: { x: 0, y: 0 } });
  const b = mimeBundle(r as never);
  const md = b["text/markdown"];
  check(md.replace(/ /g, "").includes("$$f(x,y)={x}^{2}-{y}^{2}$$"), md);
  check(md.includes("\\nabla^2 f = \\begin{bmatrix} 2 & 0 \\\\ 0 & -2 \\end{bmatrix}"), md);
  check(
    md.includes("| point | f | ‖∇f‖ | eigenvalues of ∇²f | ∇²f is | classification |"),
    md,
  );
  check(md.includes("| indefinite | saddle |"), md);
  check(b["text/plain"].includes("classification: saddle"), b["text/plain"]);
  const away = mimeBundle(
    analyzeExpression({ expression: "x^2 - y^2", at: { x: 1, y: 0 } }) as never,
  );
  check(
    away["text/plain"].includes("classification: not a critical point (‖∇f‖ = 2)"),
    away["text/plain"],
  );
  check(
    Object.getOwnPropertySymbols(r).every((s) =>
      !Object.getOwnPropertyDescriptor(r, s)!.enumerable
    ),
    "hidden",
  );
});

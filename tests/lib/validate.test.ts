// The validation module: every rule rejects what it should, and the message names the action,
// the field and the value it got.
import assert from "node:assert/strict";
import fc from "fast-check";
import { Matrix } from "ml-matrix";
import {
  booleanOption,
  checkChoice,
  checkFunction,
  checkIndices,
  checkNumber,
  choiceOption,
  describe,
  describeNumberRule,
  formatNumber,
  numberOption,
  type NumberRule,
  toFlatMatrix,
  toRows,
  toVector,
} from "../../lib/validate/mod.ts";
import { errorOf } from "./_helpers.ts";

const what = "test the rule";

/** An independent statement of the rule, written out case by case. */
function allowed(v: unknown, r: NumberRule): boolean {
  if (typeof v !== "number" || v !== v) return false;
  if (!r.infinite && (v === Infinity || v === -Infinity)) return false;
  if (r.integer && (Math.floor(v) !== v || Math.abs(v) === Infinity)) return false;
  if (r.min !== undefined) {
    if (r.exclusiveMin && v <= r.min) return false;
    if (!r.exclusiveMin && v < r.min) return false;
  }
  if (r.max !== undefined) {
    if (r.exclusiveMax && v >= r.max) return false;
    if (!r.exclusiveMax && v > r.max) return false;
  }
  return true;
}

const specials = [0, -0, 1, -1, 0.5, 2.5, 3, 1e-300, NaN, Infinity, -Infinity, "1", null, true];

Deno.test("checkNumber accepts exactly the values its rule allows (property)", () => {
  fc.assert(
    fc.property(
      fc.record({
        integer: fc.boolean(),
        infinite: fc.boolean(),
        min: fc.option(fc.integer({ min: -3, max: 3 }), { nil: undefined }),
        max: fc.option(fc.integer({ min: -3, max: 3 }), { nil: undefined }),
        exclusiveMin: fc.boolean(),
        exclusiveMax: fc.boolean(),
      }),
      fc.oneof(fc.double(), fc.integer({ min: -5, max: 5 }), fc.constantFrom(...specials)),
      (r, v) => {
        const rule: NumberRule = { what, ...r };
        const msg = errorOf(() => checkNumber(v, "option lr", rule));
        if (allowed(v, rule)) {
          assert.equal(msg, "", `${String(v)} under ${JSON.stringify(r)}`);
          assert.equal(checkNumber(v, "option lr", rule), v);
        } else {
          assert.equal(
            msg,
            `Cannot test the rule: option lr must be ${describeNumberRule(rule)}, got ${
              describe(v)
            }`,
          );
        }
      },
    ),
    { seed: 9, numRuns: 2000 },
  );
});

Deno.test("describeNumberRule says the rule in words", () => {
  const cases: [Omit<NumberRule, "what">, string][] = [
    [{}, "a finite number"],
    [{ infinite: true }, "a number"],
    [{ min: 0, exclusiveMin: true }, "a finite number > 0"],
    [{ min: 0 }, "a finite number ≥ 0"],
    [{ max: 1, exclusiveMax: true }, "a finite number < 1"],
    [{ max: 1 }, "a finite number ≤ 1"],
    [{ min: 0, max: 1, exclusiveMax: true }, "a finite number in [0, 1)"],
    [{ min: 0, max: 1, exclusiveMin: true, exclusiveMax: true }, "a finite number in (0, 1)"],
    [{ integer: true }, "an integer"],
    [{ integer: true, min: 1 }, "a positive integer"],
    [{ integer: true, min: 0 }, "an integer ≥ 0"],
    [{ integer: true, min: 0, max: 12 }, "an integer in [0, 12]"],
  ];
  for (const [rule, text] of cases) assert.equal(describeNumberRule({ what, ...rule }), text);
});

Deno.test("numberOption: defaults, optional and required options, and options that are not objects", () => {
  const rule = { what, min: 0, exclusiveMin: true };
  assert.equal(numberOption({ lr: 0.1 }, "lr", rule), 0.1);
  assert.equal(numberOption({}, "lr", { ...rule, default: 0.01 }), 0.01);
  assert.equal(numberOption(undefined, "lr", { ...rule, default: 0.01 }), 0.01);
  assert.equal(numberOption(null, "lr", { ...rule, optional: true }), undefined);
  // A default is the value of an absent option only: a present bad value still fails.
  assert.equal(
    errorOf(() => numberOption({ lr: -1 }, "lr", { ...rule, default: 0.01 })),
    "Cannot test the rule: option lr must be a finite number > 0, got -1",
  );
  assert.equal(
    errorOf(() => numberOption({}, "lr", rule)),
    "Cannot test the rule: option lr is required (a finite number > 0)",
  );
  assert.equal(
    errorOf(() => numberOption({ steps: 2.5 }, "steps", { what, integer: true, min: 1 })),
    "Cannot test the rule: option steps must be a positive integer, got 2.5",
  );
  assert.equal(
    errorOf(() => numberOption({ lr: "0.1" }, "lr", rule)),
    'Cannot test the rule: option lr must be a finite number > 0, got "0.1"',
  );
  assert.equal(
    errorOf(() => numberOption(3 as unknown as object, "lr", rule)),
    "Cannot test the rule: options must be an object, got 3",
  );
  assert.equal(
    errorOf(() => numberOption([1] as unknown as object, "lr", rule)),
    "Cannot test the rule: options must be an object, got an array of length 1",
  );
});

Deno.test("choiceOption and checkChoice accept only the listed strings", () => {
  const rule = { what, values: ["residual", "gap"] as const };
  assert.equal(choiceOption({ mode: "gap" }, "mode", rule), "gap");
  assert.equal(choiceOption({}, "mode", { ...rule, default: "residual" }), "residual");
  for (const bad of ["Gap", "", 1, null, ["gap"]]) {
    assert.equal(
      errorOf(() => choiceOption({ mode: bad }, "mode", rule)),
      `Cannot test the rule: option mode must be "residual" or "gap", got ${describe(bad)}`,
    );
  }
  assert.equal(
    errorOf(() => choiceOption({}, "mode", rule)),
    'Cannot test the rule: option mode is required ("residual" or "gap")',
  );
  assert.equal(
    errorOf(() => checkChoice("x", "which", { what, values: ["a", "b", "c"] })),
    'Cannot test the rule: which must be "a", "b" or "c", got "x"',
  );
});

Deno.test("booleanOption accepts only true and false", () => {
  assert.equal(booleanOption({}, "flag", { what, default: true }), true);
  assert.equal(booleanOption({ flag: false }, "flag", { what, default: true }), false);
  for (const bad of [0, 1, "true", null]) {
    assert.equal(
      errorOf(() => booleanOption({ flag: bad }, "flag", { what, default: false })),
      `Cannot test the rule: option flag must be true or false, got ${describe(bad)}`,
    );
  }
});

Deno.test("toVector copies finite vectors and names the bad entry, length or type", () => {
  const src = [1, 2, 3];
  const v = toVector(src, what, "x0");
  assert.ok(v instanceof Float64Array);
  assert.deepEqual(Array.from(v), src);
  const f = new Float64Array([1, 2]);
  assert.notEqual(toVector(f, what, "g"), f, "a copy by default");
  assert.equal(toVector(f, what, "g", { copy: false }), f, "no copy when asked");
  assert.deepEqual(Array.from(toVector([NaN], what, "g", { finite: false })), [NaN]);
  const cases: [unknown, object, string][] = [
    ["abc", {}, 'x0 must be an array of numbers, got "abc"'],
    [null, {}, "x0 must be an array of numbers, got null"],
    [3, {}, "x0 must be an array of numbers, got 3"],
    [[], {}, "x0 is empty"],
    [[1, 2], { length: 3 }, "x0 has length 2, expected 3"],
    [new Float64Array(2), { length: 3, copy: false }, "x0 has length 2, expected 3"],
    [[1, NaN], {}, "x0[1] is NaN, not a finite number"],
    [[1, 2, -Infinity], {}, "x0[2] is -Infinity, not a finite number"],
    [new Float64Array([0, Infinity]), { copy: false }, "x0[1] is Infinity, not a finite number"],
    [[1, "2"], {}, 'x0[1] is "2", not a finite number'],
    [[1, "2"], { finite: false }, 'x0[1] is "2", not a number'],
  ];
  for (const [x, options, reason] of cases) {
    assert.equal(
      errorOf(() => toVector(x, what, "x0", options)),
      `Cannot test the rule: ${reason}`,
    );
  }
  assert.deepEqual(Array.from(toVector([], what, "x0", { length: 0 })), [], "length 0 when asked");
});

Deno.test("toFlatMatrix and toRows: shape checks, named entries, ml-matrix input", () => {
  const m = toFlatMatrix([[1, 2, 3], [4, 5, 6]], what);
  assert.deepEqual([m.rows, m.cols, Array.from(m.data)], [2, 3, [1, 2, 3, 4, 5, 6]]);
  assert.deepEqual(toRows(new Matrix([[1, 2], [3, 4]]), what, { square: true }), [[1, 2], [3, 4]]);
  const rows = [[1, 2], [3, 4]];
  const copy = toRows(rows, what);
  copy[0][0] = 9;
  assert.equal(rows[0][0], 1, "toRows copies");
  const cases: [unknown, object, string][] = [
    ["abc", {}, 'expected a matrix (an array of rows), got "abc"'],
    ["abc", { name: "x" }, 'x must be a matrix (an array of rows), got "abc"'],
    [[], {}, "the matrix is empty"],
    [[], { name: "x" }, "x is empty"],
    [[[]], {}, "row 0 is empty"],
    [[3], {}, "row 0 is not an array, got 3"],
    [[[1], 3], { name: "x" }, "x[1] is not an array, got 3"],
    [[[1, 2], [3]], {}, "the matrix is ragged (row 1 has 1 entry, row 0 has 2)"],
    [[[1, 2], [3]], { name: "x", cols: 2 }, "x[1] has 1 entry, expected 2"],
    [[[1, 2]], { rows: 2 }, "the matrix has 1 rows, expected 2"],
    [[[1, 2], [3, NaN]], {}, "entry [1][1] is NaN, not a finite number"],
    [[[1, 2], [3, "x"]], { name: "X" }, 'X[1][1] is "x", not a finite number'],
    [[[1, 2, 3], [4, 5, 6]], { square: true }, "the matrix is 2×3, not square"],
  ];
  for (const [x, options, reason] of cases) {
    assert.equal(
      errorOf(() => toFlatMatrix(x as number[][], what, options)),
      `Cannot test the rule: ${reason}`,
    );
    assert.equal(
      errorOf(() => toRows(x as number[][], what, options)),
      `Cannot test the rule: ${reason}`,
    );
  }
});

Deno.test("checkIndices, checkFunction, describe and formatNumber", () => {
  const idx = [0, 4, 2];
  assert.equal(checkIndices(idx, 5, what), idx);
  const cases: [unknown, string][] = [
    [[], "indices must be a non-empty array of integers, got an array of length 0"],
    ["01", 'indices must be a non-empty array of integers, got "01"'],
    [[0, 5], "indices[1] is 5, not an integer in [0, 5)"],
    [[-1], "indices[0] is -1, not an integer in [0, 5)"],
    [[1.5], "indices[0] is 1.5, not an integer in [0, 5)"],
    [[NaN], "indices[0] is NaN, not an integer in [0, 5)"],
  ];
  for (const [x, reason] of cases) {
    assert.equal(
      errorOf(() => checkIndices(x as number[], 5, what)),
      `Cannot test the rule: ${reason}`,
    );
  }
  assert.equal(
    errorOf(() => checkIndices([3], 3, what, "labels")),
    "Cannot test the rule: labels[0] is 3, not an integer in [0, 3)",
  );
  const f = () => 1;
  assert.equal(checkFunction(f, what, "f"), f);
  assert.equal(
    errorOf(() => checkFunction({}, what, "objective.grad")),
    "Cannot test the rule: objective.grad must be a function, got an object",
  );
  assert.deepEqual(
    [undefined, null, true, -2, "a", [1], new Int32Array(2), {}, f].map(describe),
    [
      "undefined",
      "null",
      "true",
      "-2",
      '"a"',
      "an array of length 1",
      "an Int32Array of length 2",
      "an object",
      "a function",
    ],
  );
  assert.equal(describe("x".repeat(50)), JSON.stringify("x".repeat(40) + "…"));
  // formatNumber keeps `digits` significant digits and drops trailing zeros.
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const s = formatNumber(x);
      assert.equal(Number(s), Number(x.toPrecision(6)));
      assert.ok(!/\.\d*0(e|$)/.test(s), s);
    }),
    { seed: 3, numRuns: 500 },
  );
  assert.deepEqual([NaN, Infinity, -Infinity].map((x) => formatNumber(x)), [
    "NaN",
    "Infinity",
    "-Infinity",
  ]);
  assert.equal(formatNumber(Math.PI, 12), "3.14159265359");
});

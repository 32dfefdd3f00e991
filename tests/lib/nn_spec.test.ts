import { assertAllClose, check } from "../../lib/assert.ts";
import { grad } from "../../lib/autodiff/mod.ts";
import { modelFromSpec, parseModelSpec, SpecError } from "../../lib/nn/mod.ts";

const good = () => ({
  model: { layers: [2, 3, 2], activation: "tanh", batchnorm: true, residual: false },
  loss: "cross_entropy",
  params: Array.from({ length: 6 + 3 + 3 + 3 + 6 + 2 }, (_, i) => Math.sin(i)),
  data: { x: [[1, 2], [0.5, -1], [0, 0]], y: [0, 1, 1] },
  report: { eigenvalues: true },
});

function errorOf(spec: unknown): string {
  try {
    parseModelSpec(spec);
  } catch (e) {
    check(e instanceof SpecError, `expected a SpecError, got ${e}`);
    return (e as Error).message;
  }
  return "";
}

/** Deep-clone the good spec and apply an edit (untyped on purpose: edits break the schema). */
// deno-lint-ignore no-explicit-any
type Loose = Record<string, any>;
function edited(edit: (s: Loose) => void): unknown {
  const s = structuredClone(good()) as Loose;
  edit(s);
  return s;
}

Deno.test("a valid spec parses, JSON text too, and builds its loss", () => {
  const spec = parseModelSpec(JSON.stringify(good()));
  check(spec.report?.eigenvalues === true && spec.model.batchnorm, "fields");
  const { loss, params, mlp } = modelFromSpec(spec);
  check(mlp.size === 23 && params.length === 23, "size");
  check(grad(loss)(params).length === 23, "gradient");
  const noReport = structuredClone(good()) as Record<string, unknown>;
  delete noReport.report;
  check(parseModelSpec(noReport).report === undefined, "report is optional");
  const extra = { ...good(), description: "ignored" };
  assertAllClose(parseModelSpec(extra).params, good().params);
});

Deno.test("every bad field is named in the error", () => {
  const cases: [unknown, string][] = [
    ["{", "Cannot read spec: invalid JSON"],
    [[1, 2], "Cannot read spec: expected a JSON object, got an array of length 2"],
    [edited((s) => delete s.model), "Cannot read spec: model: missing field"],
    [edited((s) => s.model = 3), "Cannot read spec: model: expected an object, got 3"],
    [edited((s) => delete s.model.layers), "Cannot read spec: model.layers: missing field"],
    [
      edited((s) => s.model.layers = [2]),
      "Cannot read spec: model.layers: expected at least 2 widths",
    ],
    [
      edited((s) => s.model.layers = [2, 1.5, 2]),
      "Cannot read spec: model.layers[1]: expected a positive integer, got 1.5",
    ],
    [
      edited((s) => s.model.layers = "2,3"),
      "Cannot read spec: model.layers: expected an array of widths",
    ],
    [
      edited((s) => s.model.activation = "relux"),
      'Cannot read spec: model.activation: unknown activation "relux" (expected relu, sigmoid, tanh, softplus, linear)',
    ],
    [edited((s) => s.model.activation = "gelu"), 'model.activation: unknown activation "gelu"'],
    [edited((s) => delete s.model.activation), "Cannot read spec: model.activation: missing field"],
    [
      edited((s) => s.model.batchnorm = "yes"),
      'Cannot read spec: model.batchnorm: expected true or false, got "yes"',
    ],
    [edited((s) => delete s.model.residual), "Cannot read spec: model.residual: missing field"],
    [edited((s) => s.model.dropout = 0.5), "Cannot read spec: model.dropout: unknown field"],
    [
      edited((s) => s.loss = "hinge"),
      'Cannot read spec: loss: unknown loss "hinge" (expected mse, cross_entropy)',
    ],
    [edited((s) => delete s.loss), "Cannot read spec: loss: missing field"],
    [
      edited((s) => s.params.pop()),
      "Cannot read spec: params: expected 23 numbers for layers [2, 3, 2] with batchnorm, got 22",
    ],
    [
      edited((s) => s.params[4] = "x"),
      'Cannot read spec: params[4]: expected a finite number, got "x"',
    ],
    [
      edited((s) => s.params[4] = null),
      "Cannot read spec: params[4]: expected a finite number, got null",
    ],
    [edited((s) => s.params = {}), "Cannot read spec: params: expected an array of numbers"],
    [edited((s) => delete s.data), "Cannot read spec: data: missing field"],
    [edited((s) => delete s.data.x), "Cannot read spec: data.x: missing field"],
    [
      edited((s) => s.data.x[1] = [1]),
      "Cannot read spec: data.x[1]: expected 2 numbers (model.layers[0] is 2), got 1",
    ],
    [
      edited((s) => s.data.x[2][1] = "a"),
      'Cannot read spec: data.x[2][1]: expected a finite number, got "a"',
    ],
    [edited((s) => s.data.x = []), "Cannot read spec: data.x: expected at least one sample"],
    [
      edited((s) => s.data.y = [0, 1]),
      "Cannot read spec: data.y: expected 3 entries (one per row of data.x), got 2",
    ],
    [
      edited((s) => s.data.y[2] = 2),
      "Cannot read spec: data.y[2]: label 2 is out of range (expected an integer class in [0, 2))",
    ],
    [edited((s) => s.data.y[0] = -1), "Cannot read spec: data.y[0]: label -1 is out of range"],
    [edited((s) => s.data.y[0] = 0.5), "Cannot read spec: data.y[0]: label 0.5 is out of range"],
    [
      edited((s) => {
        s.loss = "mse";
        s.data.y = [[1, 2], [3, 4], [5]];
      }),
      "Cannot read spec: data.y[2]: expected 2 numbers (the output width is 2), got 1",
    ],
    [
      edited((s) => {
        s.loss = "mse";
        s.data.y = [1, 2, 3];
      }),
      "Cannot read spec: data.y[0]: expected an array of 2 numbers, got 1",
    ],
    [edited((s) => s.data.z = 1), "Cannot read spec: data.z: unknown field"],
    [edited((s) => s.report = true), "Cannot read spec: report: expected an object, got true"],
    [
      edited((s) => s.report.eigenvalues = 1),
      "Cannot read spec: report.eigenvalues: expected true or false, got 1",
    ],
    [
      edited((s) => s.report.eigenvectors = true),
      "Cannot read spec: report.eigenvectors: unknown field",
    ],
  ];
  for (const [spec, expected] of cases) {
    const msg = errorOf(spec);
    check(
      msg.startsWith(expected) || msg.includes(expected),
      `expected "${expected}", got "${msg}"`,
    );
  }
});

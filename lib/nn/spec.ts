/**
 * The model spec read by `deno task curvature SPEC.json`: parsing with
 * validation that names the offending field, and turning a spec into a loss
 * function of the flat parameters.
 *
 * @module
 */
import type { ScalarFunction } from "../autodiff/differentiate.ts";
import { describe } from "../validate/describe.ts";
import { validateLayers } from "./_validate.ts";
import { mlpLayout } from "./layout.ts";
import { type LossName, Mlp } from "./mlp.ts";

/** The activations a model spec may name. */
export const SPEC_ACTIVATIONS: readonly string[] = Object.freeze([
  "relu",
  "sigmoid",
  "tanh",
  "softplus",
  "linear",
]);

/** A validated model spec (see {@linkcode parseModelSpec}). */
export interface ModelSpec {
  /** The architecture. */
  model: {
    layers: number[];
    activation: "relu" | "sigmoid" | "tanh" | "softplus" | "linear";
    batchnorm: boolean;
    residual: boolean;
  };
  /** The loss. */
  loss: LossName;
  /** The flat parameter vector, in the {@linkcode mlpLayout} order. */
  params: number[];
  /** The data: x rows, and y rows (mse) or integer labels (cross_entropy). */
  data: { x: number[][]; y: number[][] | number[] };
  /** What to report; optional. */
  report?: { eigenvalues?: boolean };
}

const fail = (path: string, reason: string): never => {
  throw new SpecError(`Cannot read spec: ${path}: ${reason}`);
};

/** The error thrown for an invalid spec; its message names the field. */
export class SpecError extends Error {
  /** Create the error. */
  constructor(message: string) {
    super(message);
    this.name = "SpecError";
  }
}

function field(obj: Record<string, unknown>, key: string, path: string): unknown {
  if (!Object.hasOwn(obj, key)) fail(path ? `${path}.${key}` : key, "missing field");
  return obj[key];
}

function object(x: unknown, path: string): Record<string, unknown> {
  if (x === null || typeof x !== "object" || Array.isArray(x)) {
    fail(path, `expected an object, got ${describe(x)}`);
  }
  return x as Record<string, unknown>;
}

function onlyKeys(obj: Record<string, unknown>, allowed: string[], path: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      fail(`${path}.${k}`, `unknown field (expected ${allowed.join(", ")})`);
    }
  }
}

function boolean(x: unknown, path: string): boolean {
  if (typeof x !== "boolean") fail(path, `expected true or false, got ${describe(x)}`);
  return x as boolean;
}

function finite(x: unknown, path: string): number {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    fail(path, `expected a finite number, got ${describe(x)}`);
  }
  return x as number;
}

function numberRows(x: unknown, cols: number, path: string, what: string): number[][] {
  if (!Array.isArray(x)) fail(path, `expected an array of rows, got ${describe(x)}`);
  const rows = x as unknown[];
  if (rows.length === 0) fail(path, "expected at least one sample, got an empty array");
  return rows.map((r, i) => {
    if (!Array.isArray(r)) {
      fail(`${path}[${i}]`, `expected an array of ${cols} numbers, got ${describe(r)}`);
    }
    const row = r as unknown[];
    if (row.length !== cols) {
      fail(`${path}[${i}]`, `expected ${cols} numbers (${what}), got ${row.length}`);
    }
    return row.map((v, j) => finite(v, `${path}[${i}][${j}]`));
  });
}

/**
 * Parse and validate a model spec: a JSON string or an already-parsed value
 * of the form
 * `{"model": {"layers", "activation", "batchnorm", "residual"}, "loss",
 * "params", "data": {"x", "y"}, "report"?: {"eigenvalues"}}`.
 *
 * Every problem throws a {@linkcode SpecError} of the form
 * `Cannot read spec: <field path>: <reason>`, e.g.
 * `Cannot read spec: model.activation: unknown activation "relux" (expected relu, sigmoid, tanh, softplus, linear)`
 * or `Cannot read spec: params: expected 19 numbers for layers [2, 3, 1] with batchnorm, got 18`.
 * Unknown fields inside `model`, `data` and `report` are errors (they are
 * usually typos); other top-level fields are ignored.
 *
 * @example
 * ```ts
 * import { parseModelSpec } from "./spec.ts";
 * const spec = parseModelSpec({
 *   model: { layers: [1, 1], activation: "linear", batchnorm: false, residual: false },
 *   loss: "mse", params: [2, 0], data: { x: [[1], [2]], y: [[1], [3]] },
 * });
 * if (spec.params.length !== 2) throw new Error();
 * let msg = "";
 * try { parseModelSpec({ ...spec, model: { ...spec.model, activation: "relux" } }); }
 * catch (e) { msg = String(e); }
 * if (!msg.includes('model.activation: unknown activation "relux"')) throw new Error(msg);
 * ```
 */
export function parseModelSpec(input: unknown): ModelSpec {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw new SpecError(`Cannot read spec: invalid JSON: ${(e as Error).message}`);
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new SpecError(`Cannot read spec: expected a JSON object, got ${describe(value)}`);
  }
  const top = value as Record<string, unknown>;

  const model = object(field(top, "model", ""), "model");
  onlyKeys(model, ["layers", "activation", "batchnorm", "residual"], "model");
  const layers = field(model, "layers", "model");
  try {
    validateLayers(layers, "read spec", "model.layers");
  } catch (e) {
    throw new SpecError((e as Error).message);
  }
  const ls = layers as number[];
  const activation = field(model, "activation", "model");
  if (typeof activation !== "string" || !SPEC_ACTIVATIONS.includes(activation)) {
    fail(
      "model.activation",
      `unknown activation ${JSON.stringify(activation ?? null)} (expected ${
        SPEC_ACTIVATIONS.join(", ")
      })`,
    );
  }
  const batchnorm = boolean(field(model, "batchnorm", "model"), "model.batchnorm");
  const residual = boolean(field(model, "residual", "model"), "model.residual");

  const loss = field(top, "loss", "");
  if (loss !== "mse" && loss !== "cross_entropy") {
    fail("loss", `unknown loss ${JSON.stringify(loss ?? null)} (expected mse, cross_entropy)`);
  }

  const layout = mlpLayout({ layers: ls, activation: activation as string, batchnorm, residual });
  const params = field(top, "params", "");
  if (!Array.isArray(params)) {
    fail("params", `expected an array of numbers, got ${describe(params)}`);
  }
  const ps = params as unknown[];
  if (ps.length !== layout.size) {
    fail(
      "params",
      `expected ${layout.size} numbers for layers [${ls.join(", ")}]${
        batchnorm ? " with batchnorm" : ""
      }, got ${ps.length}`,
    );
  }
  const pv = ps.map((v, i) => finite(v, `params[${i}]`));

  const data = object(field(top, "data", ""), "data");
  onlyKeys(data, ["x", "y"], "data");
  const d0 = ls[0], dL = ls[ls.length - 1];
  const x = numberRows(field(data, "x", "data"), d0, "data.x", `model.layers[0] is ${d0}`);
  const N = x.length;
  const yRaw = field(data, "y", "data");
  if (!Array.isArray(yRaw)) fail("data.y", `expected an array, got ${describe(yRaw)}`);
  const yArr = yRaw as unknown[];
  if (yArr.length !== N) {
    fail("data.y", `expected ${N} entries (one per row of data.x), got ${yArr.length}`);
  }
  let y: number[][] | number[];
  if (loss === "mse") {
    y = numberRows(yRaw, dL, "data.y", `the output width is ${dL}`);
  } else {
    y = yArr.map((l, i) => {
      if (typeof l !== "number" || !Number.isInteger(l) || l < 0 || l >= dL) {
        fail(
          `data.y[${i}]`,
          `label ${describe(l)} is out of range (expected an integer class in [0, ${dL}))`,
        );
      }
      return l as number;
    });
  }

  let report: ModelSpec["report"];
  if (Object.hasOwn(top, "report")) {
    const r = object(top.report, "report");
    onlyKeys(r, ["eigenvalues"], "report");
    report = {};
    if (Object.hasOwn(r, "eigenvalues")) {
      report.eigenvalues = boolean(r.eigenvalues, "report.eigenvalues");
    }
  }
  const spec: ModelSpec = {
    model: {
      layers: ls.slice(),
      activation: activation as ModelSpec["model"]["activation"],
      batchnorm,
      residual,
    },
    loss: loss as LossName,
    params: pv,
    data: { x, y },
  };
  if (report) spec.report = report;
  return spec;
}

/** A spec turned into a network, its parameters, and its loss function. */
export interface SpecModel {
  /** The network. */
  mlp: Mlp;
  /** The parameters from the spec. */
  params: Float64Array;
  /** The loss as a function of the flat parameters. */
  loss: ScalarFunction;
}

/**
 * Build the network and loss function that a validated spec describes.
 *
 * @example
 * ```ts
 * import { modelFromSpec, parseModelSpec } from "./spec.ts";
 * import { grad } from "../autodiff/grad.ts";
 * const { loss, params } = modelFromSpec(parseModelSpec({
 *   model: { layers: [1, 1], activation: "linear", batchnorm: false, residual: false },
 *   loss: "mse", params: [2, 0], data: { x: [[1], [2]], y: [[1], [3]] },
 * }));
 * // residuals 1 and 1: gradient (2/N)Σ r·[x, 1] = [3, 2]
 * if (grad(loss)(params).join() !== "3,2") throw new Error();
 * ```
 */
export function modelFromSpec(spec: ModelSpec): SpecModel {
  const mlp = new Mlp(spec.model);
  return {
    mlp,
    params: Float64Array.from(spec.params),
    loss: mlp.lossFunction(spec.data, spec.loss),
  };
}

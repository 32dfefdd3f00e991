/**
 * Explorables: figures the reader changes. An explorable is a pure
 * description (controls, default parameters, a `compute` that calls the
 * library, and a `render` that turns the result into Observable Plot options
 * and numbers), so the same code draws it in three places:
 *
 * - **the kernel and the static build**: {@linkcode showExplorable} (in
 *   `./showExplorable.ts`) computes the default state and renders it to SVG, a
 *   {@linkcode Figure} like any other. That figure is what readers without
 *   JavaScript, JupyterLab (which strips scripts) and print see;
 * - **the HTML book**: one script bundle registers every explorable by id and
 *   replaces each fallback with the live version (`./explorableRuntime.ts`);
 * - **the classic notebook and VS Code**: the cell's HTML output carries its
 *   own inlined bundle of the defining module, which does the same.
 *
 * ## How the code reaches the browser
 *
 * Functions written in a notebook cell cannot be sent to a browser by
 * reference, and their source cannot be recovered reliably (closures, imports).
 * So an explorable is defined in a module of its own, with
 * `module: import.meta.url`, and a chapter cell imports it and shows it. The
 * kernel renders the fallback from that module; the browser runs the same
 * module, bundled with its imports (the library, Plot) by `deno bundle` into
 * a classic script (an IIFE, so it also runs from `file://`, where module
 * scripts are blocked). The page carries only the id and the JSON of the
 * parameters (`data-explorable`, `data-params`), never code.
 *
 * This file holds only the description and its plain-text helpers. It loads
 * neither Plot nor a DOM, so a browser bundle of an explorable stays small.
 *
 * @example A slider that squares a number
 * ```ts
 * import { explorable } from "./explorable.ts";
 * const square = explorable({
 *   id: "square",
 *   title: "A square",
 *   controls: [{ type: "range", name: "x", label: "x", min: -2, max: 2, step: 0.1 }],
 *   defaults: { x: 1.5 },
 *   compute: ({ x }) => x * x,
 *   render: (y) => ({
 *     figures: [],
 *     readouts: [{ key: "y", label: "x²", value: y }],
 *   }),
 * });
 * const view = square.view({ x: -0.5 });
 * if (view.readouts[0].value !== 0.25) throw new Error(String(view.readouts[0].value));
 * ```
 *
 * @module
 */

/** A slider for one number. */
export interface RangeControl {
  /** The kind of control. */
  type: "range";
  /** The parameter it sets. */
  name: string;
  /** The visible label (plain text). */
  label: string;
  /** The smallest value. With `scale: "log"`, the smallest value itself (> 0), not its exponent. */
  min: number;
  /** The largest value. */
  max: number;
  /** The slider's step: in the value, or in log₁₀ of the value for `scale: "log"`. */
  step: number;
  /** "log" moves the slider along log₁₀ of the value. Default "linear". */
  scale?: "linear" | "log";
  /** Significant digits shown next to the slider. Default 4. */
  digits?: number;
}

/** A checkbox for one boolean. */
export interface ToggleControl {
  /** The kind of control. */
  type: "toggle";
  /** The parameter it sets. */
  name: string;
  /** The visible label. */
  label: string;
}

/** A choice among a few named options. */
export interface SelectControl {
  /** The kind of control. */
  type: "select";
  /** The parameter it sets. */
  name: string;
  /** The visible label. */
  label: string;
  /** The options, in order. */
  options: readonly { value: string; label: string }[];
}

/** One coordinate of a {@linkcode PointControl}. */
export interface PointAxis {
  /** The visible label of the coordinate's slider. */
  label: string;
  /** The smallest value. */
  min: number;
  /** The largest value. */
  max: number;
  /** The slider's step. */
  step: number;
}

/**
 * A point in the plane, set by two sliders (keyboard) or by dragging on a
 * figure whose x and y scales are the point's coordinates. The parameter is
 * `[x, y]`.
 */
export interface PointControl {
  /** The kind of control. */
  type: "point";
  /** The parameter it sets, a pair `[x, y]`. */
  name: string;
  /** The visible label of the pair. */
  label: string;
  /** The x coordinate. */
  x: PointAxis;
  /** The y coordinate. */
  y: PointAxis;
  /** Which figure of the view the point is dragged on. Default 0. */
  figure?: number;
}

/** Any control. */
export type Control = RangeControl | ToggleControl | SelectControl | PointControl;

/** A parameter value: a number, a boolean, a string or a point. */
export type ParamValue = number | boolean | string | readonly [number, number];

/** The parameters of an explorable, by name. */
export type Params = Record<string, ParamValue>;

/**
 * A number (or short text) shown under the figure. The page shows `value`
 * rounded to `digits`, and its full value in the "All digits" table and in
 * the `data-value` attribute (`String(value)`, which reads back exactly).
 */
export interface Readout {
  /** A stable key, unique within the explorable (tests and `data-key` use it). */
  key: string;
  /** The visible label. */
  label: string;
  /** The value. */
  value: number | string | boolean;
  /** Significant digits shown. Default 6. */
  digits?: number;
}

/**
 * Options of one plot of a view: those of Observable Plot's `Plot.plot`
 * (marks, scales, width, height, …) plus the required text alternative.
 * Typed loosely, as in `figure()`, so the library's types do not depend on
 * Plot's.
 */
export interface PlotSpec {
  /** Text alternative; it may describe the current state. Required. */
  alt: string;
  /** Any `Plot.plot` option. */
  [option: string]: unknown;
}

/**
 * A table of the values behind a plot (e.g. a recorded trace), shown
 * collapsed under the numbers ("Data: …"), every value in full
 * (`String(value)`), so a reader, a screen reader or a test can read
 * exactly what is drawn.
 */
export interface DataTable {
  /** A stable key, unique within the explorable (written as `data-table`). */
  key: string;
  /** The summary line of the collapsed table, e.g. "Data: sharpness at each measurement". */
  caption: string;
  /** The columns: a key (written as `data-col` on each cell) and a heading. */
  columns: readonly { key: string; label: string }[];
  /** The rows, one value per column. */
  rows: readonly (readonly (number | string)[])[];
}

/** What `render` returns: the plots and the numbers of one state. */
export interface ExplorableView {
  /** The plots, shown side by side when there is room. */
  figures: PlotSpec[];
  /** The numbers shown under them. */
  readouts: Readout[];
  /** Tables of the plotted values, shown collapsed after the numbers. */
  tables?: DataTable[];
  /** One sentence on the current state (announced politely to screen readers). */
  summary?: string;
}

/**
 * A long computation done in units (one run, one training step), so the
 * page can do it in short slices with a progress bar and Start, Pause and
 * Reset. The result after k units must not depend on how the units were
 * sliced. In the kernel and the static build the whole run is done at once.
 */
export interface ChunkedComputation<P extends Params, S, R> {
  /** What a unit is called in the progress text, plural (e.g. "runs"). Default "steps". */
  unit?: string;
  /** How many units a full run has. */
  total(params: P): number;
  /** A fresh state, before any unit. */
  init(params: P): S;
  /** Do unit number `index` (0-based), updating `state`. */
  step(state: S, index: number, params: P): void;
  /** The result to render after `done` units (also for partial runs). */
  result(state: S, done: number, params: P): R;
}

/** What {@linkcode explorable} takes. */
export interface ExplorableSpec<P extends Params, R, S = unknown> {
  /** A unique id: lowercase letters, digits and dashes. */
  id: string;
  /** A short title (labels the controls for screen readers). */
  title: string;
  /** A caption under the figure (plain text). */
  caption?: string;
  /** The controls, in order. Each sets the parameter named by its `name`. */
  controls: readonly Control[];
  /** The default parameters: one per control, and nothing else. */
  defaults: P;
  /** A pure function of the parameters. Give this or `chunked`. */
  compute?: (params: P) => R;
  /** A long computation in units. Give this or `compute`. */
  chunked?: ChunkedComputation<P, S, R>;
  /** Turn a result into plots and numbers (pure; no DOM). */
  render: (result: R, params: P) => ExplorableView;
  /**
   * The URL of the module that defines this explorable (`import.meta.url`).
   * With it, a notebook output inlines a bundle of that module, so the
   * classic notebook and VS Code run it live. Without it, notebooks show the
   * fallback only (the HTML book still runs it live).
   */
  module?: string;
}

/** A checked explorable definition. */
export interface Explorable<P extends Params = Params, R = unknown, S = unknown>
  extends ExplorableSpec<P, R, S> {
  /** Whether the computation is chunked. */
  readonly isChunked: boolean;
  /** Check parameters and fill in defaults (throws `Cannot … : …` for bad input). */
  params(overrides?: Partial<P>): P;
  /** Compute and render one state; chunked explorables run to the end (or `units`). */
  view(params?: Partial<P>, units?: number): ExplorableView;
}

const ID = /^[a-z][a-z0-9-]*$/;

function fail(id: string, why: string): never {
  throw new TypeError(`Cannot define explorable ${JSON.stringify(id)}: ${why}`);
}

function finite(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

function checkControl(id: string, c: Control, names: Set<string>): void {
  const where = `control ${JSON.stringify((c as { name?: string })?.name)}`;
  if (!c || typeof c.name !== "string" || c.name === "") fail(id, "every control needs a name");
  if (names.has(c.name)) fail(id, `two controls set ${JSON.stringify(c.name)}`);
  names.add(c.name);
  if (typeof c.label !== "string" || c.label.trim() === "") fail(id, `${where} needs a label`);
  const axis = (a: PointAxis | RangeControl, what: string) => {
    if (!finite(a?.min) || !finite(a.max) || !(a.min < a.max)) {
      fail(id, `${what} needs finite min < max`);
    }
    if (!finite(a.step) || !(a.step > 0)) fail(id, `${what} needs a step > 0`);
  };
  switch (c.type) {
    case "range":
      axis(c, where);
      if (c.scale === "log" && !(c.min > 0)) {
        fail(id, `${where} is logarithmic, so min must be > 0`);
      }
      if (c.scale !== undefined && c.scale !== "log" && c.scale !== "linear") {
        fail(id, `${where} has scale ${JSON.stringify(c.scale)} (expected "linear" or "log")`);
      }
      break;
    case "toggle":
      break;
    case "select":
      if (!Array.isArray(c.options) || c.options.length === 0) fail(id, `${where} has no options`);
      break;
    case "point":
      axis(c.x, `${where} (x)`);
      axis(c.y, `${where} (y)`);
      break;
    default:
      fail(id, `${where} has unknown type ${JSON.stringify((c as { type?: unknown }).type)}`);
  }
}

/**
 * Check one parameter value against its control; returns the value, or
 * throws `Cannot set parameter …` naming the explorable, the parameter and
 * the reason.
 */
export function checkParam(id: string, c: Control, value: unknown): ParamValue {
  const bad = (why: string): never => {
    throw new RangeError(
      `Cannot set parameter ${JSON.stringify(c.name)} of explorable ${JSON.stringify(id)}: ${why}`,
    );
  };
  const inRange = (x: unknown, a: { min: number; max: number }, what: string) => {
    if (!finite(x)) bad(`${what} must be a finite number, got ${String(x)}`);
    // A log slider's ends are 10^(exponent), which may round a few ulps away from min and max.
    const slack = 1e-12 * Math.max(Math.abs(a.min), Math.abs(a.max));
    if ((x as number) < a.min - slack || (x as number) > a.max + slack) {
      bad(`${what} ${x} is outside [${a.min}, ${a.max}]`);
    }
  };
  switch (c.type) {
    case "range":
      inRange(value, c, "the value");
      return value as number;
    case "toggle":
      if (typeof value !== "boolean") bad(`expected true or false, got ${String(value)}`);
      return value as boolean;
    case "select":
      if (!c.options.some((o) => o.value === value)) {
        bad(
          `expected one of ${c.options.map((o) => JSON.stringify(o.value)).join(", ")}, got ${
            JSON.stringify(value)
          }`,
        );
      }
      return value as string;
    case "point": {
      if (!Array.isArray(value) || value.length !== 2) bad(`expected a pair [x, y]`);
      const [x, y] = value as number[];
      inRange(x, c.x, "x");
      inRange(y, c.y, "y");
      return [x, y] as const;
    }
  }
}

/**
 * Define an explorable: check the controls and defaults once, and return the
 * definition with two helpers, `params()` (checked parameters) and `view()`
 * (compute and render one state, as the kernel and the tests do).
 *
 * Errors: `Cannot define explorable "ID": …` for a bad id, control or
 * default; `Cannot set parameter "NAME" of explorable "ID": …` for a bad
 * parameter value.
 *
 * @example A toggle and a select
 * ```ts
 * import { explorable } from "./explorable.ts";
 * const e = explorable<{ negate: boolean; base: string }, number>({
 *   id: "sign",
 *   title: "Sign",
 *   controls: [
 *     { type: "toggle", name: "negate", label: "Negate" },
 *     { type: "select", name: "base", label: "Base", options: [{ value: "2", label: "two" }] },
 *   ],
 *   defaults: { negate: false, base: "2" },
 *   compute: (p) => (p.negate ? -1 : 1) * Number(p.base),
 *   render: (v) => ({ figures: [], readouts: [{ key: "v", label: "value", value: v }] }),
 * });
 * if (e.view({ negate: true }).readouts[0].value !== -2) throw new Error("toggle ignored");
 * let message = "";
 * try {
 *   e.params({ base: "3" });
 * } catch (err) {
 *   message = (err as Error).message;
 * }
 * if (!message.startsWith('Cannot set parameter "base" of explorable "sign"')) throw new Error(message);
 * ```
 */
export function explorable<P extends Params, R, S = unknown>(
  spec: ExplorableSpec<P, R, S>,
): Explorable<P, R, S> {
  const id = spec?.id;
  if (typeof id !== "string" || !ID.test(id)) {
    fail(String(id), "the id must be lowercase letters, digits and dashes, starting with a letter");
  }
  if (typeof spec.title !== "string" || spec.title.trim() === "") fail(id, "a title is required");
  if (!Array.isArray(spec.controls)) fail(id, "controls must be an array");
  if (typeof spec.render !== "function") fail(id, "render must be a function");
  const hasCompute = typeof spec.compute === "function";
  const chunked = spec.chunked;
  if (hasCompute === (chunked !== undefined)) {
    fail(id, "give exactly one of compute (a function) or chunked (a computation in units)");
  }
  if (chunked) {
    for (const k of ["total", "init", "step", "result"] as const) {
      if (typeof chunked[k] !== "function") fail(id, `chunked.${k} must be a function`);
    }
  }
  const names = new Set<string>();
  for (const c of spec.controls) checkControl(id, c, names);
  const defaults = spec.defaults;
  if (defaults === null || typeof defaults !== "object") fail(id, "defaults must be an object");
  for (const k of Object.keys(defaults)) {
    if (!names.has(k)) fail(id, `default ${JSON.stringify(k)} has no control`);
  }
  for (const c of spec.controls) {
    if (!(c.name in defaults)) fail(id, `control ${JSON.stringify(c.name)} has no default`);
    checkParam(id, c, defaults[c.name]);
  }
  const params = (overrides: Partial<P> = {}): P => {
    if (overrides === null || typeof overrides !== "object") {
      throw new TypeError(`Cannot set the parameters of explorable "${id}": expected an object`);
    }
    const out: Params = { ...defaults };
    for (const [k, v] of Object.entries(overrides)) {
      const c = spec.controls.find((c) => c.name === k);
      if (!c) {
        throw new RangeError(
          `Cannot set parameter ${JSON.stringify(k)} of explorable "${id}": no such control ` +
            `(controls: ${spec.controls.map((c) => c.name).join(", ")})`,
        );
      }
      if (v !== undefined) out[k] = checkParam(id, c, v);
    }
    return out as P;
  };
  const view = (overrides: Partial<P> = {}, units?: number): ExplorableView => {
    const p = params(overrides);
    return spec.render(result(spec, p, units), p);
  };
  return Object.freeze({ ...spec, isChunked: chunked !== undefined, params, view });
}

/** The result of one state: `compute(p)`, or a chunked run of `units` (default all) units. */
function result<P extends Params, R, S>(
  spec: ExplorableSpec<P, R, S>,
  p: P,
  units?: number,
): R {
  if (spec.compute) return spec.compute(p);
  const c = spec.chunked!;
  const total = c.total(p);
  const n = units === undefined ? total : Math.min(Math.max(0, Math.floor(units)), total);
  const state = c.init(p);
  for (let i = 0; i < n; i++) c.step(state, i, p);
  return c.result(state, n, p);
}

/**
 * Format a readout value for display: numbers to `digits` significant
 * digits (trailing zeros dropped, exponent form below 10⁻⁴ or from 10⁶), a
 * minus sign (−) instead of a hyphen, ∞ for infinities, "—" for NaN (no
 * value yet); text as is.
 *
 * @example
 * ```ts
 * import { formatValue } from "./explorable.ts";
 * if (formatValue(-0.5) !== "−0.5") throw new Error(formatValue(-0.5));
 * if (formatValue(1 / 3, 3) !== "0.333") throw new Error(formatValue(1 / 3, 3));
 * if (formatValue(1.5e-9) !== "1.5e−9") throw new Error(formatValue(1.5e-9));
 * if (formatValue(Infinity) !== "∞" || formatValue(true) !== "yes") throw new Error("∞ or yes");
 * ```
 */
export function formatValue(value: number | string | boolean, digits = 6): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value;
  if (Number.isNaN(value)) return "—";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  if (value === 0) return "0";
  const a = Math.abs(value);
  let s: string;
  if (Number.isInteger(value) && a < 1e15) s = String(value);
  else if (a < 1e-4 || a >= 1e6) {
    const [m, e] = value.toExponential(digits - 1).split("e");
    s = `${trim(m)}e${Number(e)}`;
  } else s = trim(value.toPrecision(digits));
  return s.replace(/-/g, "−");
}

function trim(m: string): string {
  if (m.includes("e")) return m;
  return m.includes(".") ? m.replace(/\.?0+$/, "") : m;
}

/**
 * The exact text of a readout value: `String(value)` for numbers (the
 * shortest decimal that reads back to the same float64), as is otherwise.
 * This is what `data-value` and the "All digits" table show.
 *
 * @example
 * ```ts
 * import { exactValue } from "./explorable.ts";
 * const x = 0.1 + 0.2;
 * if (Number(exactValue(x)) !== x) throw new Error("not exact");
 * ```
 */
export function exactValue(value: number | string | boolean): string {
  return String(value);
}

/** Escape text for HTML (also in attribute values). */
function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * The HTML of a view's numbers: a list of label and rounded value, each
 * value carrying `data-key` and `data-value` (the exact value), then a
 * collapsed "All digits" table with every value in full. The kernel's
 * fallback and the live page use the same markup.
 *
 * @example
 * ```ts
 * import { readoutsHtml } from "./explorable.ts";
 * const html = readoutsHtml([{ key: "l", label: "λ", value: 1 / 3 }]);
 * if (!html.includes('data-key="l" data-value="0.3333333333333333">0.333333<')) throw new Error(html);
 * ```
 */
export function readoutsHtml(readouts: readonly Readout[]): string {
  const items = readouts.map((r) =>
    `<div class="hx-readout"><dt>${esc(r.label)}</dt><dd><output data-key="${esc(r.key)}" ` +
    `data-value="${esc(exactValue(r.value))}">${esc(formatValue(r.value, r.digits ?? 6))}` +
    `</output></dd></div>`
  ).join("");
  const rows = readouts.map((r) =>
    `<tr><th scope="row">${esc(r.label)}</th><td data-key="${esc(r.key)}">${
      esc(exactValue(r.value))
    }</td></tr>`
  ).join("");
  return `<dl class="hx-readouts">${items}</dl><details class="hx-digits"><summary>All digits</summary>` +
    `<table><tbody>${rows}</tbody></table></details>`;
}

/**
 * The HTML of a view's data tables: each a collapsed `<details>` carrying
 * `data-table="KEY"`, with a header row and one row per entry; every cell
 * carries `data-col` and shows its value in full (`String(value)`).
 *
 * @example
 * ```ts
 * import { tablesHtml } from "./explorable.ts";
 * const html = tablesHtml([{
 *   key: "trace",
 *   caption: "Data",
 *   columns: [{ key: "t", label: "step" }, { key: "s", label: "value" }],
 *   rows: [[0, 1 / 3]],
 * }]);
 * if (!html.includes('<td data-col="s">0.3333333333333333</td>')) throw new Error(html);
 * ```
 */
export function tablesHtml(tables: readonly DataTable[] | undefined): string {
  if (!tables?.length) return "";
  return tables.map((t) => {
    const head = t.columns.map((c) => `<th scope="col">${esc(c.label)}</th>`).join("");
    const body = t.rows.map((row) =>
      `<tr>${
        t.columns.map((c, i) =>
          `<td data-col="${esc(c.key)}">${esc(exactValue(row[i] ?? ""))}</td>`
        ).join("")
      }</tr>`
    ).join("");
    return `<details class="hx-data" data-table="${esc(t.key)}" data-rows="${t.rows.length}">` +
      `<summary>${esc(t.caption)} (${t.rows.length} ${
        t.rows.length === 1 ? "row" : "rows"
      })</summary><table><thead><tr>${head}` +
      `</tr></thead><tbody>${body}</tbody></table></details>`;
  }).join("");
}

/**
 * The JSON of parameters for the `data-params` attribute. Numbers keep
 * every digit (JSON writes the shortest exact decimal).
 *
 * @example
 * ```ts
 * import { paramsJson } from "./explorable.ts";
 * if (paramsJson({ a: 0.1, p: [1, 2], on: true }) !== '{"a":0.1,"p":[1,2],"on":true}') {
 *   throw new Error("unexpected JSON");
 * }
 * ```
 */
export function paramsJson(params: Params): string {
  return JSON.stringify(params);
}

/** @internal HTML escaping shared with the runtime and the kernel display. */
export const escapeAttribute: (s: string) => string = esc;

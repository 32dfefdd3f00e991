/**
 * An explorable in a notebook or the static book: its default state (or
 * given parameters) rendered to SVG, as a {@linkcode Figure}.
 *
 * The HTML output is
 *
 * ```html
 * <div class="hx-explorable" data-explorable="ID" data-params='{"a":1}'>
 *   <figure class="hx-figure hx-explorable-fallback">plots, numbers, caption</figure>
 * </div>
 * <script data-hx-explorable-bundle="ID">…</script>
 * ```
 *
 * The `<figure>` is the fallback: what readers without JavaScript,
 * JupyterLab (which strips scripts) and print see. The `<script>`, present
 * when the definition names its `module`, is a bundle of that module (see
 * `bundleExplorables`); it makes the same output live in the classic
 * notebook and VS Code. The book's build removes it and loads one shared
 * bundle instead.
 *
 * @module
 */
import { bundleExplorables } from "./bundleExplorables.ts";
import {
  escapeAttribute,
  type Explorable,
  formatValue,
  type Params,
  paramsJson,
  readoutsHtml,
  tablesHtml,
} from "./explorable.ts";
import { escapeHtml, Figure, figure } from "./figure.ts";

/** Options of {@linkcode showExplorable}. */
export interface ShowExplorableOptions<P extends Params> {
  /** Parameters to show instead of the defaults (checked against the controls). */
  params?: Partial<P>;
  /**
   * Inline a bundle of the definition's module, so the output runs live in
   * the classic notebook and VS Code. Default: true when the definition has
   * a `module`.
   */
  inline?: boolean;
  /** Units of a chunked computation to run for the fallback. Default: all. */
  units?: number;
}

/** A rendered explorable: a {@linkcode Figure} plus the state it shows. */
export class ExplorableFigure extends Figure {
  /** The explorable's id. */
  readonly id: string;
  /** The parameters shown. */
  readonly params: Params;
  /** The numbers shown: key → value. */
  readonly values: Record<string, number | string | boolean>;

  /** Wrap rendered parts (use {@linkcode showExplorable}). */
  constructor(
    parts: { svg: string; html: string; alt: string; caption?: string },
    state: { id: string; params: Params; values: Record<string, number | string | boolean> },
  ) {
    super(parts);
    this.id = state.id;
    this.params = state.params;
    this.values = state.values;
  }
}

const inlined = new Map<string, string>();

/** Describe parameters in words: "a = 2, b = 0.5, start = (0.9, 0)". */
function describe(def: Explorable, p: Params): string {
  return def.controls.map((c) => {
    const v = p[c.name];
    const text = Array.isArray(v)
      ? `(${v.map((x) => formatValue(x as number, 4)).join(", ")})`
      : c.type === "select"
      ? c.options.find((o) => o.value === v)?.label ?? String(v)
      : formatValue(v as number | boolean | string, 4);
    return `${c.label} = ${text}`;
  }).join("; ");
}

/**
 * Render an explorable's state as a static figure with the markup the
 * browser runtime replaces.
 *
 * Errors: those of the definition's `params` for bad parameters, and
 * `Cannot bundle explorables: …` when inlining fails (pass
 * `inline: false` to show the fallback only).
 *
 * @example The default state of a one-slider explorable
 * ```ts
 * import * as Plot from "npm:@observablehq/plot@0.6.17";
 * import { explorable } from "./explorable.ts";
 * import { showExplorable } from "./showExplorable.ts";
 * const parabola = explorable({
 *   id: "parabola",
 *   title: "A parabola",
 *   controls: [{ type: "range", name: "a", label: "a", min: -2, max: 2, step: 0.1 }],
 *   defaults: { a: 1 },
 *   compute: ({ a }) => Array.from({ length: 21 }, (_, i) => [i / 10 - 1, a * (i / 10 - 1) ** 2]),
 *   render: (points, { a }) => ({
 *     figures: [{ marks: [Plot.line(points)], alt: `The parabola ${a}x²` }],
 *     readouts: [{ key: "curvature", label: "f''", value: 2 * a }],
 *   }),
 * });
 * const fig = showExplorable(parabola, { params: { a: 0.5 } });
 * if (!fig.html.includes('data-explorable="parabola"') || !fig.svg.startsWith("<svg")) {
 *   throw new Error(fig.html.slice(0, 80));
 * }
 * if (fig.values.curvature !== 1) throw new Error(String(fig.values.curvature));
 * ```
 */
export function showExplorable<P extends Params, R, S>(
  def: Explorable<P, R, S>,
  options: ShowExplorableOptions<P> = {},
): ExplorableFigure {
  const p = def.params(options.params ?? {});
  const view = def.view(p, options.units);
  const figs = view.figures.map((spec) => figure(spec));
  const values: Record<string, number | string | boolean> = {};
  for (const r of view.readouts) values[r.key] = r.value;
  const note = `Default state: ${describe(def as unknown as Explorable, p)}. ` +
    `In the HTML book (and the classic notebook) the figure is live: move the controls and it recomputes.`;
  const caption = def.caption ?? "";
  const inner = `<figure class="hx-figure hx-explorable-fallback">` +
    `<div class="hx-explorable-plots">${
      // Not `hx-figure`: the page numbers the explorable, not each of its plots.
      figs.map((f) =>
        `<figure class="hx-explorable-plot">${f.plot}${
          f.caption ? `<figcaption>${escapeHtml(f.caption)}</figcaption>` : ""
        }</figure>`
      ).join("")}</div>` +
    (view.summary ? `<p class="hx-explorable-summary">${escapeHtml(view.summary)}</p>` : "") +
    `<div class="hx-explorable-numbers">${readoutsHtml(view.readouts)}${
      tablesHtml(view.tables)
    }</div>` +
    `<figcaption>${caption ? escapeHtml(caption) + " " : ""}<span class="hx-explorable-note">${
      escapeHtml(note)
    }</span></figcaption></figure>`;
  let html = `<div class="hx-explorable" data-explorable="${escapeAttribute(def.id)}" ` +
    `data-params="${escapeAttribute(paramsJson(p))}">${inner}</div>`;
  if (def.module && (options.inline ?? true)) {
    let js = inlined.get(def.module);
    if (js === undefined) {
      js = bundleExplorables([def.module]);
      inlined.set(def.module, js);
    }
    html += `<script data-hx-explorable-bundle="${escapeAttribute(def.id)}">${js}</script>`;
  }
  return new ExplorableFigure(
    {
      svg: figs[0]?.svg ?? "",
      html,
      alt: view.figures.map((f) => f.alt).join(" "),
      caption,
    },
    { id: def.id, params: p, values },
  );
}

/**
 * The browser side of explorables: a registry of definitions by id, and the
 * code that replaces each fallback (`<div data-explorable="ID">`) with the
 * live version. It runs only in a browser; the kernel never loads it.
 *
 * A page may load several bundles (a notebook inlines one per output). They
 * share one registry on `globalThis` under `Symbol.for("hessian.explorables")`,
 * and each registered definition keeps the `Plot.plot` of its own bundle, so
 * marks are always drawn by the Plot copy that made them. A container is
 * mounted once (it gets `data-live`).
 *
 * Live behaviour:
 * - controls are `<input type="range">`, checkboxes and `<select>`s with
 *   `<label>`s, so they work from the keyboard; a point control has two
 *   sliders and can also be dragged on its figure;
 * - a change recomputes and redraws the numbers synchronously, and the
 *   plots in the next frame (once per frame however many changes came in);
 *   the times are recorded in the registry's `timings`;
 * - a chunked computation runs in slices of about 8 ms on the main thread
 *   (yielding through a `MessageChannel`, so there is no timer clamping), with
 *   a `<progress>` bar and Start, Pause and Reset. It redraws the plots at
 *   most four times a second, and, under `prefers-reduced-motion: reduce`,
 *   only when it pauses or finishes.
 *
 * @example The registry is shared by every bundle on a page
 * ```ts
 * import { explorableRegistry } from "./explorableRuntime.ts";
 * const a = explorableRegistry(), b = explorableRegistry();
 * if (a !== b) throw new Error("two registries");
 * ```
 *
 * @module
 */
// deno-lint-ignore no-import-prefix -- lib/ is importable by path with no import map
import * as Plot from "npm:@observablehq/plot@0.6.17";
import {
  type Control,
  type Explorable,
  type ExplorableView,
  formatValue,
  type Params,
  type ParamValue,
  readoutsHtml,
  tablesHtml,
} from "./explorable.ts";
import { EXPLORABLE_CSS } from "./explorableStyle.ts";
import {
  enlargePlotText,
  narrowMargins,
  plainPlotParts,
  plotMargins,
  type PlotNode,
} from "./_plotDom.ts";

/** The time of one update, recorded by the runtime (for benchmarks). */
export interface UpdateTiming {
  /** The explorable's id. */
  id: string;
  /** Milliseconds from the change to the numbers in the DOM (compute, render, numbers). */
  numbers: number;
  /** Milliseconds spent drawing the plots, in the next frame (unset while pending or skipped). */
  plots?: number;
}

/** One registered definition with the Plot of the bundle that registered it. */
export interface RegistryEntry {
  /** The definition. */
  def: Explorable;
  /** Mount it into a container (this bundle's runtime). */
  mount: (container: HTMLElement) => void;
}

/** The page-wide registry. */
export interface ExplorableRegistry {
  /** Definitions by id. */
  entries: Map<string, RegistryEntry>;
  /** Update timings, newest last (kept to the last 1000). */
  timings: UpdateTiming[];
}

const KEY = Symbol.for("hessian.explorables");

/** The registry shared by every bundle on the page (created on first use). */
export function explorableRegistry(): ExplorableRegistry {
  const g = globalThis as unknown as Record<symbol, ExplorableRegistry | undefined>;
  return (g[KEY] ??= { entries: new Map(), timings: [] });
}

function isExplorable(x: unknown): x is Explorable {
  return typeof x === "object" && x !== null && typeof (x as Explorable).id === "string" &&
    typeof (x as Explorable).render === "function" && typeof (x as Explorable).view === "function";
}

/** Register every explorable among a module's exports (what the bundle entry calls). */
export function registerModule(mod: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (const value of Object.values(mod)) {
    if (!isExplorable(value)) continue;
    explorableRegistry().entries.set(value.id, {
      def: value,
      mount: (el) => mountExplorable(el, value),
    });
    ids.push(value.id);
  }
  return ids;
}

/** Inject the explorables' style once per document. */
function ensureStyle(doc: Document): void {
  if (doc.getElementById("hx-explorable-style")) return;
  const style = doc.createElement("style");
  style.id = "hx-explorable-style";
  style.textContent = EXPLORABLE_CSS;
  doc.head.appendChild(style);
}

/**
 * Mount every registered explorable below `root` that is not live yet.
 * Returns how many were mounted. Containers whose id is not registered are
 * left with their fallback.
 */
export function mountAll(root: ParentNode = document): number {
  const reg = explorableRegistry();
  let n = 0;
  for (const el of root.querySelectorAll<HTMLElement>("[data-explorable]:not([data-live])")) {
    const entry = reg.entries.get(el.dataset.explorable ?? "");
    if (!entry) continue;
    entry.mount(el);
    n++;
  }
  return n;
}

/** Run `mountAll` now, or when the document has been parsed. */
export function mountWhenReady(): void {
  if (typeof document === "undefined") return;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => mountAll(document), { once: true });
  } else mountAll(document);
}

let counter = 0;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The decimals of a slider step, so 0.1 + 0.2 shows as 0.3 and reads back as the slider's value. */
function decimals(step: number): number {
  const s = String(step);
  const e = s.match(/e-(\d+)$/);
  if (e) return Number(e[1]);
  return (s.split(".")[1] ?? "").length;
}

/** A slider's numeric value rounded to its step's decimals (kills 0.30000000000000004). */
function sliderValue(input: HTMLInputElement, step: number): number {
  return Number(Number(input.value).toFixed(Math.min(20, decimals(step))));
}

interface Live {
  params: Params;
  read: () => void;
}

/**
 * Replace the fallback in `container` with the live explorable `def`. The
 * starting parameters are the JSON in `data-params` (the kernel's state),
 * else the definition's defaults.
 */
export function mountExplorable(container: HTMLElement, def: Explorable): void {
  if (container.hasAttribute("data-live")) return;
  const doc = container.ownerDocument;
  ensureStyle(doc);
  let params: Params;
  try {
    params = def.params(JSON.parse(container.dataset.params ?? "{}"));
  } catch {
    params = def.params();
  }
  const uid = `hx-${def.id}-${++counter}`;
  const reduceMotion = typeof matchMedia === "function" &&
    matchMedia("(prefers-reduced-motion: reduce)").matches;

  const live = el("div", { class: "hx-explorable-live" });
  live.appendChild(el("p", { class: "hx-explorable-title", id: `${uid}-title` }, def.title));
  const form = el("form", { class: "hx-controls", "aria-labelledby": `${uid}-title` });
  form.addEventListener("submit", (e) => e.preventDefault());
  const plots = el("div", { class: "hx-explorable-plots" });
  const numbers = el("div", { class: "hx-explorable-numbers" });
  const summary = el("p", { class: "hx-explorable-summary", "aria-live": "polite" });
  live.append(form, plots, summary, numbers);
  if (def.caption) live.appendChild(el("p", { class: "hx-explorable-caption" }, def.caption));

  const setters: ((p: Params) => void)[] = [];
  let onChange = () => {};
  let firstDraw = () => {};
  const changed = (name: string, value: ParamValue) => {
    params = { ...params, [name]: value };
    container.dataset.params = JSON.stringify(params);
    onChange();
  };
  for (const c of def.controls) setters.push(buildControl(form, c, uid, params, changed));

  // Plots: the latest Plot elements, for dragging.
  let current: (HTMLElement | SVGSVGElement)[] = [];
  const drawPlots = (view: ExplorableView) => {
    current = view.figures.map((spec) => {
      const node = plotToFit(spec as Plot.PlotOptions, plots.clientWidth);
      const svg = node.tagName.toLowerCase() === "svg"
        ? node
        : [...node.querySelectorAll("svg")].pop() ?? node;
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", spec.alt);
      plainPlotParts(node); // as figure() does
      return node;
    });
    points.forEach((p) => current[p.figure ?? 0]?.setAttribute("data-draggable", p.name));
    plots.replaceChildren(...current);
  };
  const drawNumbers = (view: ExplorableView) => {
    // Keep open whichever tables the reader opened.
    const open = [...numbers.querySelectorAll("details")].map((d) => d.open);
    numbers.innerHTML = readoutsHtml(view.readouts) + tablesHtml(view.tables);
    numbers.querySelectorAll("details").forEach((d, i) => open[i] && (d.open = true));
    summary.textContent = view.summary ?? "";
  };

  // Dragging a point control on its figure.
  const points = def.controls.filter((c): c is Extract<Control, { type: "point" }> =>
    c.type === "point"
  );
  if (points.length) {
    let dragging: (typeof points)[number] | null = null;
    const place = (e: PointerEvent) => {
      const p = dragging!;
      const node = current[p.figure ?? 0] as unknown as {
        scale?: (n: string) => { invert?: (v: number) => number } | undefined;
      };
      const svg = (current[p.figure ?? 0]?.tagName.toLowerCase() === "svg"
        ? current[p.figure ?? 0]
        : [...(current[p.figure ?? 0]?.querySelectorAll("svg") ?? [])].pop()) as
          | SVGSVGElement
          | undefined;
      const sx = node?.scale?.("x"), sy = node?.scale?.("y");
      const m = svg?.getScreenCTM();
      if (!svg || !sx?.invert || !sy?.invert || !m) {
        return;
      }
      const local = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
      const snap = (v: number, a: { min: number; max: number; step: number }) => {
        const k = Math.round((Math.min(a.max, Math.max(a.min, v)) - a.min) / a.step);
        return Number((a.min + k * a.step).toFixed(Math.min(20, decimals(a.step))));
      };
      const value = [snap(sx.invert(local.x), p.x), snap(sy.invert(local.y), p.y)] as const;
      const old = params[p.name] as readonly number[];
      if (old[0] === value[0] && old[1] === value[1]) {
        return;
      }
      params = { ...params, [p.name]: value };
      setters.forEach((s) =>
        s(params)
      );
      changed(p.name, value);
    };
    plots.addEventListener("pointerdown", (e) => {
      const target = (e.target as Element).closest("[data-draggable]");
      if (!target) return;
      dragging = points.find((p) => p.name === target.getAttribute("data-draggable")) ?? null;
      if (!dragging) return;
      plots.setPointerCapture(e.pointerId);
      e.preventDefault();
      place(e);
    });
    plots.addEventListener("pointermove", (e) => dragging && place(e));
    const stop = (e: PointerEvent) => {
      dragging = null;
      if (plots.hasPointerCapture(e.pointerId)) plots.releasePointerCapture(e.pointerId);
    };
    plots.addEventListener("pointerup", stop);
    plots.addEventListener("pointercancel", stop);
  }

  // Numbers first, synchronously; plots in the next frame (coalesced), so a burst of slider
  // events draws the plots once per frame and the numbers are never held up by the drawing.
  const reg = explorableRegistry();
  let pending: { view: ExplorableView; timing: UpdateTiming } | null = null;
  const flush = () => {
    if (!pending) return;
    const { view, timing } = pending;
    pending = null;
    const t0 = performance.now();
    drawPlots(view);
    timing.plots = performance.now() - t0;
  };
  const timed = (view: () => ExplorableView, withPlots: boolean, now = false) => {
    const t0 = performance.now();
    const v = view();
    drawNumbers(v);
    const timing: UpdateTiming = { id: def.id, numbers: performance.now() - t0 };
    reg.timings.push(timing);
    if (reg.timings.length > 1000) reg.timings.splice(0, reg.timings.length - 1000);
    if (!withPlots) return;
    const scheduled = pending !== null;
    pending = { view: v, timing };
    if (now) flush();
    else if (!scheduled) requestAnimationFrame(() => setTimeout(flush, 0));
  };

  const chunked = def.chunked;
  if (!chunked) {
    onChange = () => timed(() => def.render(def.compute!(params), params), true);
    firstDraw = () => timed(() => def.render(def.compute!(params), params), true, true);
  } else {
    const run = el("div", { class: "hx-run" });
    const start = el("button", { type: "button", "data-action": "start" }, "Start");
    const pause = el("button", { type: "button", "data-action": "pause" }, "Pause");
    const reset = el("button", { type: "button", "data-action": "reset" }, "Reset");
    const bar = el("progress", { id: `${uid}-progress` });
    const barLabel = el("label", { for: `${uid}-progress`, class: "hx-progress-text" });
    run.append(start, pause, reset, bar, barLabel);
    form.appendChild(run);
    const unit = chunked.unit ?? "steps";
    let state: unknown, done = 0, total = 0, running = false, lastDraw = 0;
    const channel = new MessageChannel();
    const show = (withPlots: boolean, now = false) =>
      timed(() => def.render(chunked.result(state, done, params), params), withPlots, now);
    const progress = () => {
      bar.max = Math.max(1, total);
      bar.value = done;
      barLabel.textContent = `${done} of ${total} ${unit}`;
      container.dataset.done = String(done);
      start.disabled = running || done >= total;
      pause.disabled = !running;
      start.textContent = done > 0 && done < total ? "Resume" : "Start";
    };
    const initialise = () => {
      running = false;
      total = chunked.total(params);
      state = chunked.init(params);
      done = 0;
      progress();
      show(true, true);
    };
    channel.port1.onmessage = () => {
      if (!running) return;
      const t0 = performance.now();
      while (done < total && performance.now() - t0 < 8) chunked.step(state, done++, params);
      if (done >= total) running = false;
      const now = performance.now();
      const redraw = !running || (!reduceMotion && now - lastDraw > 250);
      if (redraw) lastDraw = now;
      progress();
      show(redraw);
      if (running) channel.port2.postMessage(0);
    };
    start.addEventListener("click", () => {
      if (running || done >= total) return;
      running = true;
      progress();
      channel.port2.postMessage(0);
    });
    pause.addEventListener("click", () => {
      running = false;
      progress();
      show(true);
    });
    reset.addEventListener("click", initialise);
    onChange = initialise;
    firstDraw = initialise;
  }

  const fallback = container.querySelector<HTMLElement>(".hx-explorable-fallback");
  if (fallback) {
    fallback.hidden = true;
    // The live version takes over the figure's number and anchor (cross-references link to it).
    const num = fallback.querySelector(".hx-fignum");
    if (num) {
      const caption = live.querySelector(".hx-explorable-caption") ??
        live.appendChild(el("p", { class: "hx-explorable-caption" }));
      caption.prepend(num.cloneNode(true), " ");
    }
    if (fallback.id) {
      live.id = fallback.id;
      fallback.removeAttribute("id");
    }
  }
  container.appendChild(live);
  container.setAttribute("data-live", "");
  firstDraw();
}

/**
 * Draw a plot no wider than `available` CSS px. On a phone-sized column, or when the plot would
 * be scaled down, it is drawn again at most the available width with 12 px text and margins grown to hold it, so that
 * its labels stay readable, as the static figures' narrow variants do.
 */
function plotToFit(spec: Plot.PlotOptions, available: number): HTMLElement | SVGSVGElement {
  const node = Plot.plot(spec) as (HTMLElement | SVGSVGElement) & PlotNode;
  const width = spec.width ?? 640;
  // A phone-sized column (or any column narrower than the plot) gets the narrow drawing.
  if (!(available > 0 && (available < width || available < 500))) return node;
  const main = node.tagName.toLowerCase() === "svg" ? node : node.querySelector("svg[viewBox]");
  const margins = main ? narrowMargins(plotMargins(node, main)) : {};
  const narrow = Plot.plot({
    ...spec,
    ...margins,
    width: Math.min(width, Math.floor(available)),
  }) as HTMLElement | SVGSVGElement;
  enlargePlotText(narrow);
  return narrow;
}

/** Build one control into `form`; returns a function that shows new parameters in it. */
function buildControl(
  form: HTMLFormElement,
  c: Control,
  uid: string,
  params: Params,
  changed: (name: string, value: ParamValue) => void,
): (p: Params) => void {
  const id = `${uid}-${c.name}`;
  if (c.type === "range") {
    const log = c.scale === "log";
    const row = el("div", { class: "hx-control" });
    const label = el("label", { for: id }, c.label);
    const input = el("input", {
      type: "range",
      id,
      name: c.name,
      min: String(log ? Math.log10(c.min) : c.min),
      max: String(log ? Math.log10(c.max) : c.max),
      step: String(c.step),
    });
    const out = el("output", { for: id, "data-param": c.name });
    const show = (v: number) => {
      input.value = String(log ? Math.log10(v) : v);
      out.textContent = formatValue(v, c.digits ?? 4);
      out.dataset.value = String(v);
      input.setAttribute("aria-valuetext", formatValue(v, c.digits ?? 4));
    };
    show(params[c.name] as number);
    input.addEventListener("input", () => {
      const t = sliderValue(input, c.step);
      // Clamp: 10^t can round a few ulps past the ends.
      const v = log ? Math.min(c.max, Math.max(c.min, 10 ** t)) : t;
      out.textContent = formatValue(v, c.digits ?? 4);
      out.dataset.value = String(v);
      input.setAttribute("aria-valuetext", formatValue(v, c.digits ?? 4));
      changed(c.name, v);
    });
    row.append(label, input, out);
    form.appendChild(row);
    return (p) => show(p[c.name] as number);
  }
  if (c.type === "toggle") {
    const row = el("div", { class: "hx-control" });
    const input = el("input", { type: "checkbox", id, name: c.name });
    input.checked = params[c.name] as boolean;
    input.addEventListener("change", () => changed(c.name, input.checked));
    row.append(input, el("label", { for: id }, c.label));
    form.appendChild(row);
    return (p) => (input.checked = p[c.name] as boolean);
  }
  if (c.type === "select") {
    const row = el("div", { class: "hx-control" });
    const select = el("select", { id, name: c.name });
    for (const o of c.options) select.appendChild(el("option", { value: o.value }, o.label));
    select.value = params[c.name] as string;
    select.addEventListener("change", () => changed(c.name, select.value));
    row.append(el("label", { for: id }, c.label), select);
    form.appendChild(row);
    return (p) => (select.value = p[c.name] as string);
  }
  // A point: a fieldset with two sliders.
  const set = el("fieldset");
  set.appendChild(el("legend", {}, c.label));
  const axes = (["x", "y"] as const).map((axis, i) => {
    const a = c[axis];
    const aid = `${id}-${axis}`;
    const row = el("div", { class: "hx-control" });
    const input = el("input", {
      type: "range",
      id: aid,
      name: `${c.name}.${axis}`,
      min: String(a.min),
      max: String(a.max),
      step: String(a.step),
    });
    const out = el("output", { for: aid, "data-param": `${c.name}.${axis}` });
    row.append(el("label", { for: aid }, a.label), input, out);
    set.appendChild(row);
    const show = (v: number) => {
      input.value = String(v);
      out.textContent = formatValue(v, 4);
      out.dataset.value = String(v);
    };
    input.addEventListener("input", () => {
      const v = sliderValue(input, a.step);
      const pair = [...(params[c.name] as readonly number[])] as [number, number];
      pair[i] = v;
      params = { ...params, [c.name]: pair };
      show(v);
      changed(c.name, pair);
    });
    return show;
  });
  form.appendChild(set);
  const showAll = (p: Params) => {
    params = p;
    const [x, y] = p[c.name] as readonly number[];
    axes[0](x);
    axes[1](y);
  };
  showAll(params);
  return showAll;
}

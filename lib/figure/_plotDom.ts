// Private helpers on Observable Plot's output, shared by figure.ts (linkedom, in Deno) and
// explorableRuntime.ts (the browser): no DOM implementation is imported here.

/** A rendered plot: Plot's element with its `scale()` accessor. */
export type PlotNode = Element & {
  scale(name: string): { domain?: unknown[]; range?: unknown[] } | undefined;
};

/** A narrow variant draws its text this much larger (12 px instead of Plot's 10). */
export const NARROW_TEXT_SCALE = 1.2;

/**
 * Drop the names Observable Plot gives its parts (`<g aria-label="dot">`, `aria-description`)
 * inside `root`, except on elements with a role. Inside an `<svg role="img">`, whose alt text
 * describes the figure, those names are not announced, and ARIA forbids `aria-label` on a `<g>`
 * without a role.
 */
export function plainPlotParts(root: Element): void {
  for (const part of root.querySelectorAll("[aria-label], [aria-description]")) {
    if (part.getAttribute("role")) continue;
    part.removeAttribute("aria-label");
    part.removeAttribute("aria-description");
  }
}

/**
 * The margins Plot chose for `node`, read back from the ranges of the outermost position scales
 * and the size of its main plot `main`.
 */
export function plotMargins(node: PlotNode, main: Element): Record<string, number> {
  const width = Number(main.getAttribute("width")), height = Number(main.getAttribute("height"));
  const margins: Record<string, number> = {};
  const h = (node.scale("fx") ?? node.scale("x"))?.range as number[] | undefined;
  const v = (node.scale("fy") ?? node.scale("y"))?.range as number[] | undefined;
  if (h?.length === 2 && h.every(Number.isFinite) && width) {
    margins.marginLeft = Math.min(...h);
    margins.marginRight = width - Math.max(...h);
  }
  if (v?.length === 2 && v.every(Number.isFinite) && height) {
    margins.marginTop = Math.min(...v);
    margins.marginBottom = height - Math.max(...v);
  }
  return margins;
}

/** The margins of a narrow variant: those of the wide plot, grown to hold the larger text. */
export function narrowMargins(margins: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(margins).map(([k, v]) => [k, Math.ceil(v * NARROW_TEXT_SCALE + 2)]),
  );
}

/** Draw the text of a narrow variant larger: 12 px on each `<svg>` in `node` set to Plot's 10. */
export function enlargePlotText(node: Element): void {
  const svgs = node.tagName.toLowerCase() === "svg" ? [node] : node.querySelectorAll("svg");
  for (const svg of svgs) {
    if (svg.getAttribute("font-size") === "10") svg.setAttribute("font-size", "12");
  }
}

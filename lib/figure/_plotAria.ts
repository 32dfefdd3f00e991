// A private helper shared by figure.ts (linkedom, in Deno) and explorableRuntime.ts (the
// browser): no DOM implementation is imported here.

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

/**
 * How much of a chapter page the code takes, as the reader sees it in the default view: the
 * summed height of the visible code inputs (prompt and code block; a folded cell's input is not
 * rendered) over the page's height. Runs in the page (Chromium), so it sees real layout.
 */
import type { Page } from "playwright-core";

/** The measure of one page. */
export interface CodeShare {
  /** Height of the visible code inputs, CSS px. */
  code: number;
  /** Height of the page (document scroll height), CSS px. */
  page: number;
  /** code / page. */
  share: number;
  /** Code cells whose input is visible, and all code cells. */
  openCells: number;
  cells: number;
}

/** Measure the visible code on the page now open. */
export function codeShare(page: Page): Promise<CodeShare> {
  return page.evaluate(() => {
    const inputs = [...document.querySelectorAll<HTMLElement>(".hx-code-cell .hx-input")];
    let code = 0, openCells = 0;
    for (const el of inputs) {
      const h = el.getBoundingClientRect().height;
      // Inside a closed <details> Chromium keeps the box but skips rendering it (content-visibility).
      const hidden = el.closest("details:not([open])") !== null || !el.checkVisibility();
      if (h > 0 && !hidden) {
        code += h;
        openCells++;
      }
    }
    const total = document.documentElement.scrollHeight;
    return {
      code,
      page: total,
      share: code / total,
      openCells,
      cells: document.querySelectorAll(".hx-code-cell").length,
    };
  });
}

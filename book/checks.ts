/**
 * Check cells that read as one line per check. A chapter's check cell makes a
 * list with {@linkcode checks}, runs each check through it (the same rules and
 * errors as `assertClose`, `assertAllClose` and `check` from the library: the
 * first failure throws, so the build fails at that cell), and ends with the
 * list, which displays compactly:
 *
 *     ✓ λ₁ = 1 ≈ 1, to 1e-15
 *     ✓ 5×5 spectrum: 5 values ≈ expected, to 1e-13
 *     ✓ trace identity
 *
 * @example
 * ```ts
 * import { checks } from "./checks.ts";
 * const c = checks();
 * c.close(0.1 + 0.2, 0.3, { label: "0.1 + 0.2", against: "0.3", atol: 1e-15 });
 * c.that(2 > 1, "two exceeds one");
 * if (!c.lines().every((l) => l.startsWith("✓ "))) throw new Error("two passing lines");
 * ```
 *
 * @module
 */
import {
  assertAllClose,
  assertClose,
  check,
  type CloseOptions,
  DEFAULT_ATOL,
  DEFAULT_RTOL,
  type NumericArray,
} from "../lib/assert.ts";
import { escapeHtml, jupyterDisplay } from "../lib/display.ts";
import { formatNumber } from "../lib/validate/formatNumber.ts";

/** Options of one close check: the library's tolerances, and what the value is compared with. */
export interface CheckCloseOptions extends CloseOptions {
  /** Name of the expected value ("closed form", "eigh"); its number is shown otherwise. */
  against?: string;
}

/**
 * The tolerance a check was held to, as the library applies it (a tolerance
 * not given takes its default): "1e-12 + rel. 1e-9", "1e-15" when rtol is 0,
 * "rel. 1e-12" when atol is 0, "exactly" when both are. Numbers are not
 * rounded (2.5e-10 stays 2.5e-10).
 *
 * @example
 * ```ts
 * import { tolerance } from "./checks.ts";
 * if (tolerance({ atol: 0, rtol: 1e-12 }) !== "rel. 1e-12") throw new Error();
 * if (tolerance({ atol: 0, rtol: 0 }) !== "exactly") throw new Error();
 * ```
 */
export function tolerance(o: CloseOptions): string {
  const short = (x: number) => x.toExponential().replace("e+", "e");
  const atol = o.atol ?? DEFAULT_ATOL, rtol = o.rtol ?? DEFAULT_RTOL;
  const terms = [atol && short(atol), rtol && `rel. ${short(rtol)}`].filter(Boolean);
  return terms.length ? terms.join(" + ") : "exactly";
}

/** At most this many lines are shown (checks in a loop are summarized in one line). */
const MAX_LINES = 8;

/** A list of passed checks that displays as one line each. */
export class Checks {
  #lines: string[] = [];
  /** What each line checks (its label), to merge the repeats of a check made in a loop. */
  #keys: string[] = [];

  /** Check a number like `assertClose`; records "✓ label = actual ≈ expected, to tol". */
  close(actual: number, expected: number, options: CheckCloseOptions = {}): this {
    assertClose(actual, expected, options);
    const label = options.label ?? "value";
    const against = options.against ?? formatNumber(expected, 6);
    this.#keys.push(`close ${label}`);
    this.#lines.push(
      `✓ ${label} = ${formatNumber(actual, 6)} ≈ ${against}, to ${tolerance(options)}`,
    );
    return this;
  }

  /** Check numbers, vectors or matrices like `assertAllClose`; records one line for the whole. */
  allClose(actual: NumericArray, expected: NumericArray, options: CheckCloseOptions = {}): this {
    const n = assertAllClose(actual, expected, options);
    const label = options.label ?? "values";
    this.#keys.push(`allClose ${label}`);
    this.#lines.push(
      `✓ ${label}: ${n} value${n === 1 ? "" : "s"} ≈ ${options.against ?? "expected"}, to ${
        tolerance(options)
      }`,
    );
    return this;
  }

  /** Check a condition like `check`; records "✓ statement". Write `statement` as what holds. */
  that(condition: unknown, statement: string): this {
    check(condition, statement);
    this.#keys.push(`that ${statement}`);
    this.#lines.push(`✓ ${statement}`);
    return this;
  }

  /**
   * Record what the cell as a whole has checked (a line "✓ text"), after checks that threw
   * nothing; ends a check cell, so that the cell shows the list.
   */
  summary(text: string): this {
    this.#keys.push(`summary ${this.#lines.length}`);
    this.#lines.push(`✓ ${text}`);
    return this;
  }

  /** The lines so far. */
  lines(): string[] {
    return [...this.#lines];
  }

  /** A notebook shows the list as compact lines (HTML), or plain text. */
  [jupyterDisplay](): Record<string, string> {
    // A check repeated in a loop (same label) shows once, with its count.
    const groups = new Map<string, { line: string; n: number }>();
    this.#lines.forEach((line, i) => {
      const g = groups.get(this.#keys[i]);
      if (g) g.n++;
      else groups.set(this.#keys[i], { line, n: 1 });
    });
    const merged = [...groups.values()].map((g) => g.n > 1 ? `${g.line} (×${g.n})` : g.line);
    const shown = merged.length <= MAX_LINES ? merged : [
      ...merged.slice(0, MAX_LINES - 2),
      `✓ … ${merged.length - MAX_LINES + 1} more checks`,
      merged[merged.length - 1],
    ];
    return {
      "text/plain": shown.join("\n"),
      "text/html": `<ul class="hx-checks">${
        shown.map((l) => `<li>${escapeHtml(l)}</li>`).join("")
      }</ul>`,
    };
  }
}

/** Start a list of checks for a check cell. */
export function checks(): Checks {
  return new Checks();
}

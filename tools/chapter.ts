/**
 * A chapter is Markdown with executable ```ts fences. This module splits it
 * into cells and joins cells back, so that md → cells → md is the identity.
 *
 * The layout is: cells joined by one blank line, a final newline, and each
 * code cell written as a ```ts fence. A fence is lengthened (````ts) when the
 * code itself has a line starting with three backticks. Fences with any other
 * info string (```typescript, ```text, ~~~) stay inside the Markdown.
 *
 * @module
 */

/**
 * The options a code cell can carry, each on its own first line `//| NAME`:
 *
 * - `setup`: imports and preparation; the HTML collapses it under "imports".
 * - `fold`: plotting boilerplate and checks; the HTML folds it behind a "code" toggle.
 * - `hide`: the HTML shows only the cell's output.
 *
 * Cells without options (the algorithm, the experiment's call) stay open.
 */
export const CELL_OPTIONS = ["setup", "fold", "hide"] as const;
/** One cell option (see {@linkcode CELL_OPTIONS}). */
export type CellOption = typeof CELL_OPTIONS[number];

/** One cell of a chapter. */
export interface Cell {
  kind: "markdown" | "code";
  /** The cell's text, without the fence lines of a code cell and without its `//|` option lines. */
  source: string;
  /** A code cell's options (from its leading `//| NAME` lines); absent when it has none. */
  options?: CellOption[];
}

/** A cell with its position in the Markdown file. */
export interface LocatedCell extends Cell {
  /** 1-based line in the Markdown where the cell's text starts (after any `//|` option lines). */
  line: number;
  /** 1-based number of this cell among the code cells (code cells only). */
  codeIndex?: number;
}

const OPEN_TS = /^(`{3,})ts[ \t]*$/;

const OPTION_PREFIX = "//|";

/**
 * Read the `//| NAME` lines that open a code cell, `lines[start]` up to
 * `lines[end - 1]`, into `options` (after any already there); `where(k)`
 * names line k for errors. Returns the index of the cell's first code line.
 */
export function readOptionLines(
  lines: readonly string[],
  start: number,
  end: number,
  where: (k: number) => string,
  options: CellOption[],
): number {
  let k = start;
  for (; k < end && lines[k].startsWith(OPTION_PREFIX); k++) {
    options.push(parseOption(lines[k], where(k), options));
  }
  return k;
}

/**
 * Read one `//| NAME` line. `where` is `file:LINE`; `before` are the options
 * already read for the cell (an option may appear once, and at most one of
 * them, since each says how the whole cell is shown).
 */
export function parseOption(
  line: string,
  where: string,
  before: readonly CellOption[],
): CellOption {
  const m = line.match(/^\/\/\| ([a-z-]+)$/);
  if (!m) {
    throw new ChapterError(
      `Cannot parse ${where}: a cell option line is written "//| NAME" (one of ${
        CELL_OPTIONS.join(", ")
      }), got ${JSON.stringify(line)}`,
    );
  }
  const name = m[1];
  if (!(CELL_OPTIONS as readonly string[]).includes(name)) {
    throw new ChapterError(
      `Cannot parse ${where}: unknown cell option "${name}" (known: ${CELL_OPTIONS.join(", ")})`,
    );
  }
  if (before.length > 0) {
    throw new ChapterError(
      `Cannot parse ${where}: cell option "${name}" after "${
        before[0]
      }"; a cell takes one option (${CELL_OPTIONS.join(", ")})`,
    );
  }
  return name as CellOption;
}

/** Error raised for a chapter that cannot be split or written. */
export class ChapterError extends Error {
  /** Create the error. */
  constructor(message: string) {
    super(message);
    this.name = "ChapterError";
  }
}

/** The line that separates two adjacent Markdown cells. */
export const CELL_BREAK = "<!-- cell -->";

/**
 * Split chapter text into cells. Line endings are normalized to "\n".
 * `file` only labels error messages.
 *
 * Cells are separated by one blank line; two adjacent Markdown cells by a
 * blank line, the line `<!-- cell -->` and another blank line (an HTML
 * comment, so it is invisible when rendered). Hand-written files that omit
 * a blank line are accepted; {@linkcode renderChapter} writes the canonical form.
 */
export function parseChapter(text: string, file = "chapter"): LocatedCell[] {
  text = text.replace(/\r\n?/g, "\n");
  if (text === "") return [];
  if (text.endsWith("\n")) text = text.slice(0, -1);
  const lines = text.split("\n");
  const cells: LocatedCell[] = [];
  let codeIndex = 0;
  let i = 0;
  while (i < lines.length) {
    const ts = lines[i].match(OPEN_TS);
    if (ts) {
      const fence = ts[1].length;
      let j = i + 1;
      while (j < lines.length) {
        const close = lines[j].match(/^(`{3,})[ \t]*$/);
        if (close && close[1].length >= fence) break;
        j++;
      }
      if (j >= lines.length) {
        throw new ChapterError(`Cannot read ${file}:${i + 1}: this \`\`\`ts fence is never closed`);
      }
      codeIndex++;
      const options: CellOption[] = [];
      const k = readOptionLines(lines, i + 1, j, (k) => `${file}:${k + 1}`, options);
      cells.push({
        kind: "code",
        source: lines.slice(k, j).join("\n"),
        line: k + 1,
        codeIndex,
        ...(options.length > 0 ? { options } : {}),
      });
      i = j + 1;
      if (i < lines.length && lines[i] === "") i++; // the separator
      continue;
    }
    // A Markdown cell: up to a ```ts fence or a cell break, outside any other fence.
    const start = i;
    let outer: { char: string; len: number } | null = null;
    let end = lines.length; // exclusive end of the cell's lines
    let next = lines.length;
    for (let j = i; j < lines.length; j++) {
      const line = lines[j];
      if (outer) {
        const close = line.match(/^(`{3,}|~{3,})[ \t]*$/);
        if (close && close[1][0] === outer.char && close[1].length >= outer.len) outer = null;
        continue;
      }
      if (OPEN_TS.test(line) && j > start) {
        end = lines[j - 1] === "" && j - 1 >= start ? j - 1 : j;
        next = j;
        break;
      }
      if (
        line === CELL_BREAK && j > start && lines[j - 1] === "" && lines[j + 1] === ""
      ) {
        end = j - 1;
        next = j + 2;
        break;
      }
      const open = line.match(/^(`{3,}|~{3,})(.*)$/);
      if (open && !(open[1][0] === "`" && open[2].includes("`"))) {
        outer = { char: open[1][0], len: open[1].length };
      }
    }
    if (outer) throw new ChapterError(`Cannot read ${file}: a Markdown code fence is never closed`);
    cells.push({ kind: "markdown", source: lines.slice(start, end).join("\n"), line: start + 1 });
    i = next;
  }
  return cells;
}

/**
 * Join cells into chapter text: the inverse of {@linkcode parseChapter}.
 * Throws when a Markdown cell would not read back as one cell (it contains
 * a ```ts fence or an unclosed fence).
 */
export function renderChapter(cells: readonly Cell[], file = "chapter"): string {
  const parts = cells.map((c, k) => {
    if (c.kind === "code") {
      let run = 2;
      for (const m of c.source.matchAll(/^`+/gm)) run = Math.max(run, m[0].length);
      const fence = "`".repeat(run + 1);
      if (c.source.split("\n")[0].startsWith(OPTION_PREFIX)) {
        throw new ChapterError(
          `Cannot write ${file}: code cell ${
            k + 1
          } starts with a "${OPTION_PREFIX}" line, which would read back as a cell option; put it in the cell's options`,
        );
      }
      const head = (c.options ?? []).map((o) => `${OPTION_PREFIX} ${o}`).join("\n");
      const body = head === "" ? c.source : c.source === "" ? head : `${head}\n${c.source}`;
      return body === "" ? `${fence}ts\n${fence}` : `${fence}ts\n${body}\n${fence}`;
    }
    let parsed: LocatedCell[];
    try {
      parsed = parseChapter(c.source, file);
    } catch (e) {
      throw new ChapterError(
        `Cannot write ${file}: Markdown cell ${k + 1} has a code fence that is never closed (${
          (e as Error).message
        })`,
      );
    }
    const hasBreak = c.source.split("\n").includes(CELL_BREAK);
    if (hasBreak || parsed.length > 1 || parsed.some((p) => p.kind === "code")) {
      throw new ChapterError(
        `Cannot write ${file}: Markdown cell ${
          k + 1
        } contains a \`\`\`ts fence or a "${CELL_BREAK}" line, which would split it; use \`\`\`typescript for code that should not run`,
      );
    }
    return c.source;
  });
  let text = "";
  parts.forEach((part, k) => {
    if (k > 0) {
      text += cells[k - 1].kind === "markdown" && cells[k].kind === "markdown"
        ? `\n\n${CELL_BREAK}\n\n`
        : "\n\n";
    }
    text += part;
  });
  return cells.length === 0 ? "" : text + "\n";
}

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

/** One cell of a chapter. */
export interface Cell {
  kind: "markdown" | "code";
  /** The cell's text, without the fence lines of a code cell. */
  source: string;
}

/** A cell with its position in the Markdown file. */
export interface LocatedCell extends Cell {
  /** 1-based line in the Markdown where the cell's text starts. */
  line: number;
  /** 1-based number of this cell among the code cells (code cells only). */
  codeIndex?: number;
}

const OPEN_TS = /^(`{3,})ts[ \t]*$/;

/** Error raised for a chapter that cannot be split or written. */
export class ChapterError extends Error {
  /** Create the error. */
  constructor(message: string) {
    super(message);
    this.name = "ChapterError";
  }
}

/**
 * Split chapter text into cells. Line endings are normalized to "\n".
 * `file` only labels error messages.
 */
export function parseChapter(text: string, file = "chapter"): LocatedCell[] {
  text = text.replace(/\r\n?/g, "\n");
  if (text === "") return [];
  if (text.endsWith("\n")) text = text.slice(0, -1);
  const lines = text.split("\n");
  const cells: LocatedCell[] = [];
  let segment: string[] = [];
  let segmentStart = 0; // 0-based index of the segment's first line
  let first = true;
  let codeIndex = 0;
  let outer: { char: string; len: number } | null = null; // a non-ts fence inside Markdown

  const flushMarkdown = (last: boolean) => {
    const seg = segment.slice();
    let start = segmentStart;
    // Between two code cells the separator is one blank line on each side;
    // at the start of the file there is none before, at the end none after.
    if (!first) {
      if (seg.length === 0 && last) return; // the file ends with a code cell
      if (seg.length === 0) {
        throw new ChapterError(
          `Cannot read ${file}:${segmentStart + 1}: a code fence must be followed by a blank line`,
        );
      }
      if (seg[0] !== "") {
        throw new ChapterError(
          `Cannot read ${file}:${segmentStart + 1}: expected a blank line after the closing fence`,
        );
      }
      seg.shift();
      start++;
      if (seg.length === 0 && !last) return; // adjacent code cells
    }
    if (!last) {
      if (seg.length === 0) {
        if (first) return; // the file starts with a code cell
      } else if (seg[seg.length - 1] !== "") {
        throw new ChapterError(
          `Cannot read ${file}:${
            segmentStart + segment.length
          }: expected a blank line before the code fence`,
        );
      } else {
        seg.pop();
      }
    }
    cells.push({ kind: "markdown", source: seg.join("\n"), line: start + 1 });
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (outer) {
      const close = line.match(/^(`{3,}|~{3,})[ \t]*$/);
      if (close && close[1][0] === outer.char && close[1].length >= outer.len) outer = null;
      segment.push(line);
      continue;
    }
    const ts = line.match(OPEN_TS);
    if (ts) {
      flushMarkdown(false);
      first = false;
      const fence = ts[1].length;
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const close = lines[j].match(/^(`{3,})[ \t]*$/);
        if (close && close[1].length >= fence) break;
        body.push(lines[j]);
      }
      if (j >= lines.length) {
        throw new ChapterError(`Cannot read ${file}:${i + 1}: this \`\`\`ts fence is never closed`);
      }
      codeIndex++;
      cells.push({ kind: "code", source: body.join("\n"), line: i + 2, codeIndex });
      i = j;
      segment = [];
      segmentStart = j + 1;
      continue;
    }
    const open = line.match(/^(`{3,}|~{3,})(.*)$/);
    if (open && !(open[1][0] === "`" && open[2].includes("`"))) {
      outer = { char: open[1][0], len: open[1].length };
    }
    segment.push(line);
  }
  if (outer) {
    throw new ChapterError(`Cannot read ${file}: a Markdown code fence is never closed`);
  }
  flushMarkdown(true);
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
      return c.source === "" ? `${fence}ts\n${fence}` : `${fence}ts\n${c.source}\n${fence}`;
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
    if (parsed.some((p) => p.kind === "code")) {
      throw new ChapterError(
        `Cannot write ${file}: Markdown cell ${
          k + 1
        } contains a \`\`\`ts fence, which would become a code cell; use \`\`\`typescript for code that should not run`,
      );
    }
    return c.source;
  });
  return cells.length === 0 ? "" : parts.join("\n\n") + "\n";
}

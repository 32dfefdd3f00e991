/**
 * Chapter cells ↔ Jupyter notebooks (nbformat 4.5).
 *
 * Generated notebooks carry no outputs, stable cell ids (by position) and the
 * project's Deno kernelspec. The JSON layout matches what Jupyter itself
 * writes (sorted keys, one-space indent), so saving in Jupyter does not
 * reformat the whole file.
 *
 * @module
 */
import { type Cell, type CellOption, parseOption, readOptionLines } from "./chapter.ts";

/** The kernel the notebooks ask for; `deno task kernel` registers it. */
export const KERNEL_NAME = "deno-hessian";
/** The Deno version pinned throughout the project. */
export const DENO_VERSION = "2.9.6";
/** The kernel's human-readable name. */
export const KERNEL_DISPLAY_NAME = `Deno ${DENO_VERSION} (Decoding the Hessian)`;

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A parsed notebook (only the fields we use are typed). */
export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, Json>;
  nbformat: number;
  nbformat_minor: number;
}

/** A notebook cell. */
export interface NotebookCell {
  cell_type: "markdown" | "code" | "raw";
  id?: string;
  metadata: Record<string, Json>;
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
}

/** A notebook output, as nbformat stores it. */
export interface Output {
  output_type: "stream" | "display_data" | "execute_result" | "error";
  name?: string;
  text?: string | string[];
  data?: Record<string, Json>;
  metadata?: Record<string, Json>;
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

/** Split text into Jupyter's list-of-lines form (each line keeps its "\n"). */
export function toLines(text: string): string[] {
  const out = text.split(/(?<=\n)/);
  return out.length === 1 && out[0] === "" ? [] : out;
}

/** Join Jupyter's multiline field back into a string. */
export function fromLines(src: string | string[] | undefined): string {
  return Array.isArray(src) ? src.join("") : src ?? "";
}

/** Build the nbformat 4.5 notebook for a chapter's cells. */
export function cellsToNotebook(cells: readonly Cell[]): Notebook {
  return {
    cells: cells.map((c, i): NotebookCell => {
      const id = `cell-${String(i + 1).padStart(3, "0")}`;
      return c.kind === "code"
        ? {
          cell_type: "code",
          execution_count: null,
          id,
          metadata: optionsMetadata(c.options),
          outputs: [],
          source: toLines(c.source),
        }
        : { cell_type: "markdown", id, metadata: {}, source: toLines(c.source) };
    }),
    metadata: {
      kernelspec: { display_name: KERNEL_DISPLAY_NAME, language: "typescript", name: KERNEL_NAME },
      language_info: {
        codemirror_mode: "typescript",
        file_extension: ".ts",
        mimetype: "text/x.typescript",
        name: "typescript",
        nbconvert_exporter: "script",
        pygments_lexer: "typescript",
      },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/**
 * A code cell's options as notebook metadata: `{"hessian": {"options": [...]}}`,
 * and `jupyter.source_hidden` so that JupyterLab (and the classic Notebook's
 * collapsible-input convention) shows such a cell collapsed to its output.
 */
export function optionsMetadata(options: readonly CellOption[] | undefined): Record<string, Json> {
  if (!options || options.length === 0) return {};
  return { hessian: { options: [...options] }, jupyter: { source_hidden: true } };
}

/** Serialize a notebook the way Jupyter does: sorted keys, one-space indent, final newline. */
export function serializeNotebook(nb: Notebook | Json): string {
  return JSON.stringify(sortKeys(nb as Json), null, 1) + "\n";
}

function sortKeys(x: Json): Json {
  if (Array.isArray(x)) return x.map(sortKeys);
  if (x !== null && typeof x === "object") {
    const out: Record<string, Json> = {};
    for (const k of Object.keys(x).sort()) out[k] = sortKeys(x[k]);
    return out;
  }
  return x;
}

/**
 * Read the cells of a notebook (outputs and metadata are dropped, except a
 * code cell's options in `metadata.hessian.options`). Raw cells
 * are refused, since a chapter has no place for them.
 */
export function notebookToCells(text: string, file = "notebook"): Cell[] {
  let nb: Notebook;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new Error(`Cannot read ${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!nb || !Array.isArray(nb.cells)) {
    throw new Error(`Cannot read ${file}: field "cells" is missing or not a list`);
  }
  return nb.cells.map((c, i) => {
    if (c.cell_type !== "markdown" && c.cell_type !== "code") {
      throw new Error(
        `Cannot read ${file}: cell ${
          i + 1
        } is a ${c.cell_type} cell; only markdown and code cells map to a chapter`,
      );
    }
    if (c.cell_type === "markdown") return { kind: "markdown", source: fromLines(c.source) };
    return codeCell(c, `${file}: cell ${i + 1}`);
  });
}

/**
 * A notebook code cell as a chapter cell: options from `metadata.hessian.options`,
 * and any leading `//| NAME` lines typed into the cell in Jupyter.
 */
function codeCell(c: NotebookCell, where: string): Cell {
  const options: CellOption[] = [];
  const meta = (c.metadata?.hessian as { options?: Json } | undefined)?.options;
  if (meta !== undefined) {
    if (!Array.isArray(meta) || meta.some((o) => typeof o !== "string")) {
      throw new Error(`Cannot read ${where}: metadata.hessian.options is not a list of strings`);
    }
    for (const o of meta as string[]) options.push(parseOption(`//| ${o}`, where, options));
  }
  const lines = fromLines(c.source).split("\n");
  const k = readOptionLines(lines, 0, lines.length, () => where, options);
  const source = lines.slice(k).join("\n");
  return options.length > 0 ? { kind: "code", source, options } : { kind: "code", source };
}

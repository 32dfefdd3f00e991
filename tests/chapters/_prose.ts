/**
 * The numbers of a chapter's prose (Markdown cells, math included; code
 * fences skipped), so that a test can bind each one to a computed value.
 */
import { join } from "node:path";
import { ROOT } from "../../tools/project.ts";

/** One number written in a chapter's prose. */
export interface ProseNumber {
  /** As written, e.g. "0.0197". */
  text: string;
  /** Its value. */
  value: number;
  /** 1-based line in the chapter source. */
  line: number;
  /** The prose line it stands on. */
  context: string;
}

/** The chapter's source text. */
export function chapterSource(file: string): string {
  return Deno.readTextFileSync(join(ROOT, "chapters", file));
}

/**
 * Every decimal number (with a point) and every integer of three or more
 * digits in the prose of `file` (numbers inside words such as "x2" or
 * "@fig:a1" are not counted).
 */
export function proseNumbers(file: string): ProseNumber[] {
  const out: ProseNumber[] = [];
  let code = false;
  chapterSource(file).split("\n").forEach((l, i) => {
    if (l.startsWith("```")) {
      code = !code;
      return;
    }
    if (code) return;
    for (const m of l.matchAll(/(?<![\w.])\d+\.\d+|(?<![\w.])\d{3,}(?!\w)/g)) {
      out.push({ text: m[0], value: Number(m[0]), line: i + 1, context: l });
    }
  });
  return out;
}

/** Whether `written` is `computed` rounded to the digits written (half a unit of the last digit). */
export function agreesToDigits(written: string, computed: number): boolean {
  const decimals = written.includes(".") ? written.split(".")[1].length : 0;
  return Math.abs(Number(written) - computed) <= 0.5 * 10 ** -decimals * (1 + 1e-9);
}

/**
 * The book's bibliography: a small BibTeX reader for the fields the book shows
 * (author, title, journal/booktitle, volume, number, pages, year, publisher,
 * doi, eprint, note) and the HTML of one reference.
 *
 * Values may be `{…}` (nested braces allowed), `"…"` or a bare number; `#`
 * concatenation and `@string` macros are not supported. TeX accents such as
 * `{\"u}`, `\'e` and `\u{g}` become Unicode; protective braces are dropped.
 *
 * @module
 */
import { escapeHtml } from "./html.ts";

/** One entry of the bibliography. */
export interface BibEntry {
  /** Citation key, e.g. `kingma2015`. */
  key: string;
  /** Entry type in lowercase, e.g. `inproceedings`. */
  type: string;
  /** Field values in lowercase names, with TeX turned into plain text. */
  fields: Record<string, string>;
  /** 1-based line of the `@type{` in the file. */
  line: number;
}

/** A bibliography, in file order. */
export type Bibliography = ReadonlyMap<string, BibEntry>;

const ACCENTS: Record<string, string> = {
  '"': "\u0308",
  "'": "\u0301",
  "`": "\u0300",
  "^": "\u0302",
  "~": "\u0303",
  "=": "\u0304",
  ".": "\u0307",
  u: "\u0306",
  v: "\u030c",
  H: "\u030b",
  c: "\u0327",
  k: "\u0328",
};

function accent(acc: string, ch: string): string {
  // `\i` (dotless i) takes the accent as a plain i.
  return (ch + ACCENTS[acc]).normalize("NFC");
}

/** TeX in a field value → plain text. */
export function texToText(value: string): string {
  return value
    // \"u, \'{e}, {\"\i}; letter accents need a brace or a space: \u{g}, \c c.
    .replace(/\\(["'`^~=.])\{?\\?([a-zA-Z])\}?/g, (_m, acc: string, ch: string) => accent(acc, ch))
    .replace(
      /\\([uvHck])(?:\{\\?([a-zA-Z])\}|\s+([a-zA-Z]))/g,
      (_m, acc: string, a, b) => accent(acc, a ?? b),
    )
    .replace(/\\&/g, "&").replace(/\\%/g, "%").replace(/\\_/g, "_").replace(/\\\$/g, "$")
    .replace(/---/g, "\u2014").replace(/--/g, "\u2013").replace(/~/g, "\u00a0")
    .replace(/[{}]/g, "")
    .replace(/\s+/g, " ").trim();
}

/** A syntax error in a BibTeX file, with its line. */
export class BibError extends Error {
  /** Create the error: `Cannot read FILE:LINE: reason`. */
  constructor(readonly file: string, readonly line: number, readonly reason: string) {
    super(`Cannot read ${file}:${line}: ${reason}`);
    this.name = "BibError";
  }
}

/** Read BibTeX text. Throws `Cannot read FILE:LINE: reason` on anything it does not understand. */
export function parseBibtex(text: string, file = "references.bib"): Map<string, BibEntry> {
  // Lines starting with % are comments (blanked, so line numbers stay right).
  text = text.replace(/\r\n?/g, "\n").replace(/^[ \t]*%.*$/gm, "");
  const out = new Map<string, BibEntry>();
  let i = 0;
  const lineAt = (pos: number) => text.slice(0, pos).split("\n").length;
  const fail = (pos: number, why: string): never => {
    throw new BibError(file, lineAt(pos), why);
  };
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  while (i < text.length) {
    const at = text.indexOf("@", i);
    if (at === -1) break;
    // Text outside entries is a comment in BibTeX; keep it free of stray '@'.
    i = at + 1;
    const type = text.slice(i).match(/^[A-Za-z]+/)?.[0];
    if (!type) fail(at, "expected an entry type after '@'");
    i += type!.length;
    skipSpace();
    if (text[i] !== "{") fail(i, `expected '{' after @${type}`);
    i++;
    if (type!.toLowerCase() === "comment") {
      readBraced();
      continue;
    }
    skipSpace();
    const key = text.slice(i).match(/^[^\s,{}]+/)?.[0];
    if (!key) fail(i, `@${type} has no citation key`);
    i += key!.length;
    skipSpace();
    if (text[i] !== ",") fail(i, `expected ',' after the key ${key}`);
    i++;
    const fields: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (text[i] === "}") {
        i++;
        break;
      }
      const name = text.slice(i).match(/^[A-Za-z][\w-]*/)?.[0];
      if (!name) fail(i, `expected a field name or '}' in ${key}`);
      i += name!.length;
      skipSpace();
      if (text[i] !== "=") fail(i, `expected '=' after ${name} in ${key}`);
      i++;
      skipSpace();
      let value: string;
      if (text[i] === "{") {
        i++;
        value = readBraced();
      } else if (text[i] === '"') {
        const end = text.indexOf('"', i + 1);
        if (end === -1) fail(i, `unterminated "…" in ${key}.${name}`);
        value = text.slice(i + 1, end);
        i = end + 1;
      } else {
        const bare = text.slice(i).match(/^\d+/)?.[0];
        if (!bare) fail(i, `${key}.${name}: a value is {…}, "…" or a number`);
        value = bare!;
        i += bare!.length;
      }
      const lower = name!.toLowerCase();
      if (lower in fields) fail(i, `${key} has the field ${lower} twice`);
      fields[lower] = texToText(value);
      skipSpace();
      if (text[i] === ",") i++;
      else if (text[i] !== "}") fail(i, `expected ',' or '}' after ${key}.${name}`);
    }
    if (out.has(key!)) {
      fail(at, `the key ${key} is used twice (first at line ${out.get(key!)!.line})`);
    }
    for (const required of ["author", "title", "year"]) {
      if (!fields[required]) fail(at, `${key} has no ${required}`);
    }
    out.set(key!, { key: key!, type: type!.toLowerCase(), fields, line: lineAt(at) });
  }
  return out;

  function readBraced(): string {
    const start = i;
    let depth = 1;
    while (i < text.length) {
      const c = text[i];
      if (c === "\\") {
        i += 2;
        continue;
      }
      if (c === "{") depth++;
      if (c === "}" && --depth === 0) {
        i++;
        return text.slice(start, i - 1);
      }
      i++;
    }
    return fail(start, "a '{' is never closed");
  }
}

/** The authors of an entry as a list of "First Last" names. */
export function authors(e: BibEntry): string[] {
  return e.fields.author.split(/\s+and\s+/).map((a) => {
    const [last, first] = a.split(/\s*,\s*/);
    return first ? `${first} ${last}` : last;
  });
}

function surname(name: string): string {
  return name.split(" ").pop() ?? name;
}

/** Short author-year label: "Kingma and Ba, 2015", "Dauphin et al., 2014". */
export function shortLabel(e: BibEntry): string {
  const names = authors(e).map(surname);
  const who = names.length === 1
    ? names[0]
    : names.length === 2
    ? `${names[0]} and ${names[1]}`
    : `${names[0]} et al.`;
  return `${who}, ${e.fields.year}`;
}

/** Sort key: first author's surname, year, title. */
export function sortKey(e: BibEntry): string {
  return `${surname(authors(e)[0]).toLowerCase()}\u0000${e.fields.year}\u0000${e.fields.title}`;
}

/** One reference as HTML (no surrounding element). No URL is ever linked: DOIs are plain text. */
export function formatEntry(e: BibEntry): string {
  const f = e.fields;
  const list = authors(e);
  const who = list.length <= 2
    ? list.join(" and ")
    : `${list.slice(0, -1).join(", ")}, and ${list[list.length - 1]}`;
  const venue = f.journal ?? f.booktitle ?? f.publisher ?? f.howpublished ?? "";
  const details = [
    f.volume
      ? (e.type === "article"
        ? `${f.volume}${f.number ? `(${f.number})` : ""}`
        : `vol. ${f.volume}`)
      : "",
    f.pages ? `pp. ${f.pages}` : "",
  ].filter(Boolean).join(", ");
  const parts = [
    `${escapeHtml(who)} (${escapeHtml(f.year)}).`,
    `<cite>${escapeHtml(f.title)}</cite>${/[.?!]$/.test(f.title) ? "" : "."}`,
    venue
      ? `${e.type === "inproceedings" ? "In " : ""}<i>${escapeHtml(venue)}</i>${
        details ? `, ${escapeHtml(details)}` : ""
      }.`
      : "",
    f.eprint ? `${escapeHtml(f.archiveprefix ?? "arXiv")}:${escapeHtml(f.eprint)}.` : "",
    f.doi ? `doi:${escapeHtml(f.doi)}.` : "",
    f.note ? `${escapeHtml(f.note)}.` : "",
  ];
  return parts.filter(Boolean).join(" ");
}

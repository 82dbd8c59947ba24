/**
 * Where things are in JSONata source text. The jsonata parser's AST tells what an expression means but not
 * where each piece starts and ends; the mapper needs the exact text of every object-constructor entry so a
 * field it cannot draw is kept verbatim ("custom"). `scanObject` splits `{ "k": v, … }` into entries by
 * walking the text with a bracket-aware scanner (strings, backtick names, comments and regex literals are
 * skipped whole).
 */

/** One `key: value` entry of an object constructor; offsets are 0-based into the source, `end` exclusive. */
export interface EntrySpan {
  /** Comments before the key, trimmed (empty when none). */
  comment: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

export interface ObjectSpan {
  entries: EntrySpan[];
  /** Offset of the closing `}`. */
  close: number;
}

const OPEN = '([{';
const CLOSE = ')]}';
/** After one of these (or at the start) a `/` begins a regex literal, otherwise it divides. */
const BEFORE_REGEX = '([{,:;=?!<>&|+-*%~';

/** Offset just past the string, name, comment or regex literal starting at `i`, or `i` when none starts there. */
function skipAtom(source: string, i: number, previous: string): number {
  const ch = source[i];
  if (ch === '"' || ch === "'" || ch === '`') {
    let j = i + 1;
    while (j < source.length && source[j] !== ch) j += ch !== '`' && source[j] === '\\' ? 2 : 1;
    return Math.min(source.length, j + 1);
  }
  if (ch === '/' && source[i + 1] === '*') {
    const end = source.indexOf('*/', i + 2);
    return end < 0 ? source.length : end + 2;
  }
  if (ch === '/' && (previous === '' || BEFORE_REGEX.includes(previous))) {
    let j = i + 1;
    let inClass = false;
    while (j < source.length) {
      const c = source[j];
      if (c === '\\') j += 2;
      else if (c === '[') (inClass = true), j++;
      else if (c === ']') (inClass = false), j++;
      else if (c === '/' && !inClass) break;
      else j++;
    }
    j++;
    while (j < source.length && /[a-z]/i.test(source[j]!)) j++;
    return j;
  }
  return i;
}

/**
 * Scans from `start` until a top-level character in `stops` (depth 0: not inside brackets, strings,
 * comments); returns its offset, or the source length when none is found.
 */
export function scanUntil(source: string, start: number, stops: string): number {
  let depth = 0;
  let previous = '';
  let i = start;
  while (i < source.length) {
    const skipped = skipAtom(source, i, previous);
    if (skipped > i) {
      if (source.startsWith('/*', i)) {
        i = skipped;
        continue;
      }
      previous = 'a';
      i = skipped;
      continue;
    }
    const ch = source[i]!;
    if (depth === 0 && stops.includes(ch)) return i;
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth--;
    if (!/\s/.test(ch)) previous = /[\w$]/.test(ch) ? 'a' : ch;
    i++;
  }
  return source.length;
}

/** Offset of the first character at or after `i` that is neither white space nor part of a comment. */
export function skipSpace(source: string, i: number): number {
  let j = i;
  for (;;) {
    while (j < source.length && /\s/.test(source[j]!)) j++;
    if (!source.startsWith('/*', j)) return j;
    const end = source.indexOf('*/', j + 2);
    j = end < 0 ? source.length : end + 2;
  }
}

/** End of `[from, to)` with trailing white space removed. */
function trimEnd(source: string, from: number, to: number): number {
  let j = to;
  while (j > from && /\s/.test(source[j - 1]!)) j--;
  return j;
}

/**
 * Splits the object constructor whose `{` is at `open` into its entries.
 * @throws Error when `source[open]` is not `{`.
 */
export function scanObject(source: string, open: number): ObjectSpan {
  if (source[open] !== '{') throw new Error(`no "{" at offset ${open}`);
  const entries: EntrySpan[] = [];
  let i = open + 1;
  for (;;) {
    const keyStart = skipSpace(source, i);
    if (keyStart >= source.length || source[keyStart] === '}') return { entries, close: keyStart };
    const comment = source.slice(i, keyStart).trim().replace(/^,/, '').trim();
    const colon = scanUntil(source, keyStart, ':,}');
    const valueStart = skipSpace(source, colon + 1);
    const stop = scanUntil(source, valueStart, ',}');
    entries.push({
      comment,
      keyStart,
      keyEnd: trimEnd(source, keyStart, colon),
      valueStart,
      valueEnd: trimEnd(source, valueStart, stop),
    });
    if (stop >= source.length || source[stop] === '}') return { entries, close: stop };
    i = stop + 1;
  }
}

/** White space at the start of the line that holds offset `at` (for re-indenting a printed object). */
export function lineIndent(source: string, at: number): string {
  const lineStart = source.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart, at))![0];
}

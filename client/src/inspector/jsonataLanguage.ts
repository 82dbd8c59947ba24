/**
 * A small JSONata mode for CodeMirror (StreamLanguage): strings, numbers, `$functions(`, `$variables`,
 * operators, keywords, comments, backtick names and regex literals (a `/` where an operand is expected
 * starts one, elsewhere it divides); bracket matching comes from the editor setup.
 * Highlighting only: JSONata syntax errors come from compiling the expression (document/flowIssues.ts).
 */
import { HighlightStyle, StreamLanguage, syntaxHighlighting, type StreamParser, type StringStream } from '@codemirror/language';
import { tags } from '@lezer/highlight';

interface JsonataState {
  inComment: boolean;
  /** True after an operand (name, number, string, closing bracket): a `/` there divides. */
  afterOperand: boolean;
}

const KEYWORDS = new Set(['and', 'or', 'in', 'function']);
const ATOMS = new Set(['true', 'false', 'null']);

const jsonataParser: StreamParser<JsonataState> = {
  name: 'jsonata',
  startState: () => ({ inComment: false, afterOperand: false }),
  token(stream, state) {
    const style = readToken(stream, state);
    if (style !== null && style !== 'comment') {
      const text = stream.current();
      state.afterOperand = style === 'bracket' ? /[)\]}]/.test(text) : style !== 'operator' && style !== 'keyword' && style !== 'punctuation';
    }
    return style;
  },
  languageData: { closeBrackets: { brackets: ['(', '[', '{', '"', "'"] } },
};

function readToken(stream: StringStream, state: JsonataState): string | null {
  if (state.inComment) {
    if (stream.skipTo('*/')) {
      stream.match('*/');
      state.inComment = false;
    } else stream.skipToEnd();
    return 'comment';
  }
  if (stream.eatSpace()) return null;
  if (stream.match('/*')) {
    state.inComment = true;
    return 'comment';
  }
  const ch = stream.peek();
  if (ch === '"' || ch === "'") {
    stream.next();
    let escaped = false;
    for (let c = stream.next(); c !== undefined; c = stream.next()) {
      if (c === ch && !escaped) break;
      escaped = !escaped && c === '\\';
    }
    return 'string';
  }
  if (ch === '`') {
    stream.next();
    if (stream.skipTo('`')) stream.next();
    else stream.skipToEnd();
    return 'propertyName';
  }
  if (ch === '/' && !state.afterOperand) {
    stream.next();
    let inClass = false;
    for (let c = stream.next(); c !== undefined; c = stream.next()) {
      if (c === '\\') stream.next();
      else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
    }
    stream.match(/^[a-z]*/);
    return 'regexp';
  }
  if (stream.match(/^\d+(\.\d+)?([eE][+-]?\d+)?/)) return 'number';
  if (stream.match(/^\$[A-Za-z_]\w*(?=\s*\()/)) return 'variableName.function';
  if (stream.match(/^\$\$?[A-Za-z_]?\w*/)) return 'variableName.special';
  if (stream.match(/^[A-Za-z_]\w*/)) {
    const word = stream.current();
    if (KEYWORDS.has(word)) return 'keyword';
    if (ATOMS.has(word)) return 'atom';
    return 'propertyName';
  }
  if (stream.match(/^(:=|!=|<=|>=|~>|\.\.|\?:|\?\?|[-+*/%&|=<>!?:.^@#])/)) return 'operator';
  if (stream.match(/^[()[\]{}]/)) return 'bracket';
  stream.next();
  return 'punctuation';
}

/** The tokenizer itself (for tests). */
export const jsonataStreamParser = jsonataParser;

export const jsonataLanguage = StreamLanguage.define(jsonataParser);

/** Colours from the design system's CSS variables, so the dark theme follows. */
export const codeHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.string, color: 'var(--code-string)' },
    { tag: tags.regexp, color: 'var(--code-string)', fontStyle: 'italic' },
    { tag: tags.number, color: 'var(--code-number)' },
    { tag: [tags.atom, tags.bool, tags.null], color: 'var(--code-atom)' },
    { tag: tags.function(tags.variableName), color: 'var(--code-function)', fontWeight: '600' },
    { tag: tags.special(tags.variableName), color: 'var(--code-variable)' },
    { tag: tags.keyword, color: 'var(--code-keyword)', fontWeight: '600' },
    { tag: tags.operator, color: 'var(--code-operator)' },
    { tag: tags.propertyName, color: 'var(--code-property)' },
    { tag: tags.comment, color: 'var(--text-muted)', fontStyle: 'italic' },
    { tag: tags.bracket, color: 'var(--text-muted)' },
  ]),
);

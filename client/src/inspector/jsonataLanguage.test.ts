/** The JSONata highlighting mode: a `/` where an operand is expected starts a regex, elsewhere it divides. */
import { StringStream } from '@codemirror/language';
import { describe, expect, test } from 'vitest';
import { jsonataStreamParser } from './jsonataLanguage.js';

/** `[text, style]` of every token of one line. */
function tokens(line: string): Array<[string, string | null]> {
  const parser = jsonataStreamParser;
  const state = parser.startState!(2);
  const stream = new StringStream(line, 2, 2);
  const out: Array<[string, string | null]> = [];
  while (!stream.eol()) {
    const style = parser.token(stream, state);
    if (stream.current().trim()) out.push([stream.current(), style]);
    stream.start = stream.pos;
  }
  return out;
}

describe('jsonata highlighting', () => {
  test('regex literals after an operator or an opening bracket; division after an operand', () => {
    expect(tokens('$match(code, /(a+)+b/i)')).toContainEqual(['/(a+)+b/i', 'regexp']);
    expect(tokens('amount / 100')).toEqual([['amount', 'propertyName'], ['/', 'operator'], ['100', 'number']]);
    expect(tokens('(total) / $count(x)')).toContainEqual(['/', 'operator']);
  });

  test('functions, variables, strings, keywords and comments', () => {
    expect(tokens('$fromMinorUnits(amount, "usd") and $x /* c */')).toEqual([
      ['$fromMinorUnits', 'variableName.function'],
      ['(', 'bracket'],
      ['amount', 'propertyName'],
      [',', 'punctuation'],
      ['"usd"', 'string'],
      [')', 'bracket'],
      ['and', 'keyword'],
      ['$x', 'variableName.special'],
      ['/*', 'comment'],
      [' c */', 'comment'],
    ]);
  });
});

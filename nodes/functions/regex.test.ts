/** Regex reuse (M6): a regex held in a variable gives the same result on every use, even concurrent ones. */
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../sdk/expression.js';

const run = (source: string, input: unknown = {}) => compileExpression(source).evaluate(input);

describe('regex matchers', () => {
  it('give every use of one regex value its own position', async () => {
    expect(await run('( $p := /[,-]/; [$replace("a,b,c", $p, "|"), $replace("a-b-c-d", $p, "+"), $replace("a,b,c", $p, "|")] )')).toEqual(['a|b|c', 'a+b+c+d', 'a|b|c']);
    expect(await run('( $p := /(\\w)=(\\d)/; { "x": $match("a=1 b=2", $p).groups, "y": $match("c=3 d=4", $p).groups } )')).toEqual({
      x: ['a', '1', 'b', '2'],
      y: ['c', '3', 'd', '4'],
    });
    expect(await run('( $p := /\\s*;\\s*/; { "x": $split("a ; b;c", $p), "y": $split("d;e ;f", $p) } )')).toEqual({ x: ['a', 'b', 'c'], y: ['d', 'e', 'f'] });
    expect(await run('( $p := /b/; [$contains("abc", $p), $contains("xyz", $p), $contains("b", $p)] )')).toEqual([true, false, true]);
  });

  it('repeats: the same mapping on the same input gives the same output', async () => {
    const expression = compileExpression('( $p := /[,-]/; [1, 2, 3].$replace("a,b-c", $p, "|") )');
    const first = await expression.evaluate({});
    expect(first).toEqual(['a|b|c', 'a|b|c', 'a|b|c']);
    expect(await expression.evaluate({})).toEqual(first);
  });

  it('behaves like JSONata\'s own functions for single uses', async () => {
    const sources = [
      '$replace("John Smith", /(\\w+)\\s(\\w+)/, "$2, $1")',
      '$replace("abcabc", /b/, "X", 1)',
      '$replace("265USD", /([0-9]+)USD/, function($m) { $number($m.groups[0]) / 100 & " dollars" })',
      '$match("ababbabbcc", /a(b+)/)',
      '$match("ababbabbcc", /a(b+)/, 2)',
      '$split("a1b22c333", /\\d+/)',
      '$split("a1b22c333", /\\d+/, 2)',
      '$contains("Hello", /l+/)',
      '"a.b.c" ~> $replace(/\\./, "-")',
    ];
    for (const source of sources) {
      expect(await run(source), source).toStrictEqual(JSON.parse(JSON.stringify(await jsonata(source).evaluate({}))));
    }
  });

  it('still reports a pattern that matches the empty string', async () => {
    await expect(run('$replace("abc", /x*/, "-")')).rejects.toThrow(/D1004/);
  });
});

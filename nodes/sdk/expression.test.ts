import { describe, expect, it } from 'vitest';
import { compileExpression, toPlainJson } from './expression.js';
import { ExpressionError } from './errors.js';

describe('JSONata expressions', () => {
  it('M8: a mapping output is plain JSON, so a second mapping sees an ordinary array', async () => {
    const first = await compileExpression('payload[true][]').evaluate({ payload: ['one'] });
    expect(first).toStrictEqual(['one']);
    expect(Object.getPrototypeOf(first)).toBe(Array.prototype);
    expect(Object.keys(first as object)).toEqual(['0']); // no hidden `sequence` flag
    const second = await compileExpression('$type(payload)').evaluate({ payload: first });
    expect(second).toBe('array');
    const object = await compileExpression('{ "a": payload[0] }').evaluate({ payload: first });
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    expect(Object.hasOwn(object as object, 'a')).toBe(true);
  });

  it('drops functions and undefined members like JSON.stringify', () => {
    expect(toPlainJson({ a: 1, f: () => 1, u: undefined, n: [1, undefined, 2] })).toStrictEqual({ a: 1, n: [1, 2] });
  });

  it('reports a syntax error with its position and token', () => {
    try {
      compileExpression('{ "total": payload.amount_paid, }', ['nodes', 2, 'config', 'expression']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      const { details, message } = error as ExpressionError;
      expect(details).toMatchObject({ jsonataCode: 'S0211', position: 32, token: '}', path: ['nodes', 2, 'config', 'expression'] });
      expect(message).toContain('at position 32');
    }
  });

  it('stops a runaway expression at its time limit', async () => {
    const loop = compileExpression('($f := function($n){ $f($n + 1) }; $f(0))', [], { timeoutMs: 100, maxDepth: 100_000 });
    const started = Date.now();
    await expect(loop.evaluate({})).rejects.toThrow(ExpressionError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops deep recursion at its depth limit', async () => {
    const deep = compileExpression('($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(10000))', [], { timeoutMs: 5000, maxDepth: 200 });
    await expect(deep.evaluate({})).rejects.toThrow(/Stack overflow|deeper than its limit|U1001/);
  });

  it('names the token that failed at evaluation time', async () => {
    await expect(compileExpression('payload.amount + 1').evaluate({ payload: { amount: 'ten' } })).rejects.toThrow(
      /position \d+ \(near "\+"\).*must evaluate to a number \[T2001\]/,
    );
  });
});

describe('regular expressions', () => {
  it('run in linear time: a catastrophic-backtracking pattern on hostile data answers at once', async () => {
    const started = Date.now();
    const result = await compileExpression('$match(payload.name, /^(a+)+$/)').evaluate({ payload: { name: `${'a'.repeat(5000)}!` } });
    expect(result).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000); // a native RegExp takes minutes here
  });

  it('keep JSONata semantics: match groups, replace, split, contains, case-insensitive flag', async () => {
    const ev = (expr: string, payload: unknown) => compileExpression(expr).evaluate({ payload });
    expect(await ev('$match(payload, /(\\d+)-(\\w+)/).groups', 'xx 12-ab')).toEqual(['12', 'ab']);
    expect(await ev('$replace(payload, /[,-]/, "|")', 'a,b-c')).toBe('a|b|c');
    expect(await ev('$split(payload, /\\s*;\\s*/)', 'a ; b;c')).toEqual(['a', 'b', 'c']);
    expect(await ev('$contains(payload, /INVOICE/i)', 'stripe invoice')).toBe(true);
    expect(await ev('[$match(payload, /a/)].index', 'banana')).toEqual([1, 3, 5]);
  });

  it('refuses what RE2 cannot do (backreferences) with a clear message', async () => {
    await expect(compileExpression('$match(payload, /(a)\\1/)').evaluate({ payload: 'aa' })).rejects.toThrow(/not supported .*RE2/);
  });
});

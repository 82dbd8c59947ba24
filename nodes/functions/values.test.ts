/** `$array` and `$default`: list-shaped targets stay lists; missing and null stay different. */
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../sdk/expression.js';
import { array, defaultValue } from './values.js';

const run = (source: string, input: unknown = {}) => compileExpression(source).evaluate(input);

describe('$array', () => {
  it('always gives a list', () => {
    expect(array(undefined)).toEqual([]);
    expect(array({ sku: 'SEAT' })).toEqual([{ sku: 'SEAT' }]);
    expect(array([1, 2])).toEqual([1, 2]);
    expect(array(null)).toEqual([null]);
    expect(array('x')).toEqual(['x']);
  });

  it('undoes JSONata\'s singleton collapse for 0, 1 and 2 items', async () => {
    const source = '$array(lines.sku)';
    expect(await run(source, { lines: [] })).toEqual([]);
    expect(await run(source, { lines: [{ sku: 'A' }] })).toEqual(['A']);
    expect(await run(source, { lines: [{ sku: 'A' }, { sku: 'B' }] })).toEqual(['A', 'B']);
    expect(await run('lines.sku', { lines: [{ sku: 'A' }] })).toBe('A'); // what plain JSONata gives
  });
});

describe('$default', () => {
  it('replaces missing, keeps null unless asked', () => {
    expect(defaultValue(undefined, 0)).toBe(0);
    expect(defaultValue(null, 0)).toBeNull();
    expect(defaultValue(null, 0, 'replace-null')).toBe(0);
    expect(defaultValue(5, 0)).toBe(5);
    expect(defaultValue('', 'x')).toBe('');
    expect(defaultValue(false, true)).toBe(false);
    expect(() => defaultValue(1, 0, 'sometimes')).toThrow(/"keep-null" or "replace-null", not "sometimes"/);
  });

  it('tells an absent field from a null one in mappings', async () => {
    expect(await run('$default(qty, 1)', {})).toBe(1);
    expect(await run('$default(qty, 1)', { qty: null })).toBeNull();
    expect(await run('$default(qty, 1, "replace-null")', { qty: null })).toBe(1);
    expect(await run('{"total": $default($sum(lines.amount), 0)}', { lines: [] })).toStrictEqual({ total: 0 });
  });
});

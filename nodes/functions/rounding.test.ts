/** Rounding modes, money formatting and the `-0.00` repair of `$formatNumber`. */
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../sdk/expression.js';
import { formatMoney, round } from './rounding.js';

const run = (source: string, input: unknown = {}) => compileExpression(source).evaluate(input);

describe('$round', () => {
  it('rounds half-up on the decimal written, not its binary approximation', () => {
    expect(round(0.125, 2, 'half-up')).toBe(0.13);
    expect(round(1.005, 2, 'half-up')).toBe(1.01);
    expect(round(2.675, 2, 'half-up')).toBe(2.68);
    expect(round(-2.675, 2, 'half-up')).toBe(-2.68); // ties away from zero
    expect(round(2.5, 0, 'half-up')).toBe(3);
  });

  it('rounds half-even by default, like JSONata', () => {
    expect(round(0.125, 2)).toBe(0.12);
    expect(round(0.135, 2)).toBe(0.14);
    expect(round(2.5)).toBe(2);
    expect(round(1250, -2)).toBe(1200);
    expect(round(1350, -2, 'half-up')).toBe(1400);
  });

  it('gives the same answers as JSONata\'s own $round when called with two arguments', async () => {
    const samples: Array<[number, number]> = [[0.125, 2], [1.005, 2], [2.675, 2], [-0.5, 0], [1.5, 0], [123.456, 1], [-7.25, 1], [1250, -2], [0.0000125, 6]];
    for (const [value, places] of samples) {
      const original = await jsonata('$round(v, p)').evaluate({ v: value, p: places });
      expect(round(value, places), `$round(${value}, ${places})`).toBe(original === 0 ? 0 : original);
    }
  });

  it('offers the other modes and never returns -0', () => {
    expect([round(1.21, 1, 'up'), round(1.29, 1, 'down'), round(-1.21, 1, 'ceiling'), round(-1.21, 1, 'floor'), round(0.125, 2, 'half-down')]).toEqual([1.3, 1.2, -1.2, -1.3, 0.12]);
    expect(Object.is(round(-0.004, 2, 'half-up'), 0)).toBe(true);
    expect(round(undefined, 2)).toBeUndefined();
    expect(() => round(1, 2, 'bankers')).toThrow(/Unknown rounding mode "bankers"; use one of "half-up", "half-even"/);
    expect(() => round(1, 1.5)).toThrow(/whole number/);
  });

  it('is the $round of every expression', async () => {
    expect(await run('[$round(0.125, 2, "half-up"), $round(0.125, 2)]')).toEqual([0.13, 0.12]);
    expect(await run('lines.amount.$round()', { lines: [{ amount: 1.25 }, { amount: 2.5 }] })).toEqual([1, 2]); // context binding, as in JSONata
    expect(await run('$round(missing, 2)')).toBeUndefined();
  });
});

describe('$formatMoney', () => {
  it('never prints a negative zero', () => {
    expect(formatMoney(-0.001)).toBe('0.00');
    expect(formatMoney(-0.004, 'USD')).toBe('0.00');
    expect(formatMoney(-0)).toBe('0.00');
    expect(formatMoney(-0.4, 'JPY')).toBe('0');
    expect(formatMoney(-0.001, 'USD', 'en-US')).toBe('$0.00');
  });

  it('uses the currency exponent and rounds half-up', () => {
    expect(formatMoney(-126.445)).toBe('-126.45');
    expect(formatMoney(1234.5, 'JPY')).toBe('1235');
    expect(formatMoney(1.2345, 'KWD')).toBe('1.235');
    expect(formatMoney(75.87, 'usd')).toBe('75.87');
    expect(formatMoney(2940)).toBe('2940.00');
    expect(formatMoney('-126.45', 'USD', 'en-US')).toBe('-$126.45');
    expect(formatMoney('1234.5', 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
  });

  it('rejects what it cannot format', () => {
    expect(() => formatMoney(1, undefined, 'en-US')).toThrow(/A locale needs a currency/);
    expect(() => formatMoney('ten')).toThrow(/must be a number, but it is "ten"/);
    expect(formatMoney(undefined)).toBeUndefined();
  });
});

describe('$formatNumber', () => {
  it('formats a value that rounds to zero without its sign, whatever the picture', async () => {
    expect(await run('$formatNumber(-0.004, "0.00")')).toBe('0.00');
    expect(await run('$formatNumber(-0.004, "#,##0.00;(#,##0.00)")')).toBe('0.00');
    expect(await run('$formatNumber(-0.4, "0")')).toBe('0');
  });

  it('leaves every other result as JSONata formats it', async () => {
    expect(await run('$formatNumber(-1234.5, "#,##0.00")')).toBe('-1,234.50');
    expect(await run('$formatNumber(-0.004, "0.00e0")')).toBe('-4.00e-3');
    expect(await run('$formatNumber(-5, "#;(#)")')).toBe('(5)');
    expect(await run('$formatNumber(0.125, "0.00")')).toBe(await jsonata('$formatNumber(0.125, "0.00")').evaluate({}));
  });
});

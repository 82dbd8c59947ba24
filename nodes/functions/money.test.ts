/** Money functions: ISO 4217 exponents, exact conversions, sums, products and allocation. */
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../sdk/expression.js';
import { currencyExponent } from './currency.js';
import { allocate, fromMinorUnits, mulMoney, sumMoney, toMinorUnits } from './money.js';

const run = (source: string, input: unknown = {}) => compileExpression(source).evaluate(input);

describe('ISO 4217 exponents', () => {
  it('follows ISO 4217, not CLDR display digits', () => {
    expect(['USD', 'EUR', 'JPY', 'KRW', 'KWD', 'BHD', 'CLF', 'HUF', 'IDR', 'ISK'].map(currencyExponent)).toEqual([2, 2, 0, 0, 3, 3, 4, 2, 2, 0]);
    expect(currencyExponent('usd')).toBe(2);
  });

  it('rejects unknown codes and codes without a minor unit', () => {
    expect(() => currencyExponent('ABC')).toThrow(/"ABC" is not an ISO 4217 currency code/);
    expect(() => currencyExponent('XDR')).toThrow(/XDR has no minor unit/);
    expect(() => currencyExponent(undefined)).toThrow(/ISO 4217 code/);
  });
});

describe('$fromMinorUnits / $toMinorUnits', () => {
  it('converts by the currency exponent, exactly', () => {
    expect(fromMinorUnits(-12645, 'USD')).toBe(-126.45);
    expect(fromMinorUnits(1, 'JPY')).toBe(1);
    expect(fromMinorUnits(1234, 'KWD')).toBe(1.234);
    expect(fromMinorUnits('4900', 'usd')).toBe(49);
    expect(fromMinorUnits(0, 'USD')).toBe(0);
    expect(Object.is(fromMinorUnits(-0, 'USD'), 0)).toBe(true);
    expect(toMinorUnits(126.45, 'usd')).toBe(12645);
    expect(1.15 * 100).toBe(114.99999999999999); // the float pitfall the function avoids
    expect(toMinorUnits(1.15, "USD")).toBe(115);
    expect(toMinorUnits(-126.45, 'USD')).toBe(-12645);
    expect(toMinorUnits(0.07, 'USD')).toBe(7);
    expect(toMinorUnits(1.234, 'KWD')).toBe(1234);
    expect(toMinorUnits(1500, 'JPY')).toBe(1500);
    expect(toMinorUnits('19.99', 'EUR')).toBe(1999);
  });

  it('refuses to guess: fractions of a minor unit need a rounding mode', () => {
    expect(() => fromMinorUnits(126.45, 'USD')).toThrow(/whole number of minor units.*already a decimal/);
    expect(() => toMinorUnits(1.005, 'USD')).toThrow(/more than 2 decimal places for USD/);
    expect(toMinorUnits(1.005, 'USD', 'half-up')).toBe(101);
    expect(toMinorUnits(1.005, 'USD', 'half-even')).toBe(100);
    expect(toMinorUnits(-1.005, 'USD', 'half-up')).toBe(-101);
    expect(() => toMinorUnits(1.5, 'JPY', 'sideways')).toThrow(/Unknown rounding mode "sideways"/);
  });

  it('passes a missing amount through as missing, like JSONata', () => {
    expect(fromMinorUnits(undefined, 'USD')).toBeUndefined();
    expect(toMinorUnits(undefined, 'USD')).toBeUndefined();
    expect(() => fromMinorUnits(null, 'USD')).toThrow(/must be a number, but it is null/);
  });

  it('works in expressions, with errors that name the call', async () => {
    expect(await run('$fromMinorUnits(amount, currency)', { amount: -12645, currency: 'usd' })).toBe(-126.45);
    await expect(run('$toMinorUnits(1, "ZZZ")')).rejects.toThrow(/at position 0 \(near "toMinorUnits"\): "ZZZ" is not an ISO 4217 currency code \[LF1002\]/);
  });
});

describe('$sumMoney', () => {
  it('sums decimals exactly', () => {
    expect(sumMoney([12.34, 12.34, 9.95])).toBe(34.63);
    expect(12.34 + 12.34 + 9.95).toBe(34.629999999999995);
    expect(sumMoney([0.1, 0.2])).toBe(0.3);
    expect(sumMoney([-126.45, 202.32])).toBe(75.87);
    expect(sumMoney(['49.00', 49])).toBe(98);
  });

  it('gives 0 for nothing, so a required total never disappears (M2)', async () => {
    expect(sumMoney(undefined)).toBe(0);
    expect(sumMoney([])).toBe(0);
    expect(sumMoney(null)).toBe(0);
    expect(await run('{"total": $sumMoney(lines.amount)}', { lines: null })).toStrictEqual({ total: 0 });
  });

  it('names a null line instead of skipping it', () => {
    expect(() => sumMoney([1, null, 2])).toThrow(/Item 1 of the amounts must be a number, but it is null/);
  });
});

describe('$mulMoney', () => {
  it('multiplies exactly and rounds to the currency', () => {
    expect(mulMoney(-25.29, 5)).toBe(-126.45);
    expect(-25.29 * 5).toBe(-126.44999999999999);
    expect(mulMoney(49, 16 / 31, 'USD')).toBe(25.29);
    expect(mulMoney(245, 16 / 31, 'USD')).toBe(126.45); // the fixture's proration credit
    expect(mulMoney(392, 16 / 31, 'USD')).toBe(202.32); // and its charge
    expect(mulMoney(100, 1 / 3, 'JPY')).toBe(33);
    expect(mulMoney(0.125, 1, 'USD', 'half-even')).toBe(0.12);
    expect(mulMoney(undefined, 2)).toBeUndefined();
  });
});

describe('$allocate', () => {
  it('splits a total into integers that add up exactly (largest remainder)', () => {
    expect(allocate(10000, [1, 1, 1])).toEqual([3334, 3333, 3333]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(100, [0.5, 0.25, 0.25])).toEqual([50, 25, 25]);
    expect(allocate(7587, [-12645, 20232].map(Math.abs))).toEqual([2918, 4669]);
    expect(allocate(5, [3, 0, 1])).toEqual([4, 0, 1]);
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
    const parts = allocate(99999, [7, 11, 13, 17, 19])!;
    expect(parts.reduce((a, b) => a + b, 0)).toBe(99999);
  });

  it('rejects what cannot be allocated', () => {
    expect(() => allocate(10.5, [1])).toThrow(/whole number of minor units/);
    expect(() => allocate(100, [])).toThrow(/weights are empty/);
    expect(() => allocate(100, [0, 0])).toThrow(/add up to 0/);
    expect(() => allocate(100, [1, -1])).toThrow(/Weight 1 is negative/);
  });

  it('is callable from a mapping over line quantities', async () => {
    expect(await run('$allocate(total, lines.qty)', { total: 1000, lines: [{ qty: 2 }, { qty: 1 }] })).toEqual([667, 333]);
  });
});

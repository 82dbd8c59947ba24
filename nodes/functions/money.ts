/**
 * Money functions for mappings: minor units ↔ decimals per ISO 4217 exponent, exact sums and products,
 * and allocation of a total over lines without losing a cent (cases M3 and M2).
 *
 * Billing systems send integer minor units (Stripe: `-12645` cents); ERPs want signed decimals (`-126.45`).
 * Every conversion here is a decimal shift, never a float multiplication (see ./decimal.ts for the IEEE 754
 * pitfall). Like JSONata's own functions, a missing argument gives a missing result — except `$sumMoney`,
 * whose sum over nothing is 0 so a required total never silently disappears (case M2).
 */
import { currencyExponent } from './currency.js';
import { Exact, roundExact, roundingMode, toExact, toNumber } from './decimal.js';
import { fail, show } from './failure.js';
import type { MappingFunction } from './types.js';

/**
 * Reads an integer count of minor units (a JSON number or an integer string like `"4900"`).
 * @throws MappingFunctionError LF1004 for fractions (usually an amount that was already converted).
 */
function minorUnits(value: unknown, what: string): Exact {
  const exact = toExact(value, what);
  if (!exact.isInteger()) {
    fail('LF1004', `${what} must be a whole number of minor units (cents), but it is ${show(value)}; ` +
      'is it already a decimal amount? $toMinorUnits converts decimals to minor units');
  }
  if (exact.abs().gt(Number.MAX_SAFE_INTEGER)) fail('LF1004', `${what} ${show(value)} is beyond the exact range of JSON numbers`);
  return exact;
}

/**
 * `$fromMinorUnits(minor, currency)`: integer minor units → decimal amount, e.g. (-12645, "USD") → -126.45,
 * (1, "JPY") → 1, (1234, "KWD") → 1.234. Exponent from ISO 4217 (./currency.ts).
 * @throws MappingFunctionError LF1004 for a non-integer, LF1002/LF1003 for a bad currency.
 */
export function fromMinorUnits(minor: unknown, currency: unknown): number | undefined {
  if (minor === undefined) return undefined;
  const exponent = currencyExponent(currency);
  return toNumber(minorUnits(minor, 'The minor-unit amount').div(new Exact(10).pow(exponent)));
}

/**
 * `$toMinorUnits(amount, currency, mode?)`: decimal amount → integer minor units, e.g. (126.45, "usd") →
 * 12645 exactly (126.45 * 100 in floating point is 12644.999999999998). An amount with more decimals than the
 * currency has fails unless a rounding mode (`"half-up"`, `"half-even"`…) says how to round it.
 * @throws MappingFunctionError LF1004 for sub-minor-unit amounts without a mode, LF1001/LF1002/LF1003.
 */
export function toMinorUnits(amount: unknown, currency: unknown, mode?: unknown): number | undefined {
  if (amount === undefined) return undefined;
  const exponent = currencyExponent(currency);
  let minor = toExact(amount, 'The amount').times(new Exact(10).pow(exponent));
  if (!minor.isInteger()) {
    if (mode === undefined || mode === null) {
      fail('LF1004', `${show(amount)} has more than ${exponent} decimal places for ${String(currency).toUpperCase()}; ` +
        'pass a rounding mode, e.g. $toMinorUnits(amount, currency, "half-up")');
    }
    minor = minor.toDecimalPlaces(0, roundingMode(mode, 'half-up'));
  }
  return toNumber(minorUnits(minor.toString(), 'The amount in minor units'));
}

/** Flattens JSONata's argument (one value, an array, or nested arrays from a path) into a list. */
function flatten(values: unknown): unknown[] {
  if (values === undefined || values === null) return [];
  return Array.isArray(values) ? values.flat(Infinity) : [values];
}

/**
 * `$sumMoney(amounts)`: exact decimal sum, e.g. [12.34, 12.34, 9.95] → 34.63 (not 34.629999999999995).
 * Missing, null or empty → 0, so `{"total": $sumMoney(lines.amount)}` always has its total (case M2).
 * @throws MappingFunctionError LF1001 naming the first item that is not a number (a null line amount).
 */
export function sumMoney(amounts: unknown): number {
  let total = new Exact(0);
  flatten(amounts).forEach((value, index) => {
    total = total.plus(toExact(value, `Item ${index} of the amounts`));
  });
  return toNumber(total);
}

/**
 * `$mulMoney(amount, factor, currency?, mode?)`: exact product rounded to the currency's decimals (2 when no
 * currency is given), half-up unless a mode is given: (-25.29, 5) → -126.45, (49, 16/31, "USD") → 25.29.
 * @throws MappingFunctionError LF1001 for non-numbers or an unknown mode, LF1002/LF1003 for a bad currency.
 */
export function mulMoney(amount: unknown, factor: unknown, currency?: unknown, mode?: unknown): number | undefined {
  if (amount === undefined || factor === undefined) return undefined;
  const places = currency === undefined || currency === null ? 2 : currencyExponent(currency);
  const product = toExact(amount, 'The amount').times(toExact(factor, 'The factor'));
  return toNumber(roundExact(product, places, roundingMode(mode, 'half-up')));
}

/** Reads a weight as an exact integer numerator over 10^scale. */
function weightsAsIntegers(weights: unknown[]): bigint[] {
  const exact = weights.map((w, index) => {
    const value = toExact(w, `Weight ${index}`);
    if (value.isNegative() && !value.isZero()) fail('LF1001', `Weight ${index} is negative (${show(w)}); weights must be 0 or more`);
    return value;
  });
  const scale = Math.max(0, ...exact.map((w) => w.decimalPlaces()));
  return exact.map((w) => BigInt(w.times(new Exact(10).pow(scale)).toFixed(0)));
}

/**
 * `$allocate(totalMinor, weights)`: splits an integer amount of minor units over weights (quantities,
 * ratios, line amounts) so the parts are integers that add up to the total exactly. Largest-remainder method
 * (Hamilton): each part gets the floor of its exact share, then the left-over units go one each to the largest
 * remainders, ties to the earlier line. 10000 over [1,1,1] → [3334,3333,3333]; a negative total gives
 * negative parts (-100 over [1,1,1] → [-34,-33,-33]). Computed in BigInt, so no rounding at all.
 * @throws MappingFunctionError LF1004 for a non-integer total, LF1001 for negative weights or weights summing to 0.
 */
export function allocate(totalMinor: unknown, weights: unknown): number[] | undefined {
  if (totalMinor === undefined) return undefined;
  const total = BigInt(minorUnits(totalMinor, 'The total to allocate').toFixed(0));
  const list = flatten(weights);
  if (list.length === 0) fail('LF1001', 'Nothing to allocate over: the weights are empty');
  const parts = weightsAsIntegers(list);
  const sum = parts.reduce((a, b) => a + b, 0n);
  if (sum === 0n) fail('LF1001', 'The weights add up to 0, so the total cannot be shared in proportion to them');
  const sign = total < 0n ? -1n : 1n;
  const magnitude = total * sign;
  const shares = parts.map((w, index) => ({ index, floor: (magnitude * w) / sum, remainder: (magnitude * w) % sum }));
  let left = magnitude - shares.reduce((a, s) => a + s.floor, 0n);
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const share of byRemainder) {
    if (left === 0n) break;
    share.floor += 1n;
    left -= 1n;
  }
  return shares.map((s) => {
    const part = Number(s.floor * sign);
    return part === 0 ? 0 : part;
  });
}

export const moneyFunctions: MappingFunction[] = [
  {
    name: 'fromMinorUnits',
    usage: '$fromMinorUnits(minorUnits, currency)',
    description: 'Integer minor units → decimal, by the ISO 4217 exponent: (-12645, "usd") → -126.45; (1234, "KWD") → 1.234',
    implementation: fromMinorUnits as (...args: never[]) => unknown,
  },
  {
    name: 'toMinorUnits',
    usage: '$toMinorUnits(amount, currency, roundingMode?)',
    description: 'Decimal → integer minor units, exactly: (126.45, "usd") → 12645; extra decimals need a rounding mode',
    implementation: toMinorUnits as (...args: never[]) => unknown,
  },
  {
    name: 'sumMoney',
    usage: '$sumMoney(amounts)',
    description: 'Exact decimal sum: [12.34, 12.34, 9.95] → 34.63; missing, null or empty → 0',
    implementation: sumMoney as (...args: never[]) => unknown,
  },
  {
    name: 'mulMoney',
    usage: '$mulMoney(amount, factor, currency?, roundingMode?)',
    description: 'Exact product rounded to the currency (default 2 places, half-up): (-25.29, 5) → -126.45',
    implementation: mulMoney as (...args: never[]) => unknown,
  },
  {
    name: 'allocate',
    usage: '$allocate(totalMinorUnits, weights)',
    description: 'Splits integer minor units by weights without losing a cent: (10000, [1,1,1]) → [3334,3333,3333]',
    implementation: allocate as (...args: never[]) => unknown,
  },
];

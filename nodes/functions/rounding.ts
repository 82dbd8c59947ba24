/**
 * Explicit rounding and money formatting (case M4).
 *
 * JSONata's `$round` rounds half to even only (0.125 → 0.12) and `$formatNumber(-0.004, "0.00")` prints
 * "-0.00". Ledgerflow's `$round` keeps JSONata's behaviour when called with two arguments and takes the mode as
 * a third (`"half-up"`: 0.125 → 0.13, 1.005 → 1.01, 2.675 → 2.68), working on the decimal the analyst wrote,
 * not on its binary approximation (1.005 is stored as 1.00499999999999989…). `$formatMoney` never prints a
 * negative zero.
 */
import { callBuiltin } from './builtins.js';
import { currencyExponent } from './currency.js';
import { Exact, roundExact, roundingMode, toExact, toNumber } from './decimal.js';
import { fail, show } from './failure.js';
import type { MappingFunction } from './types.js';

/**
 * `$round(value, places?, mode?)`: rounds a number to `places` decimals (default 0; negative rounds to tens,
 * hundreds…) with `mode` (default `"half-even"`, JSONata's and IEEE 754's default; `"half-up"` rounds ties away
 * from zero as in accounting). Missing value → missing result, like JSONata.
 * @throws MappingFunctionError LF1001 for a non-number, non-integer places or an unknown mode.
 */
export function round(value: unknown, places?: unknown, mode?: unknown): number | undefined {
  if (value === undefined) return undefined;
  const digits = places === undefined || places === null ? 0 : places;
  if (typeof digits !== 'number') return fail('LF1001', `The number of decimal places must be a number, not ${show(places)}`);
  return toNumber(roundExact(toExact(value, 'The value to round'), digits, roundingMode(mode, 'half-even')));
}

/**
 * `$formatMoney(amount, currency?, locale?)`: a decimal amount as text with exactly the currency's decimals
 * (ISO 4217 exponent; 2 without a currency), rounded half-up, and never `-0.00`: -0.001 → "0.00",
 * -126.445 → "-126.45", (1234.5, "JPY") → "1235". Without a locale the text is plain (`-126.45`, no grouping),
 * as ERPs and CSV files want; with a BCP 47 locale it is the locale's currency format via `Intl.NumberFormat`
 * (`("1234.5", "EUR", "de-DE")` → "1.234,50 €").
 * @throws MappingFunctionError LF1001 for a non-number, LF1002/LF1003 for a bad currency; a locale needs a currency.
 */
export function formatMoney(amount: unknown, currency?: unknown, locale?: unknown): string | undefined {
  if (amount === undefined) return undefined;
  const hasCurrency = currency !== undefined && currency !== null;
  const places = hasCurrency ? currencyExponent(currency) : 2;
  let rounded = roundExact(toExact(amount, 'The amount to format'), places, roundingMode('half-up', 'half-up'));
  if (rounded.isZero()) rounded = new Exact(0); // drops the sign of -0: the whole point of case M4
  if (locale === undefined || locale === null) return rounded.toFixed(places);
  if (!hasCurrency) fail('LF1001', 'A locale needs a currency, e.g. $formatMoney(amount, "EUR", "de-DE")');
  if (typeof locale !== 'string') fail('LF1001', `The locale must be a language tag like "en-US", not ${show(locale)}`);
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: String(currency).toUpperCase(),
      minimumFractionDigits: places,
      maximumFractionDigits: places,
    });
  } catch {
    return fail('LF1001', `"${locale}" is not a locale (BCP 47 language tag) this platform knows`);
  }
  return format.format(toNumber(rounded));
}

/**
 * `$formatNumber(number, picture, options?)`: JSONata's (XPath F&O 4.7.2 pictures), except that a number which
 * rounds to zero at the picture's precision is formatted as zero, without its sign: -0.004 with "0.00" gives
 * "0.00", not "-0.00" (case M4). The test is exact — the picture applied to |number| and to 0 gives the same
 * text — so it holds for any picture, digit family or negative sub-picture.
 */
export async function formatNumber(this: unknown, value: unknown, picture?: unknown, options?: unknown): Promise<unknown> {
  const formatted = await callBuiltin('formatNumber', this, [value, picture, options]);
  if (typeof value !== 'number' || !(value < 0)) return formatted;
  const [magnitude, zero] = await Promise.all([
    callBuiltin('formatNumber', this, [-value, picture, options]),
    callBuiltin('formatNumber', this, [0, picture, options]),
  ]);
  return magnitude === zero ? zero : formatted;
}

export const roundingFunctions: MappingFunction[] = [
  {
    name: 'round',
    signature: '<n-n?s?:n>', // JSONata's `<n-n?:n>` plus the mode, so `price.$round(2)` still binds the context
    usage: '$round(value, places?, mode?)',
    description: 'Rounds with an explicit mode: "half-even" (default), "half-up", "half-down", "up", "down", "ceiling", "floor"; $round(0.125, 2, "half-up") → 0.13',
    implementation: round as (...args: never[]) => unknown,
  },
  {
    name: 'formatMoney',
    usage: '$formatMoney(amount, currency?, locale?)',
    description: 'Amount as text with the currency\'s decimals, half-up, never "-0.00": (-0.001, "USD") → "0.00"',
    implementation: formatMoney as (...args: never[]) => unknown,
  },
  {
    name: 'formatNumber',
    signature: '<n-so?:s>',
    usage: '$formatNumber(number, picture, options?)',
    description: 'JSONata\'s $formatNumber; a value that rounds to zero never prints as "-0.00"',
    listed: false,
    implementation: formatNumber as (...args: never[]) => unknown,
  },
];

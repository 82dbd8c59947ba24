/**
 * Exact decimal arithmetic for the money functions (decimal.js).
 *
 * JSON numbers are IEEE 754 binary doubles: 12.34 + 12.34 + 9.95 is 34.629999999999995 and -25.29 * 5 is
 * -126.44999999999999 (case M3). The money functions read every number as the shortest decimal that
 * round-trips to it (what `String(n)` prints, ECMAScript Number::toString), do the arithmetic in decimal,
 * and convert back once, so the result is the double closest to the exact decimal answer.
 */
import Decimal from 'decimal.js';
import { fail, show } from './failure.js';

/** decimal.js with its own configuration (64 significant digits, never exponent notation in strings). */
export const Exact = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -100, toExpPos: 100 });
export type Exact = InstanceType<typeof Exact>;

const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a JSON number or a numeric string (`"4900"`, `"-126.45"`, as Stripe's `unit_amount_decimal`) as an
 * exact decimal.
 * @param what names the argument in the error message, e.g. `"the amount"`.
 * @throws MappingFunctionError LF1001 for anything else (null, a non-numeric string, NaN, Infinity).
 */
export function toExact(value: unknown, what: string): Exact {
  if (typeof value === 'number' && Number.isFinite(value)) return new Exact(value);
  if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim())) return new Exact(value.trim());
  return fail('LF1001', `${what} must be a number, but it is ${show(value)}`);
}

/** Converts back to a JSON number; never returns negative zero (JSON has no `-0`; `-0.00` is a display bug). */
export function toNumber(value: Exact): number {
  const number = value.toNumber();
  return number === 0 ? 0 : number;
}

/** Rounding modes by the names analysts write; `half-up` rounds ties away from zero (Java's HALF_UP). */
export const roundingModes = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  'half-down': Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceiling: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
} as const;

export type RoundingModeName = keyof typeof roundingModes;

/**
 * Looks up a rounding mode by name (case-insensitive).
 * @throws MappingFunctionError LF1001 naming the modes that exist.
 */
export function roundingMode(name: unknown, fallback: RoundingModeName): Decimal.Rounding {
  if (name === undefined || name === null) return roundingModes[fallback];
  const key = typeof name === 'string' ? name.trim().toLowerCase() : '';
  if (Object.hasOwn(roundingModes, key)) return roundingModes[key as RoundingModeName];
  return fail('LF1001', `Unknown rounding mode ${show(name)}; use one of ${Object.keys(roundingModes).map((m) => `"${m}"`).join(', ')}`);
}

/**
 * Rounds to `places` decimal places (negative: tens, hundreds…) with the given mode, exactly.
 * @throws MappingFunctionError LF1001 when `places` is not an integer.
 */
export function roundExact(value: Exact, places: number, mode: Decimal.Rounding): Exact {
  if (!Number.isInteger(places)) fail('LF1001', `The number of decimal places must be a whole number, not ${show(places)}`);
  if (places >= 0) return value.toDecimalPlaces(places, mode);
  const scale = new Exact(10).pow(-places);
  return value.div(scale).toDecimalPlaces(0, mode).times(scale);
}

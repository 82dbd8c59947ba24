/**
 * ISO 4217 currencies and their exponents (minor-unit digits).
 *
 * Which codes exist comes from the platform (`Intl.supportedValuesOf('currency')`, ICU's list of ISO 4217
 * codes). The exponent comes from the table below, taken from ISO 4217 List One (SIX, amendment 179): ICU's
 * `Intl.NumberFormat` display digits are CLDR's, which differ from ISO for money that moves between systems
 * (CLDR shows HUF and IDR with 0 digits; ISO 4217 and Stripe's API count them in hundredths).
 */
import { fail } from './failure.js';

/** ISO 4217 currencies whose minor unit is not 2 digits. Every other supported code has exponent 2. */
const EXPONENT_EXCEPTIONS: Readonly<Record<string, number>> = {
  // 0 digits
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0,
  VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  // 3 digits
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  // 4 digits
  CLF: 4, UYW: 4,
};

/**
 * ISO 4217 codes with no minor unit ("N.A." in List One): precious metals, SDR, test and "no currency"
 * codes. They cannot be expressed in minor units.
 */
const NO_MINOR_UNIT = new Set(['XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX']);

/** ISO 4217 fund codes (List One), which ICU's `Intl.supportedValuesOf('currency')` leaves out. */
const FUND_CODES = ['BOV', 'CHE', 'CHW', 'CLF', 'COU', 'MXV', 'USN', 'UYI', 'UYW'];

let supported: ReadonlySet<string> | undefined;

/**
 * The ISO 4217 codes Ledgerflow accepts (upper case): the platform's list, read once from
 * `Intl.supportedValuesOf('currency')`, plus the fund codes it omits.
 */
export function supportedCurrencies(): ReadonlySet<string> {
  supported ??= new Set([...Intl.supportedValuesOf('currency'), ...FUND_CODES]);
  return supported;
}

/** True when `code` is an upper-case ISO 4217 code the platform knows and that has a minor unit. */
export function isMoneyCurrency(code: string): boolean {
  return supportedCurrencies().has(code) && !NO_MINOR_UNIT.has(code);
}

/**
 * Normalises a currency code to upper case (Stripe sends `usd`) and checks it.
 * @throws MappingFunctionError LF1002 for a code that is not ISO 4217, LF1003 for one with no minor unit.
 */
export function currencyCode(value: unknown): string {
  if (typeof value !== 'string') fail('LF1002', `The currency must be an ISO 4217 code like "USD", not ${String(value)}`);
  const code = value.trim().toUpperCase();
  if (!supportedCurrencies().has(code)) fail('LF1002', `"${value}" is not an ISO 4217 currency code`);
  if (NO_MINOR_UNIT.has(code)) fail('LF1003', `${code} has no minor unit in ISO 4217, so it cannot be used as money`);
  return code;
}

/**
 * Number of minor-unit digits of a currency (ISO 4217): USD 2, JPY 0, KWD 3, CLF 4.
 * Accepts lower case (`usd`).
 * @throws MappingFunctionError LF1002 / LF1003 (see `currencyCode`).
 */
export function currencyExponent(value: unknown): number {
  return EXPONENT_EXCEPTIONS[currencyCode(value)] ?? 2;
}

/**
 * Building blocks of the canonical model: money, ISO 8601 dates, ids and the cross-reference ids a record
 * carries in each system.
 *
 * Money is `{ amount, currency }` with `amount` an integer count of the currency's minor units (ISO 4217
 * exponent: USD cents, JPY yen, KWD fils) — never a binary float, whose decimals are approximations (IEEE 754:
 * 0.1 + 0.2 ≠ 0.3). The currency is an upper-case ISO 4217 code the platform knows
 * (`Intl.supportedValuesOf('currency')`) that has a minor unit.
 */
import { z } from 'zod';
import { currencyExponent, isMoneyCurrency } from '../functions/currency.js';

/** Upper-case ISO 4217 code with a minor unit, e.g. `USD`, `JPY`, `KWD` (not `usd`, not `XAU`). */
export const CurrencyCode = z
  .string()
  .superRefine((code, ctx) => {
    if (isMoneyCurrency(code)) return;
    const upper = code.toUpperCase();
    const message = /^[A-Z]{3}$/.test(code)
      ? `${code} is not an ISO 4217 currency with a minor unit`
      : isMoneyCurrency(upper)
        ? `must be upper case: "${upper}", not "${code}"`
        : `must be an upper-case ISO 4217 currency code such as "USD", not ${JSON.stringify(code)}`;
    ctx.addIssue({ code: 'custom', message, input: code });
  })
  .meta({ pattern: '^[A-Z]{3}$' })
  .describe('ISO 4217 currency code, upper case (USD, EUR, JPY)');

/** Integer minor units: cents for USD, yen for JPY, fils for KWD. */
export const MinorUnits = z
  .int({ error: (issue) => `must be a whole number of minor units (cents), not ${JSON.stringify(issue.input)}` })
  .describe('Amount in integer minor units of the currency (ISO 4217 exponent: USD 2 → cents, JPY 0, KWD 3)');

/** `{ amount: integer minor units, currency: ISO 4217 }`, e.g. `{ amount: -12645, currency: "USD" }` = -126.45 USD. */
export const Money = z
  .strictObject({ amount: MinorUnits, currency: CurrencyCode })
  .describe('Money: integer minor units plus ISO 4217 currency; { "amount": -12645, "currency": "USD" } is -126.45 USD');
export type Money = z.infer<typeof Money>;

/** Calendar date without a zone, `YYYY-MM-DD` (ISO 8601): posting, issue and due dates. */
export const IsoDate = z.iso.date().describe('Calendar date YYYY-MM-DD (ISO 8601), no time zone');

/** Instant with an explicit offset, e.g. `2025-03-16T00:00:00Z` or `…+05:30` (ISO 8601 / RFC 3339). */
export const IsoDateTime = z.iso
  .datetime({ offset: true })
  .describe('Instant, ISO 8601 date-time with Z or a UTC offset (2025-03-16T00:00:00Z)');

/** A record's id in Ledgerflow's canonical space (usually the source system's id). */
export const Id = z.string().min(1).describe('Identifier of the record');

/** The same record's ids in other systems, by system name (`{ "salesforce": "001…", "netsuite": "4321" }`). */
export const ExternalIds = z
  .record(z.string(), z.string().min(1))
  .describe('Ids of this record in other systems, keyed by system (salesforce, stripe, netsuite); the xref');

/** Free-form string metadata carried along (Stripe `metadata`, custom fields). */
export const Metadata = z.record(z.string(), z.string()).describe('Free-form string metadata');

/** Renders minor units as a decimal with the currency's exponent, for messages: (39200, "USD") → "392.00 USD". */
export function formatMinorUnits(amount: number, currency: string): string {
  let exponent = 2;
  try {
    exponent = currencyExponent(currency);
  } catch {
    // an invalid currency is reported by its own issue; show the amount with 2 decimals meanwhile
  }
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return `${sign}${whole} ${currency}`;
}

/** Context of a zod refinement: enough to add an issue at a path. */
export interface RefinementContext {
  addIssue(issue: { code: 'custom'; message: string; path: Array<string | number>; input?: unknown }): void;
}

/**
 * Adds an issue for every money value (found at `paths`) whose currency differs from `currency`. Nothing when
 * the document's own currency is invalid: that has its own issue already.
 */
export function checkCurrency(
  ctx: RefinementContext,
  currency: string,
  entries: Array<{ money: Money | undefined; path: Array<string | number> }>,
): void {
  if (!isMoneyCurrency(currency)) return;
  for (const { money, path } of entries) {
    if (money && money.currency !== currency) {
      ctx.addIssue({ code: 'custom', path: [...path, 'currency'], message: `is ${money.currency}, but the document is in ${currency}` });
    }
  }
}

/** Sum of integer minor units; exact while it stays within Number.MAX_SAFE_INTEGER (9e15 cents). */
export function sumMinorUnits(amounts: Array<Money | undefined>): number {
  return amounts.reduce((total, money) => total + (money?.amount ?? 0), 0);
}

/** The canonical model as a whole: names, money rules, JSON Schemas for the editor. */
import { describe, expect, it } from 'vitest';
import { canonicalJsonSchemas, canonicalModelNames, canonicalModels, CurrencyCode, formatMinorUnits, Money } from './index.js';

describe('canonical models', () => {
  it('are the nine records of quote-to-cash', () => {
    expect(canonicalModelNames).toEqual(['Customer', 'Product', 'Contract', 'Subscription', 'Invoice', 'CreditMemo', 'Payment', 'JournalEntry', 'RevenueSchedule']);
    for (const name of canonicalModelNames) expect(canonicalModels[name].description, name).toBeTruthy();
  });

  it('have JSON Schemas (draft 2020-12) with descriptions for the editor', () => {
    const schemas = canonicalJsonSchemas();
    expect(Object.keys(schemas)).toEqual(canonicalModelNames);
    for (const [name, schema] of Object.entries(schemas)) {
      expect(schema.$schema, name).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.type, name).toBe('object');
      expect(typeof schema.description, name).toBe('string');
    }
    const invoice = schemas.Invoice as { properties: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    expect(invoice.properties.total?.properties?.amount).toMatchObject({ type: 'integer' });
    expect(invoice.properties.total?.properties?.currency).toMatchObject({ type: 'string', pattern: '^[A-Z]{3}$' });
    expect(invoice.properties.total?.required).toEqual(['amount', 'currency']);
  });
});

describe('Money', () => {
  it('is integer minor units plus an ISO 4217 code', () => {
    expect(Money.safeParse({ amount: -12645, currency: 'USD' }).success).toBe(true);
    expect(Money.safeParse({ amount: 1, currency: 'CLF' }).success).toBe(true);
    expect(Money.safeParse({ amount: 34.629999999999995, currency: 'USD' }).error?.issues).toMatchObject([
      { path: ['amount'], message: 'must be a whole number of minor units (cents), not 34.629999999999995' },
    ]);
    expect(Money.safeParse({ amount: 1, currency: 'USD', note: 'x' }).success).toBe(false);
  });

  it('checks the currency against the platform\'s ISO 4217 list', () => {
    expect(CurrencyCode.safeParse('ABC').error?.issues[0]?.message).toBe('ABC is not an ISO 4217 currency with a minor unit');
    expect(CurrencyCode.safeParse('XAU').error?.issues[0]?.message).toBe('XAU is not an ISO 4217 currency with a minor unit');
    expect(CurrencyCode.safeParse('US Dollar').error?.issues[0]?.message).toBe('must be an upper-case ISO 4217 currency code such as "USD", not "US Dollar"');
  });

  it('is shown with the currency exponent in messages', () => {
    expect([formatMinorUnits(-12645, 'USD'), formatMinorUnits(5, 'USD'), formatMinorUnits(1500, 'JPY'), formatMinorUnits(1234, 'KWD')]).toEqual([
      '-126.45 USD', '0.05 USD', '1500 JPY', '1.234 KWD',
    ]);
  });
});

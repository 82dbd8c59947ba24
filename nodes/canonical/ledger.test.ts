/** JournalEntry balance (per currency, in minor units) and RevenueSchedule totals. */
import { describe, expect, it } from 'vitest';
import { JournalEntry, journalTotals, RevenueSchedule } from './index.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });

/** The fixture's revenue deferral (netsuite/journalentry.post-request): 392.00 USD both sides. */
const deferral = {
  id: 'JE-in_FAKE0000000000000003',
  externalId: 'JE-in_FAKE0000000000000003',
  date: '2025-04-01',
  memo: 'Defer Stripe in_FAKE0000000000000003',
  lines: [
    { accountId: '119', debit: usd(39200), memo: 'AR - Stripe renewal', entityId: '4321' },
    { accountId: '245', credit: usd(39200), memo: 'Deferred revenue - Pro seats', departmentId: '3', classId: '7' },
  ],
};

function messages(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('JournalEntry', () => {
  it('accepts a balanced entry', () => {
    expect(JournalEntry.safeParse(deferral).success).toBe(true);
    expect(journalTotals(deferral.lines)).toEqual(new Map([['USD', { debits: 39200, credits: 39200 }]]));
  });

  it('rejects an unbalanced entry, naming both totals and the difference', () => {
    const unbalanced = { ...deferral, lines: [deferral.lines[0]!, { ...deferral.lines[1]!, credit: usd(39100) }] };
    expect(messages(JournalEntry.safeParse(unbalanced))).toEqual([
      'lines: do not balance in USD: debits total 392.00 USD but credits total 391.00 USD (difference 1.00 USD)',
    ]);
  });

  it('balances each currency on its own', () => {
    const twoCurrencies = {
      ...deferral,
      lines: [...deferral.lines, { accountId: '300', debit: { amount: 1000, currency: 'JPY' } }, { accountId: '301', credit: { amount: 999, currency: 'JPY' } }],
    };
    expect(messages(JournalEntry.safeParse(twoCurrencies))).toEqual([
      'lines: do not balance in JPY: debits total 1000 JPY but credits total 999 JPY (difference 1 JPY)',
    ]);
  });

  it('wants exactly one side per line, never negative', () => {
    const both = { ...deferral, lines: [{ accountId: '1', debit: usd(1), credit: usd(1) }, deferral.lines[1]!] };
    expect(messages(JournalEntry.safeParse(both))[0]).toBe('lines.0: has to have either a debit or a credit, not both and not neither');
    const negative = { ...deferral, lines: [{ accountId: '1', debit: usd(-39200) }, { accountId: '2', credit: usd(-39200) }] };
    expect(messages(JournalEntry.safeParse(negative))[0]).toMatch(/^lines\.0\.debit: is negative; put the amount on the other side/);
  });

  it('rejects a decimal amount where minor units are required', () => {
    const decimal = { ...deferral, lines: [{ accountId: '119', debit: usd(392.0) }, { accountId: '245', credit: usd(391.99) }] };
    expect(messages(JournalEntry.safeParse(decimal))).toEqual(['lines.1.credit.amount: must be a whole number of minor units (cents), not 391.99']);
  });
});

describe('RevenueSchedule', () => {
  const schedule = {
    id: 'rs_1',
    invoiceId: 'in_FAKE0000000000000003',
    method: 'ratably' as const,
    total: usd(39200),
    startDate: '2025-04-01',
    endDate: '2025-06-30',
    entries: [
      { date: '2025-04-30', amount: usd(13067) },
      { date: '2025-05-31', amount: usd(13067) },
      { date: '2025-06-30', amount: usd(13066) },
    ],
  };

  it('accepts entries that add up to the total inside the period', () => {
    expect(RevenueSchedule.safeParse(schedule).success).toBe(true);
  });

  it('names a shortfall and an entry outside the period', () => {
    const wrong = { ...schedule, entries: [...schedule.entries.slice(0, 2), { date: '2025-07-31', amount: usd(13065) }] };
    expect(messages(RevenueSchedule.safeParse(wrong))).toEqual([
      'entries: add up to 391.99 USD, but the total to recognise is 392.00 USD',
      'entries.2.date: 2025-07-31 is outside the service period 2025-04-01…2025-06-30',
    ]);
  });
});

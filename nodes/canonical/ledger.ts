/**
 * Canonical JournalEntry and RevenueSchedule: what lands in the general ledger.
 *
 * Double-entry rule: in each currency the debits of a journal entry equal its credits (an ERP such as
 * NetSuite rejects an unbalanced entry). Revenue schedule rule (ASC 606 / IFRS 15 ratable recognition): the
 * scheduled amounts add up to the amount to recognise, inside the service period. Checked in integer minor
 * units, so exactly.
 */
import { z } from 'zod';
import { checkPeriod } from './contracts.js';
import { checkCurrency, ExternalIds, formatMinorUnits, Id, IsoDate, Metadata, Money, sumMinorUnits } from './money.js';

const NonNegativeMoney = Money.refine((money) => money.amount >= 0, {
  error: 'is negative; put the amount on the other side (debit ↔ credit) instead',
});

/** One line of a journal entry: an account and either a debit or a credit. */
export const JournalLine = z
  .object({
    accountId: Id.describe('General-ledger account id'),
    debit: NonNegativeMoney.optional().describe('Debit amount in minor units'),
    credit: NonNegativeMoney.optional().describe('Credit amount in minor units'),
    memo: z.string().optional(),
    entityId: z.string().optional().describe('Customer or vendor the line is about'),
    departmentId: z.string().optional(),
    classId: z.string().optional(),
  })
  .refine((line) => (line.debit === undefined) !== (line.credit === undefined), {
    error: 'has to have either a debit or a credit, not both and not neither',
  })
  .describe('Journal line: one account debited or credited');

/** Debit and credit totals per currency, in minor units. */
export function journalTotals(lines: Array<z.infer<typeof JournalLine>>): Map<string, { debits: number; credits: number }> {
  const totals = new Map<string, { debits: number; credits: number }>();
  for (const line of lines) {
    for (const [side, money] of [['debits', line.debit], ['credits', line.credit]] as const) {
      if (!money) continue;
      const entry = totals.get(money.currency) ?? { debits: 0, credits: 0 };
      entry[side] += money.amount;
      totals.set(money.currency, entry);
    }
  }
  return totals;
}

/** A general-ledger posting (revenue deferral, invoice posting, FX revaluation). */
export const JournalEntry = z
  .object({
    id: Id,
    externalId: z.string().optional().describe('Idempotent id in the ERP, e.g. JE-<invoice id>'),
    date: IsoDate.describe('Posting date; decides the accounting period'),
    memo: z.string().optional(),
    subsidiaryId: z.string().optional(),
    lines: z.array(JournalLine).min(2, { error: 'a journal entry has at least two lines' }),
    externalIds: ExternalIds.optional(),
    metadata: Metadata.optional(),
  })
  .superRefine((entry, ctx) => {
    for (const [currency, { debits, credits }] of journalTotals(entry.lines)) {
      if (debits !== credits) {
        const difference = formatMinorUnits(Math.abs(debits - credits), currency);
        ctx.addIssue({
          code: 'custom',
          path: ['lines'],
          message: `do not balance in ${currency}: debits total ${formatMinorUnits(debits, currency)} but credits total ` +
            `${formatMinorUnits(credits, currency)} (difference ${difference})`,
        });
      }
    }
  })
  .describe('Journal entry: balanced debit and credit lines (per currency, debits = credits)');
export type JournalEntry = z.infer<typeof JournalEntry>;

/** How much revenue to recognise for a contract line or invoice line, period by period. */
export const RevenueSchedule = z
  .object({
    id: Id,
    invoiceId: z.string().optional(),
    invoiceLineId: z.string().optional(),
    contractId: z.string().optional(),
    productId: z.string().optional(),
    method: z.enum(['ratably', 'point_in_time']).describe('Evenly over the service period, or at one point'),
    total: Money.describe('Amount to recognise, in minor units'),
    startDate: IsoDate.describe('First day of the service period'),
    endDate: IsoDate.describe('Last day of the service period'),
    entries: z
      .array(z.object({
        date: IsoDate.describe('Recognition date (usually the last day of an accounting period)'),
        amount: Money.describe('Revenue recognised on that date, in minor units'),
        recognized: z.boolean().optional().describe('True once posted'),
      }))
      .min(1, { error: 'a revenue schedule has at least one entry' }),
    externalIds: ExternalIds.optional(),
    metadata: Metadata.optional(),
  })
  .superRefine((schedule, ctx) => {
    checkPeriod(ctx, schedule.startDate, schedule.endDate, ['endDate']);
    checkCurrency(ctx, schedule.total.currency, schedule.entries.map((e, i) => ({ money: e.amount, path: ['entries', i, 'amount'] })));
    const scheduled = sumMinorUnits(schedule.entries.map((e) => e.amount));
    if (scheduled !== schedule.total.amount) {
      ctx.addIssue({
        code: 'custom',
        path: ['entries'],
        message: `add up to ${formatMinorUnits(scheduled, schedule.total.currency)}, but the total to recognise is ` +
          formatMinorUnits(schedule.total.amount, schedule.total.currency),
      });
    }
    schedule.entries.forEach((entry, i) => {
      if (entry.date < schedule.startDate || entry.date > schedule.endDate) {
        ctx.addIssue({ code: 'custom', path: ['entries', i, 'date'], message: `${entry.date} is outside the service period ${schedule.startDate}…${schedule.endDate}` });
      }
    });
  })
  .describe('Revenue schedule: when the revenue of a line is recognised, in amounts that add up to its total');
export type RevenueSchedule = z.infer<typeof RevenueSchedule>;

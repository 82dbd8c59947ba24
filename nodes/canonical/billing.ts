/**
 * Canonical Invoice, CreditMemo and Payment: what billing sends to receivables in the ERP.
 *
 * Rules checked beyond field types, all in integer minor units so they are exact: every amount is in the
 * document's currency; invoice lines add up to the subtotal and subtotal + tax to the total; credit memo
 * lines add up to its total; a payment's refunds do not exceed it.
 */
import { z } from 'zod';
import { checkPeriod } from './contracts.js';
import {
  checkCurrency, CurrencyCode, ExternalIds, formatMinorUnits, Id, IsoDate, IsoDateTime, Metadata, Money,
  sumMinorUnits, type RefinementContext,
} from './money.js';

/** Adds an issue at `path` when `actual` (minor units) differs from `expected`. */
function checkTotal(ctx: RefinementContext, what: string, expected: number, actual: Money, path: Array<string | number>): void {
  if (expected !== actual.amount) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: `is ${formatMinorUnits(actual.amount, actual.currency)}, but ${what} add up to ${formatMinorUnits(expected, actual.currency)}`,
    });
  }
}

/** One invoice line. Credits (proration for unused time) are negative. */
export const InvoiceLine = z
  .object({
    id: z.string().optional(),
    description: z.string().describe('Line text as printed on the invoice'),
    productId: z.string().optional().describe('Canonical product id'),
    quantity: z.number().describe('Quantity; may be fractional for usage'),
    unitAmount: Money.optional().describe('Price per unit, in minor units'),
    amount: Money.describe('Line amount in minor units; negative for credits such as proration'),
    periodStart: IsoDate.optional().describe('First day of the service period billed'),
    periodEnd: IsoDate.optional().describe('Last day of the service period billed'),
    proration: z.boolean().optional().describe('True for lines created by a mid-period change'),
  })
  .describe('Invoice line: one charge or credit');

/** A bill to a customer: becomes an open receivable in the ERP. */
export const Invoice = z
  .object({
    id: Id,
    number: z.string().optional().describe('Invoice number printed on the document'),
    customerId: Id.describe('Canonical customer id'),
    subscriptionId: z.string().optional(),
    status: z.enum(['draft', 'open', 'paid', 'void', 'uncollectible']).describe('Lifecycle status'),
    currency: CurrencyCode,
    issueDate: IsoDate.describe('Invoice (posting) date'),
    dueDate: IsoDate.optional(),
    periodStart: IsoDate.optional(),
    periodEnd: IsoDate.optional(),
    lines: z.array(InvoiceLine).min(1, { error: 'an invoice has at least one line' }),
    subtotal: Money.describe('Sum of the lines, before tax'),
    tax: Money.optional().describe('Total tax'),
    total: Money.describe('Subtotal plus tax'),
    amountPaid: Money.optional(),
    amountDue: Money.optional(),
    externalIds: ExternalIds.optional(),
    metadata: Metadata.optional(),
  })
  .superRefine((invoice, ctx) => {
    checkPeriod(ctx, invoice.issueDate, invoice.dueDate, ['dueDate']);
    checkPeriod(ctx, invoice.periodStart, invoice.periodEnd, ['periodEnd']);
    checkCurrency(ctx, invoice.currency, [
      ...invoice.lines.flatMap((line, i) => [
        { money: line.amount, path: ['lines', i, 'amount'] },
        { money: line.unitAmount, path: ['lines', i, 'unitAmount'] },
      ]),
      { money: invoice.subtotal, path: ['subtotal'] },
      { money: invoice.tax, path: ['tax'] },
      { money: invoice.total, path: ['total'] },
      { money: invoice.amountPaid, path: ['amountPaid'] },
      { money: invoice.amountDue, path: ['amountDue'] },
    ]);
    checkTotal(ctx, 'the lines', sumMinorUnits(invoice.lines.map((l) => l.amount)), invoice.subtotal, ['subtotal']);
    checkTotal(ctx, 'subtotal and tax', invoice.subtotal.amount + (invoice.tax?.amount ?? 0), invoice.total, ['total']);
  })
  .describe('Invoice: a bill with its lines; amounts in integer minor units');
export type Invoice = z.infer<typeof Invoice>;

/** A credit note: reduces what a customer owes (goodwill credit, return). */
export const CreditMemo = z
  .object({
    id: Id,
    number: z.string().optional(),
    customerId: Id.describe('Canonical customer id'),
    invoiceId: z.string().optional().describe('Invoice the credit applies to'),
    currency: CurrencyCode,
    issueDate: IsoDate,
    reason: z.string().optional().describe('Why the credit was given'),
    lines: z.array(z.object({
      description: z.string(),
      productId: z.string().optional(),
      quantity: z.number().optional(),
      amount: Money.describe('Credited amount in minor units, positive'),
    })).min(1, { error: 'a credit memo has at least one line' }),
    total: Money.describe('Total credited, positive'),
    externalIds: ExternalIds.optional(),
    metadata: Metadata.optional(),
  })
  .superRefine((memo, ctx) => {
    checkCurrency(ctx, memo.currency, [
      ...memo.lines.map((line, i) => ({ money: line.amount, path: ['lines', i, 'amount'] })),
      { money: memo.total, path: ['total'] },
    ]);
    checkTotal(ctx, 'the lines', sumMinorUnits(memo.lines.map((l) => l.amount)), memo.total, ['total']);
  })
  .describe('Credit memo: a credit against a customer balance or invoice');
export type CreditMemo = z.infer<typeof CreditMemo>;

/** Money received from (or refunded to) a customer. */
export const Payment = z
  .object({
    id: Id,
    customerId: Id.describe('Canonical customer id'),
    invoiceIds: z.array(z.string()).optional().describe('Invoices this payment settles'),
    amount: Money.describe('Amount received, in minor units'),
    refundedAmount: Money.optional().describe('Amount refunded so far, in minor units'),
    status: z.enum(['pending', 'succeeded', 'failed', 'refunded', 'partially_refunded']),
    method: z.enum(['card', 'ach', 'sepa', 'wire', 'check', 'other']).optional(),
    receivedAt: IsoDateTime.describe('When the payment was captured'),
    reference: z.string().optional().describe('Processor or bank reference'),
    externalIds: ExternalIds.optional(),
    metadata: Metadata.optional(),
  })
  .superRefine((payment, ctx) => {
    if (payment.amount.amount < 0) ctx.addIssue({ code: 'custom', path: ['amount', 'amount'], message: 'a payment amount is not negative; record refunds in refundedAmount' });
    checkCurrency(ctx, payment.amount.currency, [{ money: payment.refundedAmount, path: ['refundedAmount'] }]);
    if (payment.refundedAmount && payment.refundedAmount.amount > payment.amount.amount) {
      ctx.addIssue({
        code: 'custom',
        path: ['refundedAmount'],
        message: `refunds ${formatMinorUnits(payment.refundedAmount.amount, payment.amount.currency)}, more than the ${formatMinorUnits(payment.amount.amount, payment.amount.currency)} paid`,
      });
    }
  })
  .describe('Payment: money received against invoices, with refunds');
export type Payment = z.infer<typeof Payment>;

/** Invoice, CreditMemo and Payment: built from the fixtures' values, checked in minor units. */
import { describe, expect, it } from 'vitest';
import paid from '../../test/fixtures/stripe/invoice.paid.proration.json';
import creditNote from '../../test/fixtures/stripe/credit_note.created.json';
import { toDateInZone } from '../functions/dates.js';
import { CreditMemo, Invoice, Payment } from './index.js';

const day = (seconds: number) => toDateInZone(seconds, 'UTC')!;

/** The canonical Invoice for Stripe's invoice.paid fixture (seat change 5 → 8 with proration). */
function invoiceFromFixture() {
  const invoice = paid.data.object;
  const currency = invoice.currency.toUpperCase();
  const money = (amount: number) => ({ amount, currency });
  return {
    id: invoice.id,
    number: invoice.number,
    customerId: invoice.customer,
    subscriptionId: invoice.parent.subscription_details.subscription,
    status: invoice.status as 'paid',
    currency,
    issueDate: day(invoice.created),
    lines: invoice.lines.data.map((line) => ({
      id: line.id,
      description: line.description,
      productId: line.pricing.price_details.product,
      quantity: line.quantity,
      unitAmount: money(Number(line.pricing.unit_amount_decimal)),
      amount: money(line.amount),
      periodStart: day(line.period.start),
      periodEnd: day(line.period.end),
      proration: line.parent.subscription_item_details.proration,
    })),
    subtotal: money(invoice.subtotal),
    total: money(invoice.total),
    amountPaid: money(invoice.amount_paid),
    amountDue: money(invoice.amount_due),
    externalIds: { stripe: invoice.id },
    metadata: { sfdc_opportunity_id: invoice.parent.subscription_details.metadata.sfdc_opportunity_id },
  };
}

function messages(result: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('Invoice', () => {
  it('accepts the proration invoice of the fixture (-126.45 + 202.32 = 75.87)', () => {
    const invoice = invoiceFromFixture();
    const parsed = Invoice.parse(invoice);
    expect(parsed.lines.map((l) => l.amount.amount)).toEqual([-12645, 20232]);
    expect(parsed.total).toEqual({ amount: 7587, currency: 'USD' });
    expect(parsed.issueDate).toBe('2025-03-16');
  });

  it('rejects a decimal amount, naming its path', () => {
    const invoice = invoiceFromFixture();
    invoice.lines[0]!.amount = { amount: -126.45, currency: 'USD' };
    expect(messages(Invoice.safeParse(invoice))).toEqual(['lines.0.amount.amount: must be a whole number of minor units (cents), not -126.45']);
  });

  it('rejects lines that do not add up, a foreign currency and a lower-case code', () => {
    const short = { ...invoiceFromFixture(), subtotal: { amount: 7588, currency: 'USD' } };
    expect(messages(Invoice.safeParse(short))).toEqual([
      'subtotal: is 75.88 USD, but the lines add up to 75.87 USD',
      'total: is 75.87 USD, but subtotal and tax add up to 75.88 USD',
    ]);
    const euro = invoiceFromFixture();
    euro.lines[1]!.amount = { amount: 20232, currency: 'EUR' };
    expect(messages(Invoice.safeParse(euro))).toContain('lines.1.amount.currency: is EUR, but the document is in USD');
    const lower = { ...invoiceFromFixture(), currency: 'usd' };
    expect(messages(Invoice.safeParse(lower))).toEqual(['currency: must be upper case: "USD", not "usd"']);
  });

  it('wants ISO 8601 dates', () => {
    const invoice = { ...invoiceFromFixture(), issueDate: '03/16/2025' };
    expect(messages(Invoice.safeParse(invoice))).toEqual(['issueDate: Invalid ISO date']);
  });
});

describe('CreditMemo', () => {
  it('accepts the support credit of the fixture (49.00)', () => {
    const note = creditNote.data.object;
    const money = (amount: number) => ({ amount, currency: note.currency.toUpperCase() });
    const memo = {
      id: note.id,
      number: note.number,
      customerId: note.customer,
      invoiceId: note.invoice,
      currency: 'USD',
      issueDate: day(note.created),
      reason: note.memo,
      lines: note.lines.data.map((line) => ({ description: line.description, quantity: line.quantity, amount: money(line.amount) })),
      total: money(note.amount),
    };
    expect(CreditMemo.safeParse(memo).success).toBe(true);
    expect(messages(CreditMemo.safeParse({ ...memo, total: money(4800) }))).toEqual(['total: is 48.00 USD, but the lines add up to 49.00 USD']);
  });
});

describe('Payment', () => {
  const payment = {
    id: 'ch_1', customerId: 'cus_1', invoiceIds: ['in_1'], amount: { amount: 24500, currency: 'USD' },
    refundedAmount: { amount: 4900, currency: 'USD' }, status: 'partially_refunded' as const, receivedAt: '2025-03-01T00:00:05Z',
  };

  it('accepts a partial refund and rejects refunding more than was paid', () => {
    expect(Payment.safeParse(payment).success).toBe(true);
    expect(messages(Payment.safeParse({ ...payment, refundedAmount: { amount: 24501, currency: 'USD' } }))).toEqual([
      'refundedAmount: refunds 245.01 USD, more than the 245.00 USD paid',
    ]);
    expect(messages(Payment.safeParse({ ...payment, receivedAt: '2025-03-01T00:00:05' }))[0]).toMatch(/^receivedAt: Invalid ISO datetime/);
  });
});

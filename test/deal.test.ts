/**
 * The whole fictional deal through the example flows (flows/deal-*.flow.json), as the systems would send
 * it: Salesforce's change event (basic auth), then Stripe's events in order, each signed by the billing
 * stand-in, some delivered twice. The ERP stand-in's ledger is then checked line by line — every amount
 * exact to the cent (−126.45, +202.32, 75.87, 392.00, 49.00, 49.00) and every business event posted once —
 * with the CRM task of the failed renewal and the ids linked in the xref.
 *
 * The Stripe fixtures describe the fixture's subscription `sub_FAKE0000000000000001`; in this play the
 * closed-won flow creates the subscription, so the events carry the id Stripe (the stand-in) gave it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erpWrites, finishedRun, fixture, sendCdc, sendStripe, stripeEvent } from './support/deal.js';
import { startTestServer, type TestServer } from './support/ledgerflow.js';

let t: TestServer;
let subscriptionId: string;
const traces: string[] = [];
const ids = () => ({ sub_FAKE0000000000000001: subscriptionId });

beforeAll(async () => {
  t = await startTestServer({ onTrace: (event) => void traces.push(JSON.stringify(event)) });
});
afterAll(() => t?.stop());

describe('the fictional deal, end to end', () => {
  it('2025-02-27 Closed Won (Salesforce CDC) → Stripe subscription, NetSuite customer and sales order', async () => {
    const accepted = await sendCdc(t, 'crm/opportunity-changes', fixture('salesforce/opportunity-change-event.cdc.update'));
    expect(accepted.status).toBe(202);
    const run = await finishedRun(t, accepted.body.runId);
    expect(run.status).toBe('succeeded');
    const subscription = t.ledgerflow.sandbox!.billing.subscriptions().at(-1)!;
    subscriptionId = subscription.id;
    expect(subscription).toMatchObject({ customer: 'cus_FAKE00000000001', metadata: { sfdc_opportunity_id: '006FAKE0000000001AAA' }, items: { data: [{ quantity: 5, current_period_start: 1740787200, current_period_end: 1743465600 }] } });
    expect(run.businessKeys).toMatchObject({ opportunityId: '006FAKE0000000001AAA', subscriptionId, erpCustomerId: '4321', erpSalesOrderId: '3001' });
    // The booking before the amendment: 5 seats at 49.00 a month.
    const [order] = t.ledgerflow.sandbox!.erp.records('salesOrder');
    expect([order!.externalId, order!.total, (order!.item as any).items.map((l: any) => [l.item.id, l.quantity, l.rate, l.amount])]).toEqual([subscriptionId, 245, [['86', 5, 49, 245]]]);
  });

  it('plays the billing events in order, signed, with redeliveries', async () => {
    const answers: Array<[string, number, unknown]> = [];
    const send = async (path: string, name: string) => {
      const delivery = await sendStripe(t, path, stripeEvent(name, ids()));
      answers.push([name, delivery.status, delivery.body]);
    };
    await send('stripe/subscription-events', 'customer.subscription.created');
    await send('stripe/subscription-events', 'customer.subscription.updated.quantity-5-to-8');
    await send('stripe/invoice-events', 'invoice.finalized.proration');
    await send('stripe/invoice-events', 'invoice.paid.proration');
    await send('stripe/invoice-events', 'invoice.payment_failed.renewal');
    await send('stripe/payment-failures', 'invoice.payment_failed.renewal');
    await send('stripe/credit-notes', 'credit_note.created');
    await send('stripe/refunds', 'charge.refunded.partial');
    // Stripe redelivers: the same events again change nothing.
    await send('stripe/invoice-events', 'invoice.paid.proration');
    await send('stripe/refunds', 'charge.refunded.partial');
    await send('stripe/subscription-events', 'customer.subscription.updated.quantity-5-to-8');
    expect(answers.map(([name, status]) => [name, status])).toEqual([
      ['customer.subscription.created', 200],
      ['customer.subscription.updated.quantity-5-to-8', 200],
      ['invoice.finalized.proration', 200],
      ['invoice.paid.proration', 200],
      ['invoice.payment_failed.renewal', 200],
      ['invoice.payment_failed.renewal', 200],
      ['credit_note.created', 200],
      ['charge.refunded.partial', 200],
      ['invoice.paid.proration', 202],
      ['charge.refunded.partial', 202],
      ['customer.subscription.updated.quantity-5-to-8', 202],
    ]);
    expect(answers[0]![2]).toEqual({ received: true, ignored: 'customer.subscription.created' });
    expect(answers[1]![2]).toMatchObject({ amendment: { seatsBefore: 5, seatsAfter: 8, effectiveDate: '2025-03-16', prorationCredit: -126.45, prorationCharge: 202.32, prorationNet: 75.87 } });
    expect(answers.slice(8).map(([, , body]) => (body as { status: string }).status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  });

  it('the ERP ledger, line by line: every amount exact to the cent', () => {
    const erp = t.ledgerflow.sandbox!.erp;
    const lines = (record: Record<string, any>) => record.item.items.map((l: Record<string, unknown>) => [l.description ?? null, l.quantity, l.rate, l.amount]);

    expect(erp.records('customer').map((c) => [c.id, c.externalId, c.companyName])).toEqual([['4321', 'cus_FAKE00000000001', 'Example Widgets Co (FAKE)']]);

    const [order] = erp.records('salesOrder');
    expect(erp.records('salesOrder')).toHaveLength(1);
    expect(order).toMatchObject({ id: '3001', externalId: subscriptionId, entity: { id: '4321' }, total: 392, custbody_lf_seats_before: 5, custbody_lf_proration_credit: -126.45, custbody_lf_proration_charge: 202.32 });
    expect(lines(order!)).toEqual([[null, 8, 49, 392]]);

    const invoices = erp.records('invoice');
    expect(invoices.map((i) => [i.externalId, i.otherRefNum, i.total, i.tranDate])).toEqual([
      ['in_FAKE0000000000000002', 'FAKE0001-0002', 75.87, '2025-03-16'],
      ['in_FAKE0000000000000003', 'FAKE0001-0003', 392, '2025-04-01'],
    ]);
    expect(lines(invoices[0]!)).toEqual([
      ['Unused time on 5 × Pro seat (monthly) after 16 Mar 2025', 5, -25.29, -126.45],
      ['Remaining time on 8 × Pro seat (monthly) after 16 Mar 2025', 8, 25.29, 202.32],
    ]);
    expect(invoices[0]!.memo).toBe('Stripe in_FAKE0000000000000002 (seat change 5 → 8)');
    expect(lines(invoices[1]!)).toEqual([['8 × Pro seat (monthly) (at $49.00 / month)', 8, 49, 392]]);

    const payments = erp.records('customerPayment');
    expect(payments.map((p) => [p.externalId, p.payment, p.tranDate, (p.apply as any).items[0].doc.id, (p.apply as any).items[0].amount])).toEqual([
      ['in_FAKE0000000000000002:paid', 75.87, '2025-03-16', invoices[0]!.id, 75.87],
    ]);
    const memos = erp.records('creditMemo');
    expect(memos.map((m) => [m.externalId, m.total, m.custbody_stripe_invoice_id])).toEqual([['cn_FAKE0000000000000001', 49, 'in_FAKE0000000000000001']]);
    expect(lines(memos[0]!)).toEqual([['Service credit: outage 2025-03-18', 1, 49, 49]]);
    const refunds = erp.records('customerRefund');
    expect(refunds.map((r) => [r.externalId, r.total, r.memo])).toEqual([['ch_FAKE0000000000000001:refunded:4900', 49, 'Stripe refund on ch_FAKE0000000000000001 (49.00 of 245.00 USD)']]);

    // Every amount is a decimal with at most two places, never a float artefact (-126.44999999999999).
    const amounts = JSON.stringify([order, ...invoices, ...payments, ...memos, ...refunds]).match(/-?\d+\.\d+/g) ?? [];
    for (const amount of amounts) expect(amount).toMatch(/^-?\d+\.\d{1,2}$/);
  });

  it('each business event was posted once, in order', () => {
    expect(erpWrites(t)).toEqual([
      ['customer', 'PUT', 'cus_FAKE00000000001', 'updated'], // closed-won: the seeded customer, found by external id
      ['salesOrder', 'PUT', subscriptionId, 'created'], // closed-won: the booking, 5 seats
      ['salesOrder', 'PUT', subscriptionId, 'updated'], // the amendment, 8 seats
      ['invoice', 'PUT', 'in_FAKE0000000000000002', 'created'], // invoice.finalized
      ['customerPayment', 'PUT', 'in_FAKE0000000000000002:paid', 'created'], // invoice.paid
      ['invoice', 'PUT', 'in_FAKE0000000000000003', 'created'], // the failed renewal's receivable
      ['creditMemo', 'PUT', 'cn_FAKE0000000000000001', 'created'],
      ['customerRefund', 'PUT', 'ch_FAKE0000000000000001:refunded:4900', 'created'],
    ]);
  });

  it('one OAuth2 token served every ERP call, and no credential reached a trace', () => {
    expect(t.ledgerflow.sandbox!.erp.tokens.issued).toBe(1);
    expect(traces.length).toBeGreaterThan(100);
    const leaked = traces.filter((event) => /lf_erp_|Bearer |sk_test_|whsec_|FAKE-sandbox/.test(event));
    expect(leaked).toEqual([]);
  });

  it('the failed renewal is a task back in the CRM, on the opportunity', () => {
    const tasks = t.ledgerflow.sandbox!.crm.tasks();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ Subject: 'Renewal payment failed: FAKE0001-0003 (392.00 USD)', WhatId: '006FAKE0000000001AAA', Priority: 'High', ActivityDate: '2025-04-04' });
  });

  it('the ids are linked in the xref: opportunity ↔ subscription ↔ sales order, invoice ↔ ERP invoice', async () => {
    const linked = async (system: string, entity: string, id: string, toSystem: string) =>
      ((await t.call('GET', `/api/xref/links?system=${system}&entity=${entity}&id=${encodeURIComponent(id)}&toSystem=${toSystem}`)).body.links as Array<{ a: { id: string }; b: { id: string } }>).map((l) =>
        l.a.id === id ? l.b.id : l.a.id,
      );
    expect(await linked('crm', 'opportunity', '006FAKE0000000001AAA', 'billing')).toEqual([subscriptionId]);
    expect(await linked('billing', 'subscription', subscriptionId, 'erp')).toEqual(['3001']);
    expect(await linked('billing', 'invoice', 'in_FAKE0000000000000002', 'erp')).toEqual(['98765']);
    expect(await linked('billing', 'customer', 'cus_FAKE00000000001', 'erp')).toEqual(['4321']);
  });
});

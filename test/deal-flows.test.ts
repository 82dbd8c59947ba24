/**
 * Each example flow of the deal (flows/deal-*.flow.json) on its own, with the cases the whole-deal test
 * does not play: a change event with several record ids, wrong credentials and signatures, a diff with no
 * seat change, a missing xref link (parked), invoice.paid before invoice.finalized, a renewal failure of a
 * subscription the xref does not know, a second partial refund, and redeliveries. One server per flow.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { erpWrites, finishedRun, fixture, sendCdc, sendStripe, stripeEvent } from './support/deal.js';
import { startTestServer, type TestServer } from './support/ledgerflow.js';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(() => t?.stop());

const link = (a: [string, string, string], b: [string, string, string]) =>
  t.call('PUT', '/api/xref', { a: { system: a[0], entity: a[1], id: a[2] }, b: { system: b[0], entity: b[1], id: b[2] }, replace: true });

describe('the deal flows are published examples', () => {
  it('all six are served, and each test-run sample exists', async () => {
    const flows = (await t.call('GET', '/api/flows')).body as Array<{ id: string; publishedVersion?: number }>;
    const deal = flows.filter((f) => f.id.startsWith('deal-'));
    expect(deal.map((f) => [f.id, f.publishedVersion])).toEqual(
      ['deal-closed-won', 'deal-credit-note-to-erp', 'deal-failed-renewal-to-crm', 'deal-invoice-to-erp', 'deal-refund-to-erp', 'deal-seat-amendment'].map((id) => [id, 1]),
    );
    for (const { id } of deal) {
      const { flow } = (await t.call('GET', `/api/flows/${id}`)).body;
      const sample = flow.nodes.find((n: { type: string }) => n.type === 'trigger.manual').config.sample;
      expect((await t.call('GET', `/api/samples/${sample}`)).status, `${id}: sample ${sample}`).toBe(200);
      expect(JSON.stringify(flow)).not.toMatch(/whsec_|sk_test_|FAKE-sandbox/); // secrets are named, never inline
    }
  });
});

describe('deal-closed-won', () => {
  it('one change event carrying several opportunities: each is handled on its own, only the billable one subscribes', async () => {
    const event = fixture('salesforce/opportunity-change-event.cdc.update');
    event.data.payload.ChangeEventHeader.recordIds = ['006FAKE0000000001AAA', '006FAKE0000000002AAA'];
    const accepted = await sendCdc(t, 'crm/opportunity-changes', event);
    const run = await finishedRun(t, accepted.body.runId);
    expect(run.status).toBe('succeeded');
    const visits = (nodeId: string) => run.steps.filter((s: { nodeId: string; status: string }) => s.nodeId === nodeId && s.status === 'succeeded').length;
    expect([visits('read-opportunity'), visits('route-closed-won'), visits('create-subscription')]).toEqual([2, 2, 1]);
    const created = t.ledgerflow.sandbox!.billing.subscriptions().filter((s) => String(s.id).startsWith('sub_LFSANDBOX'));
    expect(created.map((s) => (s.metadata as Record<string, string>).sfdc_opportunity_id)).toEqual(['006FAKE0000000001AAA']);
    expect(t.ledgerflow.sandbox!.erp.records('salesOrder').map((o) => [o.externalId, o.total])).toEqual([[created[0]!.id, 245]]);
  });

  it('refuses a relay without the right credentials (401, no run), and ignores changes not touching StageName', async () => {
    const refused = await sendCdc(t, 'crm/opportunity-changes', fixture('salesforce/opportunity-change-event.cdc.update'), 'wrong-password');
    expect(refused).toMatchObject({ status: 401, body: { code: 'credentials-invalid' } });
    const event = fixture('salesforce/opportunity-change-event.cdc.update');
    event.data.payload.ChangeEventHeader.changedFields = ['Description'];
    const run = await finishedRun(t, (await sendCdc(t, 'crm/opportunity-changes', event)).body.runId);
    expect(run.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['cdc-webhook', 'split-changes']);
    expect(t.ledgerflow.sandbox!.erp.postings()).toHaveLength(0);
  });
});

describe('deal-seat-amendment', () => {
  it('5 → 8 seats: the proration as Stripe computes it, and the sales order amended by external id', async () => {
    await link(['billing', 'subscription', 'sub_FAKE0000000000000001'], ['erp', 'salesOrder', 'unknown-yet']);
    const answer = await sendStripe(t, 'stripe/subscription-events', stripeEvent('customer.subscription.updated.quantity-5-to-8'));
    expect(answer.body.amendment).toEqual({
      subscriptionId: 'sub_FAKE0000000000000001',
      seatsBefore: 5,
      seatsAfter: 8,
      effectiveDate: '2025-03-16',
      currency: 'USD',
      unitAmount: 49,
      monthlyAmount: 392,
      prorationCredit: -126.45,
      prorationCharge: 202.32,
      prorationNet: 75.87,
    });
    const [order] = t.ledgerflow.sandbox!.erp.records('salesOrder');
    expect(order).toMatchObject({ externalId: 'sub_FAKE0000000000000001', total: 392, memo: 'Seats 5 → 8 from 2025-03-16; proration -126.45 / 202.32 invoiced by Stripe' });
  });

  it('a diff without a seat change changes nothing; an unknown subscription is parked for replay', async () => {
    const metadataOnly = stripeEvent('customer.subscription.updated.quantity-5-to-8');
    metadataOnly.id = 'evt_metadata_only';
    metadataOnly.data.previous_attributes = { metadata: {} };
    expect((await sendStripe(t, 'stripe/subscription-events', metadataOnly)).body).toEqual({ received: true, seatsChanged: false });
    const failed = await sendStripe(t, 'stripe/subscription-events', stripeEvent('customer.subscription.updated.quantity-5-to-8'));
    expect(failed.status).toBe(500);
    const parked = (await t.call('GET', '/api/dead-letters?flowId=deal-seat-amendment')).body;
    expect(JSON.stringify(parked)).toContain('xref-missing');
    expect(t.ledgerflow.sandbox!.erp.postings()).toHaveLength(0);
  });

  it('refuses an unsigned or tampered delivery before anything runs', async () => {
    const body = JSON.stringify(stripeEvent('customer.subscription.updated.quantity-5-to-8'));
    expect((await t.call('POST', '/hooks/stripe/subscription-events', body)).status).toBe(401);
    const rejections = (await t.call('GET', '/api/webhooks/rejections?flowId=deal-seat-amendment')).body;
    expect(rejections[0]).toMatchObject({ scheme: 'stripe', code: 'signature-header', status: 401 });
  });
});

describe('deal-invoice-to-erp', () => {
  it('invoice.paid before invoice.finalized: the invoice is posted first, then the payment; finalized later changes nothing', async () => {
    const paid = await sendStripe(t, 'stripe/invoice-events', stripeEvent('invoice.paid.proration'));
    expect(paid.body).toMatchObject({ received: true, erpInvoiceId: '98765', erpPaymentId: '8001' });
    const finalized = await sendStripe(t, 'stripe/invoice-events', stripeEvent('invoice.finalized.proration'));
    expect(finalized.body).toEqual({ received: true, erpInvoiceId: '98765' });
    expect(erpWrites(t)).toEqual([
      ['invoice', 'PUT', 'in_FAKE0000000000000002', 'created'],
      ['customerPayment', 'PUT', 'in_FAKE0000000000000002:paid', 'created'],
      ['invoice', 'PUT', 'in_FAKE0000000000000002', 'unchanged'],
    ]);
    const [invoice] = t.ledgerflow.sandbox!.erp.records('invoice');
    expect(invoice).toMatchObject({ total: 75.87, custbody_stripe_api_version: '2025-08-27.basil', custbody_stripe_subscription_id: 'sub_FAKE0000000000000001' });
  });

  it('keeps the event\'s api_version as a business key of the run', async () => {
    const answer = await sendStripe(t, 'stripe/invoice-events', stripeEvent('invoice.finalized.proration'));
    expect(answer.status).toBe(200);
    const [run] = (await t.call('GET', '/api/runs?flowId=deal-invoice-to-erp&limit=1')).body;
    expect(run.businessKeys).toMatchObject({ stripeApiVersion: '2025-08-27.basil', stripeEventId: 'evt_FAKE0000000000000003', stripeSubscriptionId: 'sub_FAKE0000000000000001', erpInvoiceId: '98765' });
  });
});

describe('deal-failed-renewal-to-crm', () => {
  it('a subscription unknown to the xref: the opportunity comes from the invoice\'s subscription metadata', async () => {
    const answer = await sendStripe(t, 'stripe/payment-failures', stripeEvent('invoice.payment_failed.renewal'));
    expect(answer.body.crmTaskId).toMatch(/^00TLF/);
    expect(t.ledgerflow.sandbox!.crm.tasks()[0]).toMatchObject({ WhatId: '006FAKE0000000001AAA', Subject: 'Renewal payment failed: FAKE0001-0003 (392.00 USD)' });
    expect((await sendStripe(t, 'stripe/payment-failures', stripeEvent('invoice.payment_failed.renewal'))).status).toBe(202); // redelivery: dropped
    expect(t.ledgerflow.sandbox!.crm.tasks()).toHaveLength(1);
  });
});

describe('deal-credit-note-to-erp and deal-refund-to-erp', () => {
  it('a credit note becomes a 49.00 credit memo; a re-sent event under a new id lands on the same record', async () => {
    expect((await sendStripe(t, 'stripe/credit-notes', stripeEvent('credit_note.created'))).body).toEqual({ received: true, erpCreditMemoId: '7001' });
    const again = stripeEvent('credit_note.created');
    again.id = 'evt_resent_by_support';
    expect((await sendStripe(t, 'stripe/credit-notes', again)).body).toEqual({ received: true, erpCreditMemoId: '7001' });
    expect(t.ledgerflow.sandbox!.erp.records('creditMemo').map((m) => m.total)).toEqual([49]);
  });

  it('a second partial refund posts only its own 49.00 (amount_refunded is a running total)', async () => {
    await sendStripe(t, 'stripe/refunds', stripeEvent('charge.refunded.partial'));
    const second = stripeEvent('charge.refunded.partial');
    second.id = 'evt_second_refund';
    second.data.object.amount_refunded = 9800;
    second.data.previous_attributes.amount_refunded = 4900;
    await sendStripe(t, 'stripe/refunds', second);
    expect(t.ledgerflow.sandbox!.erp.records('customerRefund').map((r) => [r.externalId, r.total])).toEqual([
      ['ch_FAKE0000000000000001:refunded:4900', 49],
      ['ch_FAKE0000000000000001:refunded:9800', 49],
    ]);
  });
});

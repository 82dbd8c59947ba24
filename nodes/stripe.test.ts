/** Stripe presets: api_version kept as a business key, basil's moved fields resolved, form encoding, Stripe errors. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runNode } from './presets/harness.js';
import { readStripeError, resolveStripeFields, toStripeForm } from './presets/stripe.js';
import { NodeError } from './sdk/errors.js';
import type { Json } from './sdk/message.js';
import { stripeEvent } from './stripe.event.js';
import { stripeRequest } from './stripe.request.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../test/fixtures/stripe/${name}.json`, import.meta.url), 'utf8')) as Record<string, any>;

describe('stripe.event', () => {
  it('keeps api_version and ids as business keys and resolves the basil invoice subscription', async () => {
    const run = await runNode(stripeEvent, { types: ['invoice.*'] }, fixture('invoice.paid.proration'));
    expect(run.businessKeys).toEqual({
      stripeEventId: 'evt_FAKE0000000000000004',
      stripeEventType: 'invoice.paid',
      stripeApiVersion: '2025-08-27.basil',
      stripeObjectId: 'in_FAKE0000000000000002',
      stripeCustomerId: 'cus_FAKE00000000001',
      stripeSubscriptionId: 'sub_FAKE0000000000000001',
    });
    const resolved = (run.outputs.out?.payload as Record<string, any>).resolved;
    expect(resolved).toMatchObject({ apiVersion: '2025-08-27.basil', objectType: 'invoice', subscription: 'sub_FAKE0000000000000001', subscriptionMetadata: { sfdc_opportunity_id: '006FAKE0000000001AAA' } });
    expect(resolved.lines).toEqual([
      { amount: -12645, quantity: 5, description: 'Unused time on 5 × Pro seat (monthly) after 16 Mar 2025', price: 'price_FAKE0000000000000001', product: 'prod_FAKE00000000001', proration: true },
      { amount: 20232, quantity: 8, description: 'Remaining time on 8 × Pro seat (monthly) after 16 Mar 2025', price: 'price_FAKE0000000000000001', product: 'prod_FAKE00000000001', proration: true },
    ]);
  });

  it('reads the same fields where pre-basil versions kept them', () => {
    const old = { object: 'invoice', id: 'in_1', customer: 'cus_1', subscription: 'sub_1', lines: { data: [{ amount: 100, quantity: 1, price: { id: 'price_1', product: 'prod_1' }, proration: false }] } };
    expect(resolveStripeFields(old, '2024-06-20')).toMatchObject({ subscription: 'sub_1', lines: [{ price: 'price_1', product: 'prod_1', proration: false }] });
    expect(resolveStripeFields(old, '2025-08-27.basil').subscription).toBeUndefined(); // basil has no invoice.subscription
    const sub = fixture('customer.subscription.created').data.object;
    expect(resolveStripeFields(sub, '2025-08-27.basil')).toMatchObject({ currentPeriodStart: 1740787200, currentPeriodEnd: 1743465600 });
    expect(resolveStripeFields({ ...sub, current_period_end: 1 }, '2024-06-20').currentPeriodEnd).toBe(1);
  });

  it('sends other event types to ignored and fails on an API version the flow does not map', async () => {
    expect((await runNode(stripeEvent, { types: ['invoice.paid'] }, fixture('charge.refunded.partial'))).outputs).toHaveProperty('ignored');
    await expect(runNode(stripeEvent, { apiVersions: ['2024-06-20'] }, fixture('invoice.paid.proration'))).rejects.toMatchObject({ code: 'stripe-api-version' });
    await expect(runNode(stripeEvent, {}, { hello: 'world' })).rejects.toMatchObject({ code: 'stripe-not-an-event' });
  });
});

describe('stripe.request', () => {
  it('form-encodes write parameters with bracketed keys and sends the idempotency key', async () => {
    const params = '{ "customer": "cus_1", "items": [{ "price": "price_1", "quantity": 5 }], "metadata": { "sfdc_opportunity_id": "006X" } }';
    const run = await runNode(stripeRequest, { path: 'v1/subscriptions', params, stripeVersion: '2025-08-27.basil' }, {}, () => ({ status: 200, headers: {}, body: { id: 'sub_1' } }));
    expect(run.requests[0]).toMatchObject({
      method: 'POST',
      url: 'v1/subscriptions',
      body: 'customer=cus_1&items%5B0%5D%5Bprice%5D=price_1&items%5B0%5D%5Bquantity%5D=5&metadata%5Bsfdc_opportunity_id%5D=006X',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'Idempotency-Key': 'run_test:node-1', 'Stripe-Version': '2025-08-27.basil' },
    });
    expect(run.outputs.out?.payload).toEqual({ id: 'sub_1' });
  });

  it('puts GET parameters in the query and reads Stripe errors', async () => {
    const run = await runNode(stripeRequest, { method: 'GET', path: 'v1/invoices/{{ payload.id }}', params: '{ "expand": ["subscription"] }' }, { id: 'in_1' });
    expect(run.requests[0]!.url).toBe('v1/invoices/in_1?expand%5B0%5D=subscription');
    const body: Json = { error: { type: 'invalid_request_error', code: 'resource_missing', message: "No such customer: 'cus_x'", param: 'customer' } };
    const error = (await runNode(stripeRequest, { path: 'v1/subscriptions' }, {}, () => ({ status: 400, headers: {}, body })).catch((e: unknown) => e)) as NodeError;
    expect(error).toMatchObject({ code: 'stripe-resource-missing', retryable: false });
    expect(error.message).toBe("Stripe answered 400 to POST v1/subscriptions: invalid_request_error/resource_missing: No such customer: 'cus_x' (param customer)");
    expect(readStripeError(500, 'x')).toBeUndefined();
    expect(toStripeForm({ a: null, b: true, c: [] })).toBe('b=true');
  });
});

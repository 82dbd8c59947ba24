/** Billing stand-in: Stripe-shaped customers and subscriptions, idempotency keys, fixture-seeded invoices. */
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createSandbox } from './index.js';

const NOW = Date.UTC(2025, 1, 27, 18, 46, 0);
const NOW_SECONDS = NOW / 1000;

function setup() {
  const sandbox = createSandbox({ now: () => NOW });
  const app = express();
  app.use('/sandbox', sandbox.router);
  return { app, sandbox };
}

const subscriptionBody = {
  customer_data: { name: 'Example Widgets Co (FAKE)', metadata: { sfdc_account_id: '001FAKE0000000001AAA' } },
  items: [{ price: 'price_FAKE0000000000000001', quantity: 5, metadata: { sfdc_line_item_id: '00kFAKE0000000001AAA' } }],
  metadata: { sfdc_opportunity_id: '006FAKE0000000001AAA' },
  billing_cycle_anchor: 1740787200,
};

describe('billing stand-in: customers', () => {
  it('creates a customer once per Idempotency-Key and replays the same object', async () => {
    const { app, sandbox } = setup();
    const body = { name: 'New Co (FAKE)', email: 'ap@example.com', metadata: { sfdc_account_id: '001NEW', tier: 2 } };
    const first = await request(app).post('/sandbox/billing/customers').set('Idempotency-Key', 'k-1').send(body);
    expect(first.status).toBe(200);
    expect(first.headers['x-ledgerflow-stand-in']).toBe('billing');
    expect(first.body).toMatchObject({
      id: 'cus_LFSANDBOX000001',
      object: 'customer',
      created: NOW_SECONDS,
      email: 'ap@example.com',
      metadata: { sfdc_account_id: '001NEW', tier: '2' },
    });
    const replay = await request(app).post('/sandbox/billing/customers').set('Idempotency-Key', 'k-1').send(body);
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers['x-duplicate']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(sandbox.billing.customers().map((c) => c.id)).toEqual(['cus_FAKE00000000001', 'cus_LFSANDBOX000001']);
  });

  it('refuses the same key with other parameters (idempotency_error) and creates nothing', async () => {
    const { app, sandbox } = setup();
    await request(app).post('/sandbox/billing/customers').set('Idempotency-Key', 'k-2').send({ name: 'A' });
    const other = await request(app).post('/sandbox/billing/customers').set('Idempotency-Key', 'k-2').send({ name: 'B' });
    expect(other.status).toBe(400);
    expect(other.body.error.type).toBe('idempotency_error');
    expect(sandbox.billing.customers()).toHaveLength(2);
  });

  it('lists customers newest first and filters by email', async () => {
    const { app } = setup();
    await request(app).post('/sandbox/billing/customers').send({ name: 'New Co', email: 'new@example.com' });
    const all = await request(app).get('/sandbox/billing/customers');
    expect(all.body.object).toBe('list');
    expect(all.body.data.map((c: { id: string }) => c.id)).toEqual(['cus_LFSANDBOX000001', 'cus_FAKE00000000001']);
    const byEmail = await request(app).get('/sandbox/billing/customers').query({ email: 'billing@example.com' });
    expect(byEmail.body.data.map((c: { id: string }) => c.id)).toEqual(['cus_FAKE00000000001']);
  });
});

describe('billing stand-in: subscriptions', () => {
  it('creates a Stripe-shaped subscription, resolving customer_data to the seeded customer by sfdc_account_id', async () => {
    const { app, sandbox } = setup();
    const res = await request(app).post('/sandbox/billing/subscriptions').set('Idempotency-Key', 'run-1:create').send(subscriptionBody);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'sub_LFSANDBOX000001',
      object: 'subscription',
      customer: 'cus_FAKE00000000001',
      status: 'active',
      currency: 'usd',
      billing_cycle_anchor: 1740787200,
      created: NOW_SECONDS,
      metadata: { sfdc_opportunity_id: '006FAKE0000000001AAA' },
    });
    const [item] = res.body.items.data;
    expect(item).toMatchObject({
      id: 'si_LFSANDBOX000001',
      quantity: 5,
      current_period_start: 1740787200,
      current_period_end: 1743465600, // 2025-04-01T00:00:00Z: one month after 2025-03-01
      metadata: { sfdc_line_item_id: '00kFAKE0000000001AAA' },
      price: { id: 'price_FAKE0000000000000001', unit_amount: 4900 },
    });
    const replay = await request(app).post('/sandbox/billing/subscriptions').set('Idempotency-Key', 'run-1:create').send(subscriptionBody);
    expect(replay.body.id).toBe('sub_LFSANDBOX000001');
    expect(sandbox.billing.customers()).toHaveLength(1);
    expect(sandbox.billing.subscriptions().map((s) => s.id)).toEqual(['sub_FAKE0000000000000001', 'sub_LFSANDBOX000001']);
  });

  it('creates the customer when no customer carries the sfdc_account_id', async () => {
    const { app, sandbox } = setup();
    const res = await request(app)
      .post('/sandbox/billing/subscriptions')
      .send({ ...subscriptionBody, customer_data: { name: 'Other Co', metadata: { sfdc_account_id: '001OTHER' } } });
    expect(res.body.customer).toBe('cus_LFSANDBOX000001');
    expect(sandbox.billing.customers().at(-1)).toMatchObject({ name: 'Other Co', metadata: { sfdc_account_id: '001OTHER' } });
  });

  it('answers Stripe errors: missing items, unknown price, unknown customer, bad quantity', async () => {
    const { app, sandbox } = setup();
    const post = (body: unknown) => request(app).post('/sandbox/billing/subscriptions').send(body as object);
    const noItems = await post({ customer: 'cus_FAKE00000000001' });
    expect(noItems.status).toBe(400);
    expect(noItems.body).toEqual({
      error: { type: 'invalid_request_error', message: 'Missing required param: items.', code: 'parameter_missing', param: 'items' },
    });
    const badPrice = await post({ customer: 'cus_FAKE00000000001', items: [{ price: 'price_NOPE' }] });
    expect(badPrice.body.error).toEqual({
      type: 'invalid_request_error',
      message: "No such price: 'price_NOPE'",
      code: 'resource_missing',
      param: 'items[0][price]',
    });
    const badCustomer = await post({ customer: 'cus_NOPE', items: [{ price: 'price_FAKE0000000000000001' }] });
    expect(badCustomer.body.error.message).toBe("No such customer: 'cus_NOPE'");
    const badQuantity = await post({ customer: 'cus_FAKE00000000001', items: [{ price: 'price_FAKE0000000000000001', quantity: 2.5 }] });
    expect(badQuantity.body.error.param).toBe('items[0][quantity]');
    expect(sandbox.billing.subscriptions()).toHaveLength(1);
  });

  it('GET /subscriptions/:id answers 404 resource_missing for an unknown id', async () => {
    const { app } = setup();
    const res = await request(app).get('/sandbox/billing/subscriptions/sub_NOPE');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'resource_missing', message: "No such subscription: 'sub_NOPE'" });
  });
});

describe('billing stand-in: invoices seeded from the fixtures', () => {
  it('lists the latest state of each fixture invoice, newest first, filterable by subscription', async () => {
    const { app } = setup();
    const res = await request(app).get('/sandbox/billing/invoices').query({ subscription: 'sub_FAKE0000000000000001' });
    expect(res.body.data.map((i: { id: string; status: string; total: number }) => [i.id, i.status, i.total])).toEqual([
      ['in_FAKE0000000000000003', 'open', 39200],
      ['in_FAKE0000000000000002', 'paid', 7587],
    ]);
    const one = await request(app).get('/sandbox/billing/invoices/in_FAKE0000000000000002');
    expect(one.body.lines.data.map((l: { amount: number }) => l.amount)).toEqual([-12645, 20232]);
  });
});

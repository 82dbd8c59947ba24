/**
 * R1: the same Stripe event delivered twice at once → one run posts, the other is a duplicate, the ERP gets
 * one POST. R2: the ERP commits and then answers too late → the retry carries the same idempotency key, the
 * ERP holds exactly one invoice, and the step ends with the status of its last attempt.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invoiceFlow, invoicePaidEvent } from '../support/invoice-flow.js';
import { startTestServer, type TestServer } from '../support/ledgerflow.js';

const invoicePaid = JSON.parse(readFileSync(new URL('../fixtures/stripe/invoice.paid.proration.json', import.meta.url), 'utf8'));

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(async () => {
  await t.call('POST', '/sandbox/_reset');
});

const runOf = async (response: { headers: Headers }) => (await t.call('GET', `/api/runs/${response.headers.get('x-ledgerflow-run-id')}`)).body;

describe('reliability', () => {
  it('R1: the same invoice.paid event posted twice concurrently reaches the ERP once; the other run is a duplicate', async () => {
    const [a, b] = await Promise.all([
      t.call('POST', '/hooks/stripe/invoices', invoicePaid),
      t.call('POST', '/hooks/stripe/invoices', invoicePaid),
    ]);
    const runs = [await runOf(a), await runOf(b)];
    const statuses = runs.map((r) => r.status).sort();
    expect(statuses).toEqual(['duplicate', 'succeeded']);
    const posted = runs.filter((r) => r.steps.some((s: { nodeId: string }) => s.nodeId === 'post-invoice'));
    expect(posted).toHaveLength(1);
    const duplicate = runs.find((r) => r.status === 'duplicate');
    expect(duplicate.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['stripe-webhook', 'dedupe-event']);
    // The trigger's business keys name the invoice (lineage finds the duplicate too); the guard names the event.
    expect(duplicate.businessKeys).toEqual({
      stripeEventId: 'evt_FAKE0000000000000004',
      invoiceId: 'in_FAKE0000000000000002',
      subscriptionId: 'sub_FAKE0000000000000001',
      opportunityId: '006FAKE0000000001AAA',
      customerId: 'cus_FAKE00000000001',
    });
    const erp = t.ledgerflow.sandbox!.erp;
    expect(erp.postings().filter((p) => p.kind === 'invoice')).toHaveLength(1);
    expect(erp.invoices()).toHaveLength(1);
    expect((await t.call('GET', '/api/runs?status=duplicate')).body.map((r: { id: string }) => r.id)).toEqual([duplicate.id]);
  });

  it('R1: a redelivery after a failed run is processed (the failed run gave its key back)', async () => {
    await t.call('PUT', '/sandbox/erp/_faults', { status: 400, count: 1 });
    const event = invoicePaidEvent('r1-after-failure');
    const failed = await t.call('POST', '/hooks/stripe/invoices', event);
    expect(failed.status).toBe(502);
    const again = await t.call('POST', '/hooks/stripe/invoices', event);
    expect(again).toMatchObject({ status: 202, body: { received: true } });
    expect(t.ledgerflow.sandbox!.erp.invoices().map((i) => i.externalId)).toEqual(['in_TEST_r1-after-failure']);
  });

  it('R2: the ERP commits then times out; every attempt carries the same key and the ERP holds one invoice', async () => {
    const flow = invoiceFlow({
      id: 'r2-commit-then-timeout',
      webhookPath: 'r2/invoices',
      timeoutMs: 300,
      retry: { maxAttempts: 3, initialDelayMs: 50, multiplier: 2, maxDelayMs: 500, jitter: 0, retryableStatuses: [429, 503] },
    });
    expect((await t.call('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
    expect((await t.call('POST', `/api/flows/${flow.id}/publish`, {})).status).toBe(201);
    await t.call('PUT', '/sandbox/erp/_faults', { commitThenDelayMs: 1000, count: 1 });

    const response = await t.call('POST', '/hooks/r2/invoices', invoicePaidEvent('r2'));
    expect(response).toMatchObject({ status: 202, body: { received: true } });

    const erp = t.ledgerflow.sandbox!.erp;
    expect(erp.invoices()).toHaveLength(1);
    const postings = erp.postings().filter((p) => p.kind === 'invoice');
    expect(postings.map((p) => p.outcome)).toEqual(['created', 'duplicate-key']);
    expect(new Set(postings.map((p) => p.idempotencyKey)).size).toBe(1);

    const run = await runOf(response);
    const attempts = run.steps.filter((s: { nodeId: string }) => s.nodeId === 'post-invoice');
    expect(attempts.map((s: { attempt: number; status: string; error?: { code: string } }) => [s.attempt, s.status, s.error?.code])).toEqual([
      [1, 'failed', 'timeout'],
      [2, 'succeeded', undefined],
    ]);
    expect(postings[0]!.idempotencyKey).toBe(`${run.id}:post-invoice`);
    expect(run.status).toBe('succeeded');
  });
});

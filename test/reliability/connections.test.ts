/**
 * Holds, circuit breaking and throttling per connection: runs that need a held ERP wait durably (also
 * across a restart) and drain on release; a circuit opens after repeated failures and half-opens later;
 * a throttle caps requests per second.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceFlow, invoicePaidEvent } from '../support/invoice-flow.js';
import { startTestServer, type TestServer } from '../support/ledgerflow.js';

let dataDir: string;
let t: TestServer;
const fast = { maxAttempts: 5, initialDelayMs: 10, multiplier: 1, maxDelayMs: 10, jitter: 0, retryableStatuses: [503] };

async function start() {
  t = await startTestServer({ dataDir });
}
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ledgerflow-connections-'));
  await start();
  const flow = invoiceFlow({ id: 'held-invoices', webhookPath: 'held/invoices', responseMode: 'accepted', retry: fast });
  expect((await t.call('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  expect((await t.call('POST', `/api/flows/${flow.id}/publish`, {})).status).toBe(201);
});
afterAll(async () => {
  await t?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}
const run = async (id: string) => (await t.call('GET', `/api/runs/${id}`)).body;
const erpStatus = async () => (await t.call('GET', '/api/connections')).body.find((c: { name: string }) => c.name === 'erp');

describe('connections', () => {
  it('a held ERP makes runs wait durably, across a restart, and they drain on release', async () => {
    const held = await t.call('PUT', '/api/connections/erp/hold', { reason: 'NetSuite maintenance window' });
    expect(held.body.hold).toMatchObject({ reason: 'NetSuite maintenance window' });
    const accepted = await t.call('POST', '/hooks/held/invoices', invoicePaidEvent('held-1'));
    expect(accepted.status).toBe(202);
    const runId = accepted.body.runId;

    const waiting = await until(async () => {
      const step = (await run(runId)).steps.find((s: { nodeId: string }) => s.nodeId === 'post-invoice');
      return step?.waitingFor ? step : undefined;
    });
    expect(waiting).toMatchObject({ status: 'running', attempt: 1, waitingFor: 'erp is on hold: NetSuite maintenance window' });
    expect(await erpStatus()).toMatchObject({ waiting: 1, hold: { reason: 'NetSuite maintenance window' } });

    await t.stop();
    await start(); // same data folder: the hold and the waiting run come back
    expect(await erpStatus()).toMatchObject({ hold: { reason: 'NetSuite maintenance window' } });
    await until(async () => ((await erpStatus()).waiting === 1 ? true : undefined));
    expect(t.ledgerflow.sandbox!.erp.postings()).toHaveLength(0);

    expect((await t.call('DELETE', '/api/connections/erp/hold')).body.hold).toBeUndefined();
    const done = await until(async () => {
      const r = await run(runId);
      return r.status === 'running' ? undefined : r;
    });
    expect(done.status).toBe('succeeded');
    const posts = done.steps.filter((s: { nodeId: string }) => s.nodeId === 'post-invoice');
    expect(posts.map((s: { attempt: number; status: string; waitingFor?: string }) => [s.attempt, s.status, s.waitingFor])).toEqual([[1, 'succeeded', undefined]]);
    expect(t.ledgerflow.sandbox!.erp.invoices().map((i) => i.externalId)).toEqual(['in_TEST_held-1']);
  });

  it('opens the circuit after repeated failures and half-opens later for a trial call', async () => {
    await t.call('PUT', '/api/connections/erp/limits', { failureThreshold: 2, halfOpenAfterMs: 600 });
    await t.call('PUT', '/sandbox/erp/_faults', { status: 503, count: 2 });
    const accepted = await t.call('POST', '/hooks/held/invoices', invoicePaidEvent('circuit-1'));
    const done = await until(async () => {
      const r = await run(accepted.body.runId);
      return r.status === 'running' ? undefined : r;
    });
    expect(done.status).toBe('succeeded');
    const posts = done.steps.filter((s: { nodeId: string }) => s.nodeId === 'post-invoice');
    expect(posts.map((s: { attempt: number; status: string }) => [s.attempt, s.status])).toEqual([[1, 'failed'], [2, 'failed'], [3, 'succeeded']]);
    const secondFailedAt = Date.parse(posts[1].startedAt) + posts[1].durationMs;
    expect(Date.parse(posts[2].startedAt) - secondFailedAt).toBeGreaterThanOrEqual(550); // waited for half-open, not 10 ms
    expect(await erpStatus()).toMatchObject({ circuit: 'closed', failureThreshold: 2, failures: 2 });
  });

  it('throttles requests to the rate set for the connection', async () => {
    await t.call('PUT', '/api/connections/erp/limits', { rps: 4 });
    const erp = t.ledgerflow.sandbox!.erp;
    const before = erp.postings().length;
    const ids = Array.from({ length: 8 }, (_, i) => `throttle-${i}`);
    await Promise.all(ids.map((id) => t.call('POST', '/hooks/held/invoices', invoicePaidEvent(id))));
    await until(async () => (erp.postings().length - before === 8 ? true : undefined));
    const times = erp.postings().slice(before).map((p) => Date.parse(p.at));
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(900); // 8 requests at 4/s span over a second
    expect((await erpStatus()).rps).toBe(4);
  });

  it('refuses a hold without a reason', async () => {
    const refused = await t.call('PUT', '/api/connections/erp/hold', {});
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain('reason');
  });
});

describe('webhook callers and held connections', () => {
  it('answers a waiting caller at once when the run must wait for a held connection', async () => {
    const flow = invoiceFlow({ id: 'held-answer', webhookPath: 'held/answer', retry: fast });
    expect((await t.call('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
    expect((await t.call('POST', `/api/flows/${flow.id}/publish`, {})).status).toBe(201);
    await t.call('PUT', '/api/connections/erp/hold', { reason: 'month-end freeze' });
    const started = Date.now();
    const answer = await t.call('POST', '/hooks/held/answer', invoicePaidEvent('held-answer-1'));
    expect(Date.now() - started).toBeLessThan(3000); // not the 10 s response time-out
    expect(answer).toMatchObject({ status: 202, body: { status: 'waiting', waitingFor: 'erp is on hold: month-end freeze' } });
    await t.call('DELETE', '/api/connections/erp/hold');
    const done = await until(async () => {
      const r = await run(answer.body.runId);
      return r.status === 'running' ? undefined : r;
    });
    expect(done.status).toBe('succeeded');
  });
});

/**
 * The dead-letter queue: an unhandled failure parks the run with its input, failing step, error and business
 * keys; letters can be listed, searched, edited, replayed (a new run linked to the original, with the
 * original's idempotency keys) and discarded with a reason.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invoiceFlow, invoicePaidEvent } from '../support/invoice-flow.js';
import { startTestServer, type TestServer } from '../support/ledgerflow.js';

let t: TestServer;
const fast = { maxAttempts: 2, initialDelayMs: 20, multiplier: 1, maxDelayMs: 20, jitter: 0, retryableStatuses: [503] };
beforeAll(async () => {
  t = await startTestServer();
  const flow = invoiceFlow({ id: 'dlq-invoices', webhookPath: 'dlq/invoices', handleErrors: false, retry: fast });
  expect((await t.call('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  expect((await t.call('POST', `/api/flows/${flow.id}/publish`, {})).status).toBe(201);
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(async () => {
  await t.call('POST', '/sandbox/_reset');
});

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out');
}

describe('dead-letter queue', () => {
  it('parks an unhandled failure with its business context, and a replay after a fix posts it once', async () => {
    await t.call('PUT', '/sandbox/erp/_faults', { status: 400, count: 1 });
    const failed = await t.call('POST', '/hooks/dlq/invoices', invoicePaidEvent('dlq-1'), { 'X-Correlation-Id': 'corr-dlq-1' });
    expect(failed.status).toBe(500);
    const runId = failed.headers.get('x-ledgerflow-run-id')!;

    const letter = (await t.call('GET', `/api/dead-letters/${runId}`)).body;
    expect(letter).toMatchObject({
      id: runId,
      flowId: 'dlq-invoices',
      status: 'parked',
      nodeId: 'post-invoice',
      error: { code: 'http-status', status: 400 },
      businessKeys: { stripeEventId: 'evt_TEST_dlq-1' },
      correlationId: 'corr-dlq-1',
      rootRunId: runId,
      replays: [],
    });
    expect(letter.input.id).toBe('evt_TEST_dlq-1');

    expect((await t.call('GET', '/api/dead-letters?search=EVT_TEST_DLQ-1')).body.map((l: { id: string }) => l.id)).toEqual([runId]);
    expect((await t.call('GET', '/api/dead-letters?flowId=other')).body).toEqual([]);

    // While the letter is parked the dead-letter queue owns the event: a redelivery is a duplicate.
    const redelivered = await t.call('POST', '/hooks/dlq/invoices', invoicePaidEvent('dlq-1'));
    expect(redelivered).toMatchObject({ status: 202, body: { status: 'duplicate' } });

    const replay = await t.call('POST', `/api/dead-letters/${runId}/replay`);
    expect(replay.status).toBe(202);
    const run = await waitFor(async () => {
      const r = (await t.call('GET', `/api/runs/${replay.body.runId}`)).body;
      return r.status === 'running' ? undefined : r;
    });
    expect(run).toMatchObject({ status: 'succeeded', mode: 'replay', replayOf: runId, rootRunId: runId, correlationId: 'corr-dlq-1' });
    const erp = t.ledgerflow.sandbox!.erp;
    expect(erp.invoices().map((i) => i.externalId)).toEqual(['in_TEST_dlq-1']);
    // The injected 400 stopped the first POST before the ERP's logic; the replay posts under the original's key.
    expect(erp.postings().map((p) => [p.outcome, p.idempotencyKey])).toEqual([['created', `${runId}:post-invoice`]]);
    expect((await t.call('GET', `/api/dead-letters/${runId}`)).body).toMatchObject({ status: 'replayed', replays: [replay.body.runId] });
    expect((await t.call('POST', `/api/dead-letters/${runId}/replay`)).status).toBe(409);
  });

  it('R2: a posting the ERP committed before failing is not posted again by the replay', async () => {
    // Every attempt: the ERP stores the invoice (first time) but answers 503; the retries run out.
    await t.call('PUT', '/sandbox/erp/_faults', { commitThenDelayMs: 1, status: 503, count: 2 });
    const failed = await t.call('POST', '/hooks/dlq/invoices', invoicePaidEvent('dlq-r2'));
    expect(failed.status).toBe(500);
    const runId = failed.headers.get('x-ledgerflow-run-id')!;
    const erp = t.ledgerflow.sandbox!.erp;
    expect(erp.invoices()).toHaveLength(1);

    const replay = await t.call('POST', '/api/dead-letters/replay', { ids: [runId] });
    expect(replay.body).toEqual([{ id: runId, runId: expect.stringMatching(/^run_/) }]);
    await waitFor(async () => ((await t.call('GET', `/api/runs/${replay.body[0].runId}`)).body.status === 'succeeded' ? true : undefined));
    expect(erp.invoices()).toHaveLength(1);
    expect(new Set(erp.postings().map((p) => p.idempotencyKey))).toEqual(new Set([`${runId}:post-invoice`]));
  });

  it('edits the payload of a parked letter before replaying it, and discards only with a reason', async () => {
    await t.call('PUT', '/sandbox/erp/_faults', { status: 400, count: 2 });
    const a = (await t.call('POST', '/hooks/dlq/invoices', invoicePaidEvent('dlq-edit'))).headers.get('x-ledgerflow-run-id')!;
    const b = (await t.call('POST', '/hooks/dlq/invoices', invoicePaidEvent('dlq-discard'))).headers.get('x-ledgerflow-run-id')!;

    const event = invoicePaidEvent('dlq-edit');
    event.data.object.number = 'EDITED-0001';
    const edited = await t.call('PUT', `/api/dead-letters/${a}/input`, { input: event });
    expect(edited.body).toMatchObject({ edited: true, input: { data: { object: { number: 'EDITED-0001' } } } });
    const replay = await t.call('POST', `/api/dead-letters/${a}/replay`);
    await waitFor(async () => ((await t.call('GET', `/api/runs/${replay.body.runId}`)).body.status === 'succeeded' ? true : undefined));
    expect(t.ledgerflow.sandbox!.erp.invoice('in_TEST_dlq-edit')).toMatchObject({ otherRefNum: 'EDITED-0001' });

    const noReason = await t.call('POST', `/api/dead-letters/${b}/discard`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.detail).toContain('reason');
    const discarded = await t.call('POST', `/api/dead-letters/${b}/discard`, { reason: 'test invoice, never billed' });
    expect(discarded.body).toMatchObject({ status: 'discarded', discardReason: 'test invoice, never billed' });
    expect((await t.call('GET', '/api/dead-letters?status=parked')).body.map((l: { id: string }) => l.id)).not.toContain(b);
    // Discarded: the event's key is free again, so a later delivery is processed.
    const later = await t.call('POST', '/hooks/dlq/invoices', invoicePaidEvent('dlq-discard'));
    expect(later.status).toBe(202);
    expect(t.ledgerflow.sandbox!.erp.invoice('in_TEST_dlq-discard')).toBeDefined();
  });
});

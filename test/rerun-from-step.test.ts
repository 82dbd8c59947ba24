/**
 * Re-run from a step: a new run on the version the run ran, whose earlier steps are copied from the record
 * (not run again) and which runs the chosen step's node and what follows; same root run, so the ERP gets
 * the original's idempotency key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceFlow, invoicePaidEvent } from './support/invoice-flow.js';
import { startTestServer, type TestServer } from './support/ledgerflow.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  const flow = invoiceFlow({ id: 'rerun-invoices', webhookPath: 'rerun/invoices', handleErrors: false, retry: { maxAttempts: 1 } });
  expect((await t.call('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  expect((await t.call('POST', `/api/flows/${flow.id}/publish`, {})).status).toBe(201);
});
afterAll(async () => {
  await t?.stop();
});

async function finished(runId: string) {
  for (let i = 0; i < 200; i++) {
    const run = (await t.call('GET', `/api/runs/${runId}`)).body;
    if (run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`run ${runId} did not finish`);
}

type Step = { seq: number; nodeId: string; status: string; startedAt: string };

describe('re-run from a step', () => {
  it('replays the steps before it from the record and runs the failed ERP call again under the same key', async () => {
    await t.call('PUT', '/sandbox/erp/_faults', { status: 503, count: 1 });
    const failed = await t.call('POST', '/hooks/rerun/invoices', invoicePaidEvent('rerun-1'));
    expect(failed.status).toBe(500);
    const original = await finished(failed.headers.get('x-ledgerflow-run-id')!);
    expect(original).toMatchObject({ status: 'failed', error: { nodeId: 'post-invoice' } });
    const postStep = original.steps.find((s: Step) => s.nodeId === 'post-invoice');

    const rerun = await t.call('POST', `/api/runs/${original.id}/rerun-from/${postStep.seq}`);
    expect(rerun).toMatchObject({ status: 202, body: { replayOf: original.id, fromSeq: postStep.seq, flowVersion: 1 } });
    const run = await finished(rerun.body.runId);
    expect(run).toMatchObject({ status: 'succeeded', mode: 'replay', replayOf: original.id, rootRunId: original.rootRunId, correlationId: original.correlationId, flowVersion: 1 });

    const before = original.steps.filter((s: Step) => s.seq < postStep.seq);
    const copied = run.steps.filter((s: Step) => s.seq < postStep.seq);
    expect(copied.map((s: Step) => [s.seq, s.nodeId, s.status, s.startedAt])).toEqual(before.map((s: Step) => [s.seq, s.nodeId, s.status, s.startedAt]));
    const again = run.steps.filter((s: Step) => s.seq >= postStep.seq).map((s: Step) => [s.nodeId, s.status]);
    expect(again[0]).toEqual(['post-invoice', 'succeeded']);
    expect(run.businessKeys).toMatchObject({ stripeEventId: 'evt_TEST_rerun-1', erpInvoiceId: expect.any(String) });

    const erp = t.ledgerflow.sandbox!.erp;
    expect(erp.invoices().map((i) => i.externalId)).toEqual(['in_TEST_rerun-1']);
    expect(erp.postings().map((p) => p.idempotencyKey)).toEqual([`${original.rootRunId}:post-invoice`]);
  });

  it('runs the chosen step and what follows again when re-run from an earlier step', async () => {
    const ok = await t.call('POST', '/hooks/rerun/invoices', invoicePaidEvent('rerun-2'));
    const original = await finished(ok.headers.get('x-ledgerflow-run-id')!);
    const mapStep = original.steps.find((s: Step) => s.nodeId === 'map-invoice');
    const rerun = await t.call('POST', `/api/runs/${original.id}/rerun-from/${mapStep.seq}`);
    const run = await finished(rerun.body.runId);
    expect(run.status).toBe('succeeded');
    const mapAgain = run.steps.find((s: Step) => s.nodeId === 'map-invoice');
    expect(mapAgain.seq).toBe(mapStep.seq);
    expect(mapAgain.startedAt > mapStep.startedAt).toBe(true); // executed again, not copied
    // The ERP call ran again with the original's key: answered from the ERP's record, not posted twice.
    const postings = t.ledgerflow.sandbox!.erp.postings().filter((p) => p.externalId === 'in_TEST_rerun-2');
    expect(postings.map((p) => p.outcome)).toEqual(['created', 'duplicate-key']);
  });

  it('refuses an unknown step and a draft test run', async () => {
    const ok = await t.call('POST', '/hooks/rerun/invoices', invoicePaidEvent('rerun-3'));
    const runId = ok.headers.get('x-ledgerflow-run-id')!;
    await finished(runId);
    expect((await t.call('POST', `/api/runs/${runId}/rerun-from/999`)).status).toBe(404);
    const flow = (await t.call('GET', '/api/flows/rerun-invoices')).body.flow;
    const draft = await t.call('POST', '/api/flows/rerun-invoices/test-run', { input: invoicePaidEvent('rerun-4'), flow });
    await finished(draft.body.runId);
    const refused = await t.call('POST', `/api/runs/${draft.body.runId}/rerun-from/1`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('draft-run');
  });
});

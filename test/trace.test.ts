/** Live traces over socket.io: a subscriber to a flow receives every event of its runs, numbered and in order. */
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../server/storage/types.js';
import { startTestServer, type TestServer } from './support/ledgerflow.js';

const invoicePaid = JSON.parse(readFileSync(new URL('./fixtures/stripe/invoice.paid.proration.json', import.meta.url), 'utf8'));

let t: TestServer;
let socket: Socket;
beforeAll(async () => {
  t = await startTestServer();
  socket = io(t.url, { transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
});
afterAll(async () => {
  socket?.close();
  await t?.stop();
});

function subscribe(subscription: { flowId?: string; runId?: string }) {
  return socket.timeout(2000).emitWithAck('subscribe', subscription);
}

describe('live trace', () => {
  it('streams every step of a webhook run to a flow subscriber, in order', async () => {
    expect(await subscribe({ flowId: 'stripe-invoice-to-erp' })).toMatchObject({ ok: true, cursor: expect.any(String) });
    const events: TraceEvent[] = [];
    socket.on('trace', (event: TraceEvent) => events.push(event));
    const hook = await t.call('POST', '/hooks/stripe/invoices', invoicePaid);
    const runId = hook.headers.get('x-ledgerflow-run-id');
    for (let i = 0; i < 100 && !events.some((e) => e.kind === 'run.finished'); i++) await new Promise((r) => setTimeout(r, 20));
    const mine = events.filter((e) => e.runId === runId);
    expect(mine.map((e) => e.seq)).toEqual(mine.map((_, i) => i + 1));
    expect(mine.map((e) => (e.kind.startsWith('step') ? `${e.kind}:${(e as { step: { nodeId: string } }).step.nodeId}` : e.kind))).toEqual([
      'run.started',
      'step.started:stripe-webhook', 'step.finished:stripe-webhook',
      'step.started:dedupe-event', 'step.finished:dedupe-event',
      'step.started:lookup-erp-customer', 'step.finished:lookup-erp-customer',
      'step.started:map-invoice', 'step.finished:map-invoice',
      'step.started:validate-invoice', 'step.finished:validate-invoice',
      'step.started:post-invoice', 'step.finished:post-invoice',
      'step.started:save-erp-links', 'step.finished:save-erp-links',
      'step.started:respond-accepted', 'step.finished:respond-accepted',
      'run.finished',
    ]);
    expect(mine.at(-1)).toMatchObject({ kind: 'run.finished', run: { status: 'succeeded' } });
    socket.off('trace');
  });

  it('refuses a subscription that names neither a flow nor a run', async () => {
    expect(await subscribe({})).toEqual({ ok: false, error: 'subscribe with { flowId } or { runId }' });
  });
});

/**
 * Case T1 (../shared/cases/README.md, "Live traces"): a client's live-trace connection drops before it has
 * received any event, steps finish meanwhile, and after it reconnects it must get every step event it
 * missed, in order, with no duplicates. The resume comes from the server's per-run sequence numbers
 * (`subscribe { runId, afterSeq }` / `{ flowId, after, since }`), not from socket.io's connection-state
 * recovery, which cannot help a client that received nothing before the drop.
 *
 * The run is the stripe-invoice-to-erp example, test-run on its sample, with the ERP stand-in holding its
 * first ERP call for 1.2 s (fault `delayMs`), so that some steps finish while the client is away and the
 * rest after it is back. What the resumed client gets is compared with what a control client, connected
 * the whole time, got: the same events, numbered 1..N without a gap.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../server/storage/types.js';
import { startTestServer, type TestServer } from './support/ledgerflow.js';

const FLOW = 'stripe-invoice-to-erp';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let t: TestServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await t.call('DELETE', '/sandbox/erp/_faults');
});
afterAll(async () => {
  await t?.stop();
});

/** A client that records every trace event it receives; connects now, reconnects only when told. */
async function client(): Promise<{ socket: Socket; events: TraceEvent[] }> {
  const socket = io(t.url, { transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  const events: TraceEvent[] = [];
  socket.on('trace', (event: TraceEvent) => events.push(event));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, events };
}

/** Drops the connection the way a network failure does (the transport closes; the server sees a disconnect). */
async function drop(socket: Socket): Promise<void> {
  const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
  socket.io.engine.close();
  await gone;
}

async function reconnect(socket: Socket): Promise<void> {
  const back = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.connect();
  await back;
}

/** Starts a test run of the example whose ERP call waits `erpDelayMs`; resolves with its id once it waits there. */
async function startSlowRun(erpDelayMs: number): Promise<string> {
  await t.call('PUT', '/sandbox/erp/_faults', { delayMs: erpDelayMs, count: 1 });
  const sample = (await t.call('GET', '/api/samples/stripe/invoice.paid.proration')).body;
  const started = await t.call('POST', `/api/flows/${FLOW}/test-run`, { input: sample });
  expect(started.status).toBe(202);
  const runId = started.body.runId as string;
  // Wait until the run is inside the slow ERP call: the steps before it have finished while we are away.
  for (let i = 0; i < 200; i++) {
    const run = (await t.call('GET', `/api/runs/${runId}`)).body;
    if (run.steps?.some((s: { nodeType: string; status: string }) => s.nodeType === 'http.request' && s.status === 'running')) return runId;
    await sleep(10);
  }
  throw new Error('the run never reached the ERP call');
}

async function waitForEnd(events: TraceEvent[], runId: string): Promise<TraceEvent[]> {
  for (let i = 0; i < 300 && !events.some((e) => e.runId === runId && e.kind === 'run.finished'); i++) await sleep(20);
  await sleep(100); // anything sent twice would arrive now
  return events.filter((e) => e.runId === runId);
}

const label = (e: TraceEvent) => (e.kind === 'step.started' || e.kind === 'step.finished' ? `${e.kind}:${e.step.nodeId}` : e.kind);

/** A client connected the whole time, subscribed to the flow before the run: the trace to compare with. */
let control: { socket: Socket; events: TraceEvent[] };
beforeAll(async () => {
  control = await client();
  sockets.splice(sockets.indexOf(control.socket), 1); // kept across tests
  await control.socket.timeout(5000).emitWithAck('subscribe', { flowId: FLOW });
});
afterAll(() => control?.socket.close());

async function expectWholeTrace(mine: TraceEvent[], runId: string): Promise<void> {
  const reference = await waitForEnd(control.events, runId);
  // The reference: run.started, a start and an end per step, run.finished, numbered 1..N.
  expect(reference.map((e) => e.seq)).toEqual(reference.map((_, i) => i + 1));
  expect(reference[0]!.kind).toBe('run.started');
  expect(reference.at(-1)).toMatchObject({ kind: 'run.finished', run: { status: 'succeeded' } });
  expect(reference.filter((e) => e.kind === 'step.finished').length).toBeGreaterThanOrEqual(5);
  // Every event exactly once, in order, the same as the reference.
  expect(mine.map((e) => e.seq)).toEqual(mine.map((_, i) => i + 1));
  expect(new Set(mine.map((e) => e.seq)).size).toBe(mine.length);
  expect(mine.map(label)).toEqual(reference.map(label));
}

describe('T1 — reconnect before the first event', () => {
  it('a run subscriber that dropped before any event gets every step event once, in order, after reconnecting with afterSeq 0', async () => {
    const { socket, events } = await client();
    await drop(socket); // dropped before it received anything
    const runId = await startSlowRun(1200);
    expect(events).toEqual([]);
    await reconnect(socket);
    const ack = await socket.timeout(5000).emitWithAck('subscribe', { runId, afterSeq: 0 });
    expect(ack).toMatchObject({ ok: true });
    expect(ack.replayed).toBeGreaterThanOrEqual(4); // run.started, the first steps, the ERP call started
    const mine = await waitForEnd(events, runId);
    await expectWholeTrace(mine, runId);
  });

  it('a flow subscriber that dropped before any event gets every event of the run that started while it was away', async () => {
    const { socket, events } = await client();
    const ack = await socket.timeout(5000).emitWithAck('subscribe', { flowId: FLOW });
    expect(ack).toMatchObject({ ok: true, cursor: expect.stringMatching(/^run_[0-9a-z]{9}$/) });
    await drop(socket);
    const runId = await startSlowRun(1200);
    await reconnect(socket);
    const resumed = await socket.timeout(5000).emitWithAck('subscribe', { flowId: FLOW, after: {}, since: ack.cursor });
    expect(resumed).toMatchObject({ ok: true });
    const mine = await waitForEnd(events, runId);
    await expectWholeTrace(mine, runId);
  });

  it('a client that had seen part of a run resumes after its last seq with no duplicates', async () => {
    const { socket, events } = await client();
    const runId = await startSlowRun(1200);
    await socket.timeout(5000).emitWithAck('subscribe', { runId, afterSeq: 0 });
    for (let i = 0; i < 100 && events.length < 4; i++) await sleep(10);
    const seen = events.filter((e) => e.runId === runId);
    const lastSeq = seen.at(-1)!.seq;
    expect(lastSeq).toBeGreaterThanOrEqual(4);
    await drop(socket);
    await reconnect(socket);
    await socket.timeout(5000).emitWithAck('subscribe', { runId, afterSeq: lastSeq });
    const mine = await waitForEnd(events, runId);
    await expectWholeTrace(mine, runId);
  });

  it('catches up a finished run when the client comes back only after it ended', async () => {
    const { socket, events } = await client();
    await drop(socket);
    const runId = await startSlowRun(200);
    for (let i = 0; i < 200; i++) {
      if ((await t.call('GET', `/api/runs/${runId}`)).body.status !== 'running') break;
      await sleep(10);
    }
    await reconnect(socket);
    await socket.timeout(5000).emitWithAck('subscribe', { runId, afterSeq: 0 });
    const mine = await waitForEnd(events, runId);
    await expectWholeTrace(mine, runId);
  });
});

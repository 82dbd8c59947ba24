/** The hub's catch-up from the stored record when its buffer no longer holds what a client missed (case T1). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRecord, RunStore, StepRecord, TraceEvent } from '../storage/types.js';
import { TraceHub } from './trace-hub.js';

const step = (seq: number, traceSeq: number, status: StepRecord['status'] = 'succeeded'): StepRecord => ({
  runId: 'run_a', seq, nodeId: `n${seq}`, nodeType: 'transform.jsonata', attempt: 1, status, startedAt: '2025-03-16T10:00:00.000Z', input: null, traceSeq,
});
const runRecord = (status: RunRecord['status'], steps: StepRecord[]): RunRecord => ({
  id: 'run_a', flowId: 'f', flowVersion: 1, mode: 'published', rootRunId: 'run_a', status, correlationId: 'c', triggerNodeId: 'n1',
  startedAt: '2025-03-16T10:00:00.000Z', businessKeys: {}, stepCount: steps.length, input: null, steps,
});

/** The live trace of run_a: started, three steps (start + end each), finished: seq 1..8. */
function liveTrace(): TraceEvent[] {
  const base = { runId: 'run_a', flowId: 'f' };
  const events: TraceEvent[] = [{ kind: 'run.started', ...base, seq: 1, run: runRecord('running', []) }];
  for (let s = 1; s <= 3; s++) {
    events.push({ kind: 'step.started', ...base, seq: 2 * s, step: step(s, 2 * s, 'running') });
    events.push({ kind: 'step.finished', ...base, seq: 2 * s + 1, step: step(s, 2 * s + 1) });
  }
  events.push({ kind: 'run.finished', ...base, seq: 8, run: runRecord('succeeded', []) });
  return events;
}

let server: Server | undefined;
let hub: TraceHub | undefined;
let socket: Socket | undefined;
afterEach(async () => {
  socket?.close();
  await hub?.close();
  server = hub = socket = undefined;
});

async function start(records: RunRecord[]): Promise<{ reads: () => number }> {
  let reads = 0;
  const store = {
    async getRun() {
      return records[Math.min(reads++, records.length - 1)];
    },
    async listRuns() {
      return [];
    },
  } as unknown as RunStore;
  server = createServer();
  hub = new TraceHub(server, { runs: store, buffer: { maxEventsPerRun: 4 } });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  socket = io(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { transports: ['websocket'], reconnection: false });
  await new Promise<void>((r) => socket!.once('connect', () => r()));
  return { reads: () => reads };
}

async function catchUp(afterSeq: number): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  socket!.on('trace', (e: TraceEvent) => events.push(e));
  await socket!.timeout(2000).emitWithAck('subscribe', { runId: 'run_a', afterSeq });
  await new Promise((r) => setTimeout(r, 50));
  return events;
}

describe('trace hub catch-up', () => {
  it('takes what the buffer dropped from the record and the rest from the buffer, each number once, in order', async () => {
    const store = await start([runRecord('succeeded', [step(1, 3), step(2, 5), step(3, 7)])]);
    for (const event of liveTrace()) hub!.publish(event); // the buffer keeps only seq 7 and 8
    expect(hub!.buffer.since('run_a', 0).complete).toBe(false);
    const events = await catchUp(0);
    expect(events.map((e) => [e.kind, e.seq])).toEqual([['run.started', 1], ['step.finished', 3], ['step.finished', 5], ['step.finished', 7], ['run.finished', 8]]);
    expect(store.reads()).toBe(1);
  });

  it('needs no record when the buffer holds everything after afterSeq', async () => {
    const store = await start([]);
    for (const event of liveTrace()) hub!.publish(event);
    expect((await catchUp(6)).map((e) => e.seq)).toEqual([7, 8]);
    expect(store.reads()).toBe(0);
  });

  it('reads the record again when the one it read is older than the buffer (events in between)', async () => {
    const stale = runRecord('running', []); // read when only run.started was recorded
    const fresh = runRecord('running', [step(1, 3), step(2, 5), step(3, 6, 'running')]);
    const store = await start([stale, fresh]);
    for (const event of liveTrace().slice(0, 6)) hub!.publish(event); // seq 1..6, running; buffer keeps 4..6
    const events = await catchUp(0);
    expect(events.map((e) => e.seq)).toEqual([1, 3, 4, 5, 6]);
    expect(store.reads()).toBe(2);
  });
});

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFlow } from '../../nodes/sdk/flow.js';
import { registry } from '../../nodes/registry.js';
import { createGuardStore } from '../storage/guards.js';
import { RecordLog } from '../storage/record-log.js';
import { RunLog } from '../storage/run-log.js';
import type { GuardStore } from '../storage/types.js';
import type { TraceEvent } from '../storage/types.js';
import { compileFlow } from './compile.js';
import { Executor } from './executor.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: unknown;
}

let server: Server;
let baseUrl: string;
let dir: string;
let runs: RunLog;
let guards: GuardStore;
const received: Received[] = [];
/** Answers queued per request: [status, headers, body]. */
const answers: Array<[number, Record<string, string>, unknown]> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: text ? JSON.parse(text) : undefined });
      const [status, headers, body] = answers.shift() ?? [201, {}, { id: 'erp-1' }];
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'ledgerflow-exec-'));
  runs = await RunLog.open({ dir });
  guards = createGuardStore(await RecordLog.open(dir, 'claims'), await RecordLog.open(dir, 'versions'));
});
afterAll(async () => {
  await runs.close();
  server.close();
  await rm(dir, { recursive: true, force: true });
});

function flowWith(httpConfig: Record<string, unknown>, errorHandler = false) {
  return loadFlow(
    {
      id: 'post-invoice',
      name: 'Post invoice',
      nodes: [
        { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 } },
        { id: 'map', type: 'transform.jsonata', position: { x: 1, y: 0 }, config: { expression: '{ "externalId": payload.id, "amount": payload.amount / 100 }' } },
        { id: 'post', type: 'http.request', position: { x: 2, y: 0 }, config: { url: '/invoices', ...httpConfig } },
        ...(errorHandler ? [{ id: 'park', type: 'transform.jsonata', position: { x: 3, y: 1 }, config: { expression: '{ "failed": error.code, "status": error.status }' } }] : []),
      ],
      edges: [
        { source: 'start', sourcePort: 'out', target: 'map', targetPort: 'in' },
        { source: 'map', sourcePort: 'out', target: 'post', targetPort: 'in' },
        ...(errorHandler ? [{ source: 'post', sourcePort: 'error', target: 'park', targetPort: 'in' }] : []),
      ],
    },
    registry,
  );
}

function executor(events: TraceEvent[] = []) {
  return new Executor({ runs, guards, trace: (e) => events.push(e), baseUrl: () => baseUrl, log: pino({ level: 'silent' }) });
}

const fastRetry = { maxAttempts: 3, initialDelayMs: 10, multiplier: 2, maxDelayMs: 100, jitter: 0, retryableStatuses: [429, 503] };

describe('executor', () => {
  it('runs a flow, records every step and sends the correlation id and idempotency key', async () => {
    received.length = 0;
    const events: TraceEvent[] = [];
    const run = executor(events).start({ compiled: compileFlow(flowWith({}), 3), mode: 'published', input: { id: 'in_1', amount: -12645 }, correlationId: 'corr-42' });
    const summary = await run.done;
    expect(summary).toMatchObject({ status: 'succeeded', flowVersion: 3, correlationId: 'corr-42', stepCount: 3 });
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toEqual({ externalId: 'in_1', amount: -126.45 });
    expect(received[0]!.headers['x-correlation-id']).toBe('corr-42');
    expect(received[0]!.headers['idempotency-key']).toBe(`${run.runId}:post`);
    expect(events.map((e) => `${e.seq}:${e.kind}`)).toEqual([
      '1:run.started', '2:step.started', '3:step.finished', '4:step.started', '5:step.finished', '6:step.started', '7:step.finished', '8:run.finished',
    ]);
    const stored = await runs.getRun(run.runId);
    expect(stored!.steps.map((s) => [s.nodeId, s.status, s.attempt])).toEqual([['start', 'succeeded', 1], ['map', 'succeeded', 1], ['post', 'succeeded', 1]]);
    expect(stored!.steps[2]!.output).toEqual({ out: { status: 201, headers: expect.any(Object), body: { id: 'erp-1' } } });
  });

  it('retries a 429 after Retry-After with the same idempotency key, each attempt a step', async () => {
    received.length = 0;
    answers.push([429, { 'retry-after': '1' }, { error: 'slow down' }], [503, {}, { error: 'maintenance' }]);
    const started = Date.now();
    const run = executor().start({ compiled: compileFlow(flowWith({ retry: fastRetry }), 1), mode: 'published', input: { id: 'in_2', amount: 100 } });
    const summary = await run.done;
    expect(summary.status).toBe('succeeded');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(received.map((r) => r.headers['idempotency-key'])).toEqual(Array(3).fill(`${run.runId}:post`));
    const stored = await runs.getRun(run.runId);
    const posts = stored!.steps.filter((s) => s.nodeId === 'post');
    expect(posts.map((s) => [s.attempt, s.status, s.error?.status])).toEqual([[1, 'failed', 429], [2, 'failed', 503], [3, 'succeeded', undefined]]);
    expect(posts[0]!.retryInMs).toBeGreaterThanOrEqual(1000);
  });

  it('fails at once on a non-retryable status and routes the failure to the error port when wired', async () => {
    received.length = 0;
    answers.push([422, {}, { title: 'Invalid entity' }]);
    const failing = await executor().start({ compiled: compileFlow(flowWith({ retry: fastRetry }), 1), mode: 'published', input: { id: 'x', amount: 1 } }).done;
    expect(received).toHaveLength(1);
    expect(failing).toMatchObject({ status: 'failed', error: { nodeId: 'post', code: 'http-status', status: 422, retryable: false } });

    answers.push([400, {}, { title: 'Bad' }]);
    const handled = executor().start({ compiled: compileFlow(flowWith({}, true), 1), mode: 'published', input: { id: 'y', amount: 1 } });
    expect((await handled.done).status).toBe('succeeded');
    const stored = await runs.getRun(handled.runId);
    expect(stored!.steps.at(-1)).toMatchObject({ nodeId: 'park', output: { out: { failed: 'http-status', status: 400 } } });
  });

  it('payloads are immutable: a node that edits its input in place fails naming the property, and the record keeps what was sent', async () => {
    const compiled = compileFlow(flowWith({}), 1);
    const map = compiled.nodes.get('map')!;
    // A careless custom node: rounds the amount in the message it was given instead of building a new one.
    map.definition = {
      ...map.definition,
      execute: async (_ctx, message) => {
        (message.payload as { amount: number }).amount = Math.round((message.payload as { amount: number }).amount / 100);
        return { out: message };
      },
    };
    const input = { id: 'in_3', lines: [{ amount: 12645 }], amount: 12645 };
    const run = executor().start({ compiled, mode: 'published', input });
    const summary = await run.done;
    expect(summary).toMatchObject({ status: 'failed', error: { nodeId: 'map', message: expect.stringContaining("'amount'") } });
    expect(input.amount).toBe(12645);
    expect(Object.isFrozen(input.lines[0])).toBe(true);
    const stored = await runs.getRun(run.runId);
    expect(stored!.input).toEqual({ id: 'in_3', lines: [{ amount: 12645 }], amount: 12645 });
    expect(stored!.steps.map((s) => [s.nodeId, s.status, (s.input as { amount: number }).amount])).toEqual([['start', 'succeeded', 12645], ['map', 'failed', 12645]]);
  });

  it('frozen payloads still take every JSONata idiom, including keep-array paths that mark the input array', async () => {
    const flow = loadFlow(
      {
        id: 'keep-array',
        name: 'Keep array',
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 } },
          { id: 'map', type: 'transform.jsonata', position: { x: 1, y: 0 }, config: { expression: '{ "lines": payload.lines.data[], "one": payload.one[], "amounts": payload.lines.data.amount[], "sorted": $sort(payload.lines.data, function($a, $b) { $a.amount > $b.amount }).amount }' } },
        ],
        edges: [{ source: 'start', sourcePort: 'out', target: 'map', targetPort: 'in' }],
      },
      registry,
    );
    const input = { lines: { data: [{ amount: 2 }, { amount: 1 }] }, one: [{ sku: 'A-1' }] };
    const run = executor().start({ compiled: compileFlow(flow, 1), mode: 'published', input });
    expect((await run.done).status).toBe('succeeded');
    const stored = await runs.getRun(run.runId);
    expect(stored!.steps[1]!.output).toEqual({ out: { lines: [{ amount: 2 }, { amount: 1 }], one: [{ sku: 'A-1' }], amounts: [2, 1], sorted: [1, 2] } });
  });
});

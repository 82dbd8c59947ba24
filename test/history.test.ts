/**
 * Run history, metrics and dashboard end to end (in-process server): searching runs by flow, status,
 * version, time, business key and correlation id with paging; the run detail's truncated values and
 * loading them in full by id; re-running a run on its stored input; GET /api/stats with SLO status;
 * /metrics in Prometheus format; the finance and architecture views; JSON logs carrying run and
 * correlation ids.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/ledgerflow.js';

const FLOW = 'history-test';
const flow = {
  schemaVersion: 1,
  id: FLOW,
  name: 'History test: post an invoice',
  settings: { slos: [{ name: 'invoice posted within 5 s', objective: 0.9, thresholdMs: 5000 }] },
  nodes: [
    { id: 'hook', type: 'trigger.webhook', typeVersion: 1, position: { x: 0, y: 0 }, config: { path: FLOW, responseMode: 'accepted' } },
    { id: 'once', type: 'guard.idempotentConsumer', typeVersion: 1, position: { x: 200, y: 0 }, config: { key: 'payload.invoiceId', keyName: 'invoiceId' } },
    {
      id: 'post-erp',
      type: 'http.request',
      typeVersion: 1,
      position: { x: 400, y: 0 },
      config: { method: 'GET', url: '/sandbox/erp/invoices', retry: { maxAttempts: 2, initialDelayMs: 10, jitter: 0 } },
    },
  ],
  edges: [
    { id: 'e1', source: 'hook', sourcePort: 'out', target: 'once', targetPort: 'in' },
    { id: 'e2', source: 'once', sourcePort: 'out', target: 'post-erp', targetPort: 'in' },
  ],
};

const logLines: Array<Record<string, unknown>> = [];
const logSink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n')) if (line.trim()) logLines.push(JSON.parse(line));
    done();
  },
});

let t: TestServer;
const runIds: Record<string, string> = {};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function post(invoiceId: string, correlationId: string, big = false): Promise<string> {
  const body = { invoiceId, amount: 1200, ...(big ? { notes: 'x'.repeat(50_000) } : {}) };
  const answer = await t.call('POST', `/hooks/${FLOW}`, body, { 'X-Correlation-Id': correlationId });
  expect(answer.status).toBe(202);
  const runId = answer.body.runId as string;
  for (let i = 0; i < 200; i++) {
    if ((await t.call('GET', `/api/runs/${runId}`)).body.status !== 'running') return runId;
    await sleep(10);
  }
  throw new Error(`run ${runId} did not finish`);
}

beforeAll(async () => {
  t = await startTestServer({ logger: pino({ level: 'info' }, logSink) });
  expect((await t.call('PUT', `/api/flows/${FLOW}`, flow)).status).toBe(200);
  expect((await t.call('POST', `/api/flows/${FLOW}/publish`, {})).status).toBe(201);
  runIds.ok1 = await post('in_OK_1', 'corr-ok-1', true);
  runIds.ok2 = await post('in_OK_2', 'corr-ok-2');
  // Two 503s: the first attempt is retried, the second exhausts the policy; the run fails and is parked.
  await t.call('PUT', '/sandbox/erp/_faults', { status: 503, count: 2 });
  runIds.failed = await post('in_FAIL_1', 'corr-fail-1');
});
afterAll(async () => {
  await t?.stop();
});

describe('run history search', () => {
  it('finds runs by business key value and by correlation id, from the index', async () => {
    const byKey = await t.call('GET', '/api/runs?businessKey=in_FAIL_1');
    expect(byKey.body.map((r: { id: string }) => r.id)).toEqual([runIds.failed]);
    expect(byKey.body[0]).toMatchObject({ status: 'failed', businessKeys: { invoiceId: 'in_FAIL_1' }, error: { nodeId: 'post-erp' } });
    const byCorrelation = await t.call('GET', '/api/runs?correlationId=corr-ok-2');
    expect(byCorrelation.body.map((r: { id: string }) => r.id)).toEqual([runIds.ok2]);
    expect((await t.call('GET', '/api/runs?businessKey=in_NOPE')).body).toEqual([]);
  });

  it('filters by flow, version, status and time range, newest first, paged with before', async () => {
    const all = (await t.call('GET', `/api/runs?flowId=${FLOW}`)).body.map((r: { id: string }) => r.id);
    expect(all).toEqual([runIds.failed, runIds.ok2, runIds.ok1]);
    expect((await t.call('GET', `/api/runs?flowId=${FLOW}&status=succeeded`)).body.map((r: { id: string }) => r.id)).toEqual([runIds.ok2, runIds.ok1]);
    expect((await t.call('GET', `/api/runs?flowId=${FLOW}&flowVersion=2`)).body).toEqual([]);
    expect((await t.call('GET', `/api/runs?flowId=${FLOW}&flowVersion=1&limit=1`)).body.map((r: { id: string }) => r.id)).toEqual([runIds.failed]);
    expect((await t.call('GET', `/api/runs?flowId=${FLOW}&limit=1&before=${runIds.failed}`)).body.map((r: { id: string }) => r.id)).toEqual([runIds.ok2]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await t.call('GET', `/api/runs?flowId=${FLOW}&from=${encodeURIComponent(future)}`)).body).toEqual([]);
    expect((await t.call('GET', `/api/runs?flowId=${FLOW}&to=${encodeURIComponent(future)}`)).body).toHaveLength(3);
    expect((await t.call('GET', '/api/runs?from=yesterday')).status).toBe(400);
  });
});

describe('run detail', () => {
  it('truncates large values and serves them in full by run id and step number', async () => {
    const detail = (await t.call('GET', `/api/runs/${runIds.ok1}`)).body;
    expect(detail.input.$truncated).toMatchObject({ where: 'input', bytes: expect.any(Number) });
    expect(detail.input.$truncated.bytes).toBeGreaterThan(50_000);
    const trigger = detail.steps.find((s: { nodeId: string }) => s.nodeId === 'hook');
    expect(trigger.input.$truncated.where).toBe(`step:${trigger.seq}:input`);
    expect((await t.call('GET', `/api/runs/${runIds.ok1}/input`)).body.notes).toHaveLength(50_000);
    const step = (await t.call('GET', `/api/runs/${runIds.ok1}/steps/${trigger.seq}`)).body;
    expect(step.input.notes).toHaveLength(50_000);
    expect((await t.call('GET', `/api/runs/${runIds.ok1}?maxValueBytes=0`)).body.input.notes).toHaveLength(50_000);
    expect((await t.call('GET', `/api/runs/${runIds.ok1}/steps/99`)).status).toBe(404);
  });

  it('records each attempt of the failed step, with the wait before the retry', async () => {
    const detail = (await t.call('GET', `/api/runs/${runIds.failed}`)).body;
    const attempts = detail.steps.filter((s: { nodeId: string }) => s.nodeId === 'post-erp');
    expect(attempts.map((s: { attempt: number; status: string }) => [s.attempt, s.status])).toEqual([[1, 'failed'], [2, 'failed']]);
    expect(attempts[0].retryInMs).toBeGreaterThanOrEqual(10);
    expect(attempts[1].retryInMs).toBeUndefined();
    expect(attempts.every((s: { traceSeq: number }) => Number.isInteger(s.traceSeq))).toBe(true);
  });

  it('re-runs a run on the latest published version with its stored input (nothing uploaded)', async () => {
    const answer = await t.call('POST', `/api/runs/${runIds.failed}/rerun`);
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ flowId: FLOW, flowVersion: 1, replayOf: runIds.failed });
    let run: Record<string, any> = {};
    for (let i = 0; i < 200 && run.status !== 'succeeded'; i++) {
      run = (await t.call('GET', `/api/runs/${answer.body.runId}`)).body;
      await sleep(10);
    }
    expect(run).toMatchObject({ status: 'succeeded', mode: 'replay', replayOf: runIds.failed, correlationId: 'corr-fail-1', input: { invoiceId: 'in_FAIL_1' } });
    expect((await t.call('POST', '/api/runs/run_nope/rerun')).status).toBe(404);
    // Found by its business key next to the run it re-ran.
    expect((await t.call('GET', '/api/runs?businessKey=in_FAIL_1')).body.map((r: { id: string }) => r.id)).toEqual([answer.body.runId, runIds.failed]);
  });
});

describe('metrics, stats and views', () => {
  it('serves /metrics in Prometheus format: runs, step latency by node type and connection, retries, dead letters, backlog, webhook latency', async () => {
    const response = await fetch(`${t.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(new RegExp(`ledgerflow_runs_total\\{flow="${FLOW}",status="failed"\\} 1`));
    expect(text).toMatch(new RegExp(`ledgerflow_runs_total\\{flow="${FLOW}",status="succeeded"\\} [23]`));
    expect(text).toMatch(/ledgerflow_step_duration_seconds_count\{node_type="http.request",connection="sandbox.erp"\} \d+/);
    expect(text).toMatch(new RegExp(`ledgerflow_step_retries_total\\{flow="${FLOW}",node_type="http.request"\\} 1`));
    expect(text).toMatch(/ledgerflow_dead_letters_parked [1-9]/);
    expect(text).toMatch(/ledgerflow_dead_letter_oldest_age_seconds \d/);
    expect(text).toMatch(/ledgerflow_runs_queued 0/);
    expect(text).toMatch(/ledgerflow_runs_active \d/);
    expect(text).toMatch(new RegExp(`ledgerflow_webhook_accept_duration_seconds_count\\{flow="${FLOW}",status="202"\\} 3`));
  });

  it('aggregates GET /api/stats from the history: runs, failure rate, latency, SLO status, dead-letter aging', async () => {
    const stats = (await t.call('GET', `/api/stats?flowId=${FLOW}&window=15m&buckets=15`)).body;
    expect(stats.bucketMs).toBe(60_000);
    const mine = stats.flows.find((f: { flowId: string }) => f.flowId === FLOW);
    expect(mine).toMatchObject({ runs: 4, failed: 1, failureRate: 0.25, running: 0 });
    expect(mine.series).toHaveLength(15);
    expect(mine.series.reduce((n: number, b: { runs: number }) => n + b.runs, 0)).toBe(4);
    expect(mine.latencyMs.p50).toBeGreaterThanOrEqual(0);
    expect(mine.slos).toEqual([expect.objectContaining({ name: 'invoice posted within 5 s', total: 4, good: 3, attainment: 0.75, status: 'breached' })]);
    expect(mine.deadLetters.parked).toBeGreaterThanOrEqual(0);
    expect(stats.backlog).toMatchObject({ active: expect.any(Number), queued: 0 });
    expect((await t.call('GET', '/api/stats?window=3y')).status).toBe(400);
  });

  it('serves the finance view (unposted invoices, aging) and the architecture view (systems per flow)', async () => {
    const finance = (await t.call('GET', '/api/views/finance')).body;
    expect(finance.postingFlows.map((f: { flowId: string }) => f.flowId)).toContain(FLOW);
    expect(finance.aging.map((b: { band: string }) => b.band)).toEqual(['< 1 h', '1–24 h', '1–7 d', '> 7 d']);
    const architecture = (await t.call('GET', '/api/views/architecture')).body;
    const mine = architecture.find((f: { flowId: string }) => f.flowId === FLOW);
    expect(mine).toMatchObject({ publishedVersion: 1, connections: [{ connection: 'sandbox.erp', methods: ['GET'], nodeIds: ['post-erp'] }] });
    expect(mine.slos).toHaveLength(1);
  });

  it('writes JSON logs that carry the run id and correlation id of a failed run', () => {
    const failed = logLines.filter((l) => l.runId === runIds.failed);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((l) => l.correlationId === 'corr-fail-1' && l.flowId === FLOW)).toBe(true);
    expect(failed.some((l) => l.nodeId === 'post-erp' && l.attempt === 1)).toBe(true);
  });
});

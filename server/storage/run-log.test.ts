import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunLog } from './run-log.js';
import type { RunRecord, StepRecord } from './types.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledgerflow-runlog-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(id: string, startedAt: string, flowId = 'invoice-sync'): RunRecord {
  return {
    id,
    flowId,
    flowVersion: 1,
    mode: 'published',
    rootRunId: id,
    status: 'running',
    correlationId: `corr-${id}`,
    triggerNodeId: 'hook',
    startedAt,
    businessKeys: {},
    stepCount: 0,
    input: { id: `evt_${id}` },
    steps: [],
  };
}

function step(runId: string, seq: number, status: StepRecord['status']): StepRecord {
  return { runId, seq, nodeId: `n${seq}`, nodeType: 'transform.jsonata', attempt: 1, status, startedAt: '2025-03-16T00:00:00.000Z', input: { seq } };
}

describe('run log', () => {
  it('records runs with their steps and reads them back after a restart', async () => {
    let now = Date.parse('2025-03-16T09:59:59Z');
    const log = await RunLog.open({ dir, now: () => now });
    await log.startRun(run('a', '2025-03-16T09:59:59.000Z'));
    await log.recordStep(step('a', 1, 'running'));
    now += 2000; // crosses into the next hourly segment mid-run
    await log.recordStep({ ...step('a', 1, 'succeeded'), durationMs: 3, output: { out: { ok: true } } });
    await log.finishRun('a', { status: 'succeeded', finishedAt: '2025-03-16T10:00:01.000Z', durationMs: 2000, businessKeys: { invoiceId: 'in_1' } });
    await log.startRun(run('b', '2025-03-16T10:00:01.000Z', 'other'));
    await log.close();
    expect((await readdir(dir)).sort()).toEqual(['2025-03-16T09.ndjson', '2025-03-16T10.ndjson']);

    const reopened = await RunLog.open({ dir, now: () => now });
    const a = await reopened.getRun('a');
    expect(a).toMatchObject({ id: 'a', status: 'succeeded', stepCount: 1, businessKeys: { invoiceId: 'in_1' }, input: { id: 'evt_a' } });
    expect(a!.steps).toEqual([{ ...step('a', 1, 'succeeded'), durationMs: 3, output: { out: { ok: true } } }]);
    expect((await reopened.listRuns({})).map((r) => r.id)).toEqual(['b', 'a']);
    expect((await reopened.listRuns({ flowId: 'invoice-sync' })).map((r) => r.id)).toEqual(['a']);
    expect((await reopened.listRuns({ status: 'running' })).map((r) => r.id)).toEqual(['b']);
    expect((await reopened.listRuns({ before: 'b' })).map((r) => r.id)).toEqual(['a']);
    await reopened.close();
  });

  it('reports a damaged line left by a crash and keeps every intact record', async () => {
    const now = Date.parse('2025-03-16T09:00:00Z');
    const log = await RunLog.open({ dir, now: () => now });
    await log.startRun(run('a', '2025-03-16T09:00:00.000Z'));
    await log.close();
    await appendFile(join(dir, '2025-03-16T09.ndjson'), '{"t":"s","runId":"a","seq":1,"nodeId"'); // cut mid-write
    const warnings: string[] = [];
    const reopened = await RunLog.open({ dir, now: () => now, onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([expect.stringContaining('2025-03-16T09.ndjson line 2: damaged record skipped')]);
    expect(await reopened.getRun('a')).toMatchObject({ id: 'a', status: 'running' });
    await reopened.close();
  });

  it('drops segments older than the retention period', async () => {
    let now = Date.parse('2025-03-01T00:00:00Z');
    const log = await RunLog.open({ dir, now: () => now, retentionDays: 7 });
    await log.startRun(run('old', '2025-03-01T00:00:00.000Z'));
    now = Date.parse('2025-03-16T00:00:00Z');
    await log.startRun(run('new', '2025-03-16T00:00:00.000Z'));
    await log.flush();
    await log.applyRetention();
    expect(await readdir(dir)).toEqual(['2025-03-16T00.ndjson']);
    expect(await log.getRun('old')).toBeUndefined();
    expect((await log.listRuns({})).map((r) => r.id)).toEqual(['new']);
    await log.close();
  });

  it('writes one JSON record per line', async () => {
    const log = await RunLog.open({ dir, now: () => Date.parse('2025-03-16T09:00:00Z') });
    await log.startRun(run('a', '2025-03-16T09:00:00.000Z'));
    await log.recordStep(step('a', 1, 'running'));
    await log.close();
    const lines = (await readFile(join(dir, '2025-03-16T09.ndjson'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).t)).toEqual(['r', 's']);
  });
});

describe('run log: each payload on disk once', () => {
  const at = () => Date.parse('2025-03-16T09:00:00Z');
  const lines = async () => (await readFile(join(dir, '2025-03-16T09.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  it('a step that starts and ends before its batch is written is written once, in its final state', async () => {
    const log = await RunLog.open({ dir, now: at });
    await log.startRun(run('a', '2025-03-16T09:00:00.000Z'));
    const input = { invoice: 'in_1', amountDue: 12900 };
    const started = { ...step('a', 1, 'running'), input };
    await log.recordStep(started);
    await log.recordStep({ ...started, status: 'succeeded', durationMs: 4, output: { out: { total: 129 } } });
    await log.finishRun('a', { status: 'succeeded', finishedAt: '2025-03-16T09:00:01.000Z', durationMs: 5, businessKeys: {} });
    await log.flush();
    const written = await lines();
    expect(written.map((l) => [l.t, l.status])).toEqual([['r', 'running'], ['s', 'succeeded'], ['f', 'succeeded']]);
    expect(written[1]).toMatchObject({ seq: 1, input, output: { out: { total: 129 } } });
    expect((await log.getRun('a'))!.steps).toEqual([{ ...started, status: 'succeeded', durationMs: 4, output: { out: { total: 129 } } }]);
    await log.close();
  });

  it('the end of a step whose start is on disk refers to its input, and reading gives it back (also after a restart)', async () => {
    const log = await RunLog.open({ dir, now: at });
    await log.startRun(run('a', '2025-03-16T09:00:00.000Z'));
    const input = { invoice: 'in_1', amountDue: 12900 };
    const started = { ...step('a', 1, 'running'), input };
    await log.recordStep(started);
    await log.flush(); // the start is written (a step calling a slow ERP)
    const ended = { ...started, status: 'failed' as const, durationMs: 30_000, error: { code: 'timeout', message: 'ERP did not answer' } };
    await log.recordStep(ended);
    await log.flush();
    const written = await lines();
    expect(written.map((l) => [l.t, l.status, 'input' in l, l.inputFrom])).toEqual([
      ['r', 'running', true, undefined],
      ['s', 'running', true, undefined],
      ['s', 'failed', false, 's1.in'],
    ]);
    expect((await log.getRun('a'))!.steps).toEqual([ended]);
    await log.close();
    const reopened = await RunLog.open({ dir, now: at });
    expect((await reopened.getRun('a'))!.steps).toEqual([ended]);
    await reopened.close();
  });

  it('a payload passed on from step to step is written once and read back in every step (also after a restart)', async () => {
    const log = await RunLog.open({ dir, now: at });
    const event = { id: 'evt_1', data: { object: { id: 'in_1', amount_due: 12900 } } };
    await log.startRun({ ...run('a', '2025-03-16T09:00:00.000Z'), input: event });
    const mapped = { externalId: 'in_1', total: '129.00' };
    const steps: StepRecord[] = [
      // trigger: passes the event on; mapping: reads it, makes a new payload; validator: passes it through
      { ...step('a', 1, 'succeeded'), nodeId: 'hook', input: event, output: { out: event } },
      { ...step('a', 2, 'succeeded'), nodeId: 'map', input: event, output: { out: mapped } },
      { ...step('a', 3, 'succeeded'), nodeId: 'check', input: mapped, output: { valid: mapped } },
    ];
    for (const s of steps) await log.recordStep(s);
    await log.finishRun('a', { status: 'succeeded', finishedAt: '2025-03-16T09:00:01.000Z', durationMs: 5, businessKeys: {} });
    await log.flush();
    const text = await readFile(join(dir, '2025-03-16T09.ndjson'), 'utf8');
    expect(text.split('evt_1').length - 1).toBe(1);
    expect(text.split('129.00').length - 1).toBe(1);
    expect((await lines()).filter((l) => l.t === 's').map((l) => [l.inputFrom, l.outputFrom])).toEqual([
      ['run', { out: 'run' }],
      ['run', undefined],
      ['s2.out', { valid: 's2.out' }],
    ]);
    expect((await log.getRun('a'))!.steps).toEqual(steps);
    await log.close();
    const reopened = await RunLog.open({ dir, now: at });
    expect((await reopened.getRun('a'))!).toMatchObject({ input: event, steps });
    await reopened.close();
  });

  it('reads lines that carry every payload in full', async () => {
    const full = [
      { t: 'r', ...run('a', '2025-03-16T09:00:00.000Z'), steps: undefined },
      { t: 's', ...step('a', 1, 'running') },
      { t: 's', ...step('a', 1, 'succeeded'), output: { out: { seq: 1 } } },
      { t: 'f', runId: 'a', status: 'succeeded', finishedAt: '2025-03-16T09:00:01.000Z', durationMs: 5, businessKeys: {} },
    ];
    await appendFile(join(dir, '2025-03-16T09.ndjson'), full.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const log = await RunLog.open({ dir, now: at });
    expect(await log.getRun('a')).toMatchObject({ status: 'succeeded', input: { id: 'evt_a' }, steps: [{ ...step('a', 1, 'succeeded'), output: { out: { seq: 1 } } }] });
    await log.close();
  });

  it('a later state with another input keeps its own', async () => {
    const log = await RunLog.open({ dir, now: at });
    await log.startRun(run('a', '2025-03-16T09:00:00.000Z'));
    await log.recordStep({ ...step('a', 1, 'running'), input: { v: 1 } });
    await log.flush();
    await log.recordStep({ ...step('a', 1, 'succeeded'), input: { v: 2 } });
    await log.flush();
    expect((await lines()).filter((l) => l.t === 's').map((l) => l.input)).toEqual([{ v: 1 }, { v: 2 }]);
    expect((await log.getRun('a'))!.steps[0]!.input).toEqual({ v: 2 });
    await log.close();
  });

  it('a run read while it records gives a summary that matches its steps', async () => {
    const log = await RunLog.open({ dir, now: at });
    await log.startRun(run('a', '2025-03-16T09:00:00.000Z'));
    await log.recordStep(step('a', 1, 'running'));
    const read = log.getRun('a');
    // Recorded while the read's flush is in flight: the read waits for these lines too.
    await log.recordStep({ ...step('a', 1, 'succeeded'), durationMs: 1 });
    await log.finishRun('a', { status: 'succeeded', finishedAt: '2025-03-16T09:00:01.000Z', durationMs: 1, businessKeys: {} });
    const record = (await read)!;
    expect(record.status).toBe('succeeded');
    expect(record.steps.map((s) => s.status)).toEqual(['succeeded']);
    await log.close();
  });
});

describe('run log reads while a run is recording', () => {
  it('getRun never reads a line that is not on disk yet', async () => {
    const dir2 = await mkdtemp(join(tmpdir(), 'ledgerflow-runlog-race-'));
    const log = await RunLog.open({ dir: dir2 });
    await log.startRun(run('r', new Date().toISOString()));
    for (let seq = 1; seq <= 50; seq++) {
      const read = log.getRun('r'); // while more steps are recorded behind it
      await log.recordStep(step('r', seq, 'running'));
      await log.recordStep({ ...step('r', seq, 'succeeded'), durationMs: 1 });
      const record = await read;
      expect(record!.steps.length).toBeGreaterThanOrEqual(seq - 1);
    }
    expect((await log.getRun('r'))!.steps).toHaveLength(50);
    await log.close();
    await rm(dir2, { recursive: true, force: true });
  });
});

describe('run log: records it cannot serialise, keys while running', () => {
  const at = () => Date.parse('2025-03-16T09:00:00Z');

  it('a step whose payload nests too deep for the stack is kept without its payloads, and the log goes on', async () => {
    const log = await RunLog.open({ dir, now: at, onWarning: () => undefined });
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    await log.startRun(run('a', '2025-03-16T09:00:00.000Z'));
    await log.recordStep({ ...step('a', 1, 'succeeded'), output: { out: deep as never } });
    await log.startRun(run('b', '2025-03-16T09:00:00.000Z'));
    await log.recordStep({ ...step('b', 1, 'succeeded'), output: { out: { ok: true } } });
    await log.flush();
    expect((await log.getRun('a'))!.steps[0]).toMatchObject({ status: 'succeeded', input: null, unrecordable: expect.stringContaining('call stack') });
    expect((await log.getRun('b'))!.steps[0]!.output).toEqual({ out: { ok: true } });
    await log.close();
  });

  it('business keys a step found are searchable while the run is still going, and no line field leaks into a summary', async () => {
    const log = await RunLog.open({ dir, now: at });
    await log.startRun(run('a', '2025-03-16T09:00:00.000Z'));
    await log.recordStep({ ...step('a', 1, 'succeeded'), businessKeys: { invoiceId: 'in_HK1' } });
    expect((await log.listRuns({ businessKey: 'in_HK1' })).map((r) => [r.id, r.status, r.businessKeys])).toEqual([['a', 'running', { invoiceId: 'in_HK1' }]]);
    await log.close();
    const reopened = await RunLog.open({ dir, now: at });
    const [summary] = await reopened.listRuns({ businessKey: 'in_HK1' });
    expect(summary).not.toHaveProperty('t');
    expect((await reopened.getRun('a'))!).not.toHaveProperty('t');
    await reopened.close();
  });
});

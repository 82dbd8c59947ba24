/** Searching the run log: filters, the business key and correlation id indexes, paging, and their speed at 100,000 runs. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunLog } from './run-log.js';
import type { RunRecord } from './types.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledgerflow-runsearch-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const T0 = Date.parse('2025-03-16T09:00:00Z');
function run(i: number, flowId = i % 2 ? 'invoice-sync' : 'deal-sync'): RunRecord {
  const id = `run_${String(i).padStart(9, '0')}`;
  return {
    id, flowId, flowVersion: 1 + (i % 3), mode: 'published', rootRunId: id, status: 'running', correlationId: `corr-${i % 1000}`,
    triggerNodeId: 'hook', startedAt: new Date(T0 + i * 1000).toISOString(), businessKeys: {}, stepCount: 0, input: null, steps: [],
  };
}

async function record(log: RunLog, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await log.startRun(run(i));
    await log.finishRun(run(i).id, { status: i % 10 === 0 ? 'failed' : 'succeeded', finishedAt: new Date(T0 + i * 1000 + 500).toISOString(), durationMs: 500, businessKeys: { invoiceId: `in_${i}`, customerId: `cus_${i % 50}` } });
  }
}

describe('run search', () => {
  it('filters by flow, version, status, time, key and correlation id, and survives a restart', async () => {
    let log = await RunLog.open({ dir, now: () => T0 });
    await record(log, 300);
    const ids = async (filter: Parameters<RunLog['listRuns']>[0]) => (await log.listRuns(filter)).map((r) => r.id);
    expect(await ids({ businessKey: 'in_17' })).toEqual(['run_000000017']);
    expect((await ids({ businessKey: 'cus_7', limit: 500 })).length).toBe(6);
    expect(await ids({ businessKey: 'cus_7', flowId: 'invoice-sync', limit: 2 })).toEqual(['run_000000257', 'run_000000207']);
    expect(await ids({ businessKey: 'cus_7', limit: 2, before: 'run_000000207' })).toEqual(['run_000000157', 'run_000000107']);
    expect(await ids({ correlationId: 'corr-5' })).toEqual(['run_000000005']);
    expect(await ids({ status: 'failed', flowVersion: 1, limit: 3 })).toEqual(['run_000000270', 'run_000000240', 'run_000000210']);
    expect(await ids({ from: new Date(T0 + 297_000).toISOString() })).toEqual(['run_000000299', 'run_000000298', 'run_000000297']);
    expect(await ids({ from: new Date(T0 + 10_000).toISOString(), to: new Date(T0 + 12_000).toISOString() })).toEqual(['run_000000011', 'run_000000010']);
    const seen: string[] = [];
    log.scanRuns({ flowId: 'deal-sync', from: new Date(T0 + 290_000).toISOString() }, (r) => void seen.push(r.id));
    expect(seen).toEqual(['run_000000298', 'run_000000296', 'run_000000294', 'run_000000292', 'run_000000290']);
    await log.close();
    log = await RunLog.open({ dir, now: () => T0 });
    expect(await ids({ businessKey: 'in_17' })).toEqual(['run_000000017']);
    await log.close();
  });

  it('finds a run by business key in under 50 ms at 100,000 runs', async () => {
    const log = await RunLog.open({ dir, now: () => T0, flushIntervalMs: 50 });
    await record(log, 100_000);
    const started = performance.now();
    const found = await log.listRuns({ businessKey: 'in_4242' });
    const byCorrelation = await log.listRuns({ correlationId: 'corr-999', limit: 50 });
    const elapsed = performance.now() - started;
    expect(found.map((r) => r.id)).toEqual(['run_000004242']);
    expect(byCorrelation).toHaveLength(50);
    expect(elapsed).toBeLessThan(50);
    await log.close();
  }, 120_000);
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordLog } from './record-log.js';
import { createReconciliationStore } from './reconciliations.js';
import type { ReconciliationReport, RunSummary } from './types.js';

const result = (missing: number) => ({
  leftName: 'billing',
  rightName: 'ERP',
  counts: { left: 3, right: 3 - missing, matched: 3 - missing, missingLeft: 0, missingRight: missing, mismatched: 0, duplicates: 0, unkeyed: 0 },
  matched: [],
  missingLeft: [],
  missingRight: Array.from({ length: missing }, (_, i) => ({ key: `in_${i}` })),
  mismatched: [],
  duplicates: { left: [], right: [] },
});
const origin = (runId: string, mode: RunSummary['mode'] = 'published') => ({ name: 'Billing vs ERP', flowId: 'f', flowVersion: 1, runId, nodeId: 'keep', mode });

describe('reconciliation report store', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps reports newest first, bounded, and survives a reopen; the latest leaves test runs out', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledgerflow-recon-'));
    let clock = Date.parse('2025-04-01T06:00:00Z');
    const open = async () => createReconciliationStore(await RecordLog.open<ReconciliationReport>(dir!, 'reconciliations'), { maxReports: 3, now: () => clock });
    const store = await open();
    for (let i = 1; i <= 4; i++) {
      clock += 60_000;
      await store.save({ ...result(i % 3), ...origin(`run_${i}`) });
    }
    clock += 60_000;
    await store.save({ ...result(2), ...origin('run_draft', 'draft') });
    const list = await store.list({});
    expect(list.map((r) => r.runId)).toEqual(['run_draft', 'run_4', 'run_3']);
    expect(list[0]).not.toHaveProperty('missingRight');
    expect(store.latest().map((r) => [r.runId, r.counts.missingRight])).toEqual([['run_4', 1]]);
    const full = await store.get(list[1]!.id);
    expect(full?.missingRight).toEqual([{ key: 'in_0' }]);
    await store.flush();
    const reopened = await open();
    expect((await reopened.list({ limit: 10 })).map((r) => r.runId)).toEqual(['run_draft', 'run_4', 'run_3']);
    await reopened.flush();
  });
});

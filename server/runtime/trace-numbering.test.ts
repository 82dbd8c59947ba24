import { describe, expect, it } from 'vitest';
import type { RunRecord, StepRecord } from '../storage/types.js';
import { eventsFromRecord, lastTraceSeq } from './trace-numbering.js';

function step(seq: number, status: StepRecord['status'], traceSeq?: number, extra: Partial<StepRecord> = {}): StepRecord {
  return { runId: 'run_1', seq, nodeId: `n${seq}`, nodeType: 'transform.jsonata', attempt: 1, status, startedAt: '2025-03-16T10:00:00.000Z', input: { seq }, ...(traceSeq ? { traceSeq } : {}), ...extra };
}

function record(status: RunRecord['status'], steps: StepRecord[]): RunRecord {
  return {
    id: 'run_1', flowId: 'f', flowVersion: 1, mode: 'published', rootRunId: 'run_1', status, correlationId: 'c', triggerNodeId: 'n1',
    startedAt: '2025-03-16T10:00:00.000Z', businessKeys: { invoiceId: 'in_1' }, stepCount: steps.length, input: { a: 1 }, steps,
    ...(status !== 'running' ? { finishedAt: '2025-03-16T10:00:01.000Z', durationMs: 1000 } : {}),
  };
}

describe('trace numbering', () => {
  it('rebuilds a finished run as its compacted trace: run.started, each step once under its own number, run.finished last', () => {
    // Step 2 waited for its connection (an extra event), so numbers are not 2·seq+1.
    const events = eventsFromRecord(record('succeeded', [step(1, 'succeeded', 3), step(2, 'succeeded', 6), step(3, 'failed', 8, { retryInMs: 10 }), step(4, 'succeeded', 10)]));
    expect(events.map((e) => [e.kind, e.seq])).toEqual([
      ['run.started', 1], ['step.finished', 3], ['step.finished', 6], ['step.finished', 8], ['step.finished', 10], ['run.finished', 11],
    ]);
    expect(events[0]).toMatchObject({ run: { status: 'running', stepCount: 0, businessKeys: {} } });
    expect(events.at(-1)).toMatchObject({ run: { status: 'succeeded', businessKeys: { invoiceId: 'in_1' } } });
    expect(events.at(-1)).not.toHaveProperty('run.input');
  });

  it('sends only what is numbered after afterSeq, and no run.finished for a run still going', () => {
    const events = eventsFromRecord(record('running', [step(1, 'succeeded', 3), step(2, 'running', 4)]), 3);
    expect(events.map((e) => [e.kind, e.seq])).toEqual([['step.started', 4]]);
    expect(eventsFromRecord(record('succeeded', [step(1, 'succeeded', 3)]), 4)).toEqual([]);
  });

  it('numbers records written before steps carried traceSeq as start + two per step', () => {
    expect(lastTraceSeq([])).toBe(1);
    expect(lastTraceSeq([step(1, 'succeeded'), step(2, 'running')])).toBe(4);
    expect(eventsFromRecord(record('failed', [step(1, 'succeeded'), step(2, 'failed')])).map((e) => e.seq)).toEqual([1, 3, 5, 6]);
  });
});

import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../server/storage/types.js';
import { accept, MAX_RUNS_TRACKED, noteFlowCursor, subscription } from './live.js';

const event = (runId: string, seq: number, flowId = 'invoice-flow'): TraceEvent => ({ kind: 'run.started', runId, flowId, seq, run: {} as never });

describe('live trace resume (client side of T1)', () => {
  it('drops events at or below the last number seen per run and resumes a run after it', () => {
    expect(subscription({ runId: 'run_000000001aaaa' })).toEqual({ runId: 'run_000000001aaaa', afterSeq: 0, batch: true });
    expect(accept(event('run_000000001aaaa', 1))).toBe(true);
    expect(accept(event('run_000000001aaaa', 2))).toBe(true);
    expect(accept(event('run_000000001aaaa', 2))).toBe(false);
    expect(accept(event('run_000000001aaaa', 1))).toBe(false);
    expect(subscription({ runId: 'run_000000001aaaa' })).toEqual({ runId: 'run_000000001aaaa', afterSeq: 2, batch: true });
  });

  it('resumes a flow with the numbers of its runs and the cursor, which moves past forgotten runs', () => {
    expect(subscription({ flowId: 'bounded' })).toEqual({ flowId: 'bounded', batch: true });
    noteFlowCursor('bounded', 'run_000000000');
    accept(event('run_000000002bbbb', 3, 'bounded'));
    expect(subscription({ flowId: 'bounded' })).toEqual({ flowId: 'bounded', after: { run_000000002bbbb: 3 }, since: 'run_000000000', batch: true });
    // Fill the bounded memory with other runs: the oldest (run_…2bbbb) is forgotten and the cursor passes it.
    for (let i = 0; i < MAX_RUNS_TRACKED; i++) accept(event(`run_000000003${String(i).padStart(4, '0')}`, 1, 'other'));
    expect(subscription({ flowId: 'bounded' })).toEqual({ flowId: 'bounded', after: {}, since: 'run_000000002bbbb', batch: true });
  });
});

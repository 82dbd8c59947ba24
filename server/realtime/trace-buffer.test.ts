import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../storage/types.js';
import { TraceBuffer } from './trace-buffer.js';

const event = (runId: string, seq: number, flowId = 'f'): TraceEvent => ({ kind: 'run.started', runId, flowId, seq, run: {} as never });

describe('trace buffer', () => {
  it('gives the events after a number and says whether it holds all of them', () => {
    const buffer = new TraceBuffer({ maxEventsPerRun: 4 });
    for (let seq = 1; seq <= 3; seq++) buffer.add(event('run_a', seq));
    expect(buffer.since('run_a', 0)).toMatchObject({ complete: true, known: true });
    expect(buffer.since('run_a', 1).events.map((e) => e.seq)).toEqual([2, 3]);
    for (let seq = 4; seq <= 5; seq++) buffer.add(event('run_a', seq)); // over 4: trimmed to the latest 2
    expect(buffer.since('run_a', 0)).toMatchObject({ complete: false });
    expect(buffer.since('run_a', 3)).toMatchObject({ complete: true });
    expect(buffer.since('run_a', 3).events.map((e) => e.seq)).toEqual([4, 5]);
    expect(buffer.since('run_b', 0)).toEqual({ events: [], complete: false, known: false });
  });

  it('keeps at most maxRuns runs, dropping the one whose last event is oldest', () => {
    const buffer = new TraceBuffer({ maxRuns: 2 });
    buffer.add(event('run_a', 1));
    buffer.add(event('run_b', 1));
    buffer.add(event('run_a', 2)); // a is now the most recent
    buffer.add(event('run_c', 1, 'g'));
    expect(buffer.size).toBe(2);
    expect(buffer.since('run_b', 0).known).toBe(false);
    expect(buffer.runsOf('f', 'run_')).toEqual(['run_a']);
    expect(buffer.runsOf('g', 'run_b')).toEqual(['run_c']);
  });

  it('keeps at most maxFinishedRuns finished runs, dropping the first to finish; runs still going stay', () => {
    const buffer = new TraceBuffer({ maxFinishedRuns: 2 });
    const finished = (runId: string, seq: number): TraceEvent => ({ kind: 'run.finished', runId, flowId: 'f', seq, run: {} as never });
    buffer.add(event('run_going', 1));
    for (const id of ['run_a', 'run_b', 'run_c']) {
      buffer.add(event(id, 1));
      buffer.add(finished(id, 2));
    }
    expect(buffer.size).toBe(3);
    expect(buffer.since('run_a', 0).known).toBe(false);
    expect(buffer.since('run_b', 0).known).toBe(true);
    expect(buffer.since('run_going', 0).known).toBe(true);
  });
});

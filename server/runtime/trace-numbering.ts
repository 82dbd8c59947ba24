/**
 * How trace events are numbered, and how they are rebuilt from a stored run record.
 *
 * The executor numbers a run's trace events 1, 2, 3… (`seq`): `run.started` is 1, every recorded state of a
 * step (started, waiting for its connection, finished) takes the next number, and `run.finished` the one
 * after the last step event. Each stored step carries the `traceSeq` of the event that carried its latest
 * state. The run record keeps only that latest state per step, so events rebuilt from it are the run's
 * trace compacted: every step once, in its latest state, under the number it was sent with. A client
 * resuming from an older number therefore gets no event twice and nothing out of order (case T1); the
 * superseded intermediate states of a step are the only thing it does not see again.
 */
import type { RunRecord, RunSummary, StepRecord, TraceEvent } from '../storage/types.js';

/** Number of the last trace event of a started run whose stored steps are `steps` (1: only run.started). */
export function lastTraceSeq(steps: readonly StepRecord[]): number {
  let last = 1;
  for (const step of steps) {
    // Records written before steps carried their number: run.started, then a start and an end per step.
    const seq = step.traceSeq ?? step.seq * 2 + (step.status === 'running' ? 0 : 1);
    if (seq > last) last = seq;
  }
  return last;
}

/** The summary as it was when the run started (what `run.started` carried). */
function startedSummary(record: RunRecord): RunSummary {
  const { steps: _steps, input: _input, request: _request, finishedAt: _f, durationMs: _d, error: _e, responseStatus: _r, ...rest } = record;
  return { ...rest, status: 'running', stepCount: 0, businessKeys: {} };
}

function finishedSummary(record: RunRecord): RunSummary {
  const { steps: _steps, input: _input, request: _request, ...summary } = record;
  return summary;
}

/**
 * The trace events of a stored run numbered above `afterSeq`, in order (see the module comment: one event
 * per step, its latest state). A run still going has no `run.finished`.
 */
export function eventsFromRecord(record: RunRecord, afterSeq = 0): TraceEvent[] {
  const base = { runId: record.id, flowId: record.flowId };
  const events: TraceEvent[] = [];
  if (afterSeq < 1) events.push({ kind: 'run.started', ...base, seq: 1, run: startedSummary(record) });
  const steps = [...record.steps].sort((a, b) => a.seq - b.seq);
  let last = 1;
  const stepEvents: TraceEvent[] = [];
  for (const step of steps) {
    const seq = step.traceSeq ?? step.seq * 2 + (step.status === 'running' ? 0 : 1);
    if (seq > last) last = seq;
    if (seq <= afterSeq) continue;
    stepEvents.push(step.status === 'running' ? { kind: 'step.started', ...base, seq, step } : { kind: 'step.finished', ...base, seq, step });
  }
  events.push(...stepEvents.sort((a, b) => a.seq - b.seq));
  if (record.status !== 'running' && last + 1 > afterSeq) {
    events.push({ kind: 'run.finished', ...base, seq: last + 1, run: finishedSummary(record) });
  }
  return events;
}

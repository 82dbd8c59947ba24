/**
 * What a resumed run already did: its recorded steps grouped into visits (one visit = every attempt of one
 * execution of a node), so the executor can replay completed visits from the record instead of running
 * them again (the event-history replay of durable execution engines such as Temporal).
 */
import { NodeError, type SerializedError } from '../../nodes/sdk/errors.js';
import type { Json } from '../../nodes/sdk/message.js';
import type { StepRecord } from '../storage/types.js';

/** Visits per node id, in order. A new visit starts at attempt 1. */
export type RunHistory = Map<string, StepRecord[][]>;

export function historyOf(steps: StepRecord[]): RunHistory {
  const history: RunHistory = new Map();
  for (const step of [...steps].sort((a, b) => a.seq - b.seq)) {
    const visits = history.get(step.nodeId) ?? [];
    if (step.attempt === 1 || visits.length === 0) visits.push([step]);
    else visits.at(-1)!.push(step);
    history.set(step.nodeId, visits);
  }
  return history;
}

/** The error a recorded failed attempt stands for (not retryable: its retries were already decided). */
export function restoreError(error: SerializedError | undefined): NodeError {
  return new NodeError(error?.code ?? 'failed', error?.message ?? 'failed', {
    retryable: false,
    ...(error?.status !== undefined ? { status: error.status } : {}),
    ...(error?.details !== undefined ? { details: error.details } : {}),
  });
}

/** Time (ms since epoch) a recorded attempt ended. */
export function endOf(step: StepRecord): number {
  return Date.parse(step.startedAt) + (step.durationMs ?? 0);
}

/** What a resumed run does with a visit it had already begun before the stop. */
export type VisitResumption =
  /** The visit finished: its outputs (or its final failure) come from the record, nothing runs again. */
  | { kind: 'replayed'; outputs?: Record<string, Json>; error?: NodeError; businessKeys?: Record<string, string> }
  | {
      kind: 'continue';
      /** The attempt number to run next. */
      firstAttempt: number;
      /** Attempts cut off by stops: their outcome is unknown, so they do not count against the retry budget. */
      extraAttempts: number;
      /** The step was waiting for its connection: its attempt never started and keeps its `seq`. */
      reuseSeq?: number;
      /** A cut-off attempt to record as failed (`interrupted`) before going on. */
      interrupted?: StepRecord;
      /** A pending retry: the time (ms since epoch) it is due. */
      dueAt?: number;
    };

/** Decides how to resume a visit from its recorded attempts (oldest first). */
export function resumeVisit(recorded: StepRecord[]): VisitResumption {
  const last = recorded.at(-1)!;
  if (last.status === 'succeeded') return { kind: 'replayed', outputs: last.output ?? {}, ...(last.businessKeys ? { businessKeys: last.businessKeys } : {}) };
  if (last.status === 'failed' && last.retryInMs === undefined) return { kind: 'replayed', error: restoreError(last.error) };
  const extraAttempts = recorded.filter((s) => (s.status === 'running' && !s.waitingFor) || s.error?.code === 'interrupted').length;
  if (last.status === 'running' && last.waitingFor) return { kind: 'continue', firstAttempt: last.attempt, extraAttempts, reuseSeq: last.seq };
  if (last.status === 'running') {
    return {
      kind: 'continue',
      firstAttempt: last.attempt + 1,
      extraAttempts,
      interrupted: { ...last, status: 'failed', durationMs: 0, error: { code: 'interrupted', message: 'the server stopped during this attempt' } },
    };
  }
  return { kind: 'continue', firstAttempt: last.attempt + 1, extraAttempts, dueAt: endOf(last) + last.retryInMs! };
}

/**
 * What a resumed run already did: its recorded steps grouped into visits (one visit = every attempt of one
 * execution of a node), so the executor can replay completed visits from the record instead of running
 * them again (the event-history replay of durable execution engines such as Temporal).
 */
import { NodeError, type SerializedError } from '../../nodes/sdk/errors.js';
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

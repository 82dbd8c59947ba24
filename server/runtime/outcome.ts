/**
 * What the end of a run means for its business event: who owns it now (and so whether the run's guard
 * claims go back), and the dead letter a failed run becomes.
 */
import type { DeadLetter, RunRecord, RunSummary } from '../storage/types.js';

const isTrial = (summary: RunSummary) => summary.mode === 'draft' || summary.mode === 'cli';

/**
 * Whether a finished run gives its business keys back:
 * - a failed or interrupted published run is parked: the dead-letter queue owns the event, its replay (same
 *   root run id) takes the claims over, and redeliveries meanwhile are duplicates — keep them;
 * - a run that answered its caller with an error status: the sender will deliver the event again — give back;
 * - draft and CLI runs never keep claims.
 */
export function givesEventBack(summary: RunSummary, status: RunSummary['status']): boolean {
  const failed = status === 'failed' || status === 'interrupted';
  if (isTrial(summary)) return true;
  if (failed) return false;
  return (summary.responseStatus ?? 0) >= 400;
}

/** The dead letter of a failed published or replay run; undefined for draft and CLI runs. */
export function deadLetterOf(summary: RunSummary, record: RunRecord, failure: NonNullable<RunSummary['error']>, parkedAt: string): DeadLetter | undefined {
  if (isTrial(summary)) return undefined;
  return {
    id: summary.id,
    flowId: summary.flowId,
    flowVersion: summary.flowVersion,
    status: 'parked',
    parkedAt,
    input: record.input,
    ...(record.request ? { request: record.request } : {}),
    triggerNodeId: summary.triggerNodeId,
    ...(failure.nodeId ? { nodeId: failure.nodeId } : {}),
    error: failure,
    businessKeys: summary.businessKeys,
    correlationId: summary.correlationId,
    rootRunId: summary.rootRunId,
    replays: [],
  };
}

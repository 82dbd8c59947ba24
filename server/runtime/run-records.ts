/**
 * The record a new run starts with: for a trigger event (`newRunRecord`) and for a re-run from a step of an
 * earlier run (`rerunRecord`, which also picks the steps copied from the original).
 */
import { randomUUID } from 'node:crypto';
import { LedgerflowError } from '../../nodes/sdk/errors.js';
import type { RunRecord, StepRecord } from '../storage/types.js';
import type { CompiledFlow } from './compile.js';
import type { StartRunOptions } from './runtime-types.js';

/** A run about to start: status running, no steps. */
export function newRunRecord(options: StartRunOptions, triggerNodeId: string, runId: string, startedMs: number): RunRecord {
  const { compiled } = options;
  return {
    id: runId,
    flowId: compiled.flow.id,
    flowVersion: compiled.version,
    mode: options.mode,
    ...(options.replayOf ? { replayOf: options.replayOf } : {}),
    rootRunId: options.rootRunId ?? runId,
    status: 'running',
    correlationId: options.correlationId ?? randomUUID(),
    triggerNodeId,
    startedAt: new Date(startedMs).toISOString(),
    businessKeys: {},
    stepCount: 0,
    input: options.input,
    ...(options.request ? { request: options.request } : {}),
    steps: [],
  };
}

/**
 * The record of a re-run of `original` from its step `fromSeq` on `compiled`, and the steps it copies: every
 * finished step before the visit that holds `fromSeq` (a visit's attempts are contiguous, so those visits
 * completed before it).
 * @throws LedgerflowError `no-such-step` when the run has no step `fromSeq`.
 */
export function rerunRecord(original: RunRecord, compiled: CompiledFlow, fromSeq: number, runId: string, startedMs: number): { record: RunRecord; copied: StepRecord[] } {
  const from = original.steps.find((step) => step.seq === fromSeq);
  if (!from) throw new LedgerflowError('no-such-step', `run "${original.id}" has no step ${fromSeq}`);
  const visitStart = Math.max(1, ...original.steps.filter((s) => s.nodeId === from.nodeId && s.attempt === 1 && s.seq <= fromSeq).map((s) => s.seq));
  const copied = original.steps.filter((step) => step.seq < visitStart && step.status !== 'running').map((step) => ({ ...step, runId }));
  const record = newRunRecord(
    {
      compiled,
      mode: 'replay',
      input: original.input,
      ...(original.request ? { request: original.request } : {}),
      correlationId: original.correlationId,
      replayOf: original.id,
      rootRunId: original.rootRunId,
    },
    original.triggerNodeId,
    runId,
    startedMs,
  );
  return { record, copied };
}

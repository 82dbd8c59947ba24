/**
 * The executor: runs one published (or draft) flow for one trigger event, durably.
 *
 * Semantics (ARCHITECTURE.md, "A run" and "Failure semantics"):
 * - Messages move breadth-first from the trigger along the edges of the ports a node fired.
 * - Each attempt of a node is a step, recorded before it runs (input, attempt) and after (output or error,
 *   duration), and sent live as trace events numbered per run (`seq` 1, 2, 3…).
 * - A failed attempt is retried per the node's retry policy when the error is retryable, waiting the
 *   backoff delay or the downstream's `Retry-After`, whichever is longer.
 * - A failure that exhausts its attempts goes to the node's `error` port when one is wired; otherwise the
 *   run fails, gives back its guard claims, and is parked in the dead-letter queue.
 * - Outbound idempotency keys are `<rootRunId>:<nodeId>`: the same on every attempt, after a resume and in
 *   every replay of a dead letter (case R2); the second and later visits of a node (after a splitter) add
 *   `~<visit>`.
 * - `resume` continues a run cut off by a stop: completed visits are replayed from the record, a pending
 *   retry waits out its remaining delay, an attempt that was cut off is tried again (case R3).
 * - A run is bounded in time (`settings.runTimeoutMs`) and in steps (`MAX_STEPS`, against cycles).
 */
import type { NodeOutputs } from '../../nodes/sdk/context.js';
import { ERROR_PORT } from '../../nodes/sdk/define.js';
import { LedgerflowError, NodeError, serializeError } from '../../nodes/sdk/errors.js';
import { freezePayload, type Json, type Message } from '../../nodes/sdk/message.js';
import { retryDelayMs } from '../../nodes/sdk/retry.js';
import type { RunRecord, RunSummary, StepRecord, TraceEvent } from '../storage/types.js';
import type { CompiledFlow, CompiledNode } from './compile.js';
import { historyOf, resumeVisit } from './history.js';
import { evaluateBusinessKeys } from './business-keys.js';
import { nodeContext } from './node-context.js';
import { deadLetterOf, givesEventBack } from './outcome.js';
import { newRunRecord, rerunRecord } from './run-records.js';
import { Deadlines, isoTime, newRunId, RunSlots, sleep, type Deadline } from './run-slots.js';
import { RunState } from './run-state.js';
import type { RunObserver, RuntimeServices, StartRunOptions, StartedRun } from './runtime-types.js';
import { lastTraceSeq } from './trace-numbering.js';

/** Upper bound of steps in one run (a flow with a cycle cannot spin for ever). */
export const MAX_STEPS = 10_000;
export type { RunObserver, RuntimeServices, StartRunOptions, StartedRun };
export { newRunId } from './run-slots.js';

type StepResult = { ok: true; outputs: NodeOutputs } | { ok: false; error: unknown };
type TraceBody = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 'runId' | 'flowId' | 'seq'> : never) : never;

export class Executor {
  private readonly active = new Map<string, RunState>();
  private readonly now: () => number;
  private readonly slots: RunSlots;
  /** Run time limits (one timer for all runs). */
  private readonly deadlines = new Deadlines();
  private stopping = false;

  constructor(private readonly services: RuntimeServices) {
    this.now = services.now ?? Date.now;
    this.slots = new RunSlots(services.maxConcurrentRuns ?? 256);
  }

  /** Runs accepted and not finished (executing or waiting for a slot). */
  get activeRuns(): number {
    return this.active.size;
  }

  /** Runs accepted and waiting for a slot (the backlog). */
  get queuedRuns(): number {
    return this.slots.queued;
  }

  /**
   * Starts a run. The run record (with its input) is recorded before this returns.
   * @throws LedgerflowError `no-trigger` when the flow has no such trigger.
   */
  start(options: StartRunOptions): StartedRun {
    const { compiled } = options;
    const trigger = options.triggerNodeId ? compiled.nodes.get(options.triggerNodeId) : compiled.triggers[0];
    if (!trigger || trigger.definition.category !== 'trigger') {
      throw new LedgerflowError('no-trigger', options.triggerNodeId ? `"${options.triggerNodeId}" is not a trigger of flow "${compiled.flow.id}"` : `flow "${compiled.flow.id}" has no trigger`);
    }
    const startedMs = this.now();
    const runId = newRunId(startedMs);
    const record = newRunRecord(options, trigger.node.id, runId, startedMs);
    void this.services.runs.startRun(record);
    const state = this.track(record, compiled, options.respond);
    if (options.onWaiting) state.onWaiting = options.onWaiting;
    if (this.nextTrace(state)) this.send(state, { kind: 'run.started', run: { ...state.summary } });
    const done = this.execute(state, trigger);
    return { runId, correlationId: record.correlationId, done };
  }

  /**
   * Continues a run that a stop cut off, on the compiled version it started with.
   * @returns its final summary.
   */
  resume(record: RunRecord, compiled: CompiledFlow): Promise<RunSummary> {
    const state = this.track(record, compiled, undefined);
    state.history = historyOf(record.steps);
    state.stepSeq = record.steps.reduce((max, step) => Math.max(max, step.seq), 0);
    state.traceSeq = lastTraceSeq(record.steps);
    state.log.info('resuming run');
    const trigger = compiled.nodes.get(record.triggerNodeId);
    if (!trigger) return this.finish(state, { code: 'interrupted', message: `trigger "${record.triggerNodeId}" is not in version ${compiled.version}` }, 'interrupted');
    return this.execute(state, trigger);
  }

  /**
   * Re-runs a run from one of its steps, on the compiled version it ran (`compiled`): the steps recorded
   * before the visit that holds `fromSeq` are copied into the new run and replayed from the record; that
   * visit and everything after it run again. The new run is linked to the original (`replayOf`) and keeps
   * its root run id and correlation id, so outbound idempotency keys are the original's: a posting that
   * reached the ERP is not repeated (case R2).
   * @throws LedgerflowError `no-such-step` when the run has no step `fromSeq`.
   */
  rerunFrom(original: RunRecord, compiled: CompiledFlow, fromSeq: number): StartedRun {
    const startedMs = this.now();
    const runId = newRunId(startedMs);
    const { record, copied: prefix } = rerunRecord(original, compiled, fromSeq, runId, startedMs);
    void this.services.runs.startRun(record);
    const state = this.track(record, compiled, undefined);
    if (this.nextTrace(state)) this.send(state, { kind: 'run.started', run: { ...state.summary } });
    for (const step of prefix) this.record(state, step);
    state.history = historyOf(prefix);
    state.stepSeq = prefix.reduce((max, step) => Math.max(max, step.seq), 0);
    state.summary.stepCount = state.stepSeq;
    state.log.info({ replayOf: original.id, fromSeq }, 're-running from a step');
    const trigger = compiled.nodes.get(original.triggerNodeId);
    const done = trigger
      ? this.execute(state, trigger)
      : this.finish(state, { code: 'interrupted', message: `trigger "${original.triggerNodeId}" is not in version ${compiled.version}` }, 'interrupted');
    return { runId, correlationId: record.correlationId, done };
  }

  /**
   * Records a run that cannot be resumed (a draft run, or its version is gone) as interrupted, parks it
   * in the dead-letter queue and gives back its guard claims.
   */
  async interrupt(record: RunRecord, reason: string): Promise<RunSummary> {
    const state = this.track(record, undefined as unknown as CompiledFlow, undefined);
    state.traceSeq = lastTraceSeq(record.steps);
    return this.finish(state, { code: 'interrupted', message: reason }, 'interrupted');
  }

  /**
   * Stops every run in progress for a server shutdown. Stopped runs are left unfinished in the record, so
   * the next start resumes them; their guard claims are kept.
   */
  stopAll(): void {
    this.stopping = true;
    for (const state of this.active.values()) state.abort(new LedgerflowError('stopped', 'server shutting down'));
    this.slots.wakeAll();
  }

  private track(record: RunRecord, compiled: CompiledFlow, respond: StartRunOptions['respond']): RunState {
    const state = new RunState(record, compiled, respond, this.services.log);
    this.active.set(record.id, state);
    return state;
  }

  /**
   * Takes the run's next trace number; true when someone follows the run (RuntimeServices.traceWanted), so
   * the caller builds the event and `send`s it. Unfollowed events are numbered all the same (case T1).
   */
  private nextTrace(state: RunState): boolean {
    state.traceSeq += 1;
    return this.services.traceWanted?.(state.summary.flowId, state.summary.id) ?? true;
  }

  /** Sends the event numbered by the last `nextTrace`. */
  private send(state: RunState, event: TraceBody): void {
    this.services.trace({ ...event, runId: state.summary.id, flowId: state.summary.flowId, seq: state.traceSeq } as TraceEvent);
  }

  private async execute(state: RunState, trigger: CompiledNode): Promise<RunSummary> {
    const wait = this.slots.acquire();
    if (wait) await wait;
    if (this.stopping) return { ...state.summary };
    try {
      return await this.executeInSlot(state, trigger);
    } finally {
      this.slots.release();
    }
  }

  private async executeInSlot(state: RunState, trigger: CompiledNode): Promise<RunSummary> {
    const { compiled, record } = state;
    const timeout: Deadline = this.deadlines.add(compiled.flow.settings.runTimeoutMs, () =>
      state.abort(new LedgerflowError('run-timeout', `run exceeded ${compiled.flow.settings.runTimeoutMs} ms`)),
    );
    let failure: RunSummary['error'];
    try {
      const message: Message = {
        payload: freezePayload(record.input),
        meta: {
          runId: record.id,
          flowId: record.flowId,
          flowVersion: record.flowVersion,
          correlationId: record.correlationId,
          businessKeys: state.summary.businessKeys,
          ...(record.request ? { request: record.request } : {}),
        },
      };
      const queue: Array<{ node: CompiledNode; message: Message }> = [{ node: trigger, message }];
      let steps = 0;
      while (queue.length > 0 && !failure) {
        const item = queue.shift()!;
        if (++steps > MAX_STEPS) {
          failure = { code: 'step-limit', message: `run exceeded ${MAX_STEPS} steps (is there a cycle?)`, nodeId: item.node.node.id };
          break;
        }
        const result = await this.runNode(state, item.node, item.message);
        if (result.ok) {
          for (const [port, output] of Object.entries(result.outputs)) {
            if (!output) continue;
            // Splitter ports (EIP): each element of the array payload travels on as its own message.
            const split = item.node.definition.splitPorts?.includes(port) && Array.isArray(output.payload);
            const messages = split ? (output.payload as Json[]).map((payload) => ({ ...output, payload })) : [output];
            for (const message of messages) {
              for (const edge of item.node.outgoing.get(port) ?? []) queue.push({ node: compiled.nodes.get(edge.target)!, message });
            }
          }
          continue;
        }
        const error = serializeError(result.error);
        const handlers = item.node.outgoing.get(ERROR_PORT);
        if (handlers?.length && state.abortReason === undefined) {
          const routed: Message = {
            ...item.message,
            error: { nodeId: item.node.node.id, code: error.code, message: error.message, ...(error.status ? { status: error.status } : {}) },
          };
          for (const edge of handlers) queue.push({ node: compiled.nodes.get(edge.target)!, message: routed });
        } else {
          failure = { ...error, nodeId: item.node.node.id };
        }
      }
    } catch (error) {
      failure = serializeError(error);
      state.log.error({ err: error }, 'run failed unexpectedly');
    } finally {
      this.deadlines.cancel(timeout);
    }
    if (this.stopping) {
      this.active.delete(state.summary.id);
      return { ...state.summary }; // left unfinished on purpose: resumed at the next start
    }
    return this.finish(state, failure, failure ? 'failed' : state.duplicateOf ? 'duplicate' : 'succeeded');
  }

  private async finish(state: RunState, failure: RunSummary['error'], status: RunSummary['status']): Promise<RunSummary> {
    const { summary, record } = state;
    const finishedMs = this.now();
    if (givesEventBack(summary, status)) for (const undo of state.compensations.reverse()) undo();
    const patch = {
      status,
      finishedAt: new Date(finishedMs).toISOString(),
      durationMs: finishedMs - Date.parse(summary.startedAt),
      businessKeys: summary.businessKeys,
      ...(failure ? { error: failure } : {}),
      ...(summary.responseStatus ? { responseStatus: summary.responseStatus } : {}),
    };
    Object.assign(summary, patch);
    void this.services.runs.finishRun(summary.id, patch);
    const letter = failure ? deadLetterOf(summary, record, failure, patch.finishedAt) : undefined;
    if (letter) this.services.deadLetters?.park(letter);
    this.services.observer?.runFinished(summary);
    if (this.nextTrace(state)) this.send(state, { kind: 'run.finished', run: { ...summary } });
    if (failure) state.log.warn({ error: failure }, `run ${status}`);
    this.active.delete(summary.id);
    return summary;
  }

  /** Records a state of a step: `step` is a new object, handed over (the store keeps it as it is). */
  private record(state: RunState, step: StepRecord): void {
    // The stored step knows the trace event that carried it, so a reconnecting client can be caught up
    // from the run record without duplicates (trace-numbering.ts, case T1).
    step.traceSeq = state.traceSeq + 1;
    void this.services.runs.recordStep(step);
    if (step.status === 'failed') {
      state.log.warn({ nodeId: step.nodeId, nodeType: step.nodeType, attempt: step.attempt, error: step.error, retryInMs: step.retryInMs }, 'step failed');
    }
    if (step.status !== 'running') this.services.observer?.stepFinished(state.summary.flowId, step);
    if (this.nextTrace(state)) this.send(state, step.status === 'running' ? { kind: 'step.started', step } : { kind: 'step.finished', step });
  }

  /** Runs every attempt of one visit of a node; returns its outputs or its last error. */
  private async runNode(state: RunState, node: CompiledNode, message: Message): Promise<StepResult> {
    const visit = state.visits.get(node.node.id) ?? 0;
    state.visits.set(node.node.id, visit + 1);
    let firstAttempt = 1;
    let extraAttempts = 0;
    /** A step that was waiting for its connection when the server stopped: its attempt never started. */
    let reuseSeq: number | undefined;
    const recorded = state.history?.get(node.node.id)?.[visit];
    if (recorded) {
      const resumption = resumeVisit(recorded);
      if (resumption.kind === 'replayed') {
        if (resumption.error) return { ok: false, error: resumption.error };
        const outputs: NodeOutputs = {};
        for (const [port, payload] of Object.entries(resumption.outputs ?? {})) outputs[port] = { ...message, payload };
        Object.assign(state.summary.businessKeys, resumption.businessKeys);
        return { ok: true, outputs };
      }
      if (resumption.interrupted) this.record(state, resumption.interrupted);
      if (resumption.dueAt !== undefined) {
        try {
          await sleep(Math.max(0, resumption.dueAt - this.now()), state.signal);
        } catch (reason) {
          return { ok: false, error: reason };
        }
      }
      ({ firstAttempt, extraAttempts, reuseSeq } = resumption);
    }
    const policy = node.retry;
    for (let attempt = firstAttempt; ; attempt++) {
      if (state.abortReason !== undefined) return { ok: false, error: state.abortReason };
      let startedMs = this.now();
      const step: StepRecord = {
        runId: state.summary.id,
        seq: reuseSeq ?? ++state.stepSeq,
        nodeId: node.node.id,
        nodeType: node.node.type,
        attempt,
        status: 'running',
        startedAt: isoTime(startedMs),
        input: message.payload,
      };
      reuseSeq = undefined;
      state.summary.stepCount = Math.max(state.summary.stepCount, step.seq);
      const connections = this.services.connections;
      const blocked = node.connection && connections?.blocked(node.connection);
      if (blocked && connections && node.connection) {
        // Held or circuit open: the step waits (durably: a stop leaves it waiting, the resume waits again).
        this.record(state, { ...step, waitingFor: blocked });
        state.onWaiting?.(blocked);
        try {
          await connections.admit(node.connection, state.signal);
        } catch (reason) {
          if (this.stopping) return { ok: false, error: reason };
          this.record(state, { ...step, status: 'failed', durationMs: this.now() - startedMs, error: serializeError(reason) });
          return { ok: false, error: reason };
        }
        startedMs = this.now();
        step.startedAt = isoTime(startedMs);
      }
      this.record(state, step);
      let result: StepResult;
      state.keysSet = undefined;
      try {
        const context = nodeContext(state, node, attempt, visit, this.services, this.now);
        const outputs = await node.definition.execute(context as never, message);
        result = { ok: true, outputs };
      } catch (error) {
        result = { ok: false, error };
      }
      // Stopped for a shutdown: leave the attempt open in the record; the resume tries it again.
      if (this.stopping) return { ok: false, error: state.abortReason ?? new LedgerflowError('stopped', 'server shutting down') };
      const finished: StepRecord = {
        runId: step.runId,
        seq: step.seq,
        nodeId: step.nodeId,
        nodeType: step.nodeType,
        attempt,
        status: result.ok ? 'succeeded' : 'failed',
        startedAt: step.startedAt,
        input: step.input,
        durationMs: this.now() - startedMs,
      };
      let retryInMs: number | undefined;
      if (result.ok) {
        const output: Record<string, Json> = {};
        for (const port in result.outputs) {
          const out = result.outputs[port];
          if (out) output[port] = freezePayload(out.payload);
        }
        finished.output = output;
        const declared = node.businessKeys?.length
          ? await evaluateBusinessKeys(node.businessKeys, result.outputs, (msg, fields) => state.log.warn({ nodeId: node.node.id, ...fields }, msg))
          : undefined;
        // Keys the node set itself (ctx.setBusinessKey) are kept on the step too, so a replay restores them.
        const keys = state.keysSet || declared ? { ...(state.keysSet ?? {}), ...(declared ?? {}) } : undefined;
        if (keys && Object.keys(keys).length) {
          finished.businessKeys = keys;
          Object.assign(state.summary.businessKeys, keys);
        }
      } else {
        finished.error = serializeError(result.error);
        const retryable = result.error instanceof NodeError && result.error.retryable;
        if (retryable && attempt < policy.maxAttempts + extraAttempts && state.abortReason === undefined) {
          retryInMs = retryDelayMs(policy, attempt + 1, (result.error as NodeError).retryAfterMs);
          finished.retryInMs = retryInMs;
        }
      }
      this.record(state, finished);
      if (result.ok || retryInMs === undefined) return result;
      try {
        await sleep(retryInMs, state.signal);
      } catch (reason) {
        return { ok: false, error: reason };
      }
    }
  }
}

/**
 * The executor: runs one published (or draft) flow for one trigger event.
 *
 * Semantics (ARCHITECTURE.md, "A run" and "Failure semantics"):
 * - Messages move breadth-first from the trigger along the edges of the ports a node fired.
 * - Each attempt of a node is a step, recorded before it runs (input, attempt) and after (output or error,
 *   duration), and sent live as trace events numbered per run (`seq` 1, 2, 3…).
 * - A failed attempt is retried per the node's retry policy when the error is retryable, waiting the
 *   backoff delay or the downstream's `Retry-After`, whichever is longer.
 * - A failure that exhausts its attempts goes to the node's `error` port when one is wired; otherwise the
 *   run fails with the node id and error.
 * - A run is bounded in time (`settings.runTimeoutMs`) and in steps (`MAX_STEPS`, against cycles).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ERROR_PORT } from '../../nodes/sdk/define.js';
import { LedgerflowError, NodeError, serializeError } from '../../nodes/sdk/errors.js';
import type { Json, Message, TriggerRequest } from '../../nodes/sdk/message.js';
import type { NodeOutputs, WebhookResponse } from '../../nodes/sdk/context.js';
import { retryDelayMs } from '../../nodes/sdk/retry.js';
import type { RunRecord, RunStore, RunSummary, StepRecord, TraceEvent } from '../storage/types.js';
import type { CompiledFlow, CompiledNode } from './compile.js';
import { createHttpClient } from './http-client.js';

/** Upper bound of steps in one run (a flow with a cycle cannot spin for ever). */
export const MAX_STEPS = 10_000;

export interface RuntimeServices {
  runs: RunStore;
  /** Receives every trace event (the live hub). */
  trace(event: TraceEvent): void;
  /** Base URL of this server, for outbound URLs starting with `/`. */
  baseUrl(): string;
  log: Logger;
  now?: () => number;
}

export interface StartRunOptions {
  compiled: CompiledFlow;
  mode: RunSummary['mode'];
  input: Json;
  /** Which trigger starts the run; the first trigger of the flow when left out. */
  triggerNodeId?: string;
  request?: TriggerRequest;
  /** From the caller's `X-Correlation-Id`; made up when absent. */
  correlationId?: string;
  /** Called at most once, by the first Respond node that runs. */
  respond?: (response: WebhookResponse) => void;
}

export interface StartedRun {
  runId: string;
  correlationId: string;
  /** Resolves with the run's final summary; never rejects. */
  done: Promise<RunSummary>;
}

/** Time-sortable run id: `run_` + 9 base-36 chars of ms time + 8 random hex chars. */
export function newRunId(nowMs: number): string {
  return `run_${nowMs.toString(36).padStart(9, '0')}${randomBytes(4).toString('hex')}`;
}

interface RunState {
  summary: RunSummary;
  compiled: CompiledFlow;
  traceSeq: number;
  stepSeq: number;
  controller: AbortController;
  respond: (response: WebhookResponse) => void;
  log: Logger;
}

type TraceBody = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 'runId' | 'flowId' | 'seq'> : never) : never;

type StepResult = { ok: true; outputs: NodeOutputs } | { ok: false; error: unknown };

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class Executor {
  private readonly active = new Map<string, RunState>();
  private readonly now: () => number;

  constructor(private readonly services: RuntimeServices) {
    this.now = services.now ?? Date.now;
  }

  /** Runs in progress. */
  get activeRuns(): number {
    return this.active.size;
  }

  /**
   * Starts a run. The run record is written before this returns a handle.
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
    const correlationId = options.correlationId ?? randomUUID();
    const summary: RunSummary = {
      id: runId,
      flowId: compiled.flow.id,
      flowVersion: compiled.version,
      mode: options.mode,
      status: 'running',
      correlationId,
      triggerNodeId: trigger.node.id,
      startedAt: new Date(startedMs).toISOString(),
      businessKeys: {},
      stepCount: 0,
    };
    let responded = false;
    const state: RunState = {
      summary,
      compiled,
      traceSeq: 0,
      stepSeq: 0,
      controller: new AbortController(),
      respond: (response) => {
        if (responded) return;
        responded = true;
        options.respond?.(response);
      },
      log: this.services.log.child({ runId, correlationId, flowId: compiled.flow.id }),
    };
    this.active.set(runId, state);
    const record: RunRecord = { ...summary, input: options.input, steps: [] };
    void this.services.runs.startRun(record);
    this.emit(state, { kind: 'run.started', run: { ...summary } });
    const message: Message = {
      payload: options.input,
      meta: {
        runId,
        flowId: compiled.flow.id,
        flowVersion: compiled.version,
        correlationId,
        businessKeys: summary.businessKeys,
        ...(options.request ? { request: options.request } : {}),
      },
    };
    const done = this.execute(state, trigger, message).finally(() => this.active.delete(runId));
    return { runId, correlationId, done };
  }

  /** Cancels every run in progress (server shutdown). */
  abortAll(reason = 'server shutting down'): void {
    for (const state of this.active.values()) state.controller.abort(new LedgerflowError('aborted', reason));
  }

  private emit(state: RunState, event: TraceBody): void {
    state.traceSeq += 1;
    this.services.trace({ ...event, runId: state.summary.id, flowId: state.summary.flowId, seq: state.traceSeq } as TraceEvent);
  }

  private async execute(state: RunState, trigger: CompiledNode, message: Message): Promise<RunSummary> {
    const { summary, compiled } = state;
    const timeout = setTimeout(
      () => state.controller.abort(new LedgerflowError('run-timeout', `run exceeded ${compiled.flow.settings.runTimeoutMs} ms`)),
      compiled.flow.settings.runTimeoutMs,
    );
    let failure: RunSummary['error'];
    try {
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
            for (const edge of item.node.outgoing.get(port) ?? []) queue.push({ node: compiled.nodes.get(edge.target)!, message: output });
          }
          continue;
        }
        const error = serializeError(result.error);
        const handlers = item.node.outgoing.get(ERROR_PORT);
        if (handlers?.length && !state.controller.signal.aborted) {
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
      clearTimeout(timeout);
    }
    const finishedMs = this.now();
    const patch = {
      status: failure ? ('failed' as const) : ('succeeded' as const),
      finishedAt: new Date(finishedMs).toISOString(),
      durationMs: finishedMs - Date.parse(summary.startedAt),
      businessKeys: summary.businessKeys,
      ...(failure ? { error: failure } : {}),
    };
    Object.assign(summary, patch);
    void this.services.runs.finishRun(summary.id, patch);
    this.emit(state, { kind: 'run.finished', run: { ...summary } });
    if (failure) state.log.warn({ error: failure }, 'run failed');
    return summary;
  }

  /** Runs every attempt of one node; returns its outputs or its last error. */
  private async runNode(state: RunState, node: CompiledNode, message: Message): Promise<StepResult> {
    const { signal } = state.controller;
    const policy = node.retry;
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) return { ok: false, error: signal.reason };
      const startedMs = this.now();
      const step: StepRecord = {
        runId: state.summary.id,
        seq: ++state.stepSeq,
        nodeId: node.node.id,
        nodeType: node.node.type,
        attempt,
        status: 'running',
        startedAt: new Date(startedMs).toISOString(),
        input: message.payload,
      };
      state.summary.stepCount = step.seq;
      void this.services.runs.recordStep(step);
      this.emit(state, { kind: 'step.started', step });
      let result: StepResult;
      try {
        const outputs = await node.definition.execute(
          {
            node: { id: node.node.id, type: node.node.type, ...(node.node.name ? { name: node.node.name } : {}) },
            config: node.config,
            compiled: node.compiled,
            attempt,
            idempotencyKey: `${state.summary.id}:${node.node.id}`,
            http: createHttpClient({ baseUrl: this.services.baseUrl, correlationId: state.summary.correlationId, signal }),
            respond: state.respond,
            log: {
              info: (msg, fields) => state.log.info({ nodeId: node.node.id, ...fields }, msg),
              warn: (msg, fields) => state.log.warn({ nodeId: node.node.id, ...fields }, msg),
              error: (msg, fields) => state.log.error({ nodeId: node.node.id, ...fields }, msg),
            },
            now: this.now,
            signal,
          },
          message,
        );
        result = { ok: true, outputs };
      } catch (error) {
        result = { ok: false, error };
      }
      const finished: StepRecord = { ...step, durationMs: this.now() - startedMs };
      let retryInMs: number | undefined;
      if (result.ok) {
        finished.status = 'succeeded';
        const output: Record<string, Json> = {};
        for (const [port, out] of Object.entries(result.outputs)) if (out) output[port] = out.payload;
        finished.output = output;
      } else {
        finished.status = 'failed';
        finished.error = serializeError(result.error);
        const retryable = result.error instanceof NodeError && result.error.retryable;
        if (retryable && attempt < policy.maxAttempts && !signal.aborted) {
          retryInMs = retryDelayMs(policy, attempt + 1, (result.error as NodeError).retryAfterMs);
          finished.retryInMs = retryInMs;
        }
      }
      void this.services.runs.recordStep(finished);
      this.emit(state, { kind: 'step.finished', step: finished });
      if (result.ok || retryInMs === undefined) return result;
      try {
        await sleep(retryInMs, signal);
      } catch (reason) {
        return { ok: false, error: reason };
      }
    }
  }
}

/**
 * The executor's state of one run in progress: its summary and record, trace and step numbering, how it is
 * stopped (a lazily made AbortController), the webhook answer (given at most once), its logger (made on
 * first use) and what a failure gives back (compensations). A class, not an object literal of getters and
 * closures: one is made per run on the webhook hot path (W1).
 */
import type { Logger } from 'pino';
import type { WebhookResponse } from '../../nodes/sdk/context.js';
import type { RunRecord, RunSummary } from '../storage/types.js';
import type { CompiledFlow } from './compile.js';
import type { RunHistory } from './history.js';

export class RunState {
  readonly summary: RunSummary;
  /** Number of the last trace event (run.started is 1; see trace-numbering.ts). */
  traceSeq = 0;
  /** `seq` of the last step. */
  stepSeq = 0;
  /** Why the run was stopped (time limit, shutdown); undefined while it may go on. */
  abortReason?: unknown;
  /** Business keys a node set itself (ctx.setBusinessKey) during the current attempt. */
  keysSet?: Record<string, string>;
  /** Executions per node so far (to line visits up with a resumed run's history). */
  readonly visits = new Map<string, number>();
  history?: RunHistory;
  /** Undone when the run fails: guard claims and entity versions go back. */
  readonly compensations: Array<() => void> = [];
  duplicateOf?: string;
  onWaiting?: (reason: string) => void;
  private controller?: AbortController;
  private childLog?: Logger;
  private responded = false;

  constructor(
    readonly record: RunRecord,
    readonly compiled: CompiledFlow,
    private readonly answer: ((response: WebhookResponse) => void) | undefined,
    private readonly parentLog: Logger,
  ) {
    const { steps: _steps, input: _input, request: _request, ...summary } = record;
    this.summary = summary;
  }

  /** Aborted when the run is stopped; made on first use (most runs never need it). */
  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    if (this.abortReason !== undefined && !this.controller.signal.aborted) this.controller.abort(this.abortReason);
    return this.controller.signal;
  }

  /** Stops the run (the first reason wins): waits and I/O on `signal` end, no further attempt starts. */
  abort(reason: unknown): void {
    if (this.abortReason !== undefined) return;
    this.abortReason = reason;
    this.controller?.abort(reason);
  }

  /** Answers the webhook caller, once; later calls are ignored. */
  respond(response: WebhookResponse): void {
    if (this.responded) return;
    this.responded = true;
    this.summary.responseStatus = response.status;
    this.answer?.(response);
  }

  /** The run's logger (run, correlation and flow ids), made on first use: most runs log nothing. */
  get log(): Logger {
    return (this.childLog ??= this.parentLog.child({ runId: this.record.id, correlationId: this.record.correlationId, flowId: this.record.flowId }));
  }

  markDuplicate(ofRunId: string): void {
    this.duplicateOf = ofRunId;
  }
}

/**
 * The executor's public shapes: the services it is given, how a run is started, and the handle it returns.
 */
import type { Logger } from 'pino';
import type { WebhookResponse } from '../../nodes/sdk/context.js';
import type { Json, TriggerRequest } from '../../nodes/sdk/message.js';
import type { DeadLetterStore, GuardStore, ReconciliationStore, RunStore, RunSummary, StepRecord, TraceEvent, XrefStore } from '../storage/types.js';
import type { ConnectionAuthenticator } from '../connections/outbound.js';
import type { CompiledFlow } from './compile.js';
import type { ConnectionGovernor } from './connections.js';

export interface RuntimeServices {
  runs: RunStore;
  guards: GuardStore;
  deadLetters?: DeadLetterStore;
  /** Holds, circuit breakers and throttles per connection. */
  connections?: ConnectionGovernor;
  /** Connection profiles: base URL and auth for the HTTP calls of nodes that name a connection. */
  authenticator?: ConnectionAuthenticator;
  /** The xref given to nodes as `ctx.xref`. */
  xref?: XrefStore;
  /** Where `ctx.reports` keeps reconciliation reports. */
  reconciliations?: ReconciliationStore;
  /** Receives the trace events of the runs `traceWanted` says are followed (the live hub). */
  trace(event: TraceEvent): void;
  /**
   * Whether anyone follows the live trace of run `runId` of flow `flowId` right now (a browser watching it, a
   * client catching up, the CLI printing it). Events nobody follows are numbered but not built: what they
   * would carry is in the run record, from which a later subscriber is caught up. Absent: every event is built.
   */
  traceWanted?(flowId: string, runId: string): boolean;
  /** Told of every finished attempt and run, followed or not (metrics). */
  observer?: RunObserver;
  /** Base URL of this server, for outbound URLs starting with `/`. */
  baseUrl(): string;
  log: Logger;
  now?: () => number;
  /** Runs executing at once; further accepted runs wait their turn, in order (default 256). */
  maxConcurrentRuns?: number;
}

/** What the runtime reports to metrics, for every run whether or not its trace is followed. */
export interface RunObserver {
  /** An attempt of a node ended (succeeded or failed; `step.retryInMs` set when it will be retried). */
  stepFinished(flowId: string, step: StepRecord): void;
  /** A run ended (any final status). */
  runFinished(run: RunSummary): void;
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
  /** Called when a step starts waiting for its connection (on hold, circuit open): the caller need not wait. */
  onWaiting?: (reason: string) => void;
  /** Replays: the run replayed and the root of its chain. */
  replayOf?: string;
  rootRunId?: string;
}

export interface StartedRun {
  runId: string;
  correlationId: string;
  /** Resolves with the run's final summary; never rejects. */
  done: Promise<RunSummary>;
}

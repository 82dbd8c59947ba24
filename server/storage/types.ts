/**
 * Storage interfaces. The runtime and the HTTP layer speak only to these; `lowdb/` is the embedded
 * implementation (nothing to install), a PostgreSQL implementation is the scale-out one.
 * These types are also the wire shapes of the REST API and the live trace (client imports them as types).
 */
import type { Flow } from '../../nodes/sdk/flow.js';
import type { SerializedError } from '../../nodes/sdk/errors.js';
import type { Json, TriggerRequest } from '../../nodes/sdk/message.js';

/**
 * `running` covers accepted-and-waiting too; `duplicate`: an idempotent consumer found the business event
 * already handled; `interrupted`: cut off by a stop and not resumable (a draft run, or its version is gone).
 */
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'duplicate' | 'interrupted';
export type StepStatus = 'running' | 'succeeded' | 'failed';

/** One attempt of one node in a run. Times are ISO 8601 (UTC), durations in ms. */
export interface StepRecord {
  runId: string;
  /** Position of this step in its run, from 1. */
  seq: number;
  nodeId: string;
  nodeType: string;
  /** 1 for the first attempt. */
  attempt: number;
  status: StepStatus;
  startedAt: string;
  durationMs?: number;
  /** The payload the node received. */
  input: Json;
  /** Payloads by output port (a missing port did not fire). */
  output?: Record<string, Json>;
  error?: SerializedError;
  /** For a failed attempt that will be retried: ms until the next attempt. */
  retryInMs?: number;
  /** Set while the step waits for its connection (on hold, or circuit open) before the attempt starts. */
  waitingFor?: string;
}

export interface RunSummary {
  id: string;
  flowId: string;
  flowVersion: number;
  /** `draft` runs come from the designer's test-run and run the unpublished draft. */
  mode: 'published' | 'draft' | 'cli' | 'replay';
  /** For a replay: the run it replays (the dead letter's run). */
  replayOf?: string;
  /** The first run of a replay chain (itself when not a replay): outbound idempotency keys derive from it. */
  rootRunId: string;
  status: RunStatus;
  correlationId: string;
  triggerNodeId: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  businessKeys: Record<string, string>;
  stepCount: number;
  error?: SerializedError & { nodeId?: string };
  /** HTTP status a Respond node answered the webhook caller with. */
  responseStatus?: number;
}

export interface RunRecord extends RunSummary {
  /** The trigger's input payload, kept for replay. */
  input: Json;
  /** The inbound request of a webhook run (headers without credentials), kept for resume and replay. */
  request?: TriggerRequest;
  steps: StepRecord[];
}

export interface RunFilter {
  flowId?: string;
  status?: RunStatus;
  /** Newest first; at most this many (default 50, max 500). */
  limit?: number;
  /** Return runs started strictly before this run id's start (paging cursor). */
  before?: string;
}

export interface RunStore {
  /** Records a new run (status running). */
  startRun(run: RunRecord): Promise<void>;
  /** Records a step event: the start of an attempt, then its end (same runId+seq, later wins). */
  recordStep(step: StepRecord): Promise<void>;
  /** Records the end of a run. */
  finishRun(runId: string, patch: Pick<RunSummary, 'status' | 'finishedAt' | 'durationMs' | 'businessKeys' | 'error' | 'responseStatus'>): Promise<void>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  listRuns(filter: RunFilter): Promise<RunSummary[]>;
  /** Runs with no end record (cut off by a stop), oldest first. */
  unfinished(): RunSummary[];
  /** Resolves once everything recorded so far is on disk. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface FlowSummary {
  id: string;
  name: string;
  description?: string;
  updatedAt: string;
  /** Latest published version number, if any. */
  publishedVersion?: number;
  nodeCount: number;
}

export interface FlowStore {
  list(): Promise<FlowSummary[]>;
  get(flowId: string): Promise<{ flow: Flow; updatedAt: string } | undefined>;
  /** Saves the draft. */
  put(flow: Flow): Promise<{ updatedAt: string }>;
  delete(flowId: string): Promise<boolean>;
}

export interface PublishedVersion {
  flowId: string;
  version: number;
  message?: string;
  publishedAt: string;
  flow: Flow;
}

export interface VersionStore {
  /** Freezes `flow` as the next version. */
  publish(flow: Flow, message?: string): Promise<PublishedVersion>;
  get(flowId: string, version: number): Promise<PublishedVersion | undefined>;
  latest(flowId: string): Promise<PublishedVersion | undefined>;
  list(flowId: string): Promise<Array<Omit<PublishedVersion, 'flow'>>>;
  /** Every flow's latest version (to register webhooks at start-up). */
  allLatest(): Promise<PublishedVersion[]>;
}

export interface Storage {
  flows: FlowStore;
  versions: VersionStore;
  runs: RunStore;
  deadLetters: DeadLetterStore;
  guards: GuardStore;
  /** Holds and limits per connection (the runtime's ConnectionGovernor reads and writes them). */
  connectionControls: import('./record-log.js').RecordLog<ConnectionControl>;
  close(): Promise<void>;
}

/** A live trace event (socket.io event `trace`). `seq` increases by 1 per event within a run. */
export type TraceEvent =
  | { kind: 'run.started'; runId: string; flowId: string; seq: number; run: RunSummary }
  | { kind: 'step.started'; runId: string; flowId: string; seq: number; step: StepRecord }
  | { kind: 'step.finished'; runId: string; flowId: string; seq: number; step: StepRecord }
  | { kind: 'run.finished'; runId: string; flowId: string; seq: number; run: RunSummary };

/** A run parked in the dead-letter queue: its failure was not handled by an error port. */
export interface DeadLetter {
  /** The failed run's id. */
  id: string;
  flowId: string;
  flowVersion: number;
  status: 'parked' | 'replayed' | 'discarded';
  parkedAt: string;
  /** The original trigger input (editable before a replay). */
  input: Json;
  /** True once the payload was edited. */
  edited?: boolean;
  request?: TriggerRequest;
  triggerNodeId: string;
  /** The node whose failure parked the run. */
  nodeId?: string;
  error: SerializedError;
  businessKeys: Record<string, string>;
  correlationId: string;
  rootRunId: string;
  /** Runs started by replaying this letter, oldest first. */
  replays: string[];
  discardReason?: string;
  discardedAt?: string;
}

export interface DeadLetterFilter {
  flowId?: string;
  status?: DeadLetter['status'];
  /** Matches run id, correlation id, business key values, error text or the node id (case-insensitive). */
  search?: string;
  limit?: number;
}

export interface DeadLetterStore {
  park(letter: DeadLetter): void;
  get(id: string): DeadLetter | undefined;
  list(filter: DeadLetterFilter): DeadLetter[];
  update(id: string, patch: Partial<DeadLetter>): DeadLetter | undefined;
  /** Parked letters, with the age of the oldest in ms. */
  stats(now: number): { parked: number; oldestAgeMs: number };
}

/** An idempotent consumer's claim on a business key. */
export interface Claim {
  runId: string;
  claimedAt: string;
  /** ISO time after which the claim no longer counts. */
  expiresAt?: string;
}

/** The last version of an entity a stale-event guard let through. */
export interface AppliedVersion {
  version: number | string;
  runId: string;
  appliedAt: string;
}

/** Atomic claims and entity versions for the guard nodes, scoped by `<flowId>/<nodeId>`. */
export interface GuardStore {
  /** Claims `key` for `runId` unless a live claim exists. Atomic within the process. */
  claim(scope: string, key: string, runId: string, ttlMs?: number): { claimed: true } | { claimed: false; holder: Claim };
  /** Removes the claim if `runId` holds it (a failed run gives its business keys back). */
  release(scope: string, key: string, runId: string): void;
  /** Removes every claim `runId` holds (a discarded dead letter gives its business keys back). */
  releaseOwner(runId: string): void;
  /** Records `version` for `entity` if it is not older than the last applied one. */
  advance(scope: string, entity: string, version: number | string, runId: string): { applied: true; previous?: AppliedVersion } | { applied: false; current: AppliedVersion };
  /** Puts back `previous` if `runId` still holds the entity's latest version (a failed run). */
  revert(scope: string, entity: string, runId: string, previous?: AppliedVersion): void;
  flush(): Promise<void>;
}

/** Hold and limits of one target system (connection), kept across restarts. */
export interface ConnectionControl {
  name: string;
  hold?: { reason: string; since: string; until?: string };
  /** Requests per second; absent: unlimited. */
  rps?: number;
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** Time the circuit stays open before a trial call, in ms (default 30,000). */
  halfOpenAfterMs?: number;
}


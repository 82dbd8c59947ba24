/**
 * Storage interfaces. The runtime and the HTTP layer speak only to these; `lowdb/` is the embedded
 * implementation (nothing to install), a PostgreSQL implementation is the scale-out one.
 * These types are also the wire shapes of the REST API and the live trace (client imports them as types).
 */
import type { Flow } from '../../nodes/sdk/flow.js';
import type { SerializedError } from '../../nodes/sdk/errors.js';
import type { Json, TriggerRequest } from '../../nodes/sdk/message.js';
import type { XrefRef } from '../../nodes/sdk/context.js';
import type { ReconciliationResult } from '../../nodes/sdk/reconciliation.js';

export type { XrefRef } from '../../nodes/sdk/context.js';

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
  /** Business keys the node declares (`FlowNode.businessKeys`), as evaluated on its output. */
  businessKeys?: Record<string, string>;
  /** Set while the step waits for its connection (on hold, or circuit open) before the attempt starts. */
  waitingFor?: string;
  /** `seq` of the trace event that carried this state of the step (catch-up from the record, case T1). */
  traceSeq?: number;
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
  /** Published version number (0 for draft runs). */
  flowVersion?: number;
  status?: RunStatus;
  /** ISO 8601: runs started at or after this time. */
  from?: string;
  /** ISO 8601: runs started strictly before this time. */
  to?: string;
  /** Runs that have this value as any business key's value (exact match; served from an index). */
  businessKey?: string;
  /** Runs with this correlation id (exact match; served from an index). */
  correlationId?: string;
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
  /**
   * Visits the summaries of runs started in [from, to) (ISO 8601, both optional), newest first, without
   * copying them (for aggregates such as GET /api/stats): the visitor must not keep or change them, and
   * returns false to stop.
   */
  scanRuns(range: { flowId?: string; from?: string; to?: string }, visit: (run: Readonly<RunSummary>) => boolean | void): void;
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
  xref: XrefStore;
  reconciliations: ReconciliationStore;
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


/** Who made an xref link: a node of a run, a person through the API, or the seed file at first start. */
export type XrefOrigin =
  | { kind: 'run'; runId: string; flowId: string; nodeId: string }
  | { kind: 'manual'; note?: string }
  | { kind: 'seed'; source: string };

/** A two-way link between ids of two systems. Times are ISO 8601 (UTC). */
export interface XrefLink {
  a: XrefRef;
  b: XrefRef;
  origin: XrefOrigin;
  createdAt: string;
  /** Last time the link was saved (saving it again refreshes it, never duplicates it). */
  updatedAt: string;
}

export interface XrefFilter {
  /** Links with one end in this system (and entity, and id, when given)… */
  system?: string;
  entity?: string;
  id?: string;
  /** …and the other end in this system (and entity). */
  toSystem?: string;
  toEntity?: string;
  /** Newest first; default 100, max 1000. */
  limit?: number;
  offset?: number;
}

/**
 * The xref: cross-references of ids between systems (CRM account ↔ billing customer ↔ ERP customer,
 * opportunity ↔ subscription ↔ invoice ↔ ERP document). Links are undirected and unique per pair.
 */
export interface XrefStore {
  /**
   * Saves the link `a` ↔ `b` (an existing one keeps its createdAt and takes the new origin and updatedAt).
   * `replace`: first removes `a`'s links to other ids of `b`'s system and entity (one-to-one relations).
   */
  link(a: XrefRef, b: XrefRef, options: { origin: XrefOrigin; replace?: boolean }): Promise<XrefLink>;
  /** Removes the link; false when there was none. */
  unlink(a: XrefRef, b: XrefRef): Promise<boolean>;
  /** Links with `ref` at one end, optionally only those whose other end is in `to`; newest first. */
  linksOf(ref: XrefRef, to?: { system?: string; entity?: string }): Promise<XrefLink[]>;
  /** Every ref known with this id (in any system and entity, or only the given ones). */
  find(id: string, where?: { system?: string; entity?: string }): Promise<XrefRef[]>;
  list(filter: XrefFilter): Promise<{ links: XrefLink[]; total: number }>;
  count(): Promise<number>;
  flush(): Promise<void>;
}

/** A kept reconciliation: the result of a `reconcile.compare` step, named, with the run that made it. */
export interface ReconciliationReport extends ReconciliationResult {
  /** `rec_` + a time-sortable id. */
  id: string;
  name: string;
  createdAt: string;
  flowId: string;
  flowVersion: number;
  runId: string;
  nodeId: string;
  mode: RunSummary['mode'];
}

/** A report without its lists (the report list, /metrics). */
export type ReconciliationReportSummary = Pick<
  ReconciliationReport,
  'id' | 'name' | 'createdAt' | 'flowId' | 'flowVersion' | 'runId' | 'nodeId' | 'mode' | 'leftName' | 'rightName' | 'counts'
>;

export interface ReconciliationStore {
  /** Keeps a report; beyond the retention bound the oldest are dropped. */
  save(report: Omit<ReconciliationReport, 'id' | 'createdAt'>): Promise<ReconciliationReport>;
  get(id: string): Promise<ReconciliationReport | undefined>;
  /** Newest first (default 50, max 500). */
  list(filter: { flowId?: string; name?: string; limit?: number }): Promise<ReconciliationReportSummary[]>;
  /** The newest report per flow and name of published runs (the current state, for /metrics gauges; test runs left out). */
  latest(): ReconciliationReportSummary[];
  flush(): Promise<void>;
}

/**
 * Storage interfaces. The runtime and the HTTP layer speak only to these; `lowdb/` is the embedded
 * implementation (nothing to install), a PostgreSQL implementation is the scale-out one.
 * These types are also the wire shapes of the REST API and the live trace (client imports them as types).
 */
import type { Flow } from '../../nodes/sdk/flow.js';
import type { SerializedError } from '../../nodes/sdk/errors.js';
import type { Json } from '../../nodes/sdk/message.js';

export type RunStatus = 'running' | 'succeeded' | 'failed';
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
}

export interface RunSummary {
  id: string;
  flowId: string;
  flowVersion: number;
  /** `draft` runs come from the designer's test-run and run the unpublished draft. */
  mode: 'published' | 'draft' | 'cli';
  status: RunStatus;
  correlationId: string;
  triggerNodeId: string;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  businessKeys: Record<string, string>;
  stepCount: number;
  error?: SerializedError & { nodeId?: string };
}

export interface RunRecord extends RunSummary {
  /** The trigger's input payload, kept for replay. */
  input: Json;
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
  finishRun(runId: string, patch: Pick<RunSummary, 'status' | 'finishedAt' | 'durationMs' | 'businessKeys' | 'error'>): Promise<void>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  listRuns(filter: RunFilter): Promise<RunSummary[]>;
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
  close(): Promise<void>;
}

/** A live trace event (socket.io event `trace`). `seq` increases by 1 per event within a run. */
export type TraceEvent =
  | { kind: 'run.started'; runId: string; flowId: string; seq: number; run: RunSummary }
  | { kind: 'step.started'; runId: string; flowId: string; seq: number; step: StepRecord }
  | { kind: 'step.finished'; runId: string; flowId: string; seq: number; step: StepRecord }
  | { kind: 'run.finished'; runId: string; flowId: string; seq: number; run: RunSummary };

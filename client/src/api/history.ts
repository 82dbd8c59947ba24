/**
 * Run history, stats and audience views (docs/api.md, "History and metrics"). The history viewer only reads
 * run data: a re-run is asked for by run id and the server takes the input from its own record.
 */
import type { Slo } from '../../../nodes/sdk/flow.js';
import type { Json } from '../../../nodes/sdk/message.js';
import type { FlowConnection, FinanceView } from '../../../server/observability/audiences.js';
import type { BacklogSample } from '../../../server/observability/backlog.js';
import type { FlowStats } from '../../../server/observability/stats.js';
import type { PublishedVersion, RunFilter, RunRecord, RunSummary, StepRecord } from '../../../server/storage/types.js';
import { requestJson } from './http.js';

export type RunQuery = Omit<RunFilter, 'limit'> & { limit?: number };

function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Newest first; page with `before` = the last run id of the previous page. */
export const searchRuns = (query: RunQuery) => requestJson<RunSummary[]>('GET', `/api/runs${queryString(query as Record<string, string | number | undefined>)}`);

/** The run with large values truncated (see TruncatedValue). */
export const getRunDetail = (runId: string) => requestJson<RunRecord>('GET', `/api/runs/${encodeURIComponent(runId)}`);

export const getFullInput = (runId: string) => requestJson<Json>('GET', `/api/runs/${encodeURIComponent(runId)}/input`);

export const getFullStep = (runId: string, seq: number) => requestJson<StepRecord>('GET', `/api/runs/${encodeURIComponent(runId)}/steps/${seq}`);

/** A new run on the version this run ran, replaying its steps before `seq` from the record. */
export const rerunFrom = (runId: string, seq: number) =>
  requestJson<{ runId: string; flowVersion: number; replayOf: string; fromSeq: number }>('POST', `/api/runs/${encodeURIComponent(runId)}/rerun-from/${seq}`, {});
export const rerun = (runId: string) =>
  requestJson<{ runId: string; flowVersion: number; replayOf: string }>('POST', `/api/runs/${encodeURIComponent(runId)}/rerun`, {});

export const getVersion = (flowId: string, version: number) =>
  requestJson<PublishedVersion>('GET', `/api/flows/${encodeURIComponent(flowId)}/versions/${version}`);

export const getDeadLetter = (id: string) => requestJson<{ id: string; status: 'parked' | 'replayed' | 'discarded' }>('GET', `/api/dead-letters/${encodeURIComponent(id)}`);

export const replayDeadLetter = (id: string) => requestJson<{ runId: string }>('POST', `/api/dead-letters/${encodeURIComponent(id)}/replay`, {});

export interface FlowStatsView extends FlowStats {
  name: string;
  deadLetters: { parked: number; oldestAgeMs: number; aging: Array<{ band: string; count: number }> };
}

export interface StatsView {
  now: number;
  window: string;
  windowMs: number;
  bucketMs: number;
  flows: FlowStatsView[];
  backlog: { active: number; queued: number; series: BacklogSample[] };
  deadLetters: { parked: number; oldestAgeMs: number };
}

export const getStats = (window: string, flowId?: string) => requestJson<StatsView>('GET', `/api/stats${queryString({ window, flowId })}`);

export const getFinanceView = () => requestJson<FinanceView>('GET', '/api/views/finance');

export interface ArchitectureFlow {
  flowId: string;
  name: string;
  description?: string;
  updatedAt: string;
  publishedVersion?: number;
  versions: Array<{ version: number; message?: string; publishedAt: string }>;
  triggers: Array<{ nodeId: string; type: string; path?: string }>;
  connections: FlowConnection[];
  nodeCount: number;
  slos: Slo[];
}

export const getArchitectureView = () => requestJson<ArchitectureFlow[]>('GET', '/api/views/architecture');

/** Run history (docs/api.md, "runs" rows). */
import type { RunRecord, RunSummary } from '../../../server/storage/types.js';
import { requestJson } from './http.js';

/** Newest first. */
export const listRuns = (flowId: string, limit = 50) =>
  requestJson<RunSummary[]>('GET', `/api/runs?flowId=${encodeURIComponent(flowId)}&limit=${limit}`);

export const getRun = (runId: string) => requestJson<RunRecord>('GET', `/api/runs/${encodeURIComponent(runId)}`);

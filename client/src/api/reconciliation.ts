/** Reconciliation reports and schedule triggers (docs/api.md, "reconciliation and schedules"). */
import type { ScheduleInfo } from '../../../server/runtime/scheduler.js';
import type { ReconciliationReport, ReconciliationReportSummary } from '../../../server/storage/types.js';
import { requestJson } from './http.js';

export type { ScheduleInfo } from '../../../server/runtime/scheduler.js';

/** Newest first, without their lists. */
export const listReports = (limit = 50) => requestJson<ReconciliationReportSummary[]>('GET', `/api/reconciliation/reports?limit=${limit}`);

export const getReport = (id: string) => requestJson<ReconciliationReport>('GET', `/api/reconciliation/reports/${encodeURIComponent(id)}`);

export const listSchedules = () => requestJson<ScheduleInfo[]>('GET', '/api/schedules');

/** Starts a run of a schedule trigger now. */
export const runScheduleNow = (flowId: string, nodeId: string) =>
  requestJson<{ runId: string }>('POST', `/api/schedules/${encodeURIComponent(flowId)}/${encodeURIComponent(nodeId)}/run`);

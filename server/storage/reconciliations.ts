/**
 * Reconciliation reports, kept in a RecordLog (`<data>/reconciliations.ndjson`), newest first in lists.
 * Reports are small (discrepancies plus the matched keys); at most `maxReports` are kept, the oldest are
 * dropped when a new one is saved.
 */
import { randomBytes } from 'node:crypto';
import type { RecordLog } from './record-log.js';
import type { ReconciliationReport, ReconciliationReportSummary, ReconciliationStore } from './types.js';

export interface ReconciliationStoreOptions {
  /** Reports kept (default 1000). */
  maxReports?: number;
  now?: () => number;
}

/** Time-sortable report id: `rec_` + 9 base-36 chars of ms time + 8 random hex chars. */
function newReportId(ms: number): string {
  return `rec_${ms.toString(36).padStart(9, '0')}${randomBytes(4).toString('hex')}`;
}

export function summaryOf(report: ReconciliationReport): ReconciliationReportSummary {
  const { id, name, createdAt, flowId, flowVersion, runId, nodeId, mode, leftName, rightName, counts } = report;
  return { id, name, createdAt, flowId, flowVersion, runId, nodeId, mode, leftName, rightName, counts };
}

export function createReconciliationStore(log: RecordLog<ReconciliationReport>, options: ReconciliationStoreOptions = {}): ReconciliationStore {
  const max = options.maxReports ?? 1000;
  const now = options.now ?? Date.now;
  const newest = () => [...log.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return {
    async save(input) {
      const at = now();
      const report: ReconciliationReport = { ...input, id: newReportId(at), createdAt: new Date(at).toISOString() };
      log.set(report.id, report);
      if (log.size > max) for (const old of newest().slice(max)) log.delete(old.id);
      return report;
    },
    async get(id) {
      return log.get(id);
    },
    async list(filter) {
      const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
      return newest()
        .filter((r) => (!filter.flowId || r.flowId === filter.flowId) && (!filter.name || r.name === filter.name))
        .slice(0, limit)
        .map(summaryOf);
    },
    latest() {
      const seen = new Map<string, ReconciliationReportSummary>();
      for (const report of newest()) {
        if (report.mode === 'draft' || report.mode === 'cli') continue; // a designer test run is not the books' state
        const key = `${report.flowId}\u0000${report.name}`;
        if (!seen.has(key)) seen.set(key, summaryOf(report));
      }
      return [...seen.values()];
    },
    flush: () => log.flush(),
  };
}

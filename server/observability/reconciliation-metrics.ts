/**
 * Reconciliation in /metrics: gauges read from the newest kept report of each reconciliation (flow and
 * report name) when Prometheus scrapes, so an alert can fire on "invoices missing in the ERP > 0".
 *
 * | metric | type | labels |
 * |---|---|---|
 * | ledgerflow_reconciliation_discrepancies | gauge | flow, report, kind (missing_left, missing_right, mismatched, duplicates, unkeyed) |
 * | ledgerflow_reconciliation_matched | gauge | flow, report |
 * | ledgerflow_reconciliation_last_report_timestamp_seconds | gauge | flow, report |
 * | ledgerflow_reconciliation_reports_kept | gauge | flow, report |
 */
import { Gauge, type Registry } from 'prom-client';
import type { ReconciliationStore } from '../storage/types.js';

const KINDS = [
  ['missing_left', 'missingLeft'],
  ['missing_right', 'missingRight'],
  ['mismatched', 'mismatched'],
  ['duplicates', 'duplicates'],
  ['unkeyed', 'unkeyed'],
] as const;

/** Registers the reconciliation gauges on `registry`, reading `store` at each scrape. */
export function registerReconciliationMetrics(registry: Registry, store: Pick<ReconciliationStore, 'latest' | 'list'>): void {
  const registers = [registry];
  new Gauge({
    name: 'ledgerflow_reconciliation_discrepancies',
    help: 'Discrepancies in the newest report of each reconciliation, by kind.',
    labelNames: ['flow', 'report', 'kind'],
    registers,
    collect() {
      this.reset();
      for (const report of store.latest()) {
        for (const [kind, field] of KINDS) this.set({ flow: report.flowId, report: report.name, kind }, report.counts[field]);
      }
    },
  });
  new Gauge({
    name: 'ledgerflow_reconciliation_matched',
    help: 'Matched pairs in the newest report of each reconciliation.',
    labelNames: ['flow', 'report'],
    registers,
    collect() {
      this.reset();
      for (const report of store.latest()) this.set({ flow: report.flowId, report: report.name }, report.counts.matched);
    },
  });
  new Gauge({
    name: 'ledgerflow_reconciliation_last_report_timestamp_seconds',
    help: 'When the newest report of each reconciliation was kept (Unix seconds).',
    labelNames: ['flow', 'report'],
    registers,
    collect() {
      this.reset();
      for (const report of store.latest()) this.set({ flow: report.flowId, report: report.name }, Date.parse(report.createdAt) / 1000);
    },
  });
  new Gauge({
    name: 'ledgerflow_reconciliation_reports_kept',
    help: 'Reconciliation reports kept, by reconciliation.',
    labelNames: ['flow', 'report'],
    registers,
    async collect() {
      this.reset();
      const counts = new Map<string, { flow: string; report: string; n: number }>();
      for (const report of await store.list({ limit: 500 })) {
        const key = `${report.flowId}\u0000${report.name}`;
        const entry = counts.get(key) ?? { flow: report.flowId, report: report.name, n: 0 };
        entry.n++;
        counts.set(key, entry);
      }
      for (const { flow, report, n } of counts.values()) this.set({ flow, report }, n);
    },
  });
}

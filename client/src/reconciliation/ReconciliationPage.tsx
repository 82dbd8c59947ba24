/**
 * Reconciliation (`#/reconciliation`, `#/reconciliation/<report id>`): the kept reports of reconciliation
 * flows, newest first, with one report open (the newest by default), and the schedule triggers that make
 * them, each with a "Run now".
 */
import { useCallback, useEffect, useState } from 'react';
import type { ReconciliationReport, ReconciliationReportSummary } from '../../../server/storage/types.js';
import { errorMessage } from '../api/http.js';
import { getReport, listReports, listSchedules, runScheduleNow, type ScheduleInfo } from '../api/reconciliation.js';
import { AppHeader } from '../audiences/AppHeader.js';
import { Icon } from '../canvas/icons.js';
import { formatTime } from '../runs/format.js';
import { ReportDetail } from './ReportDetail.js';
import './reconciliation.css';

function Schedules({ schedules, onStarted }: { schedules: ScheduleInfo[]; onStarted: () => void }) {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  if (!schedules.length) return null;
  const run = async (s: ScheduleInfo) => {
    setBusy(`${s.flowId}/${s.nodeId}`);
    setError(undefined);
    try {
      await runScheduleNow(s.flowId, s.nodeId);
      // Give the run a moment to keep its report, then reload the list.
      setTimeout(onStarted, 800);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setTimeout(() => setBusy(undefined), 800);
    }
  };
  return (
    <div className="lf-recon__schedules" data-testid="recon-schedules">
      <h3>Schedules</h3>
      {schedules.map((s) => (
        <div key={`${s.flowId}/${s.nodeId}`} className="lf-recon__schedule">
          <div>
            <a href={`#/flows/${encodeURIComponent(s.flowId)}`}>{s.flowId}</a> <span className="lf-muted">v{s.flowVersion}</span>
          </div>
          <div className="lf-muted">
            {s.schedule}
            {s.nextRunAt ? ` · next ${formatTime(s.nextRunAt)}` : ''}
          </div>
          <button type="button" className="lf-button" disabled={busy === `${s.flowId}/${s.nodeId}`} onClick={() => void run(s)} data-testid={`run-now-${s.flowId}`}>
            <Icon name="run" size={14} /> Run now
          </button>
        </div>
      ))}
      {error ? <p className="lf-field-error">{error}</p> : null}
    </div>
  );
}

export function ReconciliationPage({ reportId }: { reportId?: string }) {
  const [reports, setReports] = useState<ReconciliationReportSummary[]>();
  const [schedules, setSchedules] = useState<ScheduleInfo[]>([]);
  const [report, setReport] = useState<ReconciliationReport>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    listReports().then(setReports, (e: unknown) => setError(errorMessage(e)));
    listSchedules().then(setSchedules, () => undefined);
  }, [reloads]);
  const shown = reportId ?? reports?.[0]?.id;
  useEffect(() => {
    if (!shown) return setReport(undefined);
    let cancelled = false;
    getReport(shown).then(
      (r) => !cancelled && setReport(r),
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [shown]);

  return (
    <div className="lf-page" data-testid="reconciliation-page">
      <AppHeader current="reconciliation" />
      <main className="lf-page__body lf-page__body--wide">
        <div className="lf-row lf-row--between">
          <h1 className="lf-page__title">Reconciliation</h1>
          <button type="button" className="lf-button lf-button--ghost" onClick={reload}>
            <Icon name="refresh" size={14} /> Reload
          </button>
        </div>
        {error ? <p className="lf-field-error">{error}</p> : null}
        <div className="lf-recon">
          <aside className="lf-recon__list">
            {reports && !reports.length ? <p className="lf-muted">No report yet: run a reconciliation flow.</p> : null}
            <ul data-testid="recon-reports">
              {(reports ?? []).map((r) => {
                const off = r.counts.missingLeft + r.counts.missingRight + r.counts.mismatched + r.counts.duplicates + r.counts.unkeyed;
                return (
                  <li key={r.id} className={r.id === shown ? 'lf-recon__item lf-recon__item--active' : 'lf-recon__item'}>
                    <a href={`#/reconciliation/${encodeURIComponent(r.id)}`} data-testid={`recon-report-${r.id}`}>
                      <div className="lf-recon__item-name">{r.name}</div>
                      <div className="lf-muted">{formatTime(r.createdAt)}</div>
                      <div>
                        <span className="lf-chip lf-chip--ok">{r.counts.matched} matched</span>{' '}
                        {off ? <span className="lf-chip lf-chip--danger">{off} to look at</span> : null}
                      </div>
                    </a>
                  </li>
                );
              })}
            </ul>
            <Schedules schedules={schedules} onStarted={reload} />
          </aside>
          <div className="lf-recon__main">{report ? <ReportDetail key={report.id} report={report} /> : shown ? <p className="lf-muted">Loading…</p> : null}</div>
        </div>
      </main>
    </div>
  );
}

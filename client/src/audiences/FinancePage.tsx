/**
 * Finance operations' first screen (`#/finance`): invoices not posted to the ERP — runs of ERP-posting
 * flows that failed and are parked, or have been running too long — with their business keys, and how old
 * the open revenue events are. Each line opens the run.
 */
import { useEffect, useState } from 'react';
import type { FinanceView } from '../../../server/observability/audiences.js';
import { getFinanceView } from '../api/history.js';
import { errorMessage } from '../api/http.js';
import { formatDuration, formatTime } from '../runs/format.js';
import { AppHeader } from './AppHeader.js';

export function FinancePage() {
  const [view, setView] = useState<FinanceView>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    getFinanceView().then(setView, (e: unknown) => setError(errorMessage(e)));
  }, []);
  const max = Math.max(1, ...(view?.aging.map((b) => b.count) ?? []));
  return (
    <div className="lf-page">
      <AppHeader current="finance" />
      <main className="lf-page__body lf-page__body--wide" data-testid="finance">
        <h1 className="lf-page__title">Unposted invoices</h1>
        {error ? <p className="lf-field-error">{error}</p> : null}
        {!view && !error ? <p className="lf-muted">Loading…</p> : null}
        {view ? (
          <>
            <p className="lf-muted">
              Invoices that did not reach the ERP, from {view.postingFlows.map((f) => f.name).join(', ') || 'no ERP-posting flow'}. {view.unposted.length} open.
            </p>
            {view.unposted.length ? (
              <table className="lf-table lf-table--clickable" data-testid="unposted">
                <thead>
                  <tr>
                    <th>State</th>
                    <th>Business keys</th>
                    <th>Flow</th>
                    <th>Since</th>
                    <th className="lf-num">Age</th>
                    <th>Where it stopped</th>
                  </tr>
                </thead>
                <tbody>
                  {view.unposted.map((item) => (
                    <tr key={item.runId} onClick={() => (window.location.hash = `#/runs/${encodeURIComponent(item.runId)}`)} data-testid={`unposted-${item.runId}`}>
                      <td>
                        <span className={`lf-badge lf-badge--${item.state === 'parked' ? 'breached' : 'at-risk'}`}>{item.state}</span>
                      </td>
                      <td className="lf-mono lf-keys">
                        {Object.entries(item.businessKeys).map(([name, value]) => (
                          <span key={name} className="lf-chip" title={name}>
                            {value}
                          </span>
                        ))}
                      </td>
                      <td>{item.flowId}</td>
                      <td>{formatTime(item.since)}</td>
                      <td className="lf-num">{formatDuration(item.ageMs)}</td>
                      <td className="lf-clamp" title={item.error?.message}>
                        {item.nodeId ? <span className="lf-mono">{item.nodeId}: </span> : null}
                        {item.error?.message ?? 'still running'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="lf-ok-text">Every invoice is posted.</p>
            )}
            <h2 className="lf-section-title">Revenue event aging ({view.openEvents} open)</h2>
            <table className="lf-table lf-aging" data-testid="revenue-aging">
              <tbody>
                {view.aging.map((band) => (
                  <tr key={band.band}>
                    <td>{band.band}</td>
                    <td className="lf-aging__cell">
                      <span className="lf-aging__bar" style={{ width: `${(band.count / max) * 100}%` }} />
                    </td>
                    <td className="lf-num">{band.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </main>
    </div>
  );
}

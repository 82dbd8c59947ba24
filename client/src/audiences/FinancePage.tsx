/**
 * Finance operations' first screen (`#/finance`): invoices not posted to the ERP — runs of ERP-posting
 * flows that failed and are parked, or have been running too long — with their business keys, and how old
 * the open revenue events are. Each line opens the run.
 */
import { useEffect, useState } from 'react';
import type { FinanceView } from '../../../server/observability/audiences.js';
import { getFinanceView } from '../api/history.js';
import { errorMessage } from '../api/http.js';
import { useNodeNames } from '../history/flowVersions.js';
import { formatDuration, formatTime } from '../runs/format.js';
import { DataTable, type Column } from '../ui/DataTable.js';
import { FailureWords } from '../ui/ErrorWords.js';
import { AppHeader } from './AppHeader.js';

type UnpostedItem = FinanceView['unposted'][number];

/**
 * The unposted invoices; where a run stopped is its node by name (as named in the flow's current draft: the
 * item does not say which version ran) and the error in words.
 */
function UnpostedTable({ items }: { items: UnpostedItem[] }) {
  const nodeName = useNodeNames(items.filter((item) => item.nodeId).map((item) => ({ flowId: item.flowId, flowVersion: 0 })));
  const columns: Array<Column<UnpostedItem>> = [
    { header: 'State', cell: (item) => <span className={`lf-badge lf-badge--${item.state === 'parked' ? 'breached' : 'at-risk'}`}>{item.state}</span> },
    {
      header: 'Business keys',
      cellClassName: 'lf-mono lf-keys',
      cell: (item) =>
        Object.entries(item.businessKeys).map(([name, value]) => (
          <span key={name} className="lf-chip" title={name}>
            {value}
          </span>
        )),
    },
    { header: 'Flow', cell: (item) => item.flowId },
    { header: 'Since', cell: (item) => formatTime(item.since) },
    { header: 'Age', numeric: true, cell: (item) => formatDuration(item.ageMs) },
    {
      header: 'Where it stopped',
      cellClassName: 'lf-clamp',
      cell: (item) => (
        <>
          {item.error ? (
            <FailureWords error={{ ...item.error, nodeId: item.nodeId }} nodeName={item.nodeId && nodeName(item.flowId, 0, item.nodeId)} />
          ) : (
            'still running'
          )}
        </>
      ),
    },
  ];
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowKey={(item) => item.runId}
      rowProps={(item) => ({ onClick: () => (window.location.hash = `#/runs/${encodeURIComponent(item.runId)}`), 'data-testid': `unposted-${item.runId}` })}
      className="lf-table--clickable"
      testId="unposted"
    />
  );
}

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
              <UnpostedTable items={view.unposted} />
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

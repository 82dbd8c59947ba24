/**
 * One reconciliation report: the counts, then every discrepancy (missing on either side, mismatched with
 * the fields that differ), each with a drill-down to the runs that recorded its key and a link to its
 * lineage.
 */
import { useEffect, useState } from 'react';
import type { ReconciliationItem } from '../../../nodes/sdk/reconciliation.js';
import type { ReconciliationReport, RunSummary } from '../../../server/storage/types.js';
import { searchRuns } from '../api/history.js';
import { errorMessage } from '../api/http.js';
import { useNodeNames } from '../history/flowVersions.js';
import { formatTime } from '../runs/format.js';
import { FailureWords } from '../ui/ErrorWords.js';
import { StatusLabel } from '../ui/StatusLabel.js';

type Kind = 'missingRight' | 'missingLeft' | 'mismatched' | 'duplicate';

interface Row {
  kind: Kind;
  item: ReconciliationItem;
}

function kindLabel(kind: Kind, report: ReconciliationReport): string {
  if (kind === 'missingRight') return `Missing in ${report.rightName}`;
  if (kind === 'missingLeft') return `Only in ${report.rightName}`;
  if (kind === 'mismatched') return 'Mismatched';
  return 'Duplicate key';
}

const show = (value: unknown) => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

function Values({ values }: { values: Record<string, unknown> | undefined }) {
  if (!values) return <span className="lf-muted">—</span>;
  const entries = Object.entries(values);
  if (entries.length === 1) return <span className="lf-mono">{show(entries[0]![1])}</span>;
  return (
    <span className="lf-mono">
      {entries.map(([name, value]) => (
        <div key={name}>
          {name}: {show(value)}
        </div>
      ))}
    </span>
  );
}

function RunsOf({ value }: { value: string }) {
  const [runs, setRuns] = useState<RunSummary[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    searchRuns({ businessKey: value, limit: 20 }).then(
      (list) => !cancelled && setRuns(list),
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [value]);
  const nodeName = useNodeNames(runs?.filter((run) => run.error?.nodeId) ?? []);
  if (error) return <p className="lf-field-error">{error}</p>;
  if (!runs) return <p className="lf-muted">Loading runs…</p>;
  if (!runs.length) return <p className="lf-muted" data-testid="recon-no-runs">No run recorded {value}: it never reached a flow.</p>;
  return (
    <ul className="lf-recon__runs" data-testid="recon-runs">
      {runs.map((run) => (
        <li key={run.id}>
          <StatusLabel status={run.status} />
          {run.responseStatus ? <span className="lf-chip">answered {run.responseStatus}</span> : null} <span>{run.flowId}</span>{' '}
          <span className="lf-muted">{formatTime(run.startedAt)}</span>{' '}
          <a className="lf-mono" href={`#/runs/${encodeURIComponent(run.id)}`}>
            {run.id.slice(0, 14)}
          </a>
          {run.error ? (
            <div className="lf-problem-text">
              <FailureWords error={run.error} nodeName={run.error.nodeId && nodeName(run.flowId, run.flowVersion, run.error.nodeId)} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function DiscrepancyRow({ row, report }: { row: Row; report: ReconciliationReport }) {
  const [open, setOpen] = useState(false);
  const { item } = row;
  return (
    <>
      <tr className={`lf-recon__row lf-recon__row--${row.kind}`} data-testid={`recon-row-${item.key}`} data-kind={row.kind}>
        <td>
          <span className={`lf-recon__kind lf-recon__kind--${row.kind}`}>{kindLabel(row.kind, report)}</span>
        </td>
        <td className="lf-mono">
          <a href={`#/lineage?id=${encodeURIComponent(item.key)}`} title="Open its lineage">
            {item.key}
          </a>
        </td>
        <td>
          <Values values={item.left} />
        </td>
        <td>
          <Values values={item.right} />
        </td>
        <td>
          {item.differences?.map((d) => (
            <div key={d.field}>
              {d.field}: {d.difference !== undefined ? <strong className="lf-mono">{d.difference > 0 ? '+' : ''}{d.difference}</strong> : 'differs'}
              {d.tolerance ? <span className="lf-muted"> (± {d.tolerance})</span> : null}
            </div>
          ))}
        </td>
        <td>
          <button type="button" className="lf-button lf-button--ghost" onClick={() => setOpen(!open)} data-testid={`recon-drill-${item.key}`}>
            {open ? 'Hide runs' : 'Runs'}
          </button>
        </td>
      </tr>
      {open ? (
        <tr className="lf-recon__detail">
          <td colSpan={6}>
            <RunsOf value={item.key} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

export function ReportDetail({ report }: { report: ReconciliationReport }) {
  const rows: Row[] = [
    ...report.missingRight.map((item) => ({ kind: 'missingRight' as const, item })),
    ...report.mismatched.map((item) => ({ kind: 'mismatched' as const, item })),
    ...report.missingLeft.map((item) => ({ kind: 'missingLeft' as const, item })),
    ...[...report.duplicates.left, ...report.duplicates.right].map((key) => ({ kind: 'duplicate' as const, item: { key } })),
  ];
  const c = report.counts;
  const tiles = [
    { label: 'Matched', value: c.matched, tone: 'ok', id: 'matched' },
    { label: `Missing in ${report.rightName}`, value: c.missingRight, tone: 'danger', id: 'missing-right' },
    { label: `Only in ${report.rightName}`, value: c.missingLeft, tone: 'warn', id: 'missing-left' },
    { label: 'Mismatched', value: c.mismatched, tone: 'danger', id: 'mismatched' },
    ...(c.duplicates ? [{ label: 'Duplicate keys', value: c.duplicates, tone: 'warn', id: 'duplicates' }] : []),
    ...(c.unkeyed ? [{ label: 'Without a key', value: c.unkeyed, tone: 'warn', id: 'unkeyed' }] : []),
  ];
  return (
    <section className="lf-recon__detail-pane" data-testid="recon-report" data-report-id={report.id}>
      <div className="lf-row lf-row--between">
        <h2 className="lf-recon__title">{report.name}</h2>
        <span className="lf-muted">
          {formatTime(report.createdAt)} · {report.flowId} {report.mode === 'draft' ? 'draft' : `v${report.flowVersion}`} · run{' '}
          <a className="lf-mono" href={`#/runs/${encodeURIComponent(report.runId)}`}>
            {report.runId.slice(0, 14)}
          </a>
        </span>
      </div>
      <p className="lf-muted">
        {c.left} {report.leftName} records against {c.right} {report.rightName} records.
      </p>
      <div className="lf-recon__tiles">
        {tiles.map((tile) => (
          <div key={tile.id} className={`lf-recon__tile${tile.value ? ` lf-recon__tile--${tile.tone}` : ''}`} data-testid={`recon-count-${tile.id}`} data-count={tile.value}>
            <div className="lf-recon__tile-value">{tile.value}</div>
            <div className="lf-recon__tile-label">{tile.label}</div>
          </div>
        ))}
      </div>
      {rows.length ? (
        <table className="lf-table lf-recon__table" data-testid="recon-discrepancies">
          <thead>
            <tr>
              <th>What</th>
              <th>Key</th>
              <th>{report.leftName}</th>
              <th>{report.rightName}</th>
              <th>Difference</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <DiscrepancyRow key={`${row.kind}/${row.item.key}`} row={row} report={report} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="lf-chip lf-chip--ok">Everything matches.</p>
      )}
      {report.matched.length ? (
        <details className="lf-recon__matched">
          <summary>{report.matched.length} matched {report.matched.length === 1 ? 'key' : 'keys'}</summary>
          <p className="lf-mono lf-muted">{report.matched.join(', ')}</p>
        </details>
      ) : null}
    </section>
  );
}

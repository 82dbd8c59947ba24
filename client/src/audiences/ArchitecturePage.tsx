/**
 * Architects' first screen (`#/architecture`): every flow with its versions, triggers, the systems it reads
 * and writes (per connection, with the HTTP methods it uses) and its service-level objectives.
 */
import { useEffect, useState } from 'react';
import { getArchitectureView, type ArchitectureFlow } from '../api/history.js';
import { errorMessage } from '../api/http.js';
import { formatDuration, formatTime } from '../runs/format.js';
import { DataTable, type Column } from '../ui/DataTable.js';
import { AppHeader } from './AppHeader.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The connections a flow calls with a reading method (`reads`) or a writing one. */
const connectionsThat = (flow: ArchitectureFlow, writes: boolean) => flow.connections.filter((c) => c.methods.some((m) => WRITES.has(m) === writes));

const columns: Array<Column<ArchitectureFlow>> = [
  {
    header: 'Flow',
    cell: (flow) => (
      <>
        <a href={`#/flows/${encodeURIComponent(flow.flowId)}`}>{flow.name}</a>
        <div className="lf-muted lf-mono">{flow.flowId}</div>
      </>
    ),
  },
  {
    header: 'Triggers',
    cell: (flow) =>
      flow.triggers.map((t) => (
        <div key={t.nodeId} className="lf-mono">
          {t.type.replace('trigger.', '')}
          {t.path ? ` /hooks/${t.path}` : ''}
        </div>
      )),
  },
  {
    header: 'Reads',
    cell: (flow) =>
      connectionsThat(flow, false).map((c) => (
        <span key={c.connection} className="lf-chip">
          {c.connection}
        </span>
      )),
  },
  {
    header: 'Writes',
    cell: (flow) =>
      connectionsThat(flow, true).map((c) => (
        <span key={c.connection} className="lf-chip" title={c.methods.join(', ')}>
          {c.connection}
        </span>
      )),
  },
  {
    header: 'Versions',
    cell: (flow) => (
      <>
        {flow.publishedVersion ? <span className="lf-chip">v{flow.publishedVersion} live</span> : <span className="lf-muted">draft only</span>}
        {flow.versions
          .slice(-3)
          .reverse()
          .map((v) => (
            <div key={v.version} className="lf-muted">
              v{v.version} · {formatTime(v.publishedAt)}
              {v.message ? ` · ${v.message}` : ''}
            </div>
          ))}
      </>
    ),
  },
  {
    header: 'Objectives',
    cell: (flow) =>
      flow.slos.map((s) => (
        <div key={s.name}>
          {s.name}: {(s.objective * 100).toFixed(1)}% within {formatDuration(s.thresholdMs)}
        </div>
      )),
  },
];

export function ArchitecturePage() {
  const [flows, setFlows] = useState<ArchitectureFlow[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    getArchitectureView().then(setFlows, (e: unknown) => setError(errorMessage(e)));
  }, []);
  return (
    <div className="lf-page">
      <AppHeader current="architecture" />
      <main className="lf-page__body lf-page__body--wide" data-testid="architecture">
        <h1 className="lf-page__title">Flows and systems</h1>
        {error ? <p className="lf-field-error">{error}</p> : null}
        {!flows && !error ? <p className="lf-muted">Loading…</p> : null}
        {flows?.length ? (
          <DataTable rows={flows} columns={columns} rowKey={(flow) => flow.flowId} rowProps={(flow) => ({ 'data-testid': `architecture-${flow.flowId}` })} testId="architecture-flows" />
        ) : null}
      </main>
    </div>
  );
}

/**
 * Architects' first screen (`#/architecture`): every flow with its versions, triggers, the systems it reads
 * and writes (per connection, with the HTTP methods it uses) and its service-level objectives.
 */
import { useEffect, useState } from 'react';
import { getArchitectureView, type ArchitectureFlow } from '../api/history.js';
import { errorMessage } from '../api/http.js';
import { formatDuration, formatTime } from '../runs/format.js';
import { AppHeader } from './AppHeader.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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
          <table className="lf-table" data-testid="architecture-flows">
            <thead>
              <tr>
                <th>Flow</th>
                <th>Triggers</th>
                <th>Reads</th>
                <th>Writes</th>
                <th>Versions</th>
                <th>Objectives</th>
              </tr>
            </thead>
            <tbody>
              {flows.map((flow) => (
                <tr key={flow.flowId} data-testid={`architecture-${flow.flowId}`}>
                  <td>
                    <a href={`#/flows/${encodeURIComponent(flow.flowId)}`}>{flow.name}</a>
                    <div className="lf-muted lf-mono">{flow.flowId}</div>
                  </td>
                  <td>
                    {flow.triggers.map((t) => (
                      <div key={t.nodeId} className="lf-mono">
                        {t.type.replace('trigger.', '')}
                        {t.path ? ` /hooks/${t.path}` : ''}
                      </div>
                    ))}
                  </td>
                  <td>
                    {flow.connections.filter((c) => c.methods.some((m) => !WRITES.has(m))).map((c) => (
                      <span key={c.connection} className="lf-chip">{c.connection}</span>
                    ))}
                  </td>
                  <td>
                    {flow.connections.filter((c) => c.methods.some((m) => WRITES.has(m))).map((c) => (
                      <span key={c.connection} className="lf-chip" title={c.methods.join(', ')}>{c.connection}</span>
                    ))}
                  </td>
                  <td>
                    {flow.publishedVersion ? <span className="lf-chip">v{flow.publishedVersion} live</span> : <span className="lf-muted">draft only</span>}
                    {flow.versions.slice(-3).reverse().map((v) => (
                      <div key={v.version} className="lf-muted">
                        v{v.version} · {formatTime(v.publishedAt)}
                        {v.message ? ` · ${v.message}` : ''}
                      </div>
                    ))}
                  </td>
                  <td>
                    {flow.slos.map((s) => (
                      <div key={s.name}>
                        {s.name}: {(s.objective * 100).toFixed(1)}% within {formatDuration(s.thresholdMs)}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </main>
    </div>
  );
}

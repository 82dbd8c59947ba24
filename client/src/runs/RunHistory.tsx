/** The runs of the open flow (`GET /api/runs?flowId=`), newest first; clicking one paints it on the canvas. */
import { useEffect, useState } from 'react';
import type { RunSummary } from '../../../server/storage/types.js';
import { errorMessage } from '../api/http.js';
import { listRuns } from '../api/runs.js';
import { Icon } from '../canvas/icons.js';
import { formatDuration, formatTime } from './format.js';
import { openRun } from './runController.js';
import { useRun } from './runStore.js';

export function RunHistory({ flowId, active }: { flowId: string; active: boolean }) {
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const historyVersion = useRun((s) => s.historyVersion);
  const shownRunId = useRun((s) => s.runId);

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    listRuns(flowId)
      .then((list) => {
        if (cancelled) return;
        setRuns(list);
        setError(undefined);
      })
      .catch((e: unknown) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [flowId, active, historyVersion, reloads]);

  return (
    <div className="lf-history" data-testid="run-history">
      <div className="lf-row lf-row--end">
        <button type="button" className="lf-button lf-button--ghost" onClick={() => setReloads((n) => n + 1)} title="Reload">
          <Icon name="refresh" size={14} /> Reload
        </button>
      </div>
      {error ? <p className="lf-field-error">{error}</p> : null}
      {!runs.length && !error ? <p className="lf-muted">No runs yet.</p> : null}
      {runs.length ? (
        <table className="lf-table lf-table--clickable">
          <thead>
            <tr>
              <th>Status</th>
              <th>Started</th>
              <th className="lf-num">Duration</th>
              <th>Version</th>
              <th>Steps</th>
              <th>Run</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr
                key={run.id}
                onClick={() => void openRun(run.id)}
                className={run.id === shownRunId ? 'lf-table__row--active' : undefined}
                data-testid={`run-row-${run.id}`}
              >
                <td>
                  <span className={`lf-dot lf-dot--${run.status}`} /> {run.status}
                </td>
                <td>{formatTime(run.startedAt)}</td>
                <td className="lf-num">{formatDuration(run.durationMs)}</td>
                <td>{run.mode === 'draft' ? 'draft' : `v${run.flowVersion}`}</td>
                <td>{run.stepCount}</td>
                <td className="lf-mono lf-muted" title={run.error?.message}>
                  {run.id.slice(0, 12)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

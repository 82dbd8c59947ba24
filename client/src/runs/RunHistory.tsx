/** The runs of the open flow (`GET /api/runs?flowId=`), newest first; clicking one paints it on the canvas. */
import { useEffect, useState } from 'react';
import type { RunSummary } from '../../../server/storage/types.js';
import { errorMessage } from '../api/http.js';
import { listRuns } from '../api/runs.js';
import { Icon } from '../canvas/icons.js';
import { DataTable, type Column } from '../ui/DataTable.js';
import { StatusLabel } from '../ui/StatusLabel.js';
import { errorTooltip } from './errorText.js';
import { formatDuration, formatTime } from './format.js';
import { openRun } from './runController.js';
import { useRun } from './runStore.js';

const columns: Array<Column<RunSummary>> = [
  { header: 'Status', cell: (run) => <StatusLabel status={run.status} /> },
  { header: 'Started', cell: (run) => formatTime(run.startedAt) },
  { header: 'Duration', numeric: true, cell: (run) => formatDuration(run.durationMs) },
  { header: 'Version', cell: (run) => (run.mode === 'draft' ? 'draft' : `v${run.flowVersion}`) },
  { header: 'Steps', cell: (run) => run.stepCount },
  { header: 'Run', cellClassName: 'lf-mono lf-muted', cellProps: (run) => ({ title: run.error ? errorTooltip(run.error) : undefined }), cell: (run) => run.id.slice(0, 12) },
];

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
        <DataTable
          rows={runs}
          columns={columns}
          rowKey={(run) => run.id}
          rowProps={(run) => ({
            onClick: () => void openRun(run.id),
            className: run.id === shownRunId ? 'lf-table__row--active' : undefined,
            'data-testid': `run-row-${run.id}`,
          })}
          className="lf-table--clickable"
        />
      ) : null}
    </div>
  );
}

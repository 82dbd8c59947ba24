/**
 * The steps of the painted run, in order: the node by name, status, attempt (when retried), the error in words
 * and duration; clicking one selects its node.
 */
import type { StepRecord } from '../../../server/storage/types.js';
import { useDocument } from '../document/documentStore.js';
import { DataTable, type Column } from '../ui/DataTable.js';
import { ErrorWords } from '../ui/ErrorWords.js';
import { StatusLabel } from '../ui/StatusLabel.js';
import { formatDuration } from './format.js';
import { NodeName } from './NodeName.js';
import { useRun } from './runStore.js';

const columns: Array<Column<StepRecord>> = [
  { header: '#', cellClassName: 'lf-muted', cell: (step) => step.seq },
  { header: 'Node', cellClassName: 'lf-steps__node', cellProps: (step) => ({ title: step.nodeType }), cell: (step) => <NodeName nodeId={step.nodeId} /> },
  {
    header: 'Status',
    cell: (step) => (
      <>
        <StatusLabel status={step.status} />
        {step.attempt > 1 ? <span className="lf-muted"> · attempt {step.attempt}</span> : null}
        {step.retryInMs !== undefined ? <span className="lf-muted"> · retry in {formatDuration(step.retryInMs)}</span> : null}
        {step.error ? (
          <div className="lf-steps__error">
            <span className="lf-clamp">
              <ErrorWords error={step.error} />
            </span>
          </div>
        ) : null}
      </>
    ),
  },
  { header: 'Duration', numeric: true, cell: (step) => formatDuration(step.durationMs) },
];

export function StepList() {
  const steps = useRun((s) => s.steps);
  const select = useDocument((s) => s.select);
  if (!steps.length) return null;
  return (
    <DataTable
      rows={steps}
      columns={columns}
      rowKey={(step) => String(step.seq)}
      rowProps={(step) => ({ onClick: () => select({ nodeId: step.nodeId }), 'data-testid': `step-${step.nodeId}`, 'data-status': step.status })}
      className="lf-steps"
      testId="step-list"
    />
  );
}

/** Each flow's service-level objectives with their current status (from GET /api/stats). */
import type { FlowStatsView } from '../api/history.js';
import { formatDuration } from '../runs/format.js';
import { DataTable, type Column } from '../ui/DataTable.js';

/** `24 h`, `7 d`, `30 min`. */
function formatWindow(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  return `${Math.round(ms / 60_000)} min`;
}

const percent = (value: number | null, digits = 2) => (value === null ? '—' : `${(value * 100).toFixed(digits)}%`);

type SloRow = { flow: FlowStatsView; slo: FlowStatsView['slos'][number] };

const columns: Array<Column<SloRow>> = [
  { header: 'Flow', cell: ({ flow }) => flow.name },
  { header: 'Objective', cell: ({ slo }) => slo.name },
  { header: 'Target', numeric: true, cell: ({ slo }) => percent(slo.objective, 1) },
  { header: 'Within', numeric: true, cell: ({ slo }) => formatDuration(slo.thresholdMs) },
  { header: 'Window', numeric: true, cell: ({ slo }) => formatWindow(slo.windowMs) },
  { header: 'Attained', numeric: true, cell: ({ slo }) => percent(slo.attainment) },
  {
    header: 'Good / total',
    numeric: true,
    cell: ({ slo }) => (
      <>
        {slo.good} / {slo.total}
      </>
    ),
  },
  { header: 'Budget left', numeric: true, cell: ({ slo }) => percent(slo.budgetRemaining, 0) },
  { header: 'Status', cell: ({ slo }) => <span className={`lf-badge lf-badge--${slo.status}`}>{slo.status}</span> },
];

export function SloTable({ flows }: { flows: FlowStatsView[] }) {
  const rows: SloRow[] = flows.flatMap((flow) => flow.slos.map((slo) => ({ flow, slo })));
  if (!rows.length) {
    return <p className="lf-muted">No service-level objectives declared. Add them to a flow's settings: <code>slos: [{'{'} name, objective: 0.99, thresholdMs: 60000 {'}'}]</code>.</p>;
  }
  return <DataTable rows={rows} columns={columns} rowKey={({ flow, slo }) => `${flow.flowId}:${slo.name}`} rowProps={({ flow, slo }) => ({ 'data-testid': `slo-${flow.flowId}`, 'data-status': slo.status })} testId="slo-table" />;
}

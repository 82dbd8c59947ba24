/** Each flow's service-level objectives with their current status (from GET /api/stats). */
import type { FlowStatsView } from '../api/history.js';
import { formatDuration } from '../runs/format.js';

/** `24 h`, `7 d`, `30 min`. */
function formatWindow(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  return `${Math.round(ms / 60_000)} min`;
}

const percent = (value: number | null, digits = 2) => (value === null ? '—' : `${(value * 100).toFixed(digits)}%`);

export function SloTable({ flows }: { flows: FlowStatsView[] }) {
  const rows = flows.flatMap((flow) => flow.slos.map((slo) => ({ flow, slo })));
  if (!rows.length) {
    return <p className="lf-muted">No service-level objectives declared. Add them to a flow's settings: <code>slos: [{'{'} name, objective: 0.99, thresholdMs: 60000 {'}'}]</code>.</p>;
  }
  return (
    <table className="lf-table" data-testid="slo-table">
      <thead>
        <tr>
          <th>Flow</th>
          <th>Objective</th>
          <th className="lf-num">Target</th>
          <th className="lf-num">Within</th>
          <th className="lf-num">Window</th>
          <th className="lf-num">Attained</th>
          <th className="lf-num">Good / total</th>
          <th className="lf-num">Budget left</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ flow, slo }) => (
          <tr key={`${flow.flowId}:${slo.name}`} data-testid={`slo-${flow.flowId}`} data-status={slo.status}>
            <td>{flow.name}</td>
            <td>{slo.name}</td>
            <td className="lf-num">{percent(slo.objective, 1)}</td>
            <td className="lf-num">{formatDuration(slo.thresholdMs)}</td>
            <td className="lf-num">{formatWindow(slo.windowMs)}</td>
            <td className="lf-num">{percent(slo.attainment)}</td>
            <td className="lf-num">
              {slo.good} / {slo.total}
            </td>
            <td className="lf-num">{percent(slo.budgetRemaining, 0)}</td>
            <td>
              <span className={`lf-badge lf-badge--${slo.status}`}>{slo.status}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

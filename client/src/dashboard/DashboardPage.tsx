/**
 * The integration support dashboard (`#/dashboard`): per flow, run latency (p95), failure rate, backlog and
 * dead-letter aging over a window, and each flow's service-level objectives. Refreshes every 10 s from
 * GET /api/stats (aggregated from the run history on the server).
 */
import { useEffect, useMemo, useState } from 'react';
import { getStats, type FlowStatsView, type StatsView } from '../api/history.js';
import { errorMessage } from '../api/http.js';
import { AppHeader } from '../audiences/AppHeader.js';
import { formatDuration } from '../runs/format.js';
import { DataTable, type Column } from '../ui/DataTable.js';
import { Segmented } from '../ui/Segmented.js';
import { SloTable } from './SloTable.js';
import { TimeChart, type ChartSeries } from './TimeChart.js';

const WINDOW_OPTIONS = ['15m', '1h', '6h', '24h', '7d'].map((id) => ({ id, label: id }));
const REFRESH_MS = 10_000;

function useStats(window: string): { stats?: StatsView; error?: string } {
  const [state, setState] = useState<{ stats?: StatsView; error?: string }>({});
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      getStats(window).then(
        (stats) => !cancelled && setState({ stats }),
        (e: unknown) => !cancelled && setState((s) => ({ ...s, error: errorMessage(e) })),
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [window]);
  return state;
}

function Card({ label, value, hint, testId, tone }: { label: string; value: string; hint?: string; testId: string; tone?: 'danger' | 'warn' }) {
  return (
    <div className={`lf-stat${tone ? ` lf-stat--${tone}` : ''}`} data-testid={testId}>
      <div className="lf-stat__label">{label}</div>
      <div className="lf-stat__value">{value}</div>
      {hint ? <div className="lf-muted">{hint}</div> : null}
    </div>
  );
}

function Aging({ stats }: { stats: StatsView }) {
  const flows = stats.flows.filter((f) => f.deadLetters.parked > 0);
  if (!flows.length) return <p className="lf-muted">No parked dead letters.</p>;
  const max = Math.max(...flows.flatMap((f) => f.deadLetters.aging.map((b) => b.count)), 1);
  return (
    <table className="lf-table lf-aging" data-testid="dead-letter-aging">
      <thead>
        <tr>
          <th>Flow</th>
          {flows[0]!.deadLetters.aging.map((b) => (
            <th key={b.band}>{b.band}</th>
          ))}
          <th className="lf-num">Oldest</th>
        </tr>
      </thead>
      <tbody>
        {flows.map((flow) => (
          <tr key={flow.flowId}>
            <td>{flow.name}</td>
            {flow.deadLetters.aging.map((b) => (
              <td key={b.band}>
                <span className="lf-aging__bar" style={{ width: `${(b.count / max) * 100}%` }} /> {b.count}
              </td>
            ))}
            <td className="lf-num">{formatDuration(flow.deadLetters.oldestAgeMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const runsHref = (flow: FlowStatsView, status?: string) => `#/runs?flowId=${encodeURIComponent(flow.flowId)}${status ? `&status=${status}` : ''}`;

/** Runs, failures and latency percentiles per flow in the window; the counts link to the runs page. */
const FLOW_COLUMNS: Array<Column<FlowStatsView>> = [
  { header: 'Flow', cell: (f) => <a href={runsHref(f)}>{f.name}</a> },
  { header: 'Runs', numeric: true, cell: (f) => f.runs },
  { header: 'Failed', numeric: true, cell: (f) => (f.failed ? <a href={runsHref(f, 'failed')}>{f.failed}</a> : 0) },
  { header: 'Failure rate', numeric: true, cell: (f) => (f.failureRate === null ? '—' : `${(f.failureRate * 100).toFixed(1)}%`) },
  { header: 'p50', numeric: true, cell: (f) => formatDuration(f.latencyMs.p50 ?? undefined) },
  { header: 'p95', numeric: true, cell: (f) => formatDuration(f.latencyMs.p95 ?? undefined) },
  { header: 'p99', numeric: true, cell: (f) => formatDuration(f.latencyMs.p99 ?? undefined) },
  { header: 'Parked', numeric: true, cell: (f) => f.deadLetters.parked },
];

export function DashboardPage() {
  const [range, setRange] = useState('1h');
  const { stats, error } = useStats(range);
  const charts = useMemo(() => {
    if (!stats) return undefined;
    const flows = stats.flows.filter((f) => f.runs > 0);
    const x = (flows[0] ?? stats.flows[0])?.series.map((b) => b.t / 1000) ?? [];
    const latency: ChartSeries[] = flows.map((f) => ({ label: f.name, values: f.series.map((b) => b.p95Ms) }));
    const failure: ChartSeries[] = flows.map((f) => ({ label: f.name, values: f.series.map((b) => (b.runs ? (b.failed / b.runs) * 100 : null)) }));
    const backlogX = stats.backlog.series.map((s) => s.t / 1000);
    const backlog: ChartSeries[] = [
      { label: 'active', values: stats.backlog.series.map((s) => s.active) },
      { label: 'queued', values: stats.backlog.series.map((s) => s.queued) },
    ];
    const range: [number, number] = [(stats.now - stats.windowMs) / 1000, stats.now / 1000];
    return { x, latency, failure, backlogX, backlog, range };
  }, [stats]);
  const totals = stats?.flows.reduce((t, f) => ({ runs: t.runs + f.runs, failed: t.failed + f.failed }), { runs: 0, failed: 0 });

  return (
    <div className="lf-page">
      <AppHeader current="dashboard" />
      <main className="lf-page__body lf-page__body--wide" data-testid="dashboard">
        <div className="lf-row lf-row--between">
          <h1 className="lf-page__title">Integration health</h1>
          <Segmented options={WINDOW_OPTIONS} value={range} onChange={setRange} label="Window" />
        </div>
        {error ? <p className="lf-field-error">{error}</p> : null}
        {!stats ? <p className="lf-muted">Loading…</p> : null}
        {stats && totals && charts ? (
          <>
            <div className="lf-stats">
              <Card label={`Runs (${range})`} value={String(totals.runs)} testId="stat-runs" />
              <Card label="Failure rate" value={totals.runs ? `${((totals.failed / totals.runs) * 100).toFixed(1)}%` : '—'} tone={totals.failed ? 'danger' : undefined} testId="stat-failure-rate" />
              <Card label="Backlog" value={`${stats.backlog.active} active`} hint={`${stats.backlog.queued} waiting for a slot`} testId="stat-backlog" />
              <Card label="Dead letters" value={String(stats.deadLetters.parked)} hint={stats.deadLetters.parked ? `oldest ${formatDuration(stats.deadLetters.oldestAgeMs)}` : undefined} tone={stats.deadLetters.parked ? 'warn' : undefined} testId="stat-dead-letters" />
            </div>
            <div className="lf-charts">
              <TimeChart title="Run latency p95 per flow" unit="ms" range={charts.range} x={charts.x} series={charts.latency} testId="chart-latency" />
              <TimeChart title="Failure rate per flow" unit="%" range={charts.range} x={charts.x} series={charts.failure} testId="chart-failure-rate" />
              <TimeChart title="Backlog" unit="runs" range={charts.range} x={charts.backlogX} series={charts.backlog} testId="chart-backlog" />
              <section className="lf-chart">
                <h3 className="lf-chart__title">Dead-letter aging per flow</h3>
                <Aging stats={stats} />
              </section>
            </div>
            <h2 className="lf-section-title">Service-level objectives</h2>
            <SloTable flows={stats.flows} />
            <h2 className="lf-section-title">Flows</h2>
            <DataTable rows={stats.flows} columns={FLOW_COLUMNS} rowKey={(f) => f.flowId} testId="flow-stats" />
          </>
        ) : null}
      </main>
    </div>
  );
}

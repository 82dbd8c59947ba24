/**
 * Run history (`#/runs?<filters>`): every flow's runs, newest first, filtered by flow, version, status,
 * time range, business key and correlation id, 50 a page (`before` cursor). The filters live in the URL,
 * so a search can be linked and the browser's back button returns to the newer page.
 */
import { useEffect, useState } from 'react';
import type { FlowSummary, RunStatus, RunSummary } from '../../../server/storage/types.js';
import { listFlows } from '../api/flows.js';
import { searchRuns, type RunQuery } from '../api/history.js';
import { errorMessage } from '../api/http.js';
import { AppHeader } from '../audiences/AppHeader.js';
import { Icon } from '../canvas/icons.js';
import { FlowSelect } from '../flows/FlowSelect.js';
import { formatDuration, formatTime } from '../runs/format.js';
import { DataTable, type Column } from '../ui/DataTable.js';
import { FailureWords } from '../ui/ErrorWords.js';
import { StatusLabel } from '../ui/StatusLabel.js';
import { useNodeNames } from './flowVersions.js';

const PAGE = 50;
const STATUSES: RunStatus[] = ['running', 'succeeded', 'failed', 'duplicate', 'interrupted'];
const FIELDS = ['flowId', 'flowVersion', 'status', 'from', 'to', 'businessKey', 'correlationId'] as const;

/** Filters from the URL query (times as ISO 8601). */
export function queryOf(params: URLSearchParams): RunQuery {
  const query: RunQuery = { limit: PAGE };
  const text = (name: string) => params.get(name)?.trim() || undefined;
  if (text('flowId')) query.flowId = text('flowId');
  if (text('flowVersion') && Number.isInteger(Number(text('flowVersion')))) query.flowVersion = Number(text('flowVersion'));
  if (STATUSES.includes(text('status') as RunStatus)) query.status = text('status') as RunStatus;
  for (const name of ['from', 'to'] as const) {
    const value = text(name);
    if (value && !Number.isNaN(Date.parse(value))) query[name] = new Date(value).toISOString();
  }
  if (text('businessKey')) query.businessKey = text('businessKey');
  if (text('correlationId')) query.correlationId = text('correlationId');
  if (text('before')) query.before = text('before');
  return query;
}

function go(values: Record<string, string>): void {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  const text = params.toString();
  window.location.hash = `#/runs${text ? `?${text}` : ''}`;
}

/** `YYYY-MM-DDTHH:mm` in local time, for a datetime-local input. */
function localInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function Filters({ params, flows }: { params: URLSearchParams; flows: FlowSummary[] }) {
  const initial = Object.fromEntries(FIELDS.map((f) => [f, f === 'from' || f === 'to' ? localInput(params.get(f) ?? undefined) : (params.get(f) ?? '')]));
  const [form, setForm] = useState<Record<string, string>>(initial);
  const set = (name: string) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  const submit = () => {
    const values = { ...form };
    for (const name of ['from', 'to']) if (values[name]) values[name] = new Date(values[name]!).toISOString();
    go(values);
  };
  return (
    <form className="lf-filters" onSubmit={(e) => (e.preventDefault(), submit())} data-testid="run-filters">
      <label>
        Flow
        <FlowSelect flows={flows} value={form.flowId ?? ''} onChange={(flowId) => setForm({ ...form, flowId })} testId="filter-flow" />
      </label>
      <label>
        Version
        <input value={form.flowVersion} onChange={set('flowVersion')} inputMode="numeric" placeholder="any" size={4} />
      </label>
      <label>
        Status
        <select value={form.status} onChange={set('status')} data-testid="filter-status">
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="datetime-local" value={form.from} onChange={set('from')} />
      </label>
      <label>
        To
        <input type="datetime-local" value={form.to} onChange={set('to')} />
      </label>
      <label className="lf-filters__wide">
        Business key
        <input value={form.businessKey} onChange={set('businessKey')} placeholder="in_…, 006…, INV-…" data-testid="filter-key" />
      </label>
      <label className="lf-filters__wide">
        Correlation id
        <input value={form.correlationId} onChange={set('correlationId')} placeholder="X-Correlation-Id" data-testid="filter-correlation" />
      </label>
      <div className="lf-filters__actions">
        <button type="submit" className="lf-button lf-button--primary" data-testid="filter-apply">
          <Icon name="search" size={14} /> Search
        </button>
        <button type="button" className="lf-button lf-button--ghost" onClick={() => go({})}>
          Clear
        </button>
      </div>
    </form>
  );
}

export function RunsPage({ query: params }: { query: URLSearchParams }) {
  const [flows, setFlows] = useState<FlowSummary[]>([]);
  const [runs, setRuns] = useState<RunSummary[]>();
  const [error, setError] = useState<string>();
  const [took, setTook] = useState<number>();
  const key = params.toString();

  useEffect(() => {
    listFlows().then(setFlows, () => undefined);
  }, []);
  useEffect(() => {
    let cancelled = false;
    const started = performance.now();
    setRuns(undefined);
    searchRuns(queryOf(new URLSearchParams(key)))
      .then((list) => {
        if (cancelled) return;
        setRuns(list);
        setTook(performance.now() - started);
        setError(undefined);
      })
      .catch((e: unknown) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [key]);

  const older = () => {
    const next = Object.fromEntries(new URLSearchParams(key));
    go({ ...next, before: runs!.at(-1)!.id });
  };
  const paged = params.has('before');
  return (
    <div className="lf-page">
      <AppHeader current="runs" />
      <main className="lf-page__body lf-page__body--wide">
        <div className="lf-row lf-row--between">
          <h1 className="lf-page__title">Runs</h1>
          {took !== undefined ? <span className="lf-muted">{runs?.length ?? 0} shown · {Math.round(took)} ms</span> : null}
        </div>
        <Filters key={key} params={params} flows={flows} />
        {error ? <p className="lf-field-error">{error}</p> : null}
        {!runs && !error ? <p className="lf-muted">Searching…</p> : null}
        {runs && !runs.length ? <p className="lf-muted">No runs match.</p> : null}
        {runs?.length ? <RunTable runs={runs} flows={flows} /> : null}
        <div className="lf-row lf-row--end lf-pager">
          {paged ? (
            <button type="button" className="lf-button lf-button--ghost" onClick={() => history.back()}>
              ‹ Newer
            </button>
          ) : null}
          {runs && runs.length === PAGE ? (
            <button type="button" className="lf-button" onClick={older} data-testid="older">
              Older ›
            </button>
          ) : null}
        </div>
      </main>
    </div>
  );
}

const openRun = (run: RunSummary) => (window.location.hash = `#/runs/${encodeURIComponent(run.id)}`);

/** The runs found; a failed run's error says the failing node by name and the error in words. */
function RunTable({ runs, flows }: { runs: RunSummary[]; flows: FlowSummary[] }) {
  const names = new Map(flows.map((f) => [f.id, f.name]));
  const nodeName = useNodeNames(runs.filter((run) => run.error?.nodeId));
  const columns: Array<Column<RunSummary>> = [
    { header: 'Status', cell: (run) => <StatusLabel status={run.status} /> },
    { header: 'Flow', cellProps: (run) => ({ title: run.flowId }), cell: (run) => names.get(run.flowId) ?? run.flowId },
    { header: 'Version', cell: (run) => (run.mode === 'draft' ? 'draft' : `v${run.flowVersion}`) },
    { header: 'Started', cell: (run) => formatTime(run.startedAt) },
    { header: 'Duration', numeric: true, cell: (run) => formatDuration(run.durationMs) },
    { header: 'Steps', numeric: true, cell: (run) => run.stepCount },
    {
      header: 'Business keys',
      cellClassName: 'lf-mono lf-keys',
      cell: (run) =>
        Object.entries(run.businessKeys ?? {}).map(([name, value]) => (
          <span key={name} className="lf-chip" title={name}>
            {value}
          </span>
        )),
    },
    {
      header: 'Error',
      cellClassName: 'lf-muted lf-run-table__error',
      cell: (run) =>
        run.error ? (
          <span className="lf-clamp">
            <FailureWords error={run.error} nodeName={run.error.nodeId && nodeName(run.flowId, run.flowVersion, run.error.nodeId)} />
          </span>
        ) : null,
    },
  ];
  return (
    <DataTable
      rows={runs}
      columns={columns}
      rowKey={(run) => run.id}
      rowProps={(run) => ({ onClick: () => openRun(run), 'data-testid': `run-${run.id}`, 'data-status': run.status })}
      className="lf-table--clickable lf-run-table"
      testId="run-table"
    />
  );
}

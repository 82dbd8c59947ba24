/**
 * Lineage (`#/lineage?id=<any id>`): enter an id from any system — Salesforce opportunity, Stripe
 * subscription or invoice, NetSuite document — and see the chain of systems and runs it went through, with
 * the gaps ("invoice in_… has no ERP document") first, so finance can tell in seconds where a deal stopped.
 */
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/http.js';
import { getLineage, type Lineage, type LineageRun } from '../api/lineage.js';
import { AppHeader } from '../audiences/AppHeader.js';
import { Icon } from '../canvas/icons.js';
import { useNodeNames } from '../history/flowVersions.js';
import { formatTime } from '../runs/format.js';
import { DataTable, type Column } from '../ui/DataTable.js';
import { FailureWords } from '../ui/ErrorWords.js';
import { StatusLabel } from '../ui/StatusLabel.js';
import { LineageChain } from './LineageChain.js';
import './lineage.css';

const EXAMPLES = ['006FAKE0000000001AAA', 'sub_FAKE0000000000000001', 'in_FAKE0000000000000002', '98765'];

function SearchForm({ initial }: { initial: string }) {
  const [id, setId] = useState(initial);
  useEffect(() => setId(initial), [initial]);
  return (
    <form
      className="lf-filters lf-lineage__search"
      onSubmit={(e) => {
        e.preventDefault();
        window.location.hash = `#/lineage?id=${encodeURIComponent(id.trim())}`;
      }}
    >
      <label className="lf-lineage__field">
        Id in any system
        <input
          value={id}
          onChange={(e) => setId(e.target.value)}
          placeholder="006… opportunity, sub_… subscription, in_… invoice, ERP document id"
          className="lf-mono"
          data-testid="lineage-search"
          autoFocus
        />
      </label>
      <div className="lf-filters__actions">
        <button type="submit" className="lf-button lf-button--primary" disabled={!id.trim()} data-testid="lineage-go">
          <Icon name="search" size={14} /> Trace
        </button>
      </div>
    </form>
  );
}

function Result({ lineage }: { lineage: Lineage }) {
  if (!lineage.matches.length && !lineage.runs.length) {
    return (
      <p className="lf-muted" data-testid="lineage-empty">
        No system knows <span className="lf-mono">{lineage.id}</span>: no xref link and no run recorded it as a business key.
      </p>
    );
  }
  return (
    <>
      <div className="lf-row lf-row--wrap lf-lineage__summary" data-testid="lineage-summary">
        <span>
          <span className="lf-mono">{lineage.id}</span> is{' '}
          {lineage.matches.length ? lineage.matches.map((m) => m.label).join(', ') : 'a business key of runs, off the chain'}
        </span>
        <span className="lf-chip">{lineage.runs.length} runs</span>
        {lineage.gaps.length ? (
          <span className="lf-chip lf-chip--danger" data-testid="lineage-gap-count">
            {lineage.gaps.length} {lineage.gaps.length === 1 ? 'gap' : 'gaps'}
          </span>
        ) : (
          <span className="lf-chip lf-chip--ok">complete</span>
        )}
        {lineage.truncated ? <span className="lf-chip lf-chip--warn">too many ids: cut short</span> : null}
      </div>
      {lineage.gaps.length ? (
        <ul className="lf-lineage__gaps" data-testid="lineage-gaps">
          {lineage.gaps.map((gap) => (
            <li key={`${gap.ref.id}/${gap.kind}/${gap.expected}`}>
              <Icon name="alert" size={14} /> {gap.message}
            </li>
          ))}
        </ul>
      ) : null}
      {lineage.roots.length ? <LineageChain roots={lineage.roots} /> : null}
      <h2 className="lf-lineage__heading">Runs involved</h2>
      <LineageRuns runs={lineage.runs} />
    </>
  );
}

/** The runs on the chain's ids; a failed one says its failing node by name and the error in words. */
function LineageRuns({ runs }: { runs: LineageRun[] }) {
  const nodeName = useNodeNames(runs.filter((run) => run.error?.nodeId));
  const columns: Array<Column<LineageRun>> = [
    {
      header: 'Status',
      cell: (run) => (
        <>
          <StatusLabel status={run.status} />
          {run.error ? (
            <div className="lf-problem-text">
              <FailureWords error={run.error} nodeName={run.error.nodeId && nodeName(run.flowId, run.flowVersion, run.error.nodeId)} />
            </div>
          ) : null}
        </>
      ),
    },
    {
      header: 'Flow',
      cell: (run) => (
        <>
          {run.flowId} <span className="lf-muted">{run.mode === 'draft' ? 'draft' : `v${run.flowVersion}`}</span>
        </>
      ),
    },
    { header: 'Started', cell: (run) => formatTime(run.startedAt) },
    {
      header: 'Business keys',
      cellClassName: 'lf-keys',
      cell: (run) =>
        Object.entries(run.businessKeys).map(([name, value]) => (
          <span key={name} className="lf-chip" title={name}>
            {name} <span className="lf-mono">{value}</span>
          </span>
        )),
    },
    { header: 'Run', cellClassName: 'lf-mono', cell: (run) => <a href={`#/runs/${encodeURIComponent(run.runId)}`}>{run.runId.slice(0, 14)}</a> },
  ];
  return <DataTable rows={runs} columns={columns} rowKey={(run) => run.runId} className="lf-lineage__runs" testId="lineage-runs" />;
}

export function LineagePage({ id }: { id: string }) {
  const [lineage, setLineage] = useState<Lineage>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setLineage(undefined);
    setError(undefined);
    if (!id) return;
    let cancelled = false;
    getLineage(id).then(
      (result) => !cancelled && setLineage(result),
      (e: unknown) => !cancelled && setError(errorMessage(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [id]);
  return (
    <div className="lf-page" data-testid="lineage-page">
      <AppHeader current="lineage" />
      <main className="lf-page__body lf-page__body--wide">
        <h1 className="lf-page__title">Lineage</h1>
        <p className="lf-muted">Where did a deal go? Opportunity → subscription → invoice → ERP document, from xref links and the business keys of runs.</p>
        <SearchForm initial={id} />
        {!id ? (
          <p className="lf-muted">
            Try{' '}
            {EXAMPLES.map((example) => (
              <a key={example} className="lf-chip lf-chip--button lf-mono" href={`#/lineage?id=${example}`}>
                {example}
              </a>
            ))}
          </p>
        ) : null}
        {error ? <p className="lf-field-error">{error}</p> : null}
        {id && !lineage && !error ? <p className="lf-muted">Tracing…</p> : null}
        {lineage ? <Result lineage={lineage} /> : null}
      </main>
    </div>
  );
}

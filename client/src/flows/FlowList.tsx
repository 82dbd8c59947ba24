/** The flow list (`GET /api/flows`): open a flow, or create one. */
import { useEffect, useMemo, useState } from 'react';
import type { FlowSummary } from '../../../server/storage/types.js';
import { listFlows } from '../api/flows.js';
import { errorMessage } from '../api/http.js';
import { useCatalog } from '../catalog/catalogStore.js';
import { Icon } from '../canvas/icons.js';
import { formatTime } from '../runs/format.js';
import { ThemeToggle } from '../designer/ThemeToggle.js';
import { AppNav, AudienceSwitch } from '../audiences/AppHeader.js';
import { DataTable, type Column } from '../ui/DataTable.js';
import { NewFlowForm } from './NewFlowForm.js';

const flowHref = (flow: FlowSummary) => `#/flows/${encodeURIComponent(flow.id)}`;

const columns: Array<Column<FlowSummary>> = [
  {
    header: 'Name',
    cell: (flow) => (
      <>
        <a href={flowHref(flow)} className="lf-flow-table__name">
          {flow.name}
        </a>
        {flow.description ? <div className="lf-muted lf-flow-table__desc">{flow.description}</div> : null}
      </>
    ),
  },
  { header: 'Id', cellClassName: 'lf-mono lf-muted', cell: (flow) => flow.id },
  { header: 'Nodes', numeric: true, cell: (flow) => flow.nodeCount },
  { header: 'Published', cell: (flow) => (flow.publishedVersion ? <span className="lf-chip">v{flow.publishedVersion}</span> : <span className="lf-muted">draft only</span>) },
  { header: 'Updated', cellClassName: 'lf-muted', cell: (flow) => formatTime(flow.updatedAt) },
];

export function FlowList() {
  const [flows, setFlows] = useState<FlowSummary[]>();
  const [error, setError] = useState<string>();
  const [creating, setCreating] = useState(false);
  const health = useCatalog((s) => s.health);
  const takenIds = useMemo(() => new Set((flows ?? []).map((f) => f.id)), [flows]);

  useEffect(() => {
    void useCatalog.getState().load();
    listFlows()
      .then((list) => setFlows([...list].sort((a, b) => a.name.localeCompare(b.name))))
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  return (
    <div className="lf-page">
      <header className="lf-header lf-header--page">
        <span className="lf-brand lf-brand--large" title={health ? `Ledgerflow server ${health.version}` : undefined}>
          <Icon name="flow" size={18} /> Ledgerflow
        </span>
        <AppNav current="flows" />
        <div className="lf-header__spacer" />
        {health?.sandbox ? (
          <span className="lf-chip lf-chip--sandbox" data-testid="sandbox-badge" title="The example flows call built-in CRM, billing and ERP stand-ins under /sandbox, not real systems">
            stand-ins
          </span>
        ) : null}
        <AudienceSwitch />
        <ThemeToggle />
      </header>
      <main className="lf-page__body">
        <div className="lf-row lf-row--between">
          <h1 className="lf-page__title">Flows</h1>
          <button type="button" className="lf-button lf-button--primary" onClick={() => setCreating(true)} data-testid="new-flow">
            <Icon name="plus" size={14} /> New flow
          </button>
        </div>
        {creating ? <NewFlowForm takenIds={takenIds} onCancel={() => setCreating(false)} /> : null}
        {error ? <p className="lf-field-error">Could not load flows: {error}</p> : null}
        {!flows && !error ? <p className="lf-muted">Loading…</p> : null}
        {flows && !flows.length ? <p className="lf-muted">No flows yet. Create one to start.</p> : null}
        {flows?.length ? (
          <DataTable
            rows={flows}
            columns={columns}
            rowKey={(flow) => flow.id}
            rowProps={(flow) => ({ 'data-testid': `flow-${flow.id}`, onClick: () => (window.location.hash = flowHref(flow)) })}
            className="lf-table--clickable lf-flow-table"
            testId="flow-list"
          />
        ) : null}
      </main>
    </div>
  );
}

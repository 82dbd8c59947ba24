/**
 * Governance of target systems (connections), refreshed every few seconds: hold state (put on hold for a
 * maintenance window with a reason and an optional end, release), circuit breaker state (with the time it
 * half-opens), throttle and breaker limits (editable), requests, failures and steps waiting.
 *
 * Self-contained, to embed: the operations page shows every connection; a connection profile page can show
 * one with `only={['erp']}`. The cells are GovernanceCells.tsx, the dialogs HoldDialog.tsx and LimitsDialog.tsx.
 */
import { useCallback, useEffect, useState } from 'react';
import { holdConnection, listConnections, releaseConnection, setConnectionLimits, type ConnectionStatus } from '../api/connections.js';
import { errorMessage } from '../api/http.js';
import { Icon } from '../canvas/icons.js';
import { DataTable, type Column } from '../ui/DataTable.js';
import { CircuitCell, HoldCell, LimitsCell } from './GovernanceCells.js';
import { HoldDialog } from './HoldDialog.js';
import { LimitsDialog } from './LimitsDialog.js';
import '../styles/operations.css';

interface ConnectionGovernanceProps {
  /** Only these connections (a profile page); default every known one. */
  only?: string[];
  /** Refresh period in ms (default 3 s). */
  refreshMs?: number;
  /** Hide the title and intro (when the embedding page has its own). */
  bare?: boolean;
}

type Editing = { kind: 'hold'; name?: string } | { kind: 'limits'; connection: ConnectionStatus };

export function ConnectionGovernance({ only, refreshMs = 3000, bare }: ConnectionGovernanceProps) {
  const [connections, setConnections] = useState<ConnectionStatus[]>();
  const [error, setError] = useState<string>();
  const [updatedAt, setUpdatedAt] = useState<number>();
  const [now, setNow] = useState(Date.now());
  const [editing, setEditing] = useState<Editing>();
  const [pending, setPending] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const onlyKey = only?.join(',');

  const load = useCallback(async () => {
    try {
      const list = await listConnections();
      const wanted = onlyKey ? onlyKey.split(',') : undefined;
      setConnections(wanted ? wanted.map((name) => list.find((c) => c.name === name) ?? idle(name)) : list);
      setError(undefined);
      setUpdatedAt(Date.now());
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [onlyKey]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      setNow(Date.now());
      if (document.visibilityState !== 'hidden') void load();
    }, refreshMs);
    return () => clearInterval(timer);
  }, [load, refreshMs]);

  const act = async (name: string, action: () => Promise<unknown>): Promise<boolean> => {
    setPending(name);
    setActionError(undefined);
    try {
      await action();
      await load();
      return true;
    } catch (e) {
      setActionError(`${name}: ${errorMessage(e)}`);
      return false;
    } finally {
      setPending(undefined);
    }
  };

  const columns: Array<Column<ConnectionStatus>> = [
    { header: 'Connection', cellClassName: 'lf-mono lf-gov-table__name', cell: (c) => c.name },
    { header: 'Hold', cell: (c) => <HoldCell connection={c} now={now} />, cellProps: () => ({ 'data-testid': 'hold-state' }) },
    { header: 'Circuit', cell: (c) => <CircuitCell connection={c} now={now} />, cellProps: () => ({ 'data-testid': 'circuit-state' }) },
    { header: 'Throttle', cell: (c) => <LimitsCell connection={c} /> },
    { header: 'Requests', numeric: true, cell: (c) => c.requests },
    { header: 'Failures', numeric: true, cell: (c) => c.failures, cellProps: (c) => ({ className: c.failures ? 'lf-gov-table__failures' : undefined }) },
    { header: 'Waiting', numeric: true, cell: (c) => c.waiting, cellProps: (c) => ({ className: c.waiting ? 'lf-gov-table__waiting' : undefined, 'data-testid': 'waiting' }) },
    {
      header: 'Actions',
      hiddenHeader: true,
      className: 'lf-gov-table__actions',
      cell: (c) => (
        <RowActions
          connection={c}
          busy={pending === c.name}
          onLimits={() => setEditing({ kind: 'limits', connection: c })}
          onHold={() => setEditing({ kind: 'hold', name: c.name })}
          onRelease={() => void act(c.name, () => releaseConnection(c.name))}
        />
      ),
    },
  ];
  const closeDialog = () => {
    setEditing(undefined);
    setActionError(undefined);
  };
  /** Runs a dialog's action; the dialog closes when it succeeded and shows the error when not. */
  const confirm = (name: string, action: () => Promise<unknown>) => void act(name, action).then((ok) => ok && setEditing(undefined));

  return (
    <section className="lf-governance" data-testid="connection-governance">
      {!bare ? (
        <div className="lf-row lf-row--between lf-governance__head">
          <div>
            <h2 className="lf-governance__title">Connections</h2>
            <p className="lf-muted lf-small">
              Target systems the flows call. Put one on hold for a maintenance window: steps that need it wait, durably, and drain on release.
            </p>
          </div>
          <div className="lf-row">
            <span className="lf-muted lf-small" title={updatedAt ? `Last update ${new Date(updatedAt).toLocaleTimeString()}` : undefined}>
              <span className="lf-live-dot" /> auto-refresh every {Math.round(refreshMs / 1000)} s
            </span>
            {!only ? (
              <button type="button" className="lf-button" onClick={() => setEditing({ kind: 'hold' })} data-testid="hold-other">
                <Icon name="pause" size={14} /> Hold a connection…
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {error ? <p className="lf-field-error">Could not load connections: {error}</p> : null}
      {actionError ? (
        <p className="lf-field-error" role="alert">
          {actionError}
        </p>
      ) : null}
      {connections && !connections.length ? (
        <div className="lf-ops-empty">
          <Icon name="http" size={22} />
          <p>No connection used yet. Connections appear once a flow calls them, or when one is put on hold.</p>
        </div>
      ) : null}
      {connections?.length ? (
        <div className="lf-ops-table-card">
          <DataTable
            rows={connections}
            columns={columns}
            rowKey={(c) => c.name}
            rowProps={(c) => ({
              'data-testid': `connection-${c.name}`,
              'data-hold': c.hold ? 'on' : 'off',
              'data-circuit': c.circuit,
              className: c.hold ? 'lf-gov-table__row--held' : undefined,
            })}
            className="lf-gov-table"
            testId="connections-table"
          />
        </div>
      ) : null}

      {editing?.kind === 'hold' ? (
        <HoldDialog name={editing.name} busy={Boolean(pending)} error={actionError} onCancel={closeDialog} onConfirm={(name, reason, until) => confirm(name, () => holdConnection(name, reason, until))} />
      ) : null}
      {editing?.kind === 'limits' ? (
        <LimitsDialog
          connection={editing.connection}
          busy={Boolean(pending)}
          error={actionError}
          onCancel={closeDialog}
          onConfirm={(limits) => confirm(editing.connection.name, () => setConnectionLimits(editing.connection.name, limits))}
        />
      ) : null}
    </section>
  );
}

/** A connection not used since start and with no saved control. */
const idle = (name: string): ConnectionStatus => ({ name, circuit: 'closed', requests: 0, failures: 0, waiting: 0 });

interface RowActionsProps {
  connection: ConnectionStatus;
  /** An action on this connection is under way. */
  busy: boolean;
  onLimits(): void;
  onHold(): void;
  onRelease(): void;
}

/** Limits…, and Hold… or Release, at the end of a connection's row. */
function RowActions({ connection: c, busy, onLimits, onHold, onRelease }: RowActionsProps) {
  return (
    <div className="lf-row lf-row--end">
      <button type="button" className="lf-button lf-button--ghost" onClick={onLimits} data-testid={`limits-${c.name}`}>
        Limits…
      </button>
      {c.hold ? (
        <button type="button" className="lf-button" disabled={busy} onClick={onRelease} data-testid={`release-${c.name}`}>
          <Icon name="play" size={12} /> Release
        </button>
      ) : (
        <button type="button" className="lf-button" disabled={busy} onClick={onHold} data-testid={`hold-${c.name}`}>
          <Icon name="pause" size={12} /> Hold…
        </button>
      )}
    </div>
  );
}

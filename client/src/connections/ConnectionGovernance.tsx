/**
 * Governance of target systems (connections), refreshed every few seconds: hold state (put on hold for a
 * maintenance window with a reason and an optional end, release), circuit breaker state (with the time it
 * half-opens), throttle and breaker limits (editable), requests, failures and steps waiting.
 *
 * Self-contained, to embed: the operations page shows every connection; a connection profile page can show
 * one with `only={['erp']}`.
 */
import { useCallback, useEffect, useState } from 'react';
import { holdConnection, listConnections, releaseConnection, setConnectionLimits, type ConnectionLimits, type ConnectionStatus } from '../api/connections.js';
import { errorMessage } from '../api/http.js';
import { Icon } from '../canvas/icons.js';
import { Dialog } from '../operations/Dialog.js';
import { formatAge, formatRelative, toLocalInput } from '../operations/format.js';
import { formatTime } from '../runs/format.js';
import '../styles/operations.css';

const DEFAULT_THRESHOLD = 5;
const DEFAULT_HALF_OPEN_MS = 30_000;
const NAME = /^[a-z0-9][a-z0-9._-]*$/;

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
          <table className="lf-table lf-gov-table" data-testid="connections-table">
            <thead>
              <tr>
                <th>Connection</th>
                <th>Hold</th>
                <th>Circuit</th>
                <th>Throttle</th>
                <th className="lf-num">Requests</th>
                <th className="lf-num">Failures</th>
                <th className="lf-num">Waiting</th>
                <th className="lf-gov-table__actions">
                  <span className="lf-sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {connections.map((c) => (
                <tr
                  key={c.name}
                  data-testid={`connection-${c.name}`}
                  data-hold={c.hold ? 'on' : 'off'}
                  data-circuit={c.circuit}
                  className={c.hold ? 'lf-gov-table__row--held' : undefined}
                >
                  <td className="lf-mono lf-gov-table__name">{c.name}</td>
                  <td data-testid="hold-state">
                    {c.hold ? (
                      <div>
                        <span className="lf-chip lf-chip--warn">
                          <Icon name="pause" size={12} /> On hold
                        </span>
                        <div className="lf-gov-table__reason" title={c.hold.reason}>
                          {c.hold.reason}
                        </div>
                        <div className="lf-muted lf-small">
                          since {formatTime(c.hold.since)}
                          {c.hold.until ? ` · until ${formatTime(c.hold.until)} (${formatRelative(c.hold.until, now)})` : ' · until released'}
                        </div>
                      </div>
                    ) : (
                      <span className="lf-muted" title="Steps call it as soon as the circuit and throttle allow">
                        No hold
                      </span>
                    )}
                  </td>
                  <td data-testid="circuit-state">
                    <CircuitCell connection={c} now={now} />
                  </td>
                  <td>
                    {c.rps ? <span>{c.rps} req/s</span> : <span className="lf-muted">unlimited</span>}
                    <div className="lf-muted lf-small" title="Consecutive failures that open the circuit · time it stays open before a trial call">
                      opens after {c.failureThreshold ?? DEFAULT_THRESHOLD} failures · {formatAge(c.halfOpenAfterMs ?? DEFAULT_HALF_OPEN_MS)}
                    </div>
                  </td>
                  <td className="lf-num">{c.requests}</td>
                  <td className={`lf-num${c.failures ? ' lf-gov-table__failures' : ''}`}>{c.failures}</td>
                  <td className={`lf-num${c.waiting ? ' lf-gov-table__waiting' : ''}`} data-testid="waiting">
                    {c.waiting}
                  </td>
                  <td className="lf-gov-table__actions">
                    <div className="lf-row lf-row--end">
                      <button type="button" className="lf-button lf-button--ghost" onClick={() => setEditing({ kind: 'limits', connection: c })} data-testid={`limits-${c.name}`}>
                        Limits…
                      </button>
                      {c.hold ? (
                        <button
                          type="button"
                          className="lf-button"
                          disabled={pending === c.name}
                          onClick={() => void act(c.name, () => releaseConnection(c.name))}
                          data-testid={`release-${c.name}`}
                        >
                          <Icon name="play" size={12} /> Release
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="lf-button"
                          disabled={pending === c.name}
                          onClick={() => setEditing({ kind: 'hold', name: c.name })}
                          data-testid={`hold-${c.name}`}
                        >
                          <Icon name="pause" size={12} /> Hold…
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {editing?.kind === 'hold' ? (
        <HoldDialog
          name={editing.name}
          busy={Boolean(pending)}
          error={actionError}
          onCancel={() => {
            setEditing(undefined);
            setActionError(undefined);
          }}
          onConfirm={(name, reason, until) => void act(name, () => holdConnection(name, reason, until)).then((ok) => ok && setEditing(undefined))}
        />
      ) : null}
      {editing?.kind === 'limits' ? (
        <LimitsDialog
          connection={editing.connection}
          busy={Boolean(pending)}
          error={actionError}
          onCancel={() => {
            setEditing(undefined);
            setActionError(undefined);
          }}
          onConfirm={(limits) => void act(editing.connection.name, () => setConnectionLimits(editing.connection.name, limits)).then((ok) => ok && setEditing(undefined))}
        />
      ) : null}
    </section>
  );
}

/** A connection not used since start and with no saved control. */
const idle = (name: string): ConnectionStatus => ({ name, circuit: 'closed', requests: 0, failures: 0, waiting: 0 });

function CircuitCell({ connection, now }: { connection: ConnectionStatus; now: number }) {
  if (connection.circuit === 'open') {
    return (
      <div>
        <span className="lf-chip lf-chip--danger">
          <span className="lf-dot lf-dot--failed" /> Open
        </span>
        <div className="lf-muted lf-small">
          {connection.halfOpenAt ? (
            <>
              half-opens {formatTime(connection.halfOpenAt)} ({formatRelative(connection.halfOpenAt, now)})
            </>
          ) : (
            'after repeated failures'
          )}
        </div>
      </div>
    );
  }
  if (connection.circuit === 'half-open') {
    return (
      <div>
        <span className="lf-chip lf-chip--warn">
          <span className="lf-dot lf-dot--interrupted" /> Half-open
        </span>
        <div className="lf-muted lf-small">one trial call decides</div>
      </div>
    );
  }
  return (
    <span className="lf-chip lf-chip--ok">
      <span className="lf-dot lf-dot--succeeded" /> Closed
    </span>
  );
}

const HOLD_PRESETS: Array<{ label: string; minutes?: number }> = [
  { label: 'Until released' },
  { label: '30 min', minutes: 30 },
  { label: '1 h', minutes: 60 },
  { label: '4 h', minutes: 240 },
];

function HoldDialog({
  name,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  name?: string;
  busy: boolean;
  error?: string;
  onConfirm(name: string, reason: string, until?: string): void;
  onCancel(): void;
}) {
  const [target, setTarget] = useState(name ?? '');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const untilMs = until ? new Date(until).getTime() : undefined;
  const untilProblem = untilMs !== undefined && (Number.isNaN(untilMs) || untilMs <= Date.now()) ? 'The end must be in the future.' : undefined;
  const nameProblem = target && !NAME.test(target) ? 'Lower-case letters, digits, ".", "_" and "-".' : undefined;
  const valid = NAME.test(target) && reason.trim().length >= 3 && !untilProblem;
  return (
    <Dialog
      title={name ? `Put ${name} on hold` : 'Put a connection on hold'}
      intro="Steps that call it wait, durably (also across a restart), and drain when the hold is released or ends. Runs already past the call are not affected."
      confirmLabel="Put on hold"
      canConfirm={valid}
      busy={busy}
      error={error}
      onConfirm={() => onConfirm(target, reason.trim(), untilMs ? new Date(untilMs).toISOString() : undefined)}
      onCancel={onCancel}
      testId="hold-dialog"
    >
      {!name ? (
        <>
          <label className="lf-label" htmlFor="hold-name">
            Connection
          </label>
          <input id="hold-name" className="lf-input lf-input--mono" value={target} onChange={(e) => setTarget(e.target.value.trim())} placeholder="e.g. erp" autoFocus data-testid="hold-name" />
          {nameProblem ? <p className="lf-field-error">{nameProblem}</p> : null}
        </>
      ) : null}
      <label className="lf-label" htmlFor="hold-reason">
        Reason <span className="lf-required">required</span>
      </label>
      <input
        id="hold-reason"
        className="lf-input"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={500}
        placeholder="e.g. ERP maintenance window (ticket CHG-1234)"
        autoFocus={Boolean(name)}
        data-testid="hold-reason"
      />
      <label className="lf-label" htmlFor="hold-until">
        Ends
      </label>
      <div className="lf-row lf-row--wrap">
        {HOLD_PRESETS.map((preset) => {
          const active = preset.minutes === undefined ? !until : false;
          return (
            <button
              key={preset.label}
              type="button"
              className={`lf-chip lf-chip--button${active ? ' lf-chip--selected' : ''}`}
              onClick={() => setUntil(preset.minutes === undefined ? '' : toLocalInput(new Date(Date.now() + preset.minutes * 60_000)))}
            >
              {preset.label}
            </button>
          );
        })}
        <input
          id="hold-until"
          type="datetime-local"
          className="lf-input lf-input--auto"
          value={until}
          min={toLocalInput(new Date())}
          onChange={(e) => setUntil(e.target.value)}
          data-testid="hold-until"
        />
      </div>
      <p className="lf-help">{untilProblem ?? (until ? 'The hold ends by itself then.' : 'No end: the hold lasts until someone releases it.')}</p>
    </Dialog>
  );
}

function LimitsDialog({
  connection,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  connection: ConnectionStatus;
  busy: boolean;
  error?: string;
  onConfirm(limits: ConnectionLimits): void;
  onCancel(): void;
}) {
  const [rps, setRps] = useState(connection.rps ? String(connection.rps) : '');
  const [threshold, setThreshold] = useState(connection.failureThreshold ? String(connection.failureThreshold) : '');
  const [halfOpen, setHalfOpen] = useState(connection.halfOpenAfterMs ? String(connection.halfOpenAfterMs / 1000) : '');
  const problems = {
    rps: rps && !(Number(rps) > 0 && Number(rps) <= 10_000) ? 'A number above 0, at most 10,000.' : undefined,
    threshold: threshold && !(Number.isInteger(Number(threshold)) && Number(threshold) >= 1 && Number(threshold) <= 1000) ? 'A whole number from 1 to 1,000.' : undefined,
    halfOpen: halfOpen && !(Number(halfOpen) >= 0.1 && Number(halfOpen) <= 3600) ? 'From 0.1 to 3,600 seconds.' : undefined,
  };
  const valid = !problems.rps && !problems.threshold && !problems.halfOpen;
  return (
    <Dialog
      title={`Limits of ${connection.name}`}
      intro="Apply to requests from now on. Leave a field empty for no throttle, or the default breaker setting."
      confirmLabel="Save limits"
      canConfirm={valid}
      busy={busy}
      error={error}
      onConfirm={() =>
        onConfirm({
          rps: rps ? Number(rps) : null,
          failureThreshold: threshold ? Number(threshold) : null,
          halfOpenAfterMs: halfOpen ? Math.round(Number(halfOpen) * 1000) : null,
        })
      }
      onCancel={onCancel}
      testId="limits-dialog"
    >
      <label className="lf-label" htmlFor="limits-rps">
        Throttle (requests per second)
      </label>
      <input id="limits-rps" className="lf-input" type="number" min={0} step="any" value={rps} onChange={(e) => setRps(e.target.value)} placeholder="unlimited" autoFocus data-testid="limits-rps" />
      {problems.rps ? <p className="lf-field-error">{problems.rps}</p> : <p className="lf-help">Excess requests queue; nothing is dropped.</p>}
      <label className="lf-label" htmlFor="limits-threshold">
        Open the circuit after (consecutive failures)
      </label>
      <input id="limits-threshold" className="lf-input" type="number" min={1} step={1} value={threshold} onChange={(e) => setThreshold(e.target.value)} placeholder={`${DEFAULT_THRESHOLD} (default)`} />
      {problems.threshold ? <p className="lf-field-error">{problems.threshold}</p> : <p className="lf-help">Network errors, time-outs, 429 and 5xx answers count as failures.</p>}
      <label className="lf-label" htmlFor="limits-half-open">
        Half-open after (seconds)
      </label>
      <input
        id="limits-half-open"
        className="lf-input"
        type="number"
        min={0.1}
        step="any"
        value={halfOpen}
        onChange={(e) => setHalfOpen(e.target.value)}
        placeholder={`${DEFAULT_HALF_OPEN_MS / 1000} (default)`}
      />
      {problems.halfOpen ? <p className="lf-field-error">{problems.halfOpen}</p> : <p className="lf-help">How long an open circuit waits before one trial call.</p>}
    </Dialog>
  );
}

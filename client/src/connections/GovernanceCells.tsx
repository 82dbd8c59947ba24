/**
 * The cells of the connection governance table that say a state in words: the hold (reason, since, until),
 * the circuit breaker (closed, open with the time it half-opens, half-open) and the limits (throttle, breaker
 * settings). `now` (ms since the epoch) is the table's clock, so relative times tick together.
 */
import type { ConnectionStatus } from '../api/connections.js';
import { Icon } from '../canvas/icons.js';
import { formatAge, formatRelative } from '../operations/format.js';
import { formatTime } from '../runs/format.js';
import { DEFAULT_HALF_OPEN_MS, DEFAULT_THRESHOLD } from './LimitsDialog.js';

export function HoldCell({ connection, now }: { connection: ConnectionStatus; now: number }) {
  const { hold } = connection;
  if (!hold) {
    return (
      <span className="lf-muted" title="Steps call it as soon as the circuit and throttle allow">
        No hold
      </span>
    );
  }
  return (
    <div>
      <span className="lf-chip lf-chip--warn">
        <Icon name="pause" size={12} /> On hold
      </span>
      <div className="lf-gov-table__reason" title={hold.reason}>
        {hold.reason}
      </div>
      <div className="lf-muted lf-small">
        since {formatTime(hold.since)}
        {hold.until ? ` · until ${formatTime(hold.until)} (${formatRelative(hold.until, now)})` : ' · until released'}
      </div>
    </div>
  );
}

export function CircuitCell({ connection, now }: { connection: ConnectionStatus; now: number }) {
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

export function LimitsCell({ connection }: { connection: ConnectionStatus }) {
  return (
    <>
      {connection.rps ? <span>{connection.rps} req/s</span> : <span className="lf-muted">unlimited</span>}
      <div className="lf-muted lf-small" title="Consecutive failures that open the circuit · time it stays open before a trial call">
        opens after {connection.failureThreshold ?? DEFAULT_THRESHOLD} failures · {formatAge(connection.halfOpenAfterMs ?? DEFAULT_HALF_OPEN_MS)}
      </div>
    </>
  );
}

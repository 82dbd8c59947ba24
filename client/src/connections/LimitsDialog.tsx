/**
 * A connection's limits: its throttle (requests per second) and circuit breaker (consecutive failures that
 * open it, seconds before a trial call). An empty field means no throttle, or the breaker's default.
 */
import { useState } from 'react';
import type { ConnectionLimits, ConnectionStatus } from '../api/connections.js';
import { FieldLabel, FormDialog } from '../ui/FormDialog.js';

/** The breaker defaults of server/runtime/connections.ts: consecutive failures that open the circuit, and ms it stays open. */
export const DEFAULT_THRESHOLD = 5;
export const DEFAULT_HALF_OPEN_MS = 30_000;

interface LimitsDialogProps {
  connection: ConnectionStatus;
  busy: boolean;
  error?: string;
  /** `null`: back to no throttle, or the default. */
  onConfirm(limits: ConnectionLimits): void;
  onCancel(): void;
}

export function LimitsDialog({ connection, busy, error, onConfirm, onCancel }: LimitsDialogProps) {
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
    <FormDialog
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
      <FieldLabel htmlFor="limits-rps">Throttle (requests per second)</FieldLabel>
      <input id="limits-rps" className="lf-input" type="number" min={0} step="any" value={rps} onChange={(e) => setRps(e.target.value)} placeholder="unlimited" autoFocus data-testid="limits-rps" />
      {problems.rps ? <p className="lf-field-error">{problems.rps}</p> : <p className="lf-help">Excess requests queue; nothing is dropped.</p>}
      <FieldLabel htmlFor="limits-threshold">Open the circuit after (consecutive failures)</FieldLabel>
      <input id="limits-threshold" className="lf-input" type="number" min={1} step={1} value={threshold} onChange={(e) => setThreshold(e.target.value)} placeholder={`${DEFAULT_THRESHOLD} (default)`} />
      {problems.threshold ? <p className="lf-field-error">{problems.threshold}</p> : <p className="lf-help">Network errors, time-outs, 429 and 5xx answers count as failures.</p>}
      <FieldLabel htmlFor="limits-half-open">Half-open after (seconds)</FieldLabel>
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
    </FormDialog>
  );
}

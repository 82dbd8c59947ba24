/**
 * Put a connection on hold: a reason (required, for whoever sees the waiting runs) and an optional end, from a
 * preset or a local date and time. Without `name` it asks which connection too (one not used yet can be held).
 */
import { useState } from 'react';
import { toLocalInput } from '../operations/format.js';
import { FieldLabel, FormDialog, ReasonField } from '../ui/FormDialog.js';

/** Connection names as the server accepts them. */
const NAME = /^[a-z0-9][a-z0-9._-]*$/;

const HOLD_PRESETS: Array<{ label: string; minutes?: number }> = [
  { label: 'Until released' },
  { label: '30 min', minutes: 30 },
  { label: '1 h', minutes: 60 },
  { label: '4 h', minutes: 240 },
];

interface HoldDialogProps {
  /** The connection; absent: the dialog asks for it. */
  name?: string;
  busy: boolean;
  error?: string;
  /** `until`: ISO 8601, absent for a hold until released. */
  onConfirm(name: string, reason: string, until?: string): void;
  onCancel(): void;
}

export function HoldDialog({ name, busy, error, onConfirm, onCancel }: HoldDialogProps) {
  const [target, setTarget] = useState(name ?? '');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const untilMs = until ? new Date(until).getTime() : undefined;
  const untilProblem = untilMs !== undefined && (Number.isNaN(untilMs) || untilMs <= Date.now()) ? 'The end must be in the future.' : undefined;
  const nameProblem = target && !NAME.test(target) ? 'Lower-case letters, digits, ".", "_" and "-".' : undefined;
  const valid = NAME.test(target) && reason.trim().length >= 3 && !untilProblem;
  return (
    <FormDialog
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
          <FieldLabel htmlFor="hold-name">Connection</FieldLabel>
          <input id="hold-name" className="lf-input lf-input--mono" value={target} onChange={(e) => setTarget(e.target.value.trim())} placeholder="e.g. erp" autoFocus data-testid="hold-name" />
          {nameProblem ? <p className="lf-field-error">{nameProblem}</p> : null}
        </>
      ) : null}
      <ReasonField id="hold-reason" value={reason} onChange={setReason} placeholder="e.g. ERP maintenance window (ticket CHG-1234)" autoFocus={Boolean(name)} testId="hold-reason" />
      <FieldLabel htmlFor="hold-until">Ends</FieldLabel>
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
    </FormDialog>
  );
}

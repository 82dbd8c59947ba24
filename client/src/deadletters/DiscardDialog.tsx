/**
 * Discard a dead letter: it will not be replayed and its business keys are released. A reason of at least
 * three characters is required (the audit trail); common reasons are one click away.
 */
import { useState } from 'react';
import { FormDialog, ReasonField } from '../ui/FormDialog.js';

const DISCARD_REASONS = ['Duplicate of an event already posted', 'Test event, not a real transaction', 'Posted by hand in the ERP'];

interface DiscardDialogProps {
  /** The letter's (and failed run's) id. */
  id: string;
  busy: boolean;
  error?: string;
  onConfirm(reason: string): void;
  onCancel(): void;
}

export function DiscardDialog({ id, busy, error, onConfirm, onCancel }: DiscardDialogProps) {
  const [reason, setReason] = useState('');
  const valid = reason.trim().length >= 3;
  return (
    <FormDialog
      title="Discard this dead letter?"
      intro={
        <>
          <span className="lf-mono">{id}</span> will not be replayed; its business keys are released, so a later delivery of the same event is processed. Say why,
          for the audit trail.
        </>
      }
      confirmLabel="Discard"
      danger
      canConfirm={valid}
      busy={busy}
      error={error}
      onConfirm={() => onConfirm(reason.trim())}
      onCancel={onCancel}
      testId="discard-dialog"
    >
      <ReasonField id="discard-reason" value={reason} onChange={setReason} rows={3} autoFocus placeholder="e.g. Duplicate of INV-1042, posted by hand" testId="discard-reason" />
      <div className="lf-row lf-row--wrap">
        {DISCARD_REASONS.map((r) => (
          <button key={r} type="button" className="lf-chip lf-chip--button" onClick={() => setReason(r)}>
            {r}
          </button>
        ))}
      </div>
      {!valid && reason ? <p className="lf-help">At least 3 characters.</p> : null}
    </FormDialog>
  );
}

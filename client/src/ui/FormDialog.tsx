/**
 * A small modal form on the native `<dialog>` (focus kept inside, Escape cancels, the page behind is inert),
 * made of the dialog parts of Dialog.tsx: a title, an intro, the fields, an error, Cancel and a confirm
 * button. Rendered only while open: mount it to open it. Enter in a field confirms.
 */
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { DialogFoot, DialogHead } from './Dialog.js';

interface FormDialogProps {
  title: string;
  /** Shown under the title. */
  intro?: ReactNode;
  children: ReactNode;
  /** The confirm button's label and look. */
  confirmLabel: string;
  danger?: boolean;
  /** False disables the confirm button (e.g. a required reason is missing). */
  canConfirm?: boolean;
  busy?: boolean;
  error?: string;
  onConfirm(): void;
  onCancel(): void;
  /** The dialog's test id; its confirm button's is `<testId>-confirm`. */
  testId?: string;
}

export function FormDialog({ title, intro, children, confirmLabel, danger, canConfirm = true, busy, error, onConfirm, onCancel, testId }: FormDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal focuses the first focusable element (the close button): start in the first field instead.
    dialog?.querySelector<HTMLElement>('.lf-dialog__body input, .lf-dialog__body textarea, .lf-dialog__body select')?.focus();
    return () => dialog?.close();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canConfirm && !busy) onConfirm();
  };

  return (
    <dialog
      ref={ref}
      className="lf-ops-dialog"
      aria-labelledby="lf-ops-dialog-title"
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onCancel(); // a click on the backdrop
      }}
    >
      <form className="lf-dialog lf-ops-dialog__form" onSubmit={submit}>
        <DialogHead title={title} titleId="lf-ops-dialog-title" onClose={onCancel} />
        <div className="lf-dialog__body">
          {intro ? <div className="lf-ops-dialog__intro">{intro}</div> : null}
          {children}
          {error ? (
            <p className="lf-field-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <DialogFoot onCancel={onCancel}>
          <button
            type="submit"
            className={`lf-button ${danger ? 'lf-button--danger-solid' : 'lf-button--primary'}`}
            disabled={!canConfirm || busy}
            data-testid={testId ? `${testId}-confirm` : undefined}
          >
            {busy ? 'Working…' : confirmLabel}
          </button>
        </DialogFoot>
      </form>
    </dialog>
  );
}

/** A field's label in a form dialog; `required` adds the "required" tag after the text. */
export function FieldLabel({ htmlFor, required, children }: { htmlFor: string; required?: boolean; children: ReactNode }) {
  return (
    <label className="lf-label" htmlFor={htmlFor}>
      {children}
      {required ? (
        <>
          {' '}
          <span className="lf-required">required</span>
        </>
      ) : null}
    </label>
  );
}

interface ReasonFieldProps {
  id: string;
  value: string;
  onChange(value: string): void;
  placeholder: string;
  /** Lines of a multi-line field; a single-line input without. */
  rows?: number;
  autoFocus?: boolean;
  testId?: string;
}

/** The required "Reason" of an action kept for the audit trail (a hold, a discard): at most 500 characters. */
export function ReasonField({ id, value, onChange, placeholder, rows, autoFocus, testId }: ReasonFieldProps) {
  const common = { id, value, maxLength: 500, placeholder, autoFocus, 'data-testid': testId };
  return (
    <>
      <FieldLabel htmlFor={id} required>
        Reason
      </FieldLabel>
      {rows ? (
        <textarea {...common} className="lf-input lf-textarea" rows={rows} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} className="lf-input" onChange={(e) => onChange(e.target.value)} />
      )}
    </>
  );
}

/**
 * A small modal dialog on the native `<dialog>` (focus kept inside, Escape cancels, the page behind is
 * inert), dressed in the design system's dialog parts. Rendered only while open: mount it to open it.
 */
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { Icon } from '../canvas/icons.js';

interface DialogProps {
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
  testId?: string;
}

export function Dialog({ title, intro, children, confirmLabel, danger, canConfirm = true, busy, error, onConfirm, onCancel, testId }: DialogProps) {
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
        <header className="lf-dialog__head">
          <h2 id="lf-ops-dialog-title" className="lf-dialog__title">
            {title}
          </h2>
          <div className="lf-header__spacer" />
          <button type="button" className="lf-button lf-button--ghost" onClick={onCancel} aria-label="Close">
            <Icon name="close" size={16} />
          </button>
        </header>
        <div className="lf-dialog__body">
          {intro ? <div className="lf-ops-dialog__intro">{intro}</div> : null}
          {children}
          {error ? (
            <p className="lf-field-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <footer className="lf-dialog__foot">
          <button type="button" className="lf-button lf-button--ghost" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="submit"
            className={`lf-button ${danger ? 'lf-button--danger-solid' : 'lf-button--primary'}`}
            disabled={!canConfirm || busy}
            data-testid={testId ? `${testId}-confirm` : undefined}
          >
            {busy ? 'Working…' : confirmLabel}
          </button>
        </footer>
      </form>
    </dialog>
  );
}

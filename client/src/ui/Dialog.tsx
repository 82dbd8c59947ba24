/**
 * The parts every dialog of the designer is made of: the head (icon, title, what else the dialog puts there,
 * a close button), the foot (Cancel, then the dialog's own confirm button), and the overlay shell of the
 * designer's large dialogs (shortcuts, compare versions, import). A confirm dialog with a form is FormDialog.tsx.
 */
import { useEffect, type ReactNode } from 'react';
import { Icon } from '../canvas/icons.js';

interface DialogHeadProps {
  title: string;
  /** The id of the title element, for the dialog's `aria-labelledby`. */
  titleId?: string;
  /** An icon name of canvas/icons.tsx, before the title. */
  icon?: string;
  onClose(): void;
  /** Tooltip of the close button (say its key, e.g. `Close (Esc)`). */
  closeTitle?: string;
  closeTestId?: string;
  /** Shown after the title (version pickers, a summary), before the close button. */
  children?: ReactNode;
}

/** A dialog's title bar. */
export function DialogHead({ title, titleId, icon, onClose, closeTitle, closeTestId, children }: DialogHeadProps) {
  return (
    <header className="lf-dialog__head">
      {icon ? <Icon name={icon} size={18} /> : null}
      <h2 id={titleId} className="lf-dialog__title">
        {title}
      </h2>
      {children}
      <div className="lf-header__spacer" />
      <button type="button" className="lf-button lf-button--ghost" onClick={onClose} aria-label="Close" title={closeTitle} data-testid={closeTestId}>
        <Icon name="close" size={16} />
      </button>
    </header>
  );
}

/** A dialog's button bar: Cancel, then `children` (the confirm button, its look and test id the dialog's own). */
export function DialogFoot({ onCancel, children }: { onCancel(): void; children: ReactNode }) {
  return (
    <footer className="lf-dialog__foot">
      <button type="button" className="lf-button lf-button--ghost" onClick={onCancel}>
        Cancel
      </button>
      {children}
    </footer>
  );
}

interface OverlayDialogProps {
  /** `aria-labelledby`: the id given to DialogHead's `titleId`. */
  labelledBy?: string;
  /** `aria-label`, when the title is not a plain heading. */
  label?: string;
  /** Size modifier: `help` (900 px) or `full` (the whole window less a margin); default 620 px. */
  size?: 'help' | 'full';
  onClose(): void;
  /** A press on the backdrop closes the dialog (default true). */
  closeOnBackdrop?: boolean;
  /** Keys that close the dialog before anything else on the page sees them (default Escape). */
  closeKeys?: readonly string[];
  testId?: string;
  children: ReactNode;
}

const ESCAPE = ['Escape'];

/**
 * A modal over the whole page: a dimmed backdrop and a centred panel. It does not trap focus or make the page
 * inert; a designer dialog also calls `useModal` so the canvas ignores its shortcuts while it is open.
 */
export function OverlayDialog({ labelledBy, label, size, onClose, closeOnBackdrop = true, closeKeys = ESCAPE, testId, children }: OverlayDialogProps) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!closeKeys.includes(event.key)) return;
      event.preventDefault();
      event.stopPropagation();
      onClose();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose, closeKeys]);

  return (
    <div className="lf-overlay" role="presentation" onPointerDown={closeOnBackdrop ? (e) => e.target === e.currentTarget && onClose() : undefined}>
      <section
        className={`lf-dialog${size ? ` lf-dialog--${size}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-label={label}
        data-testid={testId}
      >
        {children}
      </section>
    </div>
  );
}

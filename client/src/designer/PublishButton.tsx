/** Publish with a message: a small popover asking what changed, then save + publish. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Icon } from '../canvas/icons.js';
import { publishDraft, usePersistence } from './persistence.js';

export function PublishButton({ issueCount }: { issueCount: number }) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const status = usePersistence((s) => s.status);
  const input = useRef<HTMLInputElement>(null);
  const anchor = useRef<HTMLDivElement>(null);
  const busy = status === 'saving' || status === 'publishing';

  // Focus the message; close on Escape or a click outside.
  useEffect(() => {
    if (!open) return;
    input.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    const onPointer = (event: PointerEvent) => {
      if (!anchor.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await publishDraft(message)) {
      setOpen(false);
      setMessage('');
    }
  };

  return (
    <div className="lf-popover-anchor" ref={anchor}>
      <button
        type="button"
        className="lf-button lf-button--primary"
        onClick={() => setOpen(!open)}
        disabled={busy}
        data-testid="publish"
        aria-expanded={open}
      >
        <Icon name="publish" size={14} /> Publish
      </button>
      {open ? (
        <form className="lf-popover" onSubmit={(e) => void submit(e)}>
          <label className="lf-label" htmlFor="publish-message">
            What changed?
          </label>
          <input
            id="publish-message"
            ref={input}
            className="lf-input"
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            placeholder="e.g. map proration lines to ERP invoice lines"
            maxLength={500}
            data-testid="publish-message"
          />
          {issueCount > 0 ? (
            <p className="lf-problem-text">
              {issueCount} problem{issueCount > 1 ? 's' : ''} in the draft: the server will refuse to publish it.
            </p>
          ) : null}
          <div className="lf-row lf-row--end">
            <button type="button" className="lf-button lf-button--ghost" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="lf-button lf-button--primary" disabled={busy} data-testid="publish-confirm">
              Save &amp; publish
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

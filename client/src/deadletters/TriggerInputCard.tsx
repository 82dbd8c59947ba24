/**
 * A dead letter's trigger input in a JSON editor that validates as you type: its state (invalid, valid, not
 * saved), Revert and Save (also Ctrl+S) while the letter is parked, read-only once replayed or discarded.
 */
import type { DeadLetter } from '../api/deadLetters.js';
import { Icon } from '../canvas/icons.js';
import { JsonEditor } from './JsonEditor.js';

interface TriggerInputCardProps {
  letter: DeadLetter;
  text: string;
  onChange(text: string): void;
  /** What JSON.parse says of `text`; undefined when it parses. */
  problem?: string;
  /** `text` differs from the saved input. */
  dirty: boolean;
  /** An action on the letter is under way: `save` while saving. */
  busy?: 'save' | 'replay' | 'discard';
  onSave(): void;
  onRevert(): void;
}

export function TriggerInputCard({ letter, text, onChange, problem, dirty, busy, onSave, onRevert }: TriggerInputCardProps) {
  const parked = letter.status === 'parked';
  return (
    <section className="lf-ops-card lf-dl-detail__input" aria-label="Trigger input">
      <div className="lf-row lf-dl-detail__input-head">
        <h2 className="lf-section-title">Trigger input</h2>
        <span className={`lf-json-status${problem ? ' lf-json-status--invalid' : ''}`} data-testid="dl-json-status" data-valid={!problem}>
          {problem ? <Icon name="alert" size={13} /> : <Icon name="check" size={13} />}
          {problem ? 'Invalid JSON' : dirty ? 'Valid JSON, not saved' : 'Valid JSON'}
        </span>
        <div className="lf-header__spacer" />
        {parked ? (
          <>
            <button type="button" className="lf-button lf-button--ghost" onClick={onRevert} disabled={!dirty || Boolean(busy)} data-testid="dl-revert">
              <Icon name="undo" size={14} /> Revert
            </button>
            <button type="button" className="lf-button" onClick={onSave} disabled={!dirty || Boolean(problem) || Boolean(busy)} data-testid="dl-save">
              <Icon name="save" size={14} /> {busy === 'save' ? 'Saving…' : 'Save payload'}
            </button>
          </>
        ) : (
          <span className="lf-muted lf-small">Read-only: the letter is {letter.status}.</span>
        )}
      </div>
      <div
        className="lf-dl-detail__editor"
        onKeyDown={(event) => {
          if ((event.ctrlKey || event.metaKey) && event.key === 's') {
            event.preventDefault();
            if (parked && dirty && !problem) onSave();
          }
        }}
      >
        <JsonEditor value={text} onChange={onChange} readOnly={!parked} testId="dl-input" label="Trigger input JSON" />
      </div>
      {problem ? (
        <p className="lf-field-error" data-testid="dl-json-error">
          {problem}
        </p>
      ) : (
        <p className="lf-muted lf-small">
          {parked
            ? "Edit the payload the flow's trigger received, save it, then replay. Ctrl+S saves."
            : letter.status === 'replayed'
              ? `The input ${letter.replays.length > 1 ? 'the replays' : 'the replay'} ran on${letter.edited ? ', as edited' : ''}.`
              : 'The input as it was when the letter was discarded.'}
        </p>
      )}
    </section>
  );
}

/**
 * A write-only secret input. A stored secret is never shown, nor sent back: the field says "set" and
 * offers "Change" (type a new value) — until then the form sends nothing and the server keeps the secret.
 */
import { useId } from 'react';

interface SecretFieldProps {
  label: string;
  /** The server holds a value for this secret. */
  isSet: boolean;
  /** The new value typed, or undefined when left unchanged. */
  value: string | undefined;
  onChange(value: string | undefined): void;
  testId: string;
  help?: string;
}

export function SecretField({ label, isSet, value, onChange, testId, help }: SecretFieldProps) {
  const id = useId();
  const editing = value !== undefined || !isSet;
  return (
    <div className="lf-secret" data-testid={testId}>
      <label className="lf-label" htmlFor={id}>
        {label}
      </label>
      {editing ? (
        <div className="lf-row">
          <input
            id={id}
            className="lf-input lf-input--mono"
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            value={value ?? ''}
            placeholder={isSet ? 'new value' : 'not set'}
            onChange={(e) => onChange(e.target.value)}
            data-testid={`${testId}-input`}
          />
          {isSet ? (
            <button type="button" className="lf-button lf-button--ghost" onClick={() => onChange(undefined)} data-testid={`${testId}-keep`}>
              Keep
            </button>
          ) : null}
        </div>
      ) : (
        <div className="lf-row">
          <span className="lf-chip lf-chip--ok" data-testid={`${testId}-state`}>
            set
          </span>
          <button type="button" className="lf-button" onClick={() => onChange('')} data-testid={`${testId}-change`}>
            Change
          </button>
        </div>
      )}
      {help ? <p className="lf-help">{help}</p> : null}
    </div>
  );
}

/**
 * Arrays of integers (a retry policy's retryable HTTP statuses) as one text input: `408, 429, 503`.
 * Every change is parsed; a list whose numbers are all integers within the items' bounds is passed on,
 * anything else shows what is wrong and keeps the last good value. "Default" puts the schema default back.
 */
import type { FieldProps } from '@rjsf/utils';
import { useEffect, useRef, useState } from 'react';
import type { ConfigFormContext } from './formContext.js';

interface ItemBounds {
  minimum?: number;
  maximum?: number;
}

const format = (value: unknown) => (Array.isArray(value) ? value.join(', ') : '');

/** The numbers of `text` (separated by commas or spaces), or the first problem found. */
export function parseNumberList(text: string, bounds: ItemBounds = {}): { value: number[] } | { error: string } {
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  const value: number[] = [];
  for (const token of tokens) {
    if (!/^-?\d+$/.test(token)) return { error: `"${token}" is not a whole number` };
    const n = Number(token);
    if (bounds.minimum !== undefined && n < bounds.minimum) return { error: `${n} is below ${bounds.minimum}` };
    if (bounds.maximum !== undefined && n > bounds.maximum) return { error: `${n} is above ${bounds.maximum}` };
    if (!value.includes(n)) value.push(n);
  }
  return { value };
}

export function NumberListField({ formData, onChange, fieldPathId, schema, uiSchema, disabled, readonly, registry }: FieldProps) {
  const [text, setText] = useState(() => format(formData));
  const [error, setError] = useState<string>();
  const lastSent = useRef<unknown>(formData);
  const issue = (registry.formContext as ConfigFormContext | undefined)?.fieldIssues[fieldPathId.$id];
  const items = (typeof schema.items === 'object' && !Array.isArray(schema.items) ? schema.items : {}) as ItemBounds;
  const fallback = Array.isArray(schema.default) ? (schema.default as number[]) : undefined;
  const description = (uiSchema?.['ui:description'] as string | undefined) ?? schema.description;

  // Follow outside changes (undo, another node) but not the echo of our own edits.
  useEffect(() => {
    if (JSON.stringify(formData) !== JSON.stringify(lastSent.current)) {
      lastSent.current = formData;
      setText(format(formData));
      setError(undefined);
    }
  }, [formData]);

  const send = (value: number[]) => {
    lastSent.current = value;
    onChange(value, fieldPathId.path);
  };

  const onText = (next: string) => {
    setText(next);
    const parsed = parseNumberList(next, items);
    if ('error' in parsed) return setError(parsed.error);
    setError(undefined);
    send(parsed.value);
  };

  const isDefault = fallback !== undefined && JSON.stringify(formData) === JSON.stringify(fallback);
  return (
    <div className="form-group lf-number-list">
      <label className="control-label" htmlFor={fieldPathId.$id}>
        {(uiSchema?.['ui:title'] as string | undefined) ?? schema.title ?? 'Numbers'}
      </label>
      {description ? <p className="field-description">{description}</p> : null}
      <div className="lf-number-list__row">
        <input
          id={fieldPathId.$id}
          className={`form-control lf-input--mono${error || issue ? ' lf-input--invalid' : ''}`}
          value={text}
          onChange={(event) => onText(event.target.value)}
          onBlur={() => !error && setText(format(lastSent.current))}
          disabled={disabled || readonly}
          placeholder="e.g. 429, 503"
          spellCheck={false}
          aria-invalid={Boolean(error || issue)}
          data-testid={`numbers-${fieldPathId.$id}`}
        />
        {fallback && !isDefault ? (
          <button
            type="button"
            className="lf-button lf-button--ghost lf-number-list__reset"
            title={`Back to the default: ${fallback.join(', ')}`}
            onClick={() => {
              setText(format(fallback));
              setError(undefined);
              send([...fallback]);
            }}
          >
            Default
          </button>
        ) : null}
      </div>
      {error ? <div className="lf-field-error">{error}</div> : issue ? <div className="lf-field-error">{issue.message}</div> : null}
    </div>
  );
}

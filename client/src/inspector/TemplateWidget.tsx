/** `format: "template"` strings: one line of text with `{{ JSONata }}` placeholders, shown in a monospace input. */
import type { WidgetProps } from '@rjsf/utils';
import type { ConfigFormContext } from './formContext.js';

export function TemplateWidget({ id, value, onChange, onBlur, onFocus, readonly, disabled, required, placeholder, registry, htmlName }: WidgetProps) {
  const issue = (registry.formContext as ConfigFormContext | undefined)?.fieldIssues[id];
  return (
    <>
      <input
        id={id}
        name={htmlName ?? id}
        className={`lf-input lf-input--mono${issue ? ' lf-input--invalid' : ''}`}
        value={typeof value === 'string' ? value : ''}
        placeholder={placeholder || '/path/{{ payload.id }}'}
        required={required}
        readOnly={readonly}
        disabled={disabled}
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
        onBlur={(event) => onBlur(id, event.target.value)}
        onFocus={(event) => onFocus(id, event.target.value)}
      />
      {issue ? <div className="lf-field-error">{issue.message}</div> : null}
    </>
  );
}

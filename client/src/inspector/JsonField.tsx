/**
 * `format: "json"` objects (e.g. a JSON Schema): raw JSON in a CodeMirror editor. The text is parsed on every
 * change; valid JSON objects are passed on, anything else shows the parse error and keeps the last good value.
 */
import CodeMirror from '@uiw/react-codemirror';
import { json } from '@codemirror/lang-json';
import type { FieldProps } from '@rjsf/utils';
import { useEffect, useRef, useState } from 'react';
import { codeHighlight } from './jsonataLanguage.js';
import { compactSetup, editorTheme } from './codeEditor.js';
import type { ConfigFormContext } from './formContext.js';

const extensions = [json(), codeHighlight];

function pretty(value: unknown): string {
  return value === undefined ? '{}' : JSON.stringify(value, null, 2);
}

export function JsonField({ formData, onChange, fieldPathId, schema, disabled, readonly, registry }: FieldProps) {
  const [text, setText] = useState(() => pretty(formData));
  const [parseError, setParseError] = useState<string>();
  const lastSent = useRef<unknown>(formData);
  const issue = (registry.formContext as ConfigFormContext | undefined)?.fieldIssues[fieldPathId.$id];

  // Follow outside changes (undo, another node) but not the echo of our own edits.
  useEffect(() => {
    if (formData !== lastSent.current) {
      lastSent.current = formData;
      setText(pretty(formData));
      setParseError(undefined);
    }
  }, [formData]);

  const onText = (next: string) => {
    setText(next);
    try {
      const parsed: unknown = JSON.parse(next);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        setParseError('must be a JSON object { … }');
        return;
      }
      setParseError(undefined);
      lastSent.current = parsed;
      onChange(parsed, fieldPathId.path);
    } catch (error) {
      setParseError((error as Error).message);
    }
  };

  return (
    <div className="lf-field">
      <label className="lf-label" htmlFor={fieldPathId.$id}>
        {schema.title ?? 'JSON'}
      </label>
      {schema.description ? <p className="lf-help">{schema.description}</p> : null}
      <div className={`lf-code${parseError || issue ? ' lf-code--invalid' : ''}`} data-testid={`json-${fieldPathId.$id}`}>
        <CodeMirror
          id={fieldPathId.$id}
          value={text}
          theme={editorTheme}
          basicSetup={compactSetup}
          extensions={extensions}
          editable={!readonly && !disabled}
          onChange={onText}
          minHeight="80px"
          maxHeight="320px"
        />
      </div>
      {parseError ? <div className="lf-field-error">JSON: {parseError}</div> : issue ? <div className="lf-field-error">{issue.message}</div> : null}
    </div>
  );
}
